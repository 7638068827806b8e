package systems_test

import (
	"testing"

	"github.com/stretchr/testify/require"

	"github.com/spikecs/spikecs/components"
	"github.com/spikecs/spikecs/ecs"
	"github.com/spikecs/spikecs/systems"
)

// BenchmarkConnectBuild measures the connectivity builder (pairwise
// Bernoulli, p = 0.02) in synapses per second.
func BenchmarkConnectBuild(b *testing.B) {
	var syn int64
	for i := 0; i < b.N; i++ {
		sim, err := systems.NewSim(ecs.Options{Seed: uint64(i)})
		require.NoError(b, err)
		_, _ = sim.AddPopulation(ecs.LIF("a", 20000))
		net, _ := systems.NewNetwork(sim)
		_, err = net.Connect(systems.ProjectionSpec{Pre: "a", Post: "a", Weight: ecs.Scalar(1e-9),
			Conn:    systems.Connectivity{Kind: systems.FixedProb, P: 0.02},
			Channel: components.ChannelParams{Kind: components.SynExpon, TauMs: 5, Out: components.OutCOBA}})
		require.NoError(b, err)
		syn += net.Synapses()
	}
	b.ReportMetric(float64(syn)/b.Elapsed().Seconds(), "synapses/s")
}
