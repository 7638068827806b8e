package surrogate_test

import (
	"math/rand/v2"
	"testing"
	"time"

	"github.com/spikecs/spikecs/components"
	"github.com/spikecs/spikecs/systems/surrogate"
)

// benchNeurons is the block size of BenchmarkGrad: one million neurons.
const benchNeurons = 1 << 20

// BenchmarkGrad measures GradSlice over 1M neurons per family (default
// parameters, faithful; "/fixed" for the corrected variants) and reports:
//
//	ns/neuron       GradSlice time per neuron
//	grad-ns/neuron  the same work done by calling Grad once per element
//	speedup         grad-ns/neuron ÷ ns/neuron
//
// Inputs are uniform in [-3, 3] (so branchy families see unpredictable
// branches, as with real membrane voltages). The per-element baseline runs in
// the same process right after the timed loop, for the same number of
// iterations, with the benchmark timer stopped.
//
//	go test -run '^$' -bench BenchmarkGrad ./systems/surrogate/
func BenchmarkGrad(b *testing.B) {
	rng := rand.New(rand.NewPCG(42, 7))
	xs := make([]float64, benchNeurons)
	for i := range xs {
		xs[i] = rng.Float64()*6 - 3
	}
	out := make([]float64, benchNeurons)

	type variant struct {
		name string
		spec components.SurrogateSpec
	}
	var variants []variant
	for _, f := range surrogate.Families() {
		s, err := surrogate.New(f.Name, nil, false)
		if err != nil {
			b.Fatal(err)
		}
		variants = append(variants, variant{f.Name, s})
		if f.Fixable {
			s.Fixed = true
			variants = append(variants, variant{f.Name + "/fixed", s})
		}
	}

	for _, v := range variants {
		b.Run(v.name, func(b *testing.B) {
			b.SetBytes(int64(16 * benchNeurons)) // one float64 read, one written
			for b.Loop() {
				surrogate.GradSlice(v.spec, xs, out)
			}
			sliceNs := float64(b.Elapsed().Nanoseconds()) / float64(b.N) / benchNeurons

			b.StopTimer()
			start := time.Now()
			for range b.N {
				for i, x := range xs {
					out[i] = surrogate.Grad(v.spec, x)
				}
			}
			gradNs := float64(time.Since(start).Nanoseconds()) / float64(b.N) / benchNeurons

			b.ReportMetric(0, "ns/op") // per-neuron figures below are the point
			b.ReportMetric(sliceNs, "ns/neuron")
			b.ReportMetric(gradNs, "grad-ns/neuron")
			b.ReportMetric(gradNs/sliceNs, "speedup")
		})
	}
}
