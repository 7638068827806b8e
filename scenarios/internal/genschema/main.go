// Command genschema rewrites docs/scenario.schema.json from the code
// (scenarios.GenerateSchema): run `go generate ./scenarios`.
package main

import (
	"fmt"
	"os"

	"github.com/spikecs/spikecs/scenarios"
)

func main() {
	if len(os.Args) != 2 {
		fmt.Fprintln(os.Stderr, "usage: genschema PATH/scenario.schema.json")
		os.Exit(2)
	}
	path := os.Args[1]
	base, err := os.ReadFile(path)
	if err != nil {
		fmt.Fprintln(os.Stderr, "genschema:", err)
		os.Exit(1)
	}
	out, err := scenarios.GenerateSchema(base)
	if err != nil {
		fmt.Fprintln(os.Stderr, "genschema:", err)
		os.Exit(1)
	}
	if err := os.WriteFile(path, out, 0o644); err != nil {
		fmt.Fprintln(os.Stderr, "genschema:", err)
		os.Exit(1)
	}
}
