package scenarios_test

import (
	"testing"

	"github.com/stretchr/testify/require"

	"github.com/spikecs/spikecs/scenarios"
)

func TestBuiltinsParseAndBuild(t *testing.T) {
	require.NotEmpty(t, scenarios.Builtins())
	for _, b := range scenarios.Builtins() {
		t.Run(b.Name, func(t *testing.T) {
			require.NotEmpty(t, b.Summary, "every built-in has a one-line summary")
			sc, err := scenarios.Load(b.Name)
			require.NoError(t, err)
			require.NoError(t, sc.Check())
		})
	}
}
