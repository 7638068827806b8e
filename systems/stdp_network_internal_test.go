package systems

import (
	"bytes"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/spikecs/spikecs/components"
	"github.com/spikecs/spikecs/ecs"
)

// stdpNet builds 40 Poisson inputs (30 Hz) → 3 conductance-based LIF
// neurons, all to all, with STDP spec on the weights (uniform in
// [0, w_max]); dt = 0.1 ms.
func stdpNet(t *testing.T, seed uint64, spec STDPSpec) (*ecs.Sim, *Network) {
	t.Helper()
	sim, err := NewSim(ecs.Options{Seed: seed, DtMs: stdpDt})
	require.NoError(t, err)
	_, err = sim.AddPopulation(ecs.PopulationSpec{Name: "in", Size: 40, Source: &ecs.SourceSpec{RateHz: ecs.Scalar(30)}})
	require.NoError(t, err)
	post := ecs.LIF("out", 3)
	post.Membrane.Tau, post.Membrane.R = ecs.Scalar(20), ecs.Scalar(1e8)
	post.Membrane.VRest, post.Membrane.VReset, post.Membrane.VTh = ecs.Scalar(-70), ecs.Scalar(-60), ecs.Scalar(-54)
	post.Membrane.VInit, post.Membrane.Reset = ecs.Scalar(-70), components.ResetHard
	_, err = sim.AddPopulation(post)
	require.NoError(t, err)
	net, err := NewNetwork(sim)
	require.NoError(t, err)
	_, err = net.Connect(ProjectionSpec{Name: "plastic", Pre: "in", Post: "out", Weight: ecs.Uniform(0, spec.WMaxS),
		Conn:     Connectivity{Kind: AllToAll},
		Channel:  components.ChannelParams{Kind: components.SynExpon, TauMs: 5, Out: components.OutCOBA},
		Learning: &spec})
	require.NoError(t, err)
	return sim, net
}

// runRecording steps sim and returns, per population, each neuron's spike
// steps.
func runRecording(t *testing.T, sim *ecs.Sim, steps int) [][][]int {
	t.Helper()
	out := make([][][]int, len(sim.Populations()))
	for id := range out {
		out[id] = make([][]int, sim.PopulationSize(id))
	}
	for n := 0; n < steps; n++ {
		step := int(sim.Clock().Step)
		require.NoError(t, sim.Step())
		for id := range out {
			v, err := sim.Bind(id)
			require.NoError(t, err)
			for _, i := range *v.Fired {
				out[id][i] = append(out[id][i], step)
			}
			require.NoError(t, sim.Unbind(v))
		}
	}
	return out
}

// TestSTDPInANetworkMatchesTheReference runs the Learn system in a real
// network (Poisson inputs, LIF neurons that fire because of the plastic
// synapses) and checks every learned weight against the per-synapse
// reference of the recorded spike steps, for both rules.
func TestSTDPInANetworkMatchesTheReference(t *testing.T) {
	for _, c := range []struct {
		name string
		spec STDPSpec
	}{{"pair", pairSpec()}, {"triplet", tripletSpec()}} {
		t.Run(c.name, func(t *testing.T) {
			c.spec.APlusS *= 5
			c.spec.AMinusS *= 5
			sim, net := stdpNet(t, 7, c.spec)
			pr := net.Plastic()[0]
			w0 := append([]float64(nil), pr.Weights...)
			const steps = 5000
			spikes := runRecording(t, sim, steps)
			posts := 0
			for _, s := range spikes[1] {
				posts += len(s)
			}
			require.Greater(t, posts, 10, "the post neurons must fire for the test to mean something")
			changed := 0
			for i := 0; i < 40; i++ {
				for k := pr.Offsets[i]; k < pr.Offsets[i+1]; k++ {
					j := pr.Targets[k]
					want := refWeight(c.spec, w0[k], spikes[0][i], spikes[1][j], steps)
					require.InDelta(t, want, pr.Weights[k], tol, "synapse %d → %d", i, j)
					if pr.Weights[k] != w0[k] {
						changed++
					}
				}
			}
			assert.Greater(t, changed, len(w0)/2, "most weights learn")
			assert.Equal(t, pr.STDP.Updates > 0, true)
			assert.Equal(t, []string{"deliver", "stdp"}, sim.Schedule()[ecs.StageDelivery], "STDP runs after delivery")
		})
	}
}

func TestSTDPSameSeedSameWeights(t *testing.T) {
	run := func(seed uint64) []float64 {
		sim, net := stdpNet(t, seed, tripletSpec())
		require.NoError(t, sim.Run(3000))
		return append([]float64(nil), net.Plastic()[0].Weights...)
	}
	a, b, c := run(1), run(1), run(2)
	assert.Equal(t, a, b, "same seed, same weights")
	assert.NotEqual(t, a, c, "another seed gives other weights")
}

// TestSTDPCheckpointContinuesExactly: the learned weights and the traces
// are part of Network.SaveState; a network restored after 2000 steps ends
// with the same weights as one that ran straight through.
func TestSTDPCheckpointContinuesExactly(t *testing.T) {
	for _, spec := range []STDPSpec{pairSpec(), tripletSpec()} {
		t.Run(spec.Rule.String(), func(t *testing.T) {
			a, anet := stdpNet(t, 5, spec)
			require.NoError(t, a.Run(2000))
			var simBuf, netBuf bytes.Buffer
			require.NoError(t, a.SaveState(&simBuf))
			require.NoError(t, anet.SaveState(&netBuf))
			mid := append([]float64(nil), anet.Plastic()[0].Weights...)
			require.NoError(t, a.Run(2000))

			b, bnet := stdpNet(t, 5, spec)
			assert.NotEqual(t, mid, bnet.Plastic()[0].Weights, "a fresh network has the initial weights")
			require.NoError(t, b.LoadState(&simBuf))
			require.NoError(t, bnet.LoadState(&netBuf))
			assert.Equal(t, mid, bnet.Plastic()[0].Weights, "the learned weights are restored")
			require.NoError(t, b.Run(2000))
			assert.Equal(t, anet.Plastic()[0].Weights, bnet.Plastic()[0].Weights)
			assert.Equal(t, anet.Plastic()[0].STDP.R1, bnet.Plastic()[0].STDP.R1)
			assert.Equal(t, anet.Plastic()[0].STDP.O1, bnet.Plastic()[0].STDP.O1)
		})
	}
}

