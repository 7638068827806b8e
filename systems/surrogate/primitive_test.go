package surrogate_test

import (
	"math"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/spikecs/spikecs/components"
	"github.com/spikecs/spikecs/systems/surrogate"
)

// kinkFreeGrid returns x = -2.95, -2.85, ..., 2.95: 60 points, none within
// 0.05 of a kink or jump of any default-parameter family (0, ±0.5, ±1).
func kinkFreeGrid() []float64 {
	xs := make([]float64, 0, 60)
	for i := range 60 {
		xs = append(xs, -2.95+0.1*float64(i))
	}
	return xs
}

// centralDiff is (g(x+h) - g(x-h))/(2h) with h = 1e-5. Its truncation
// error is h^2/6 times g's third derivative (< 1e-8 for these families on
// the grid) and its rounding error about 1e-16*|g|/h ≈ 1e-11, so 1e-6
// (absolute + relative) is a safe tolerance that still catches any wrong
// formula.
func centralDiff(t *testing.T, s components.SurrogateSpec, x float64) float64 {
	t.Helper()
	const h = 1e-5
	gp, ok1 := surrogate.Primitive(s, x+h)
	gm, ok2 := surrogate.Primitive(s, x-h)
	require.True(t, ok1 && ok2)
	return (gp - gm) / (2 * h)
}

func assertGradIsDerivativeOfPrimitive(t *testing.T, s components.SurrogateSpec, xs []float64) {
	t.Helper()
	for _, x := range xs {
		fd := centralDiff(t, s, x)
		g := surrogate.Grad(s, x)
		assert.InDeltaf(t, fd, g, 1e-6*(1+math.Abs(fd)), "kind %d fixed=%v P=%v: g'(%v) = %v but dg/dx = %v", s.Kind, s.Fixed, s.P, x, g, fd)
	}
}

// TestGradIsDerivativeOfPrimitive checks g' = dg/dx for every family that
// defines g: the fixed variants of the seven fixable families and the
// faithful variants of the six others, whose 0.1.10 g and g' agree.
func TestGradIsDerivativeOfPrimitive(t *testing.T) {
	grid := kinkFreeGrid()
	for _, f := range surrogate.Families() {
		if !f.HasPrimitive {
			continue
		}
		t.Run(f.Name, func(t *testing.T) {
			s, err := surrogate.New(f.Name, nil, f.Fixable)
			require.NoError(t, err)
			xs := grid
			if f.Kind == components.SurrogateLogTailedRelu {
				xs = without(grid, 0.95, 1.05) // g jumps at x = 1 (pinned below)
			}
			assertGradIsDerivativeOfPrimitive(t, s, xs)
		})
	}
}

// TestGradIsDerivativeOfPrimitiveWithOtherParameters repeats the check away
// from the defaults, where several formulas only then exercise all terms.
// The parameters keep every kink off the grid (1/0.7 ≈ 1.43, w = 1.5).
func TestGradIsDerivativeOfPrimitiveWithOtherParameters(t *testing.T) {
	cases := []struct {
		name   string
		params map[string]float64
		fixed  bool
	}{
		{"squarewave_fourier_series", map[string]float64{"n": 4, "t_period": 5}, false}, // faithful: 3 terms in both g and g'
		{"squarewave_fourier_series", map[string]float64{"n": 4, "t_period": 5}, true},  // fixed: 4 terms in both
		{"q_pseudo_spike", map[string]float64{"alpha": 0.5}, true},
		{"q_pseudo_spike", map[string]float64{"alpha": 1}, true}, // the log branch
		{"q_pseudo_spike", map[string]float64{"alpha": 3.5}, true},
		{"piecewise_quadratic", map[string]float64{"alpha": 0.7}, true},
		{"piecewise_leaky_relu", map[string]float64{"c": 0.05, "w": 1.5}, true},
		{"s2nn", map[string]float64{"alpha": 2, "beta": 0.5, "epsilon": 0}, false},
		{"sigmoid", map[string]float64{"alpha": 1.5}, false},
		{"soft_sign", map[string]float64{"alpha": 3}, false},
		{"nonzero_sign_log", map[string]float64{"alpha": 0.25}, false},
		{"erf", map[string]float64{"alpha": 2}, true},
		{"arctan", map[string]float64{"alpha": 2}, true},
	}
	for _, c := range cases {
		s := mustNew(t, c.name, c.params, c.fixed)
		assertGradIsDerivativeOfPrimitive(t, s, kinkFreeGrid())
	}
}

func without(xs []float64, lo, hi float64) []float64 {
	var out []float64
	for _, x := range xs {
		if x < lo-1e-9 || x > hi+1e-9 {
			out = append(out, x)
		}
	}
	return out
}

func TestPrimitiveUndefinedForFamiliesWithoutG(t *testing.T) {
	for _, f := range surrogate.Families() {
		s := mustNew(t, f.Name, nil, false)
		_, ok := surrogate.Primitive(s, 0.3)
		want := f.HasPrimitive && f.Kind != components.SurrogateArctan
		assert.Equalf(t, want, ok, "%s: Primitive defined = %v, want %v", f.Name, ok, want)
	}
	_, ok := surrogate.Primitive(components.SurrogateSpec{}, 0.3)
	assert.False(t, ok, "Unset is relu_grad, which has no g")
}

// The tests below pin the documented inconsistencies of the faithful 0.1.10
// primitives (reference §4.1, §8 item 8).

