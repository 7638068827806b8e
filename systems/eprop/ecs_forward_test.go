package eprop

import (
	"slices"
	"testing"

	"github.com/stretchr/testify/require"

	"github.com/spikecs/spikecs/components"
	"github.com/spikecs/spikecs/ecs"
	"github.com/spikecs/spikecs/systems"
)

// inputSource turns a trial's inputs into a spike-time source: the input
// arriving in step n is the source's spike of step n − 1.
func inputSource(tr *Trial, in int, dt float64) ecs.PopulationSpec {
	src := &ecs.SourceSpec{}
	for n := 1; n < tr.Steps; n++ {
		for i := range in {
			if tr.X[n*in+i] != 0 {
				src.TimesMs = append(src.TimesMs, float64(n-1)*dt)
				src.Neurons = append(src.Neurons, i)
			}
		}
	}
	return ecs.PopulationSpec{Name: "in", Size: in, Source: src}
}

// TestDenseForwardEqualsECS proves that the dense Forward used for
// training computes exactly what the spikecs ECS simulation
// (systems.NewSim + Network) computes for the same network: identical
// spikes and last-spike times and V, a equal to 1e-12 at every step, for
// LIF and ALIF groups, soft and hard reset, refractoriness in hold and
// block mode and a non-default surrogate.
func TestDenseForwardEqualsECS(t *testing.T) {
	hard := ALIFGroup("alif_hard", 4, 15, 1, 40, 0.5)
	hard.Hard, hard.VResetMV, hard.TauRefMs = true, -0.3, 2.5
	ref := LIFGroup("lif_ref", 5, 8, 1)
	ref.TauRefMs, ref.VInitMV = 3, 1.2 // starts above threshold: the first reset happens at step 0
	blockLIF := LIFGroup("lif_block", 5, 8, 1)
	blockLIF.TauRefMs, blockLIF.RefractoryMode, blockLIF.VInitMV = 3.5, components.RefractoryBlock, 1.2 // no reset at step 0: nothing was emitted before
	blockALIF := ALIFGroup("alif_block", 4, 15, 1, 40, 0.5)
	blockALIF.Hard, blockALIF.VResetMV, blockALIF.TauRefMs, blockALIF.RefractoryMode = true, -0.3, 2.5, components.RefractoryBlock
	cases := []struct {
		name   string
		groups []Group
	}{
		{"LIF", []Group{LIFGroup("lif", 6, 10, 1)}},
		{"ALIF", []Group{ALIFGroup("alif", 6, 20, 1, 100, 0.2)}},
		{"mixed", []Group{LIFGroup("lif", 3, 10, 1), hard, ref}},
		{"block refractory", []Group{blockLIF, blockALIF, ref}},
	}
	for ci, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			const in, steps = 7, 200
			l, err := NewLayer(1, in, c.groups...)
			require.NoError(t, err)
			tr, err := NewTrainer(Config{Layer: l, Outputs: 1, TauOutMs: 10})
			require.NoError(t, err)
			randomNet(tr, uint64(ci+7), 2.5, 1.5, 1.0)
			trial := randomTrial(ecs.Stream(uint64(ci), "ecs"), steps, in, 1, 0.25, MSE, 0)
			clear(trial.X[:in]) // nothing arrives in step 0 of the ECS (no step −1)

			sim, err := systems.NewSim(ecs.Options{DtMs: 1, Seed: 1})
			require.NoError(t, err)
			_, err = sim.AddPopulation(inputSource(trial, in, 1))
			require.NoError(t, err)
			net, err := systems.NewNetwork(sim)
			require.NoError(t, err)
			_, err = l.AddToSim(sim, net, "in", tr.W)
			require.NoError(t, err)

			f := NewForward(l)
			spikes, blocked := 0.0, 0
			for n := range steps {
				require.NoError(t, f.Advance(trial.X[n*in:(n+1)*in], tr.wt))
				require.NoError(t, sim.Step())
				j0 := 0
				for _, g := range l.Groups {
					id, _ := sim.Population(g.Name)
					v, err := sim.Bind(id)
					require.NoError(t, err)
					for k := range g.Size {
						j := j0 + k
						require.Equal(t, v.Spike[k].S, f.Z[j], "step %d neuron %d: spike", n, j)
						require.InDelta(t, v.Membrane[k].V, f.V[j], 1e-12, "step %d neuron %d: V", n, j)
						if v.Adaptation != nil {
							require.InDelta(t, v.Adaptation[k].A, f.A[j], 1e-12, "step %d neuron %d: a", n, j)
						}
						if !f.Held[j] {
							require.InDelta(t, v.Spike[k].DSdV, f.Psi[j], 1e-12, "step %d neuron %d: ψ = DSdV outside the hold", n, j)
						}
						if v.Refractory != nil {
							require.Equal(t, f.LastMs[j], v.Refractory[k].LastSpikeMs, "step %d neuron %d: last spike", n, j)
						}
						if f.Blocked[j] && f.V[j]-l.VTh[j]-l.Beta[j]*f.A[j] >= 0 {
							blocked++ // a suppressed spike
						}
						spikes += f.Z[j]
					}
					require.NoError(t, sim.Unbind(v))
					j0 += g.Size
				}
			}
			require.Greater(t, spikes, float64(steps)/2, "the network must be active")
			if slices.Contains(l.Block, true) {
				require.Greater(t, blocked, 10, "spikes must be blocked (V above threshold while refractory)")
			}
		})
	}
}
