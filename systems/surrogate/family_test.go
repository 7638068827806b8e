package surrogate_test

import (
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/spikecs/spikecs/components"
	"github.com/spikecs/spikecs/systems/surrogate"
)

func TestFamiliesDescribeAllEighteenInKindOrder(t *testing.T) {
	fams := surrogate.Families()
	require.Len(t, fams, int(components.SurrogateKindCount)-1)
	seen := map[string]bool{}
	fixable := map[string]bool{}
	withG := 0
	for i, f := range fams {
		assert.Equal(t, components.SurrogateKind(i+1), f.Kind)
		assert.False(t, seen[f.Name], "duplicate name %s", f.Name)
		seen[f.Name] = true
		assert.Len(t, f.Defaults, len(f.Params), "%s: one default per parameter", f.Name)
		assert.LessOrEqual(t, len(f.Params), 4, "%s: P has room for 4 parameters", f.Name)
		assert.NotEmpty(t, f.Summary, f.Name)
		if f.Fixable {
			fixable[f.Name] = true
		}
		if f.HasPrimitive {
			withG++
		}
	}
	assert.Equal(t, map[string]bool{
		"piecewise_quadratic": true, "arctan": true, "erf": true, "piecewise_leaky_relu": true,
		"squarewave_fourier_series": true, "q_pseudo_spike": true, "gaussian_grad": true,
	}, fixable, "the seven families braintools corrected (§4.3)")
	assert.Equal(t, 13, withG, "all but relu_grad, gaussian_grad, multi_gaussian_grad, inv_square_grad and slayer_grad define g")
}

func TestFamiliesParametersFollowTheReferenceConstructors(t *testing.T) {
	want := map[string][]string{
		"piecewise_leaky_relu":      {"c", "w"},
		"squarewave_fourier_series": {"n", "t_period"},
		"s2nn":                      {"alpha", "beta", "epsilon"},
		"leaky_relu":                {"alpha", "beta"},
		"relu_grad":                 {"alpha", "width"},
		"gaussian_grad":             {"sigma", "alpha"},
		"multi_gaussian_grad":       {"h", "s", "sigma", "scale"},
	}
	for _, f := range surrogate.Families() {
		if w, ok := want[f.Name]; ok {
			assert.Equal(t, w, f.Params, f.Name)
		} else {
			assert.Equal(t, []string{"alpha"}, f.Params, f.Name)
		}
	}
}

func TestFamiliesReturnsACopy(t *testing.T) {
	a := surrogate.Families()
	a[0].Name = "changed"
	a[0].Defaults[0] = -1
	b := surrogate.Families()
	assert.Equal(t, "sigmoid", b[0].Name)
	assert.Equal(t, 4.0, b[0].Defaults[0], "mutating a returned table must not leak into the next call")
}

func TestByKindAndLookupAgree(t *testing.T) {
	for _, f := range surrogate.Families() {
		byKind, ok := surrogate.ByKind(f.Kind)
		require.True(t, ok)
		byName, err := surrogate.Lookup(f.Name)
		require.NoError(t, err)
		assert.Equal(t, f, byKind)
		assert.Equal(t, f, byName)
	}
	_, ok := surrogate.ByKind(components.SurrogateKindCount)
	assert.False(t, ok)
	_, err := surrogate.Lookup("nope")
	require.Error(t, err)
	assert.Contains(t, err.Error(), "sigmoid, piecewise_quadratic, piecewise_exp")
}