func TestFaithfulArctanPrimitiveIsUndefinedBecauseTheReferenceRaises(t *testing.T) {
	s := mustNew(t, "arctan", nil, false)
	_, ok := surrogate.Primitive(s, 0.5)
	assert.False(t, ok, "0.1.10 calls jnp.arctan2 with one argument: TypeError")
	s.Fixed = true
	g, ok := surrogate.Primitive(s, 1)
	require.True(t, ok)
	assert.InDelta(t, 0.8195464633859458, g, 1e-15, "fixed: arctan(pi/2)/pi + 0.5")
}

func TestFaithfulERFPrimitiveIsDecreasing(t *testing.T) {
	s := mustNew(t, "erf", nil, false)
	prev := math.Inf(1)
	for _, x := range kinkFreeGrid() {
		g, _ := surrogate.Primitive(s, x)
		assert.Lessf(t, g, prev, "faithful erf g(x) = 0.5*erf(-x) must decrease, at x = %v", x)
		prev = g
		assert.InDeltaf(t, -surrogate.Grad(s, x), centralDiff(t, s, x), 1e-6, "faithful erf: dg/dx = -g'(x) at %v", x)
	}
	g0, _ := surrogate.Primitive(s, 0)
	g1, _ := surrogate.Primitive(s, 1)
	assert.Equal(t, 0.0, g0, "0.5*erf(0)")
	assert.InDelta(t, -0.42135039647485, g1, 1e-12, "0.5*erf(-1): negative, not the 0.92 a CDF would give")
}

func TestFaithfulPiecewiseQuadraticGradIsAParabolaNotTheSlopeOfG(t *testing.T) {
	s := mustNew(t, "piecewise_quadratic", nil, false)
	assert.InDelta(t, 0.75, surrogate.Grad(s, 0.5), 1e-15, "coded g' = 1 - (0.5)^2")
	assert.InDelta(t, 0.5, centralDiff(t, s, 0.5), 1e-8, "g's slope is the triangle 1 - 0.5")
	s.Fixed = true
	assert.InDelta(t, 0.5, surrogate.Grad(s, 0.5), 1e-15, "fixed g' is the triangle")
}

func TestFaithfulPiecewiseLeakyReluCentralSlopeIsTwiceTheSlopeOfG(t *testing.T) {
	s := mustNew(t, "piecewise_leaky_relu", nil, false)
	assert.Equal(t, 1.0, surrogate.Grad(s, 0.2), "coded centre g' = 1/w")
	assert.InDelta(t, 0.5, centralDiff(t, s, 0.2), 1e-8, "g's centre slope is 1/(2w)")
	assert.InDelta(t, 0.01, centralDiff(t, s, 2), 1e-8, "outside, g' = c matches g")
}

func TestFaithfulQPseudoSpikePrimitiveDisagreesWithGradAndBlowsUp(t *testing.T) {
	s := mustNew(t, "q_pseudo_spike", nil, false) // alpha = 2
	assert.InDelta(t, 0.5625, surrogate.Grad(s, 0.5), 1e-15, "g'(0.5) = (1 + 2*0.5/3)^-2")
	assert.InDelta(t, 0.25, centralDiff(t, s, 0.5), 1e-8, "coded g uses alpha-1: slope (1 + 2*0.5)^-2")
	g, ok := surrogate.Primitive(s, -0.5)
	require.True(t, ok)
	assert.True(t, math.IsInf(g, 1), "g(-0.5) = 0.5*(1 - 2*0.5)^-1 = +Inf, got %v", g)

	s.P[0] = 1
	_, ok = surrogate.Primitive(s, 0.3)
	assert.False(t, ok, "alpha = 1: 2/(alpha-1) raises ZeroDivisionError in the reference")
}

func TestFaithfulLogTailedReluPrimitiveJumpsAtOne(t *testing.T) {
	s := mustNew(t, "log_tailed_relu", nil, false)
	at, _ := surrogate.Primitive(s, 1)
	after, _ := surrogate.Primitive(s, math.Nextafter(1, 2))
	assert.Equal(t, 1.0, at, "g(1) = 1 (linear branch)")
	assert.InDelta(t, 0, after, 1e-15, "g(1+) = log(1+) ≈ 0: 0.1.10's g is discontinuous (braintools later adds 1)")
}

func TestFaithfulSquarewaveSumsOneTermFewer(t *testing.T) {
	faithful := mustNew(t, "squarewave_fourier_series", map[string]float64{"n": 3}, false)
	fixed := faithful
	fixed.Fixed = true
	w := 2 * math.Pi / 8
	x := 0.7
	two := 0.5 * (math.Cos(w*x) + math.Cos(3*w*x))
	three := two + 0.5*math.Cos(5*w*x)
	assert.InDelta(t, two, surrogate.Grad(faithful, x), 1e-15, "n = 3 faithful: range(2, 3) adds only the 3wx term")
	assert.InDelta(t, three, surrogate.Grad(fixed, x), 1e-15, "n = 3 fixed: three terms")
	one := mustNew(t, "squarewave_fourier_series", map[string]float64{"n": 1}, false)
	dflt := mustNew(t, "squarewave_fourier_series", nil, false)
	assert.Equal(t, surrogate.Grad(dflt, x), surrogate.Grad(one, x), "faithful n = 1 and n = 2 both give the single cosine")
}
