package surrogate_test

import (
	"math"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/spikecs/spikecs/components"
	"github.com/spikecs/spikecs/systems/surrogate"
)

func TestNewFillsDefaultsAndOverrides(t *testing.T) {
	s, err := surrogate.New("multi_gaussian_grad", map[string]float64{"sigma": 0.7}, false)
	require.NoError(t, err)
	assert.Equal(t, components.SurrogateMultiGaussianGrad, s.Kind)
	assert.Equal(t, [4]float64{0.15, 6, 0.7, 0.5}, s.P, "P follows Params order h, s, sigma, scale; only sigma overridden")
	assert.False(t, s.Fixed)

	s, err = surrogate.New("gaussian_grad", nil, true)
	require.NoError(t, err)
	assert.Equal(t, [4]float64{0.5, 0.5, 0, 0}, s.P)
	assert.True(t, s.Fixed)

	s, err = surrogate.New("relu_grad", map[string]float64{}, false)
	require.NoError(t, err)
	assert.Equal(t, surrogate.Default(), s, "relu_grad with defaults is Default()")
}

func TestNewAcceptsEveryFamilyWithDefaults(t *testing.T) {
	for _, f := range surrogate.Families() {
		s, err := surrogate.New(f.Name, nil, false)
		require.NoErrorf(t, err, "%s defaults must be valid", f.Name)
		assert.Equal(t, f.Kind, s.Kind)
		for i, d := range f.Defaults {
			assert.Equalf(t, d, s.P[i], "%s P[%d] holds %s", f.Name, i, f.Params[i])
		}
		_, err = surrogate.New(f.Name, nil, true)
		assert.Equalf(t, f.Fixable, err == nil, "%s: fixed accepted = %v, Fixable = %v", f.Name, err == nil, f.Fixable)
	}
}

func TestNewRejectsBadInput(t *testing.T) {
	cases := []struct {
		name     string
		family   string
		params   map[string]float64
		fixed    bool
		contains []string
	}{
		{"unknown family lists all names", "relu", nil, false,
			[]string{`"relu"`, "sigmoid", "piecewise_quadratic", "relu_grad", "slayer_grad", "multi_gaussian_grad"}},
		{"empty family name", "", nil, false, []string{"unknown surrogate family", "relu_grad"}},
		{"class name is not a scenario name", "ReluGrad", nil, false, []string{"unknown surrogate family"}},
		{"unknown parameter named with the valid ones", "relu_grad", map[string]float64{"beta": 1}, false,
			[]string{`"beta"`, "relu_grad", "alpha, width"}},
		{"unknown parameter of a 4-parameter family", "multi_gaussian_grad", map[string]float64{"mu": 1}, false,
			[]string{`"mu"`, "h, s, sigma, scale"}},
		{"fixed on a family without a fix", "sigmoid", nil, true,
			[]string{"sigmoid", "fixed", "gaussian_grad", "piecewise_quadratic"}},
		{"NaN", "sigmoid", map[string]float64{"alpha": math.NaN()}, false, []string{"alpha", "finite"}},
		{"+Inf", "relu_grad", map[string]float64{"width": math.Inf(1)}, false, []string{"width", "finite"}},
		{"t_period = 0", "squarewave_fourier_series", map[string]float64{"t_period": 0}, false, []string{"t_period", "> 0"}},
		{"t_period < 0", "squarewave_fourier_series", map[string]float64{"t_period": -8}, true, []string{"t_period", "> 0"}},
		{"n fractional", "squarewave_fourier_series", map[string]float64{"n": 2.5}, false, []string{"n = 2.5", "integer"}},
		{"n zero", "squarewave_fourier_series", map[string]float64{"n": 0}, false, []string{"n", "integer"}},
		{"n huge", "squarewave_fourier_series", map[string]float64{"n": 1e9}, false, []string{"n", "integer"}},
		{"sigma = 0", "gaussian_grad", map[string]float64{"sigma": 0}, false, []string{"sigma", "> 0"}},
		{"sigma < 0", "multi_gaussian_grad", map[string]float64{"sigma": -0.5}, false, []string{"sigma", "> 0"}},
		{"s = 0", "multi_gaussian_grad", map[string]float64{"s": 0}, false, []string{"parameter s", "> 0"}},
		{"w = 0 divides", "piecewise_leaky_relu", map[string]float64{"w": 0}, false, []string{"w", "> 0"}},
		{"alpha = 0 divides", "piecewise_quadratic", map[string]float64{"alpha": 0}, false, []string{"alpha", "> 0"}},
		{"negative gradient scale", "relu_grad", map[string]float64{"alpha": -0.3}, false, []string{"alpha", ">= 0"}},
		{"negative leak", "leaky_relu", map[string]float64{"beta": -1}, false, []string{"beta", ">= 0"}},
		{"q_pseudo_spike alpha = 0", "q_pseudo_spike", map[string]float64{"alpha": 0}, true, []string{"alpha", "> 0"}},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			_, err := surrogate.New(c.family, c.params, c.fixed)
			require.Error(t, err)
			for _, s := range c.contains {
				assert.Containsf(t, err.Error(), s, "error %q should mention %q", err, s)
			}
		})
	}
}

func TestNewAcceptsBoundaryValues(t *testing.T) {
	ok := []struct {
		family string
		params map[string]float64
	}{
		{"log_tailed_relu", map[string]float64{"alpha": 0}},
		{"relu_grad", map[string]float64{"alpha": 0}},
		{"leaky_relu", map[string]float64{"alpha": 0, "beta": 0}},
		{"piecewise_leaky_relu", map[string]float64{"c": 0}},
		{"s2nn", map[string]float64{"epsilon": 0}},
		{"squarewave_fourier_series", map[string]float64{"n": 1}},
		{"squarewave_fourier_series", map[string]float64{"n": 65536}},
		{"q_pseudo_spike", map[string]float64{"alpha": 1}},
	}
	for _, c := range ok {
		_, err := surrogate.New(c.family, c.params, false)
		assert.NoErrorf(t, err, "%s %v", c.family, c.params)
	}
}
