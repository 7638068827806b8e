package ecs

import (
	"fmt"
	"sort"

	"github.com/spikecs/spikecs/components"
)

// resolveParam resolves one numeric parameter of the table for a
// population of n neurons (random initialisers draw from the stream of
// the seed, the population and the parameter) and checks its constraint.
func (s *Sim) resolveParam(spec *PopulationSpec, d *ParamDef, v Value) (components.Param, error) {
	p, err := v.Or(Scalar(d.Default)).resolve(spec.Size, Stream(s.opts.Seed, "init", spec.Name, d.Name))
	if err != nil {
		return p, &ParamError{Population: spec.Name, Param: d.Name, Neuron: -1, Msg: err.Error()}
	}
	if d.Check != Any {
		for i, x := range p.Values {
			if msg := d.Check.violated(x, d.Unit); msg != "" {
				if p.IsShared() {
					i = -1
				}
				return p, &ParamError{Population: spec.Name, Param: d.Name, Neuron: i, Msg: msg}
			}
		}
	}
	return p, nil
}

// resolveLIF resolves the LIF family's numeric parameters from the typed
// parts of the spec, through the family's table.
func (s *Sim) resolveLIF(spec *PopulationSpec, m *Model, res *resolved) error {
	dst := map[string]*components.Param{
		"R": &res.mp.ROhm, "tau": &res.mp.TauMs, "V_th": &res.mp.VThMV, "V_reset": &res.mp.VResetMV,
		"V_rest": &res.mp.VRestMV, "V_init": &res.vInit, "tau_a": &res.ap.TauAMs, "beta": &res.ap.BetaMV,
		"a_init": &res.aInit, "tau_ref": &res.rp.TauRefMs,
	}
	rows := m.valueRows(spec)
	for i := range rows {
		d := &rows[i]
		if d.Kind != ParamNumber {
			continue
		}
		p, err := s.resolveParam(spec, d, *d.field(spec))
		if err != nil {
			return err
		}
		*dst[d.Name] = p
	}
	return nil
}

// resolveModel resolves a descriptor model's parameters (spec.Params and
// spec.Choices by the model's table), fills the shared MembraneParams the
// standard systems read (V_th, V_reset from Threshold and ResetTo, hard
// reset) and runs the model's joint Check.
func (s *Sim) resolveModel(spec *PopulationSpec, m *Model, res *resolved) error {
	fail := func(param string, neuron int, format string, args ...any) error {
		return &ParamError{Population: spec.Name, Param: param, Neuron: neuron, Msg: fmt.Sprintf(format, args...)}
	}
	if err := m.validate(); err != nil {
		return err
	}
	if spec.Adaptation != nil {
		return fail("components", -1, "model %s has no adaptation part", m.Name)
	}
	if spec.Refractory != nil && !m.Refractory {
		return fail("tau_ref", -1, "model %s has no refractory part", m.Name)
	}
	own := map[string]bool{}
	ps := &components.ModelParams{}
	for i := range m.Params {
		d := &m.Params[i]
		if d.Part != "" {
			continue
		}
		own[d.Name] = true
		switch d.Kind {
		case ParamNumber:
			v := spec.Params[d.Name]
			if d.Shared && v.IsSet() && !v.IsShared() {
				return fail(d.Name, -1, "takes one value for the whole population")
			}
			p, err := s.resolveParam(spec, d, v)
			if err != nil {
				return err
			}
			ps.Names = append(ps.Names, d.Name)
			ps.Values = append(ps.Values, p)
		case ParamChoice:
			c, ok := spec.Choices[d.Name]
			if !ok {
				c = d.Choices[0]
			}
			if _, err := d.choiceIndex(c); err != nil {
				return fail(d.Name, -1, "%v", err)
			}
			ps.ChoiceNames = append(ps.ChoiceNames, d.Name)
			ps.Choices = append(ps.Choices, c)
		}
	}
	for _, extra := range [][]string{sortedKeys(spec.Params), sortedKeys(spec.Choices)} {
		for _, k := range extra {
			if !own[k] {
				return fail(k, -1, "is not a parameter of model %s", m.Name)
			}
		}
	}
	if spec.Refractory != nil {
		for _, d := range m.ParamsFor(spec) {
			if d.Name == "tau_ref" {
				p, err := s.resolveParam(spec, &d, spec.Refractory.TauRef)
				if err != nil {
					return err
				}
				res.rp.TauRefMs = p
			}
		}
	}
	res.model = ps
	th := ps.Get(m.Threshold)
	res.mp.VThMV = *th
	if m.ResetTo != "" {
		res.mp.VResetMV = *ps.Get(m.ResetTo)
	} else {
		vals := make([]float64, len(th.Values))
		for i, x := range th.Values {
			vals[i] = x - 1
		}
		res.mp.VResetMV = components.PerNeuron(vals)
	}
	res.mp.ROhm, res.mp.TauMs, res.mp.VRestMV = components.Shared(1), components.Shared(1), components.Shared(0)
	res.mp.Reset = components.ResetHard
	res.vInit = components.Shared(0)
	if p := ps.Get(m.vInit()); p != nil {
		res.vInit = *p
	}
	if m.Check != nil {
		if e := m.Check(ps); e != nil {
			e.Population = spec.Name
			return e
		}
	}
	return nil
}

// sortedKeys returns a map's keys in order (for deterministic errors).
func sortedKeys[V any](m map[string]V) []string {
	out := make([]string, 0, len(m))
	for k := range m {
		out = append(out, k)
	}
	sort.Strings(out)
	return out
}
