package scenarios_test

import (
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/spikecs/spikecs/ecs"
	"github.com/spikecs/spikecs/scenarios"
)

// TestNoSurrogateGradKeepsSpikesAndPotentials runs built-in scenarios
// with and without the surrogate derivative and checks that every V and
// spike is the same bit for bit and that DSdV is 0 without it.
func TestNoSurrogateGradKeepsSpikesAndPotentials(t *testing.T) {
	// steps per scenario: enough for each to spike
	for name, steps := range map[string]int{"coba": 300, "cuba": 300, "alif-adaptation": 3000, "ei-brainstate": 300, "reference": 300} {
		t.Run(name, func(t *testing.T) {
			sims := make([]*ecs.Sim, 2)
			for i, off := range []bool{false, true} {
				sc, err := scenarios.Load(name)
				require.NoError(t, err)
				sims[i], err = sc.Build(ecs.Options{NoSurrogateGrad: off})
				require.NoError(t, err)
			}
			spikes := lockstep(t, sims[0], sims[1], steps, func(step int, a, b *ecs.PopView) {
				for i := range a.Spike {
					require.Equal(t, a.Spike[i].S, b.Spike[i].S, "S of %s[%d] at step %d", a.Name, i, step)
					require.Zero(t, b.Spike[i].DSdV, "DSdV without the derivative")
					if a.Membrane != nil {
						require.Equal(t, a.Membrane[i].V, b.Membrane[i].V, "V of %s[%d] at step %d", a.Name, i, step)
					}
				}
			})
			assert.Positive(t, spikes, "the comparison must include spikes")
		})
	}
}

// TestNeedsSurrogateGrad pins which scenarios need the derivative: those
// recording spike_grad.
func TestNeedsSurrogateGrad(t *testing.T) {
	for name, want := range map[string]bool{"default": true, "reference": true, "coba": false, "cuba": false} {
		sc, err := scenarios.Load(name)
		require.NoError(t, err)
		assert.Equal(t, want, sc.NeedsSurrogateGrad(), name)
	}
}
