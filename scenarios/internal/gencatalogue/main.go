// Command gencatalogue writes docs/model-catalogue.md from the model
// descriptors (scenarios.GenerateModelCatalogue): run `go generate ./scenarios`.
package main

import (
	"fmt"
	"os"

	"github.com/spikecs/spikecs/scenarios"
)

func main() {
	if len(os.Args) != 2 {
		fmt.Fprintln(os.Stderr, "usage: gencatalogue PATH/model-catalogue.md")
		os.Exit(2)
	}
	if err := os.WriteFile(os.Args[1], scenarios.GenerateModelCatalogue(), 0o644); err != nil {
		fmt.Fprintln(os.Stderr, "gencatalogue:", err)
		os.Exit(1)
	}
}
