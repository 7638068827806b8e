module github.com/spikecs/spikecs

go 1.24.0

require (
	github.com/mlange-42/arche v0.15.3
	github.com/stretchr/testify v1.12.1
	gonum.org/v1/gonum v0.17.0
)

require go.yaml.in/yaml/v3 v3.0.6 // indirect
