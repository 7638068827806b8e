package systems_test

import (
	"bytes"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/spikecs/spikecs/components"
	"github.com/spikecs/spikecs/ecs"
	"github.com/spikecs/spikecs/systems"
)

// stateNet builds a small network with every kind of mutable state: ALIF
// with refractory period, a Poisson source (random stream), Expon COBA with
// delays (pending arrivals), STP, and a pre-side AMPA synapse.
func stateNet(t *testing.T) (*ecs.Sim, *systems.Network) {
	sim, err := systems.NewSim(ecs.Options{Seed: 11})
	require.NoError(t, err)
	neu := ecs.ALIF("n", 40)
	neu.Refractory = &ecs.RefractorySpec{TauRef: ecs.Scalar(1.5)}
	neu.Membrane.VInit = ecs.Uniform(0, 1)
	_, err = sim.AddPopulation(neu)
	require.NoError(t, err)
	_, err = sim.AddPopulation(ecs.PopulationSpec{Name: "src", Size: 30, Source: &ecs.SourceSpec{RateHz: ecs.Scalar(200)}})
	require.NoError(t, err)
	net, err := systems.NewNetwork(sim)
	require.NoError(t, err)
	for _, p := range []systems.ProjectionSpec{
		{Name: "in", Pre: "src", Post: "n", Weight: ecs.Normal(0.3, 0.05), DelayMs: ecs.Uniform(0, 2), Conn: systems.Connectivity{Kind: systems.FixedProb, P: 0.3},
			Channel: components.ChannelParams{Kind: components.SynExpon, TauMs: 3, Out: components.OutCOBA, EMV: 3}, ShortTerm: &systems.ShortTermSpec{Kind: components.STP, U: 0.2, TauFMs: 100, TauDMs: 50}},
		{Name: "rec", Pre: "n", Post: "n", Weight: ecs.Scalar(0.1), Conn: systems.Connectivity{Kind: systems.FixedOutDegree, N: 5},
			Channel: components.ChannelParams{Out: components.OutCOBA, EMV: -2}, PreSynapse: &systems.PreSynapseSpec{Kind: components.PreGABAa}},
	} {
		_, err := net.Connect(p)
		require.NoError(t, err)
	}
	in, err := systems.NewCurrentInput(sim, "n", components.Shared(1), 0, posInf)
	require.NoError(t, err)
	require.NoError(t, sim.AddNeuronSystem(ecs.StageInput, in))
	return sim, net
}

// TestSaveLoadContinuesExactly: saving after 150 steps and loading into a
// freshly built network continues with bit-identical states and spikes.
func TestSaveLoadContinuesExactly(t *testing.T) {
	a, anet := stateNet(t)
	require.NoError(t, a.Run(150))
	var simBuf, netBuf bytes.Buffer
	require.NoError(t, a.SaveState(&simBuf))
	require.NoError(t, anet.SaveState(&netBuf))
	want := record(t, a, 0, 200)

	b, bnet := stateNet(t)
	require.NoError(t, b.LoadState(&simBuf))
	require.NoError(t, bnet.LoadState(&netBuf))
	assert.Equal(t, int64(150), b.Clock().Step)
	got := record(t, b, 0, 200)
	assert.NotEmpty(t, want.spikeSteps(0))
	assert.Equal(t, want, got, "the restored simulation continues exactly")
	assert.Equal(t, anet.Events(), bnet.Events())

	c, _ := stateNet(t)
	_, err := c.AddPopulation(ecs.LIF("extra", 3))
	require.NoError(t, err)
	var buf bytes.Buffer
	require.NoError(t, a.SaveState(&buf))
	assert.ErrorContains(t, c.LoadState(&buf), "2 populations")
}
