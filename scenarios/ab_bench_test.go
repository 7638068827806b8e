package scenarios_test

import (
	"testing"
	"time"

	"github.com/stretchr/testify/require"

	"github.com/spikecs/spikecs/ecs"
)

// benchAB runs the built-in VA scenario name (4k neurons) under two sets
// of options in the same process, alternating 100-step chunks so both see
// the same machine state, and reports both s/bio-s and the ratio a/b.
func benchAB(b *testing.B, name string, a, bb ecs.Options, la, lb string) {
	sims := make([]*ecs.Sim, 2)
	for i, o := range []ecs.Options{a, bb} {
		sc := scaledVA(b, name, 1)
		sim, err := sc.Build(o)
		require.NoError(b, err)
		require.NoError(b, sim.Run(1000))
		sims[i] = sim
	}
	const steps = 100
	var el [2]time.Duration
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		for j, sim := range sims {
			t0 := time.Now()
			require.NoError(b, sim.Run(steps))
			el[j] += time.Since(t0)
		}
	}
	bio := float64(b.N) * steps * 0.1e-3
	b.ReportMetric(el[0].Seconds()/bio, la+"-s/bio-s")
	b.ReportMetric(el[1].Seconds()/bio, lb+"-s/bio-s")
	b.ReportMetric(el[0].Seconds()/el[1].Seconds(), la+"/"+lb)
}

// BenchmarkNoSurrogateGrad measures what skipping the surrogate derivative
// saves on the VA benchmarks (ratio nograd/grad < 1 is faster).
func BenchmarkNoSurrogateGrad(b *testing.B) {
	for _, name := range []string{"coba", "cuba"} {
		b.Run(name, func(b *testing.B) {
			benchAB(b, name, ecs.Options{NoSurrogateGrad: true}, ecs.Options{}, "nograd", "grad")
		})
	}
}

// BenchmarkFusion measures FusedLIFRef on the VA benchmarks: fused
// against the separate systems (ratio fused/separate < 1 is faster), both
// without the surrogate derivative, as the runner runs them.
func BenchmarkFusion(b *testing.B) {
	for _, name := range []string{"coba", "cuba"} {
		b.Run(name, func(b *testing.B) {
			benchAB(b, name, ecs.Options{NoSurrogateGrad: true}, ecs.Options{NoSurrogateGrad: true, DisableFusion: true}, "fused", "separate")
		})
	}
}

// BenchmarkSIMD measures FusedLIFRef's vector kernels on the VA
// benchmarks against its Go loops (ratio < 1 is faster): the widest the
// CPU has (AVX-512 or AVX2) and AVX2, each in its own pair with the Go
// loops, all fused and without the surrogate derivative, as the runner
// runs them.
func BenchmarkSIMD(b *testing.B) {
	for _, name := range []string{"coba", "cuba"} {
		for _, c := range []struct {
			label string
			level ecs.SIMDLevel
		}{{"auto", ecs.SIMDAuto}, {"avx2", ecs.SIMDAVX2}} {
			b.Run(name+"/"+c.label, func(b *testing.B) {
				benchAB(b, name, ecs.Options{NoSurrogateGrad: true, SIMD: c.level}, ecs.Options{NoSurrogateGrad: true, SIMD: ecs.SIMDNone}, c.label, "go")
			})
		}
	}
}
