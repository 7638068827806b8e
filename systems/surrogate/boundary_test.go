package surrogate_test

import (
	"math"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/spikecs/spikecs/components"
	"github.com/spikecs/spikecs/systems/surrogate"
)

func mustNew(t *testing.T, name string, params map[string]float64, fixed bool) components.SurrogateSpec {
	t.Helper()
	s, err := surrogate.New(name, params, fixed)
	require.NoError(t, err)
	return s
}

func TestHeavisideSpikesAtZeroAndNotOnNaN(t *testing.T) {
	cases := []struct {
		x, want float64
		why     string
	}{
		{0, 1, "H(0) = 1: a neuron exactly at threshold spikes"},
		{math.Copysign(0, -1), 1, "H(-0) = 1: -0 >= 0"},
		{-math.SmallestNonzeroFloat64, 0, "anything below zero is silent"},
		{-1, 0, ""},
		{2.5, 1, ""},
		{math.Inf(1), 1, ""},
		{math.Inf(-1), 0, ""},
		{math.NaN(), 0, "H(NaN) = 0: NaN >= 0 is false"},
	}
	for _, c := range cases {
		assert.Equalf(t, c.want, surrogate.Heaviside(c.x), "H(%v): %s", c.x, c.why)
	}
}

// TestGradBoundaryConventions pins §4.2's conventions: piecewise_quadratic
// and piecewise_leaky_relu treat |x| = bound as inside; s2nn and leaky_relu
// send x = 0 to the right (x >= 0) branch; log_tailed_relu uses x > 1 and
// x > 0. Parameters are chosen so that the two candidate branches differ at
// the boundary.
func TestGradBoundaryConventions(t *testing.T) {
	negZero := math.Copysign(0, -1)
	cases := []struct {
		name   string
		params map[string]float64
		fixed  bool
		x      float64
		want   float64
		why    string
	}{
		{"piecewise_quadratic", map[string]float64{"alpha": 2}, false, 0.5, 1, "|x| = 1/alpha is inside: -(2*0.5)^2 + 2 = 1, not 0"},
		{"piecewise_quadratic", map[string]float64{"alpha": 2}, false, -0.5, 1, "same at -1/alpha"},
		{"piecewise_quadratic", map[string]float64{"alpha": 2}, false, math.Nextafter(0.5, 1), 0, "just outside 1/alpha the gradient is 0"},
		{"piecewise_quadratic", map[string]float64{"alpha": 2}, true, 0.5, 0, "fixed triangle: 2 - 4*0.5 = 0, continuous at the edge"},
		{"piecewise_leaky_relu", map[string]float64{"c": 0.01, "w": 1}, false, 1, 1, "|x| = w is inside: 1/w, not c"},
		{"piecewise_leaky_relu", map[string]float64{"c": 0.01, "w": 1}, false, -1, 1, "same at -w"},
		{"piecewise_leaky_relu", map[string]float64{"c": 0.01, "w": 1}, false, math.Nextafter(1, 2), 0.01, "just outside w the gradient is c"},
		{"piecewise_leaky_relu", map[string]float64{"c": 0.01, "w": 2}, true, 2, 0.25, "fixed: |x| = w is inside with 1/(2w)"},
		{"s2nn", map[string]float64{"beta": 2}, false, 0, 2, "x = 0 takes the right branch beta/(x+1) = 2, not alpha/4 = 1"},
		{"s2nn", map[string]float64{"beta": 2}, false, negZero, 2, "-0 < 0 is false: right branch"},
		{"s2nn", map[string]float64{"beta": 2}, false, -1e-300, 1, "just below 0: left branch alpha*s*(1-s) -> 4*0.25"},
		{"leaky_relu", map[string]float64{"alpha": 0.1, "beta": 0.7}, false, 0, 0.7, "x = 0 takes beta"},
		{"leaky_relu", map[string]float64{"alpha": 0.1, "beta": 0.7}, false, negZero, 0.7, "-0 takes beta"},
		{"log_tailed_relu", map[string]float64{"alpha": 0.2}, false, 0, 0.2, "x = 0 is in the x <= 0 branch: alpha"},
		{"log_tailed_relu", map[string]float64{"alpha": 0.2}, false, 1e-300, 1, "x just above 0: 1"},
		{"log_tailed_relu", map[string]float64{"alpha": 0.2}, false, 1, 1, "x = 1 is in the 0 < x <= 1 branch"},
		{"log_tailed_relu", map[string]float64{"alpha": 0.2}, false, 4, 0.25, "x > 1: 1/x"},
		{"relu_grad", nil, false, 1, 0, "|x| = width: max(0.3 - 0.3, 0) = 0"},
		{"relu_grad", nil, false, -1, 0, "same at -width"},
		{"relu_grad", nil, false, 0, 0.3, "peak alpha*width at 0"},
	}
	for _, c := range cases {
		s := mustNew(t, c.name, c.params, c.fixed)
		got := surrogate.Grad(s, c.x)
		assert.InDeltaf(t, c.want, got, 1e-12, "%s%v fixed=%v: g'(%v) = %v, want %v: %s", c.name, c.params, c.fixed, c.x, got, c.want, c.why)
	}
}

