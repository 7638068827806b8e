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

// BenchmarkSTDP measures the STDP kernel (stepSTDP: trace decay, pre-spike
// depression along the CSR row, post-spike potentiation along the CSC
// column) in ns per weight update, against plain delivery of the same
// spikes without learning (deliver, shared weight) timed in the same loop.
// 4000 → 4000 neurons, 80 targets per pre neuron (fixed out-degree, so
// about 80 sources per post neuron), 1% of the pre and 1% of the post
// neurons fire per step: about 3200 depressions and 3200 potentiations
// per step, against 3200 delivered events.
//
//	deliver-ns/event: plain delivery, shared weight, no learning
//	plastic-deliver-ns/event: delivery of the plastic projection (per-synapse weights)
//	stdp-ns/update: stepSTDP per weight update (pre + post side; the
//	  per-step decay of the 8000 traces included)
//	x-deliver: (plastic delivery + stdp) / plain delivery, per step
func BenchmarkSTDP(b *testing.B) {
	for _, rule := range []components.STDPRule{components.STDPPair, components.STDPTriplet} {
		b.Run(rule.String(), func(b *testing.B) {
			const nPre, nPost = 4000, 4000
			sim, err := ecs.New(ecs.Options{Seed: 1})
			require.NoError(b, err)
			_, _ = sim.AddPopulation(ecs.LIF("pre", nPre))
			_, _ = sim.AddPopulation(ecs.LIF("post", nPost))
			net, err := NewNetwork(sim)
			require.NoError(b, err)
			ch := components.ChannelParams{Kind: components.SynExpon, TauMs: 5, Out: components.OutCOBA}
			conn := Connectivity{Kind: FixedOutDegree, N: 80}
			spec := STDPSpec{Rule: rule, TauPlusMs: 20, TauMinusMs: 20, APlusS: 1e-12, AMinusS: 1.05e-12, WMaxS: 1e-9}
			if rule == components.STDPTriplet {
				spec.TauXMs, spec.TauYMs, spec.A3PlusS, spec.A3MinusS = 101, 125, 6e-12, 2e-13
			}
			_, err = net.Connect(ProjectionSpec{Name: "plain", Pre: "pre", Post: "post", Weight: ecs.Scalar(0.5e-9), Conn: conn, Channel: ch})
			require.NoError(b, err)
			_, err = net.Connect(ProjectionSpec{Name: "plastic", Pre: "pre", Post: "post", Weight: ecs.Scalar(0.5e-9), Conn: conn, Channel: ch, Learning: &spec})
			require.NoError(b, err)
			plain, plastic := net.Projections()[0], net.Projections()[1]
			chn := &sim.Channels(1).List[0]
			r := rand.New(rand.NewPCG(1, 2))
			firedPre, firedPost := make([]int32, nPre/100), make([]int32, nPost/100)
			var events, updates int64
			var plainT, plasticT, stdpT time.Duration
			b.ResetTimer()
			for i := 0; i < b.N; i++ {
				for k := range firedPre {
					firedPre[k] = int32(r.IntN(nPre))
				}
				for k := range firedPost {
					firedPost[k] = int32(r.IntN(nPost))
				}
				slices.Sort(firedPre)
				slices.Sort(firedPost)
				firedPost = slices.Compact(firedPost)
				t0 := time.Now()
				events += deliver(plain, firedPre, chn, nPost, int64(i))
				t1 := time.Now()
				deliver(plastic, firedPre, chn, nPost, int64(i))
				t2 := time.Now()
				before := plastic.STDP.Updates
				stepSTDP(plastic, plastic.STDP, firedPre, firedPost, 0.1)
				t3 := time.Now()
				updates += plastic.STDP.Updates - before
				plainT += t1.Sub(t0)
				plasticT += t2.Sub(t1)
				stdpT += t3.Sub(t2)
				firedPost = firedPost[:cap(firedPost)]
			}
			b.StopTimer()
			b.ReportMetric(float64(plainT.Nanoseconds())/float64(events), "deliver-ns/event")
			b.ReportMetric(float64(plasticT.Nanoseconds())/float64(events), "plastic-deliver-ns/event")
			b.ReportMetric(float64(stdpT.Nanoseconds())/float64(updates), "stdp-ns/update")
			b.ReportMetric(float64(plasticT+stdpT)/float64(plainT), "x-deliver")
		})
	}
}
