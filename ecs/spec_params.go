package ecs

import (
	"fmt"
	"strings"

	"github.com/spikecs/spikecs/components"
)

// NewSpec returns the spec of a population of model m with the given name
// and size and the table's defaults (a LIF-family descriptor gives its
// preset). Set parameters with SetParam and SetChoice.
func NewSpec(m *Model, name string, size int) PopulationSpec {
	if m.lif {
		spec := PopulationSpec{Name: name, Size: size, Model: m.Name, Membrane: DefaultMembrane()}
		if m.adaptation {
			a := DefaultAdaptation()
			spec.Adaptation = &a
		}
		if m.refractory {
			r := DefaultRefractory()
			spec.Refractory = &r
		}
		return spec
	}
	return PopulationSpec{Name: name, Size: size, Model: m.Name, Dynamics: m, Membrane: DefaultMembrane()}
}

// AddRefractory gives the spec the standard refractory part with the
// default period of its model's table (it is an error for a model
// without one).
func (s *PopulationSpec) AddRefractory() error {
	m := s.Descriptor()
	if !m.Refractory {
		return fmt.Errorf("model %s has no refractory part", m.Name)
	}
	r := RefractorySpec{TauRef: Scalar(5)}
	if d := m.Param("tau_ref"); d != nil {
		r.TauRef = Scalar(d.Default)
	}
	s.Refractory = &r
	return nil
}

// SetParam sets numeric parameter name (in the unit of the model's table)
// for the spec's model and parts; an unknown name is an error listing the
// valid ones.
func (s *PopulationSpec) SetParam(name string, v Value) error {
	m := s.Descriptor()
	d, err := s.paramDef(m, name)
	if err != nil {
		return err
	}
	if d.Kind != ParamNumber {
		return fmt.Errorf("parameter %q of %s is not a number", name, describeModel(m))
	}
	if d.Shared && v.IsSet() && !v.IsShared() {
		return fmt.Errorf("parameter %q of %s takes one value for the whole population", name, describeModel(m))
	}
	if d.field != nil {
		*d.field(s) = v
		return nil
	}
	if s.Params == nil {
		s.Params = map[string]Value{}
	}
	s.Params[name] = v
	return nil
}

// SetChoice sets choice parameter name (spk_reset, refractory_mode, a
// model's method, ...).
func (s *PopulationSpec) SetChoice(name, value string) error {
	m := s.Descriptor()
	d, err := s.paramDef(m, name)
	if err != nil {
		return err
	}
	if d.Kind != ParamChoice {
		return fmt.Errorf("parameter %q of %s is not a choice", name, describeModel(m))
	}
	idx, err := d.choiceIndex(value)
	if err != nil {
		return err
	}
	switch name {
	case "spk_reset":
		if m.lif {
			s.Membrane.Reset = components.ResetMode(idx)
			return nil
		}
	case "refractory_mode":
		s.Refractory.Mode = components.RefractoryMode(idx)
		return nil
	}
	if s.Choices == nil {
		s.Choices = map[string]string{}
	}
	s.Choices[name] = value
	return nil
}

// ParamNames returns the names of the parameters valid for the spec.
func (s *PopulationSpec) ParamNames() []string { return s.Descriptor().ParamNames(s) }

// paramDef finds row name among those valid for the spec.
func (s *PopulationSpec) paramDef(m *Model, name string) (*ParamDef, error) {
	rows := m.ParamsFor(s)
	for i := range rows {
		if rows[i].Name == name {
			return &rows[i], nil
		}
	}
	names := make([]string, len(rows))
	for i, r := range rows {
		names[i] = r.Name
	}
	return nil, fmt.Errorf("unknown parameter %q for %s; valid: %s", name, describeModel(m), strings.Join(names, ", "))
}

// describeModel names a model in messages ("model AdEx", "this composition").
func describeModel(m *Model) string {
	if m.Name == "" {
		return "this composition"
	}
	return "model " + m.Name
}

// EachValue calls fn with the name of every numeric parameter valid for
// the spec (its model's table and its parts, in table order) and a pointer
// to the spec's value of it; what fn stores through the pointer becomes
// the spec's value. Parameters a descriptor model's spec leaves unset
// (table defaults) are skipped. Code that rewrites values generically
// (e.g. tiling per-neuron lists, systems/agents) uses it instead of a list
// of fields. The spec's Adaptation, Refractory and Params are copied
// first, so a spec copied from another does not change the original's.
func (s *PopulationSpec) EachValue(fn func(name string, v *Value) error) error {
	if s.Adaptation != nil {
		a := *s.Adaptation
		s.Adaptation = &a
	}
	if s.Refractory != nil {
		r := *s.Refractory
		s.Refractory = &r
	}
	if s.Params != nil {
		params := make(map[string]Value, len(s.Params))
		for k, v := range s.Params {
			params[k] = v
		}
		s.Params = params
	}
	for _, d := range s.Descriptor().valueRows(s) {
		if d.Kind != ParamNumber {
			continue
		}
		if d.field != nil {
			if err := fn(d.Name, d.field(s)); err != nil {
				return err
			}
			continue
		}
		v, ok := s.Params[d.Name]
		if !ok {
			continue
		}
		if err := fn(d.Name, &v); err != nil {
			return err
		}
		s.Params[d.Name] = v
	}
	return nil
}
