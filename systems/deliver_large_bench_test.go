package systems

import (
	"math"
	"math/rand/v2"
	"slices"
	"testing"
	"time"

	"github.com/stretchr/testify/require"

	"github.com/spikecs/spikecs/components"
	"github.com/spikecs/spikecs/ecs"
)

// BenchmarkDeliverLarge measures delivery on a PD14-sized random
// projection: 30,000 neurons onto themselves with fixed_total_number and
// an in-degree of 3,900 (117 M synapses, the microcircuit's mean
// in-degree), normal weights redrawn >= 0 and delays N(1.5, 0.75) ms
// redrawn >= 0.1 ms, rounded to the nearest of dt = 0.1 ms (about 60 ring
// slots: a 14 MB arrival ring, beyond L2). Each iteration is one step in
// which 12 random neurons fire (30,000 × 4 Hz × 0.1 ms), ~47,000 events.
// Sub-benchmarks: "compact" stores float32 weights and uint8 delays (9 B
// per synapse, 1 GB), "wide" the same values as float64 weights and
// uint16 delays (14 B, 1.6 GB; the network is built once). Reported:
// ns/event, Mevents/s, the synapse bytes streamed (GB/s), and two bounds
// measured in the same process: "x-stream", ns/event over the time one
// core needs to read the event's synapse bytes at its sequential
// bandwidth, and "x-bound", ns/event over that time plus one random
// read-modify-write in an array the size of the ring (ringUpdateNs).
func BenchmarkDeliverLarge(b *testing.B) {
	const nNeurons, inDegree, firing = 30000, 3900, 12
	bw := streamBandwidth(1 << 27) // bytes per ns, one core
	var net *Network
	var sim *ecs.Sim
	build := func() {
		if net != nil {
			return
		}
		var err error
		sim, err = ecs.New(ecs.Options{Seed: 1, DtMs: 0.1})
		require.NoError(b, err)
		_, _ = sim.AddPopulation(ecs.LIF("a", nNeurons))
		net, err = NewNetwork(sim)
		require.NoError(b, err)
		_, err = net.Connect(ProjectionSpec{Pre: "a", Post: "a",
			Conn:          Connectivity{Kind: FixedTotalNumber, N: nNeurons * inDegree, NoAutapses: true},
			Weight:        ecs.NormalRedraw(87.8e-12, 8.78e-12, 0, math.Inf(1)),
			DelayMs:       ecs.NormalRedraw(1.5, 0.75, 0.1, math.Inf(1)),
			DelayRounding: DelayNearest, WeightStorage: WeightsFloat32,
			Channel: components.ChannelParams{Kind: components.SynExpon, TauMs: 0.5, Out: components.OutCUBA, ScaleMV: 1000}})
		require.NoError(b, err)
	}
	for _, c := range []struct {
		name  string
		wide  bool
		bytes float64
	}{{"compact", false, 9}, {"wide", true, 14}} {
		b.Run(c.name, func(b *testing.B) {
			build()
			pr := net.Projections()[0]
			if c.wide && pr.Weights == nil { // the storage before compaction, same values
				pr.Weights = make([]float64, len(pr.Weights32))
				for k, w := range pr.Weights32 {
					pr.Weights[k] = float64(w)
				}
				pr.DelaySteps = make([]uint16, len(pr.Delays8))
				for k, d := range pr.Delays8 {
					pr.DelaySteps[k] = uint16(d)
				}
				pr.Weights32, pr.Delays8 = nil, nil
			}
			ch := &sim.Channels(0).List[0]
			rmw := ringUpdateNs(len(ch.Ring))
			r := rand.New(rand.NewPCG(1, 2))
			fired := make([]int32, firing)
			var events int64
			var t time.Duration
			b.ResetTimer()
			for i := 0; i < b.N; i++ {
				for k := range fired {
					fired[k] = int32(r.IntN(nNeurons))
				}
				slices.Sort(fired)
				t0 := time.Now()
				events += deliver(pr, fired, ch, nNeurons, int64(i))
				t += time.Since(t0)
			}
			b.StopTimer()
			ns := float64(t.Nanoseconds()) / float64(events)
			b.ReportMetric(ns, "ns/event")
			b.ReportMetric(1e3/ns, "Mevents/s")
			b.ReportMetric(c.bytes/ns, "GB/s")
			b.ReportMetric(ns/(c.bytes/bw), "x-stream")
			b.ReportMetric(ns/(c.bytes/bw+rmw), "x-bound")
			b.ReportMetric(rmw, "ring-rmw-ns")
		})
	}
}

// ringUpdateNs returns the time (ns) of one random read-modify-write
// (x[i] += 1, i from a cheap generator, independent updates) in an array
// of n float64: the cost of an arrival landing in a ring of that size.
func ringUpdateNs(n int) float64 {
	xs := make([]float64, n)
	const updates = 1 << 24
	best := math.Inf(1)
	for rep := 0; rep < 3; rep++ {
		state := uint64(0x9E3779B97F4A7C15)
		t0 := time.Now()
		for u := 0; u < updates; u++ {
			state = state*6364136223846793005 + 1442695040888963407
			xs[int((state>>33)%uint64(n))] += 1
		}
		best = min(best, float64(time.Since(t0).Nanoseconds())/updates)
	}
	return best
}

// BenchmarkStream measures one core's sequential read bandwidth over a
// 1 GiB array (far beyond the caches), the bound for streaming synapses.
func BenchmarkStream(b *testing.B) {
	var bw float64
	for i := 0; i < b.N; i++ {
		bw = streamBandwidth(1 << 27)
	}
	b.ReportMetric(bw, "GB/s")
}

// streamBandwidth reads n uint64 (8n bytes) once to fault them in, then
// three times (integer sums in eight chains: the loop is not the limit),
// and returns the best read rate in bytes per ns (= GB/s).
func streamBandwidth(n int) float64 {
	xs := make([]uint64, n)
	for i := range xs {
		xs[i] = uint64(i)
	}
	best := 0.0
	var sink uint64
	for rep := 0; rep < 3; rep++ {
		t0 := time.Now()
		var s [8]uint64
		for i := 0; i+8 <= len(xs); i += 8 {
			v := xs[i : i+8 : i+8]
			s[0] += v[0]
			s[1] += v[1]
			s[2] += v[2]
			s[3] += v[3]
			s[4] += v[4]
			s[5] += v[5]
			s[6] += v[6]
			s[7] += v[7]
		}
		sink += s[0] + s[1] + s[2] + s[3] + s[4] + s[5] + s[6] + s[7]
		best = max(best, float64(8*n)/float64(time.Since(t0).Nanoseconds()))
	}
	if sink == 1 {
		panic("unreachable")
	}
	return best
}
