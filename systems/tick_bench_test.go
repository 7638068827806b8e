package systems_test

import (
	"fmt"
	"math"
	"testing"
	"time"

	"github.com/stretchr/testify/require"

	"github.com/spikecs/spikecs/components"
	"github.com/spikecs/spikecs/ecs"
	"github.com/spikecs/spikecs/systems"
	"github.com/spikecs/spikecs/systems/surrogate"
)

// benchSim builds one population of n neurons of the given preset driven by
// a constant current, with heterogeneous initial V so neurons fire out of
// phase (about 1 spike per 7 ms per neuron).
func benchSim(tb testing.TB, model string, n int) *ecs.Sim {
	sim, err := systems.NewSim(ecs.Options{Seed: 1, BlockSize: 2048})
	require.NoError(tb, err)
	spec, ok := ecs.Preset(model, "p", n)
	require.True(tb, ok)
	spec.Membrane.Tau = ecs.Scalar(10)
	spec.Membrane.VInit = ecs.Uniform(0, 1)
	_, err = sim.AddPopulation(spec)
	require.NoError(tb, err)
	in, err := systems.NewCurrentInput(sim, "p", components.Shared(2), 0, math.Inf(1))
	require.NoError(tb, err)
	require.NoError(tb, sim.AddNeuronSystem(ecs.StageInput, in))
	return sim
}

// fused is the baseline: the same model (lazy reset, exponential Euler with
// an input accumulator and delta input, spike output and relu_grad
// derivative, optional adaptation) as one hand-written loop over plain
// slices with shared parameters.
type fused struct {
	v, a, cur, delta, s, ds []float64
}

// newFused returns the baseline's state, starting from the same initial
// potentials as the population of sim, so both run the same dynamics.
func newFused(tb testing.TB, sim *ecs.Sim, n int) *fused {
	// One allocation carved into the six arrays with staggered gaps, so
	// they do not all start at the same offset modulo 4 KiB (which made the
	// baseline alternate between two speeds through 4K aliasing).
	buf := make([]float64, 6*n+6*72)
	arr := make([][]float64, 6)
	off := 0
	for j := range arr {
		arr[j] = buf[off : off+n : off+n]
		off += n + 8 + 64*(j%2)
	}
	f := &fused{v: arr[0], cur: arr[1], delta: arr[2], s: arr[3], ds: arr[4], a: arr[5]}
	v, err := sim.Bind(0)
	require.NoError(tb, err)
	for i := range f.v {
		f.v[i] = v.Membrane[i].V
	}
	require.NoError(tb, sim.Unbind(v))
	return f
}

func (f *fused) tickLIF(iext float64) {
	const vth, vreset, vrest, r, alpha, width = 1.0, 0.0, 0.0, 1.0, 0.3, 1.0
	k := -math.Expm1(-0.1 / 10)
	den := vth - vreset
	v, cur, delta, s, ds := f.v, f.cur[:len(f.v)], f.delta[:len(f.v)], f.s[:len(f.v)], f.ds[:len(f.v)]
	for i := range v {
		v0 := v[i]
		v1 := v0 - den*step((v0-vth)/den)
		v2 := v1 + k*(vrest+r*(cur[i]+iext)-v1) + delta[i]
		cur[i], delta[i] = 0, 0
		x := (v2 - vth) / den
		s[i] = step(x)
		ds[i] = reluGrad(alpha, width, x) / den
		v[i] = v2
	}
}

func (f *fused) tickALIF(iext float64) {
	const vth, vreset, vrest, r, alpha, width, beta = 1.0, 0.0, 0.0, 1.0, 0.3, 1.0, 0.1
	k := -math.Expm1(-0.1 / 10)
	ka := math.Exp(-0.1 / 100)
	den := vth - vreset
	v, a, cur, delta, s, ds := f.v, f.a[:len(f.v)], f.cur[:len(f.v)], f.delta[:len(f.v)], f.s[:len(f.v)], f.ds[:len(f.v)]
	for i := range v {
		v0, a0 := v[i], a[i]
		s0 := step((v0 - vth - beta*a0) / den)
		v1 := v0 - den*s0
		v2 := v1 + k*(vrest+r*(cur[i]+iext)-v1) + delta[i]
		a2 := (a0 + s0) * ka
		cur[i], delta[i] = 0, 0
		x := (v2 - vth - beta*a2) / den
		s[i] = step(x)
		ds[i] = reluGrad(alpha, width, x) / den
		v[i], a[i] = v2, a2
	}
}

// reluGrad is relu_grad's g'(x), the same inlined kernel the spike system
// uses, so the ratio measures the ECS structure, not a different formula.
func reluGrad(alpha, width, x float64) float64 {
	return surrogate.ReluGradKernel(alpha, alpha*width, x)
}

// step is H(x) for the baseline (same as the systems' forward).
func step(x float64) float64 {
	if x >= 0 {
		return 1
	}
	return 0
}

// BenchmarkTick measures one full tick (input, reset, integrate, spike,
// refractory) of the ECS against the fused plain-slice baseline of the same
// model, run in the same benchmark. Metrics: ns/neuron (ECS), fused-ns/neuron,
// and x-fused = ECS time / fused time (targets: <= 1.5 at 100k, <= 2.5 at 1M).
func BenchmarkTick(b *testing.B) {
	for _, model := range []string{"LIF", "ALIF"} {
		for _, n := range []int{100_000, 1_000_000} {
			b.Run(fmt.Sprintf("%s/%dk", model, n/1000), func(b *testing.B) {
				sim := benchSim(b, model, n)
				f := newFused(b, sim, n)
				tick := f.tickLIF
				if model == "ALIF" {
					tick = f.tickALIF
				}
				for i := 0; i < 20; i++ { // warm up both
					require.NoError(b, sim.Step())
					tick(2)
				}
				// Interleave ECS and baseline in rounds so both see the same
				// machine state; time each side separately.
				var ecsT, fusedT time.Duration
				b.ResetTimer()
				for i := 0; i < b.N; i++ {
					t0 := time.Now()
					if err := sim.Step(); err != nil {
						b.Fatal(err)
					}
					t1 := time.Now()
					tick(2)
					t2 := time.Now()
					ecsT += t1.Sub(t0)
					fusedT += t2.Sub(t1)
				}
				b.StopTimer()
				per := float64(b.N) * float64(n)
				b.ReportMetric(float64(ecsT.Nanoseconds())/per, "ns/neuron")
				b.ReportMetric(float64(fusedT.Nanoseconds())/per, "fused-ns/neuron")
				b.ReportMetric(float64(ecsT)/float64(fusedT), "x-fused")
			})
		}
	}
}
