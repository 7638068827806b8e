package systems

import (
	"math"
	"math/rand/v2"
	"slices"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
)

// TestExprelMatchesExpm1 checks the series branch of exprel against
// math.Expm1(z)/z to 6e-16 relative error (a few ulp) over the range it covers,
// and the boundary and zero cases.
func TestExprelMatchesExpm1(t *testing.T) {
	exprel := func(z float64) float64 {
		zs := []float64{z}
		exprelSlice(zs)
		return zs[0]
	}
	for i := -20000; i <= 20000; i++ {
		z := float64(i) / 40000 // [-0.5, 0.5]
		if z == 0 {
			assert.Equal(t, 1.0, exprel(z))
			continue
		}
		want := math.Expm1(z) / z
		assert.InEpsilon(t, want, exprel(z), 6e-16, "exprel(%v)", z)
	}
	for _, z := range []float64{-0.6, 0.75, -3, 10} {
		assert.Equal(t, math.Expm1(z)/z, exprel(z), "outside the series range exprel is Expm1(z)/z (z = %v)", z)
	}
}

// TestExprelSliceEqualsScalar checks that exprelSlice (AVX2 on amd64 CPUs
// that have it) gives exprelScalar's bits for every value, including
// groups of four that mix the series and Expm1 branches, zeros, NaN and
// infinities, and lengths that are not multiples of 4.
func TestExprelSliceEqualsScalar(t *testing.T) {
	rng := rand.New(rand.NewPCG(1, 2))
	special := []float64{0, math.Copysign(0, -1), 0.5, -0.5, math.Nextafter(0.5, 1), math.Nextafter(-0.5, -1),
		1e-300, -1e-300, math.NaN(), math.Inf(1), math.Inf(-1), 3, -7}
	for _, n := range []int{0, 1, 3, 4, 5, 8, 63, 64, 1001} {
		for _, frac := range []float64{0, 0.01, 0.3} { // share of values outside the series range
			zs := make([]float64, n)
			for i := range zs {
				switch r := rng.Float64(); {
				case r < frac/2:
					zs[i] = special[rng.IntN(len(special))]
				case r < frac:
					zs[i] = (rng.Float64() - 0.5) * 20
				default:
					zs[i] = rng.Float64() - 0.5
				}
			}
			want := slices.Clone(zs)
			exprelScalar(want)
			exprelSlice(zs)
			for i := range zs {
				assert.Equal(t, math.Float64bits(want[i]), math.Float64bits(zs[i]), "n=%d frac=%v i=%d", n, frac, i)
			}
		}
	}
}

// BenchmarkExprel compares exprelSlice (AVX2 where available) with
// exprelScalar on a block of 4096 COBA-like arguments z = dt·A in
// [−0.1, 0]; it reports ns per value of each and the ratio slice/scalar.
func BenchmarkExprel(b *testing.B) {
	rng := rand.New(rand.NewPCG(3, 4))
	src := make([]float64, 4096)
	for i := range src {
		src[i] = -0.1 * rng.Float64()
	}
	zs := make([]float64, len(src))
	var el [2]time.Duration
	for i := 0; i < b.N; i++ {
		for j, f := range []func([]float64){exprelSlice, exprelScalar} {
			copy(zs, src)
			t0 := time.Now()
			f(zs)
			el[j] += time.Since(t0)
		}
	}
	per := float64(b.N) * float64(len(src))
	b.ReportMetric(float64(el[0].Nanoseconds())/per, "slice-ns/value")
	b.ReportMetric(float64(el[1].Nanoseconds())/per, "scalar-ns/value")
	b.ReportMetric(el[0].Seconds()/el[1].Seconds(), "slice/scalar")
}
