package ecs_test

import (
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/spikecs/spikecs/ecs"
)

// TestEachValueVisitsTheModelsTable checks that EachValue visits the
// numeric parameters of a spec's model and parts in table order, that
// what it stores becomes the spec's value, and that a copied spec's
// original keeps its values.
func TestEachValueVisitsTheModelsTable(t *testing.T) {
	tests := []struct {
		name string
		spec func() ecs.PopulationSpec
		want []string
	}{
		{"LIF", func() ecs.PopulationSpec { return ecs.LIF("p", 2) }, []string{"R", "tau", "V_th", "V_reset", "V_rest", "V_init"}},
		{"IF", func() ecs.PopulationSpec { return ecs.IF("p", 2) }, []string{"R", "tau", "V_th", "V_reset", "V_rest", "V_init"}},
		{"ALIF + refractory", func() ecs.PopulationSpec {
			s := ecs.ALIF("p", 2)
			s.Refractory = &ecs.RefractorySpec{TauRef: ecs.Scalar(2)}
			return s
		}, []string{"R", "tau", "V_th", "V_reset", "V_rest", "V_init", "tau_a", "beta", "a_init", "tau_ref"}},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			orig := tc.spec()
			cp := orig
			var got []string
			require.NoError(t, cp.EachValue(func(name string, v *ecs.Value) error {
				got = append(got, name)
				*v = ecs.List(1, 2)
				return nil
			}))
			assert.Equal(t, tc.want, got)
			assert.Equal(t, ecs.List(1, 2).String(), cp.Membrane.Tau.String(), "the stored value is the spec's")
			if orig.Adaptation != nil {
				assert.Equal(t, ecs.Scalar(0.1).String(), orig.Adaptation.Beta.String(), "the original's adaptation is untouched")
			}
		})
	}
}

// TestEachValueVisitsOnlyTheSetParamsOfADescriptorModel: a descriptor
// model's spec holds only the parameters set on it.
func TestEachValueVisitsOnlyTheSetParamsOfADescriptorModel(t *testing.T) {
	m := &ecs.Model{Name: "toy", Threshold: "V_th", Params: []ecs.ParamDef{
		{Name: "V_th", Unit: "mV", Default: 1}, {Name: "g", Unit: "S", Default: 2}, {Name: "V_init", Unit: "mV"}}}
	orig := ecs.NewSpec(m, "p", 3)
	require.NoError(t, orig.SetParam("g", ecs.List(1, 2, 3)))
	cp := orig
	var got []string
	require.NoError(t, cp.EachValue(func(name string, v *ecs.Value) error {
		got = append(got, name)
		*v = ecs.Scalar(9)
		return nil
	}))
	assert.Equal(t, []string{"g"}, got)
	assert.Equal(t, "9", cp.Params["g"].String())
	assert.Equal(t, ecs.List(1, 2, 3).String(), orig.Params["g"].String(), "the original's Params are untouched")
}
