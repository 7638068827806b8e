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

// deliverBefore is deliver as it was before the typed kernels (commit
// b396ad7), kept to measure the new kernels against it in one process.
func deliverBefore(pr *components.Projection, fired []int32, ch *components.Channel, n int, step int64) int64 {
	var events int64
	slots := int64(ch.Slots)
	rows := len(pr.Offsets) - 1
	for _, f := range fired {
		i := int(f) - pr.PreFrom
		if i < 0 || i >= rows {
			continue
		}
		lo, hi := pr.Offsets[i], pr.Offsets[i+1]
		tg := pr.Targets[lo:hi]
		events += hi - lo
		eff := 1.0
		switch {
		case pr.DelaySteps == nil && pr.Weights == nil:
			ring := ch.Ring[int((step+int64(max(pr.Delay, 1)))%slots)*n:][:n]
			w := pr.Weight * eff
			for _, j := range tg {
				ring[j] += w
			}
		case pr.DelaySteps == nil:
			ring := ch.Ring[int((step+int64(max(pr.Delay, 1)))%slots)*n:][:n]
			ws := pr.Weights[lo:hi][:len(tg)]
			for k, j := range tg {
				ring[j] += ws[k] * eff
			}
		default:
			ds := pr.DelaySteps[lo:hi][:len(tg)]
			for k, j := range tg {
				w := pr.Weight
				if pr.Weights != nil {
					w = pr.Weights[lo+int64(k)]
				}
				slot := (step + int64(max(int(ds[k]), 1))) % slots
				ch.Ring[int(slot)*n+int(j)] += w * eff
			}
		}
	}
	return events
}

// BenchmarkDeliverVsBefore times deliver and deliverBefore on the same
// spikes in the same loop (alternating) and reports x-before = new/old
// time (alternating which goes first): a ratio that machine load
// affects little. Cases: the
// Vogels–Abbott storage (shared weight, no delay; 4000 neurons, p = 0.02
// as coba/cuba), per-synapse float64 weights without delay, and
// per-synapse weights and delays (float64 + uint16 before; the new run
// also with its own storage, float32 + uint8) on 20,000 neurons with
// delays of 1–60 steps.
func BenchmarkDeliverVsBefore(b *testing.B) {
	type setup struct {
		name  string
		n     int
		spec  ProjectionSpec
		fired int
	}
	cuba := components.ChannelParams{Kind: components.SynExpon, TauMs: 5, Out: components.OutCUBA, ScaleMV: 1000}
	cases := []setup{
		{"va-shared", 4000, ProjectionSpec{Conn: Connectivity{Kind: FixedProb, P: 0.02}, Weight: ecs.Scalar(1e-9)}, 40},
		{"weights64", 4000, ProjectionSpec{Conn: Connectivity{Kind: FixedProb, P: 0.02}, Weight: ecs.Normal(1e-9, 1e-10)}, 40},
		{"weights+delays", 20000, ProjectionSpec{Conn: Connectivity{Kind: FixedOutDegree, N: 2000}, Weight: ecs.Normal(1e-9, 1e-10), DelayMs: ecs.Uniform(0.1, 6)}, 10},
	}
	for _, c := range cases {
		b.Run(c.name, func(b *testing.B) {
			sim, err := ecs.New(ecs.Options{Seed: 1, DtMs: 0.1})
			require.NoError(b, err)
			_, _ = sim.AddPopulation(ecs.LIF("a", c.n))
			net, err := NewNetwork(sim)
			require.NoError(b, err)
			c.spec.Pre, c.spec.Post, c.spec.Channel = "a", "a", cuba
			_, err = net.Connect(c.spec)
			require.NoError(b, err)
			pr := net.Projections()[0]
			old := *pr // the storage before: uint16 delays
			if pr.Delays8 != nil {
				old.Delays8, old.DelaySteps = nil, make([]uint16, len(pr.Delays8))
				for k, d := range pr.Delays8 {
					old.DelaySteps[k] = uint16(d)
				}
			}
			ch := &sim.Channels(0).List[0]
			r := rand.New(rand.NewPCG(1, 2))
			fired := make([]int32, c.fired)
			var tNew, tOld time.Duration
			b.ResetTimer()
			for i := 0; i < b.N; i++ {
				for k := range fired {
					fired[k] = int32(r.IntN(c.n))
				}
				slices.Sort(fired)
				// Alternate which runs first: the second finds the rows
				// and ring lines the first brought into the caches.
				if i%2 == 0 {
					t0 := time.Now()
					deliver(pr, fired, ch, c.n, int64(i))
					t1 := time.Now()
					deliverBefore(&old, fired, ch, c.n, int64(i))
					tOld += time.Since(t1)
					tNew += t1.Sub(t0)
				} else {
					t0 := time.Now()
					deliverBefore(&old, fired, ch, c.n, int64(i))
					t1 := time.Now()
					deliver(pr, fired, ch, c.n, int64(i))
					tNew += time.Since(t1)
					tOld += t1.Sub(t0)
				}
			}
			b.ReportMetric(float64(tNew)/float64(tOld), "x-before")
		})
	}
}
