package ecs_test

import (
	"errors"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/spikecs/spikecs/components"
	"github.com/spikecs/spikecs/ecs"
)

// TestAddPopulationRejectsBadSpecs checks that every invalid spec gives one
// *ecs.ParamError naming the parameter (and neuron) and creates nothing.
func TestAddPopulationRejectsBadSpecs(t *testing.T) {
	lif := func(f func(*ecs.PopulationSpec)) ecs.PopulationSpec {
		s := ecs.LIF("p", 3)
		f(&s)
		return s
	}
	cases := []struct {
		name   string
		spec   ecs.PopulationSpec
		param  string
		neuron int
		msg    string
	}{
		{"empty name", lif(func(s *ecs.PopulationSpec) { s.Name = "" }), "name", -1, "required"},
		{"size 0", lif(func(s *ecs.PopulationSpec) { s.Size = 0 }), "size", -1, "between 1"},
		{"tau 0", lif(func(s *ecs.PopulationSpec) { s.Membrane.Tau = ecs.Scalar(0) }), "tau", -1, "must be > 0"},
		{"tau negative for one neuron", lif(func(s *ecs.PopulationSpec) { s.Membrane.Tau = ecs.List(10, -1, 10) }), "tau", 1, "must be > 0"},
		{"R negative", lif(func(s *ecs.PopulationSpec) { s.Membrane.R = ecs.Scalar(-1) }), "R", -1, "must be > 0"},
		{"list too short", lif(func(s *ecs.PopulationSpec) { s.Membrane.VTh = ecs.List(1, 2) }), "V_th", -1, "2 values, expected 3"},
		{"V_th equals V_reset", lif(func(s *ecs.PopulationSpec) { s.Membrane.VReset = ecs.Scalar(1) }), "V_th", -1, "greater than V_reset"},
		{"V_th below V_reset for neuron 2", lif(func(s *ecs.PopulationSpec) { s.Membrane.VTh = ecs.List(1, 1, -1) }), "V_th", 2, "greater than V_reset"},
		{"NaN value", lif(func(s *ecs.PopulationSpec) { s.Membrane.VRest = ecs.Scalar(nan()) }), "V_rest", -1, "not finite"},
		{"normal with negative sd", lif(func(s *ecs.PopulationSpec) { s.Membrane.VInit = ecs.Normal(0, -1) }), "V_init", -1, "sd"},
		{"uniform reversed", lif(func(s *ecs.PopulationSpec) { s.Membrane.VInit = ecs.Uniform(1, 0) }), "V_init", -1, "lo <= hi"},
		{"truncnormal beyond float64", lif(func(s *ecs.PopulationSpec) { s.Membrane.VInit = ecs.TruncNormal(0, 1e-300, 1e10, 2e10) }), "V_init", -1, "too many standard deviations"},
		{"IF with V_reset", func() ecs.PopulationSpec { s := ecs.IF("p", 1); s.Membrane.VReset = ecs.Scalar(-1); return s }(), "V_reset", -1, "does not exist for model IF"},
		{"negative tau_ref", func() ecs.PopulationSpec {
			s := ecs.LIFRef("p", 1)
			s.Refractory.TauRef = ecs.Scalar(-1)
			return s
		}(), "tau_ref", -1, ">= 0"},
		{"tau_a 0", func() ecs.PopulationSpec { s := ecs.ALIF("p", 1); s.Adaptation.TauA = ecs.Scalar(0); return s }(), "tau_a", -1, "must be > 0"},
		{"surrogate list length", lif(func(s *ecs.PopulationSpec) { s.Surrogates = make([]components.SurrogateSpec, 2) }), "surrogate", -1, "expected 3"},
		{"bad reset mode", lif(func(s *ecs.PopulationSpec) { s.Membrane.Reset = 7 }), "spk_reset", -1, "unknown mode"},
		{"bad refractory mode", func() ecs.PopulationSpec {
			s := ecs.LIFRef("p", 1)
			s.Refractory.Mode = components.RefractoryModeCount
			return s
		}(), "refractory_mode", -1, "unknown mode"},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			sim, err := ecs.New(ecs.Options{})
			require.NoError(t, err)
			_, err = sim.AddPopulation(tc.spec)
			var pe *ecs.ParamError
			require.True(t, errors.As(err, &pe), "want a *ecs.ParamError, got %v", err)
			assert.Equal(t, tc.param, pe.Param)
			assert.Equal(t, tc.neuron, pe.Neuron)
			assert.Contains(t, pe.Error(), tc.msg)
			assert.Empty(t, sim.Populations(), "nothing is created on error")
		})
	}
}

func nan() float64 { var z float64; return z / z }

func TestDuplicateNameAndBadOptions(t *testing.T) {
	sim, err := ecs.New(ecs.Options{})
	require.NoError(t, err)
	_, err = sim.AddPopulation(ecs.LIF("p", 2))
	require.NoError(t, err)
	_, err = sim.AddPopulation(ecs.LIF("p", 2))
	assert.ErrorContains(t, err, "already used")

	for _, dt := range []float64{-0.1, nan()} {
		_, err := ecs.New(ecs.Options{DtMs: dt})
		assert.ErrorContains(t, err, "dt must be a positive finite time", "dt %v", dt)
	}
	assert.ErrorContains(t, sim.SetDt(0), "positive")
}

func TestStepsFor(t *testing.T) {
	cases := []struct {
		dur, dt float64
		want    int
	}{
		{50, 0.1, 500}, {0.3, 0.1, 3}, {1000, 0.1, 10000}, {0.25, 0.1, 3}, {0, 0.1, 0}, {2.05, 0.1, 21},
	}
	for _, c := range cases {
		n, err := ecs.StepsFor(c.dur, c.dt)
		require.NoError(t, err)
		assert.Equal(t, c.want, n, "StepsFor(%v, %v): the length of arange(0, T, dt)", c.dur, c.dt)
	}
	_, err := ecs.StepsFor(-1, 0.1)
	assert.Error(t, err)
}

func TestStagesAreOrdered(t *testing.T) {
	var names []string
	for _, s := range ecs.Stages() {
		names = append(names, s.String())
		back, err := ecs.ParseStage(s.String())
		require.NoError(t, err)
		assert.Equal(t, s, back)
	}
	assert.Equal(t, []string{"input", "reset", "integrate", "spike", "refractory", "synapses", "delivery", "record"}, names)
	_, err := ecs.ParseStage("nope")
	assert.ErrorContains(t, err, "valid: input")
}
