package surrogate_test

import (
	"math"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/spikecs/spikecs/systems/surrogate"
)

// TestFixedFormulasSpotChecks compares the braintools-corrected formulas
// (§4.3) with values computed independently from their closed forms
// (Python math, float64). Tolerance 1e-13: same formula, different
// evaluation order.
func TestFixedFormulasSpotChecks(t *testing.T) {
	cases := []struct {
		name   string
		params map[string]float64
		x      float64
		grad   float64 // fixed g'(x)
		prim   float64 // fixed g(x), NaN if undefined
		why    string
	}{
		{"gaussian_grad", nil, 0, 0.3989422804014327, math.NaN(), "0.5*N(0; 0, 0.5)"},
		{"gaussian_grad", nil, 1, 0.05399096651318806, math.NaN(), "exponent -x^2/(2 sigma^2) = -2 (faithful: -1/8)"},
		{"gaussian_grad", nil, 2, 0.00013383022576488537, math.NaN(), "exponent -8"},
		{"piecewise_quadratic", nil, -0.5, 0.5, 0.125, "triangle 1 - |x|; g = (-|x|/2 + 1)*x + 0.5"},
		{"piecewise_quadratic", nil, 0.3, 0.7, 0.755, "triangle 1 - 0.3"},
		{"piecewise_leaky_relu", nil, 0.4, 0.5, 0.7, "centre slope 1/(2w)"},
		{"piecewise_leaky_relu", nil, -2, 0.01, -0.01, "outside: c; g = c*x + c*w"},
		{"squarewave_fourier_series", nil, 0, 1, 0.5, "n = 2 terms: (4/8)*(1 + 1)"},
		{"squarewave_fourier_series", nil, 0.5, 0.6532814824381883, 0.9396771654952425, "(cos(pi/8) + cos(3pi/8))/2"},
		{"arctan", nil, -0.5, 0.30924322907941815, 0.2880776334043192, "g' unchanged; g = arctan(-pi/4)/pi + 0.5"},
		{"erf", nil, 1, 0.20755374871029736, 0.9213503964748575, "g' unchanged; g = 0.5*(1 - erf(-1))"},
		{"q_pseudo_spike", nil, 1.5, 0.25, 1.25, "g' unchanged; g = 0.5 + 1.5*(1 - 1/(1 + 2*1.5/3))"},
		{"q_pseudo_spike", nil, -1.5, 0.25, -0.25, "odd about (0, 0.5)"},
		{"q_pseudo_spike", map[string]float64{"alpha": 1}, 1, 0.5, 1.1931471805599454, "alpha = 1: 0.5 + log(2)"},
		{"q_pseudo_spike", map[string]float64{"alpha": 0.5}, 0.7, math.Pow(1+2*0.7/1.5, -0.5), 1.085665361461421, "heavy tail alpha = 0.5"},
	}
	for _, c := range cases {
		s := mustNew(t, c.name, c.params, true)
		assert.InDeltaf(t, c.grad, surrogate.Grad(s, c.x), 1e-13, "%s fixed: g'(%v): %s", c.name, c.x, c.why)
		g, ok := surrogate.Primitive(s, c.x)
		if math.IsNaN(c.prim) {
			assert.Falsef(t, ok, "%s has no g", c.name)
			continue
		}
		require.Truef(t, ok, "%s fixed defines g", c.name)
		assert.InDeltaf(t, c.prim, g, 1e-13, "%s fixed: g(%v): %s", c.name, c.x, c.why)
	}
}

// TestFixedChangesOnlyWhatBraintoolsChanged: for arctan, erf and
// q_pseudo_spike the fix is in g only, so g' must not move; for the other
// four fixable families g' must differ somewhere on the grid.
func TestFixedChangesOnlyWhatBraintoolsChanged(t *testing.T) {
	gOnly := map[string]bool{"arctan": true, "erf": true, "q_pseudo_spike": true}
	for _, f := range surrogate.Families() {
		if !f.Fixable {
			continue
		}
		faithful := mustNew(t, f.Name, nil, false)
		fixed := mustNew(t, f.Name, nil, true)
		differs := false
		for _, x := range kinkFreeGrid() {
			if surrogate.Grad(faithful, x) != surrogate.Grad(fixed, x) {
				differs = true
			}
		}
		assert.Equalf(t, !gOnly[f.Name], differs, "%s: fixed g' differs from faithful = %v", f.Name, differs)
	}
}

// TestFixedFlagIsIgnoredByFamiliesWithoutAFix: a hand-built spec may set
// Fixed on any family; families without a corrected variant ignore it.
func TestFixedFlagIsIgnoredByFamiliesWithoutAFix(t *testing.T) {
	for _, f := range surrogate.Families() {
		if f.Fixable {
			continue
		}
		s := mustNew(t, f.Name, nil, false)
		sf := s
		sf.Fixed = true
		for _, x := range kinkFreeGrid() {
			assert.Equalf(t, surrogate.Grad(s, x), surrogate.Grad(sf, x), "%s at %v", f.Name, x)
			g1, ok1 := surrogate.Primitive(s, x)
			g2, ok2 := surrogate.Primitive(sf, x)
			assert.Equal(t, ok1, ok2)
			assert.Equalf(t, g1, g2, "%s g at %v", f.Name, x)
		}
	}
}
