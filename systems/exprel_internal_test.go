package systems

import (
	"math"
	"testing"

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
