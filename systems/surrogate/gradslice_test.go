package surrogate_test

import (
	"math"
	"math/rand/v2"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/spikecs/spikecs/components"
	"github.com/spikecs/spikecs/systems/surrogate"
)

// allSpecs returns every family with default parameters, faithful and (where
// it exists) fixed, a few non-default parameter sets, and the Unset spec.
func allSpecs(t testing.TB) map[string]components.SurrogateSpec {
	specs := map[string]components.SurrogateSpec{"unset": {}}
	for _, f := range surrogate.Families() {
		s, err := surrogate.New(f.Name, nil, false)
		require.NoError(t, err)
		specs[f.Name] = s
		if f.Fixable {
			s.Fixed = true
			specs[f.Name+"/fixed"] = s
		}
	}
	extra := []struct {
		name   string
		params map[string]float64
		fixed  bool
	}{
		{"squarewave_fourier_series", map[string]float64{"n": 5, "t_period": 3}, false},
		{"squarewave_fourier_series", map[string]float64{"n": 5, "t_period": 3}, true},
		{"piecewise_quadratic", map[string]float64{"alpha": 2}, false},
		{"q_pseudo_spike", map[string]float64{"alpha": 0.5}, false},
		{"multi_gaussian_grad", map[string]float64{"h": 0.3, "s": 2, "sigma": 0.8, "scale": 1}, false},
		{"relu_grad", map[string]float64{"alpha": 1, "width": 0.5}, false},
	}
	for _, e := range extra {
		s, err := surrogate.New(e.name, e.params, e.fixed)
		require.NoError(t, err)
		name := e.name + "/custom"
		if e.fixed {
			name += "/fixed"
		}
		specs[name] = s
	}
	return specs
}

// edgeInputs are values where branches switch or arithmetic saturates.
func edgeInputs() []float64 {
	return []float64{0, math.Copysign(0, -1), 1, -1, 0.5, -0.5, 0.25, 2, -2, 1e-300, -1e-300,
		40, -40, 800, -800, math.MaxFloat64, -math.MaxFloat64, math.Inf(1), math.Inf(-1), math.NaN()}
}

func sameFloat(a, b float64) bool {
	return a == b || (math.IsNaN(a) && math.IsNaN(b))
}

func TestGradSliceEqualsGradElementwise(t *testing.T) {
	rng := rand.New(rand.NewPCG(1, 2))
	xs := edgeInputs()
	for range 2000 {
		xs = append(xs, rng.Float64()*8-4)
	}
	out := make([]float64, len(xs))
	for name, s := range allSpecs(t) {
		surrogate.GradSlice(s, xs, out)
		for i, x := range xs {
			want := surrogate.Grad(s, x)
			if !sameFloat(want, out[i]) {
				t.Fatalf("%s: GradSlice gives %v at x = %v, Grad gives %v; the hoisted loop must compute the same formula", name, out[i], x, want)
			}
		}
	}
}

func TestGradSliceWorksInPlace(t *testing.T) {
	s := surrogate.Default()
	xs := []float64{-1, -0.5, 0, 0.3}
	surrogate.GradSlice(s, xs, xs)
	assert.InDeltaSlice(t, []float64{0, 0.15, 0.3, 0.21}, xs, 1e-15, "out may alias xs")
}

func TestGradSliceDoesNotAllocate(t *testing.T) {
	xs := make([]float64, 256)
	for i := range xs {
		xs[i] = float64(i)/32 - 4
	}
	out := make([]float64, len(xs))
	for name, s := range allSpecs(t) {
		allocs := testing.AllocsPerRun(20, func() { surrogate.GradSlice(s, xs, out) })
		assert.Zerof(t, allocs, "%s: GradSlice runs in the hot path and must not allocate", name)
	}
}

func TestGradSlicePanicsOnLengthMismatch(t *testing.T) {
	assert.Panics(t, func() { surrogate.GradSlice(surrogate.Default(), make([]float64, 3), make([]float64, 2)) })
	assert.NotPanics(t, func() { surrogate.GradSlice(surrogate.Default(), nil, nil) })
}

func TestInvalidKindGivesNaN(t *testing.T) {
	s := components.SurrogateSpec{Kind: components.SurrogateKindCount}
	assert.True(t, math.IsNaN(surrogate.Grad(s, 0)), "an invalid Kind must not pass for a valid gradient")
	out := []float64{1, 2}
	surrogate.GradSlice(s, []float64{0, 1}, out)
	assert.True(t, math.IsNaN(out[0]) && math.IsNaN(out[1]))
	_, ok := surrogate.Primitive(s, 0)
	assert.False(t, ok)
}

// TestUnsetBehavesExactlyLikeDefault: Kind SurrogateUnset is relu_grad(0.3, 1)
// in every function, whatever P and Fixed hold.
func TestUnsetBehavesExactlyLikeDefault(t *testing.T) {
	d := surrogate.Default()
	assert.Equal(t, components.SurrogateReluGrad, d.Kind)
	assert.Equal(t, [4]float64{0.3, 1, 0, 0}, d.P)
	assert.False(t, d.Fixed)
	unsets := []components.SurrogateSpec{
		{},
		{P: [4]float64{7, -3, 2, 1}, Fixed: true}, // garbage must be ignored
	}
	xs := append(edgeInputs(), kinkFreeGrid()...)
	want := make([]float64, len(xs))
	got := make([]float64, len(xs))
	surrogate.GradSlice(d, xs, want)
	for _, u := range unsets {
		surrogate.GradSlice(u, xs, got)
		for i, x := range xs {
			assert.Truef(t, sameFloat(surrogate.Grad(d, x), surrogate.Grad(u, x)), "Grad at %v", x)
			assert.Truef(t, sameFloat(want[i], got[i]), "GradSlice at %v", x)
			gd, okd := surrogate.Primitive(d, x)
			gu, oku := surrogate.Primitive(u, x)
			assert.Equal(t, okd, oku)
			assert.Truef(t, sameFloat(gd, gu), "Primitive at %v", x)
		}
	}
	_, ok := surrogate.ByKind(components.SurrogateUnset)
	assert.False(t, ok, "Unset has no family of its own")
}

// TestReluGradKernelEqualsGrad: the inlined kernel equals Grad for
// relu_grad bit for bit, over a dense grid, the kinks, signed zeros, NaN
// and infinities.
func TestReluGradKernelEqualsGrad(t *testing.T) {
	spec := surrogate.Default()
	alpha, aw := spec.P[0], spec.P[0]*spec.P[1]
	xs := []float64{0, math.Copysign(0, -1), 1, -1, math.Inf(1), math.Inf(-1), math.NaN(), 1e-300, -1e300}
	for i := -30000; i <= 30000; i++ {
		xs = append(xs, float64(i)/10000)
	}
	for _, x := range xs {
		want, got := surrogate.Grad(spec, x), surrogate.ReluGradKernel(alpha, aw, x)
		if math.IsNaN(want) {
			assert.True(t, math.IsNaN(got), "x = %v", x)
			continue
		}
		assert.Equal(t, math.Float64bits(want), math.Float64bits(got), "x = %v", x)
	}
}
