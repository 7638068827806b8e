package systems_test

import (
	"math"

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

// BenchmarkTotalNumberBuild measures the fixed_total_number builder with
// the microcircuit's per-synapse draws (redrawn normal weights in float32,
// redrawn normal delays rounded to the nearest step) on 20,000 neurons
// with an in-degree of 1,000 (20 M synapses), in synapses per second, on
// every core (the rows are drawn by GOMAXPROCS goroutines).
func BenchmarkTotalNumberBuild(b *testing.B) {
	var syn int64
	for i := 0; i < b.N; i++ {
		sim, err := systems.NewSim(ecs.Options{Seed: uint64(i), DtMs: 0.1})
		require.NoError(b, err)
		_, _ = sim.AddPopulation(ecs.LIF("a", 20000))
		net, _ := systems.NewNetwork(sim)
		_, err = net.Connect(systems.ProjectionSpec{Pre: "a", Post: "a",
			Conn:          systems.Connectivity{Kind: systems.FixedTotalNumber, N: 20_000_000, NoAutapses: true},
			Weight:        ecs.NormalRedraw(87.8e-12, 8.78e-12, 0, math.Inf(1)),
			DelayMs:       ecs.NormalRedraw(1.5, 0.75, 0.1, math.Inf(1)),
			DelayRounding: systems.DelayNearest, WeightStorage: systems.WeightsFloat32,
			Channel: components.ChannelParams{Kind: components.SynExpon, TauMs: 0.5, Out: components.OutCUBA, ScaleMV: 1000}})
		require.NoError(b, err)
		syn += net.Synapses()
	}
	b.ReportMetric(float64(syn)/b.Elapsed().Seconds(), "synapses/s")
}
