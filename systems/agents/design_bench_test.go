package agents_test

import (
	"fmt"
	"testing"

	"github.com/stretchr/testify/require"
)

// BenchmarkDesign compares, in one run, design (a) one population per
// agent with design (b) shared banks (the agents package), for 10k agents
// with 8, 14 and 20 neurons per brain, 10 neural steps of 0.5 ms per tick.
// It reports ns per agent per tick (sense + 10 steps + act). For 14
// neurons it also runs (b) with banks of only 64 brains (157 banks), to
// show what the per-bank cost is.
//
//	go test ./systems/agents -run '^$' -bench Design -benchtime 20x
func BenchmarkDesign(b *testing.B) {
	const nAgents = 10_000
	for _, n := range []int{8, 14, 20} {
		b.Run(fmt.Sprintf("shared/agents=%d/neurons=%d", nAgents, n), func(b *testing.B) {
			d, err := newSharedDesign(nAgents, n, 0)
			require.NoError(b, err)
			benchTicks(b, nAgents, d.tick)
		})
		if n == 14 {
			b.Run(fmt.Sprintf("shared-banks-of-64/agents=%d/neurons=%d", nAgents, n), func(b *testing.B) {
				d, err := newSharedDesign(nAgents, n, 64)
				require.NoError(b, err)
				benchTicks(b, nAgents, d.tick)
			})
		}
		b.Run(fmt.Sprintf("per-agent/agents=%d/neurons=%d", nAgents, n), func(b *testing.B) {
			d, err := newPerAgentDesign(nAgents, n)
			require.NoError(b, err)
			benchTicks(b, nAgents, d.tick)
		})
	}
}

// benchTicks times b.N ticks and reports ns per agent per tick.
func benchTicks(b *testing.B, nAgents int, tick func() error) {
	for range 3 { // warm up: first spikes, slices grown
		require.NoError(b, tick())
	}
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		if err := tick(); err != nil {
			b.Fatal(err)
		}
	}
	b.ReportMetric(float64(b.Elapsed().Nanoseconds())/float64(b.N)/float64(nAgents), "ns/agent/tick")
}
