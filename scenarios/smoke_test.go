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
			sc, err := scenarios.LoadWith(b.Name, smallBuiltin(b.Name)...)
			require.NoError(t, err)
			require.NoError(t, sc.Check())
		})
	}
}

// smallBuiltin returns the overrides that shrink a built-in too big for a
// unit test: the full-scale microcircuit (0.3 G synapses, about 3 GB) runs
// at 2 % of its neurons without warm-up.
func smallBuiltin(name string) []scenarios.Override {
	if name != "microcircuit" {
		return nil
	}
	return []scenarios.Override{{Path: "microcircuit.scale", Value: "0.02"}, {Path: "microcircuit.warm_up", Value: "0 ms"}}
}
