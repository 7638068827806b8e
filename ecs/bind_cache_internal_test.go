package ecs

import (
	"testing"
	"time"

	"github.com/stretchr/testify/require"
)

// BenchmarkBind compares a bind that reuses the remembered view (the
// storage did not change) with the full fast-path bind (query, count,
// end checks), on a LIFRef population of 4000 neurons; ratio < 1: the
// cache is faster.
func BenchmarkBind(b *testing.B) {
	sim, err := New(Options{})
	require.NoError(b, err)
	id, err := sim.AddPopulation(LIFRef("p", 4000))
	require.NoError(b, err)
	p := sim.pops[id]
	var el [2]time.Duration
	for i := 0; i < b.N; i++ {
		for j := range el {
			if j == 1 {
				p.cache.ok = false
			}
			t0 := time.Now()
			v, err := sim.bind(p)
			el[j] += time.Since(t0)
			if err != nil || !v.Contiguous {
				b.Fatal("the fast path must apply", err)
			}
		}
	}
	b.ReportMetric(float64(el[0].Nanoseconds())/float64(b.N), "cached-ns/bind")
	b.ReportMetric(float64(el[1].Nanoseconds())/float64(b.N), "full-ns/bind")
	b.ReportMetric(el[0].Seconds()/el[1].Seconds(), "cached/full")
}
