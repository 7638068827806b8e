package scenarios_test

import (
	"testing"

	"github.com/stretchr/testify/require"

	"github.com/spikecs/spikecs/ecs"
)

// lockstep steps two sims of the same scenario side by side for the given
// number of steps and, after each step, calls compare for every
// population with both views bound. It returns the number of spikes of
// the first sim, so callers can check the comparison included some.
func lockstep(t *testing.T, a, b *ecs.Sim, steps int, compare func(step int, x, y *ecs.PopView)) int {
	t.Helper()
	spikes := 0
	for step := 0; step < steps; step++ {
		require.NoError(t, a.Step())
		require.NoError(t, b.Step())
		for id := range a.Populations() {
			x, err := a.Bind(id)
			require.NoError(t, err)
			y, err := b.Bind(id)
			require.NoError(t, err)
			spikes += len(*x.Fired)
			compare(step, x, y)
			require.NoError(t, a.Unbind(x))
			require.NoError(t, b.Unbind(y))
		}
	}
	return spikes
}
