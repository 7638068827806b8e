package systems

import (
	"math/rand/v2"
	"slices"
	"testing"
	"time"

	"github.com/stretchr/testify/require"

	"github.com/spikecs/spikecs/components"
	"github.com/spikecs/spikecs/ecs"
)

// BenchmarkDeliver measures event-driven delivery alone (deliver, the
// delivery-stage kernel) in ns per synaptic event: 1% of nPre neurons fire
// per step, each with 80 targets (fixed out-degree), weights shared. The
// baseline, timed in the same loop, is a plain scatter-add of the same
// events into a []float64 (x-scatter = delivery / baseline). "cached":
// 4000 post neurons; "dram": 4M post neurons (32 MB ring, beyond L3).
func BenchmarkDeliver(b *testing.B) {
	for _, c := range []struct {
		name        string
		nPre, nPost int
	}{{"cached", 4000, 4000}, {"dram", 40000, 4_000_000}} {
		b.Run(c.name, func(b *testing.B) {
			sim, err := ecs.New(ecs.Options{Seed: 1})
			require.NoError(b, err)
			_, _ = sim.AddPopulation(ecs.LIF("pre", c.nPre))
			_, _ = sim.AddPopulation(ecs.LIF("post", c.nPost))
			net, err := NewNetwork(sim)
			require.NoError(b, err)
			_, err = net.Connect(ProjectionSpec{Pre: "pre", Post: "post", Weight: ecs.Scalar(1e-9),
				Conn:    Connectivity{Kind: FixedOutDegree, N: 80},
				Channel: components.ChannelParams{Kind: components.SynExpon, TauMs: 5, Out: components.OutCUBA, ScaleMV: 1000}})
			require.NoError(b, err)
			pr := net.Projections()[0]
			ch := &sim.Channels(1).List[0]
			r := rand.New(rand.NewPCG(1, 2))
			fired := make([]int32, c.nPre/100)
			dst := make([]float64, c.nPost)
			var events int64
			var delT, baseT time.Duration
			b.ResetTimer()
			for i := 0; i < b.N; i++ {
				for k := range fired {
					fired[k] = int32(r.IntN(c.nPre))
				}
				slices.Sort(fired)
				t0 := time.Now()
				events += deliver(pr, fired, ch, c.nPost, int64(i))
				t1 := time.Now()
				for _, f := range fired {
					for _, j := range pr.Targets[pr.Offsets[f]:pr.Offsets[f+1]] {
						dst[j] += 1e-9
					}
				}
				baseT += time.Since(t1)
				delT += t1.Sub(t0)
			}
			b.StopTimer()
			b.ReportMetric(float64(delT.Nanoseconds())/float64(events), "ns/event")
			b.ReportMetric(float64(baseT.Nanoseconds())/float64(events), "scatter-ns/event")
			b.ReportMetric(float64(delT)/float64(baseT), "x-scatter")
		})
	}
}