func TestSTDPCheckpointRejectsAnotherRule(t *testing.T) {
	_, anet := stdpNet(t, 5, pairSpec())
	var buf bytes.Buffer
	require.NoError(t, anet.SaveState(&buf))
	_, bnet := stdpNet(t, 5, tripletSpec())
	assert.ErrorContains(t, bnet.LoadState(&buf), `projection "plastic": the saved learning state does not match`)
}

func TestSTDPBadInput(t *testing.T) {
	base := func() ProjectionSpec {
		s := pairSpec()
		return ProjectionSpec{Name: "syn", Pre: "in", Post: "out", Weight: ecs.Scalar(0.5e-9), Conn: Connectivity{Kind: AllToAll},
			Channel: components.ChannelParams{Kind: components.SynExpon, TauMs: 5, Out: components.OutCUBA, ScaleMV: 1000}, Learning: &s}
	}
	cases := []struct {
		name string
		edit func(*ProjectionSpec)
		want string
	}{
		{"tau_plus zero", func(p *ProjectionSpec) { p.Learning.TauPlusMs = 0 }, "tau_plus must be a finite time > 0 ms"},
		{"tau_minus negative", func(p *ProjectionSpec) { p.Learning.TauMinusMs = -1 }, "tau_minus must be a finite time > 0 ms"},
		{"triplet tau_y zero", func(p *ProjectionSpec) {
			p.Learning.Rule, p.Learning.TauXMs, p.Learning.A3PlusS = components.STDPTriplet, 100, 1e-12
		}, "tau_y must be a finite time > 0 ms"},
		{"triplet parameter on the pair rule", func(p *ProjectionSpec) { p.Learning.A3PlusS = 1e-12 }, "tau_x, tau_y, a3_plus and a3_minus belong to the triplet rule"},
		{"w_max zero", func(p *ProjectionSpec) { p.Learning.WMaxS = 0 }, "w_max must be finite and > 0 S"},
		{"negative amplitude", func(p *ProjectionSpec) { p.Learning.AMinusS = -1e-12 }, "a_minus must be finite and >= 0 S"},
		{"unknown rule", func(p *ProjectionSpec) { p.Learning.Rule = 9 }, "unknown learning rule"},
		{"weight above w_max", func(p *ProjectionSpec) { p.Weight = ecs.Scalar(2e-9) }, "weight 0 is 2e-09 S, outside [0, w_max = 1e-09 S]"},
		{"negative CUBA weight", func(p *ProjectionSpec) { p.Weight = ecs.List(0.1e-9, -0.1e-9, 0, 0, 0, 0) }, "weight 1 is -1e-10 S, outside"},
		{"pre-side synapse", func(p *ProjectionSpec) {
			p.Channel.Out, p.PreSynapse = components.OutCOBA, &PreSynapseSpec{Kind: components.PreAMPA}
		}, "stdp needs spike-driven delivery; a pre-side synapse"},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			sim, err := NewSim(ecs.Options{Seed: 1})
			require.NoError(t, err)
			_, _ = sim.AddPopulation(ecs.PopulationSpec{Name: "in", Size: 2, Source: &ecs.SourceSpec{RateHz: ecs.Scalar(30)}})
			_, _ = sim.AddPopulation(ecs.LIF("out", 3))
			net, err := NewNetwork(sim)
			require.NoError(t, err)
			spec := base()
			c.edit(&spec)
			_, err = net.Connect(spec)
			require.Error(t, err)
			assert.ErrorContains(t, err, `projection "syn": learning: `+c.want)
			assert.Empty(t, net.Plastic(), "a failed Connect adds nothing")
			assert.NotContains(t, sim.Schedule()[ecs.StageDelivery], "stdp")
		})
	}
}

// TestSTDPRefusesPartitionedRuns checks that a plastic projection in one
// partition of a split network is a clear learning error, not silently
// wrong weights (its pre spikes from other partitions would be missing).
func TestSTDPRefusesPartitionedRuns(t *testing.T) {
	sim, err := NewSim(ecs.Options{Partition: ecs.Partition{Index: 0, Count: 2}})
	require.NoError(t, err)
	_, err = sim.AddPopulation(ecs.LIF("a", 10))
	require.NoError(t, err)
	net, err := NewNetwork(sim)
	require.NoError(t, err)
	spec := pairSpec()
	_, err = net.Connect(ProjectionSpec{Name: "plastic", Pre: "a", Post: "a", Weight: ecs.Scalar(spec.WMaxS / 2),
		Conn:     Connectivity{Kind: AllToAll},
		Channel:  components.ChannelParams{Kind: components.SynExpon, TauMs: 5, Out: components.OutCOBA},
		Learning: &spec})
	var le *LearningError
	require.ErrorAs(t, err, &le)
	assert.Contains(t, err.Error(), `projection "plastic"`)
	assert.Contains(t, err.Error(), "partitioned")
}