// TestPrimitiveBoundaryConventions pins the branch each g takes at its
// boundaries, where the value reveals the branch.
func TestPrimitiveBoundaryConventions(t *testing.T) {
	cases := []struct {
		name   string
		params map[string]float64
		x      float64
		want   float64
		why    string
	}{
		{"log_tailed_relu", nil, 1, 1, "x = 1 takes the linear branch x, not log(1) = 0"},
		{"log_tailed_relu", map[string]float64{"alpha": 0.5}, 0, 0, "x = 0: alpha*0"},
		{"piecewise_exp", nil, 0, 0.5, "x = 0 takes 1 - exp(0)/2"},
		{"nonzero_sign_log", nil, 0, 0, "sign0(0) = +1, log(1) = 0"},
		{"piecewise_quadratic", nil, 1, 1, "x = 1/alpha is inside and equals 1 there"},
		{"piecewise_quadratic", nil, -1, 0, "x = -1/alpha is inside and equals 0 there"},
		{"piecewise_leaky_relu", nil, 1, 1, "x = w is inside: 0.5 + 0.5"},
		{"s2nn", nil, 0, 0.5 + math.Log(1+1e-8), "x = 0 takes beta*log(|x+1| + eps) + 0.5"},
		{"leaky_relu", nil, -2, -0.2, "x < 0: alpha*x"},
		{"q_pseudo_spike", nil, 0, 0.5, "x = 0 takes the x >= 0 branch: 1 - 0.5"},
	}
	for _, c := range cases {
		s := mustNew(t, c.name, c.params, false)
		got, ok := surrogate.Primitive(s, c.x)
		require.Truef(t, ok, "%s defines g", c.name)
		assert.InDeltaf(t, c.want, got, 1e-15, "%s: g(%v) = %v, want %v: %s", c.name, c.x, got, c.want, c.why)
	}
}

// TestNaNInputFollowsTheReferenceComparisons: NaN fails every comparison,
// so a NaN input lands in whichever branch the 0.1.10 `where` takes on
// false. Most families return NaN; three return a constant.
func TestNaNInputFollowsTheReferenceComparisons(t *testing.T) {
	constant := map[string]float64{
		"leaky_relu":           1, // x < 0 false: beta
		"log_tailed_relu":      0, // x > 1 and x > 0 false: alpha
		"piecewise_leaky_relu": 1, // |x| > w false: 1/w
	}
	for _, f := range surrogate.Families() {
		s := mustNew(t, f.Name, nil, false)
		got := surrogate.Grad(s, math.NaN())
		if want, ok := constant[f.Name]; ok {
			assert.Equalf(t, want, got, "%s: g'(NaN)", f.Name)
			continue
		}
		assert.Truef(t, math.IsNaN(got), "%s: g'(NaN) = %v, want NaN", f.Name, got)
	}
}
