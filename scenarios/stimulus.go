package scenarios

import (
	"fmt"
	"strings"

	"go.yaml.in/yaml/v3"

	"github.com/spikecs/spikecs/components"
	"github.com/spikecs/spikecs/scenarios/units"
	"github.com/spikecs/spikecs/systems"
)

// widthCheck is a per-neuron list whose length crossCheck compares with the
// population's size once it is known.
type widthCheck struct {
	key  string
	line int
	n    int
}

// profileKinds are the kinds of a time course, for error messages.
const profileKinds = "sine, steps, ramp, series"

// profile reads a time course {kind: sine|steps|ramp|series, ...} of a
// quantity of dimension dim (a current or a rate). A rate's sine is clipped
// at 0 and its other values must be >= 0. Per-neuron lists are recorded in
// checks for crossCheck.
func (p *parser) profile(n *yaml.Node, path string, dim units.Dim, checks *[]widthCheck) (*systems.ProfileSpec, error) {
	fields, err := p.mapping(n, path, []string{"kind", "offset", "amplitude", "frequency", "phase", "times", "values", "from", "to", "file", "dt", "unit"})
	if err != nil {
		return nil, err
	}
	kind, err := p.kindOf(fields, path)
	if err != nil {
		return nil, err
	}
	valid := map[string][]string{
		"sine":   {"offset", "amplitude", "frequency", "phase"},
		"steps":  {"times", "values"},
		"ramp":   {"from", "to"},
		"series": {"values", "file", "dt", "unit"},
	}
	keys, ok := valid[kind]
	if !ok {
		return nil, p.errAt(n, path+".kind", "unknown or missing time course kind %q; valid: %s", kind, profileKinds)
	}
	get := map[string]*field{}
	for i := range fields {
		f := &fields[i]
		if f.key == "kind" {
			continue
		}
		if !contains(keys, f.key) {
			return nil, p.errAt(f.kNode, path+"."+f.key, "is not a key of a %s time course; valid: %s", kind, strings.Join(keys, ", "))
		}
		get[f.key] = f
	}
	rate := dim == units.Frequency
	require := func(keys ...string) error {
		for _, k := range keys {
			if get[k] == nil {
				return p.errAt(n, path+"."+k, "is required for a %s time course (keys: %s)", kind, strings.Join(valid[kind], ", "))
			}
		}
		return nil
	}
	// param reads a key as a shared value or a per-neuron list (def when absent).
	param := func(key string, d units.Dim, def float64, nonNeg bool) (components.Param, error) {
		f := get[key]
		if f == nil {
			return components.Shared(def), nil
		}
		return p.neuronParam(f.val, path+"."+key, d, nonNeg, checks)
	}
	spec := &systems.ProfileSpec{}
	switch kind {
	case "sine":
		if err := require("amplitude", "frequency"); err != nil {
			return nil, err
		}
		spec.Kind, spec.ClipAtZero = systems.ProfileSine, rate
		if spec.Offset, err = param("offset", dim, 0, false); err != nil {
			return nil, err
		}
		if spec.Amplitude, err = param("amplitude", dim, 0, false); err != nil {
			return nil, err
		}
		if spec.FrequencyHz, err = param("frequency", units.Frequency, 0, true); err != nil {
			return nil, err
		}
		if spec.PhaseRad, err = param("phase", units.Dimensionless, 0, false); err != nil {
			return nil, err
		}
	case "ramp":
		if err := require("from", "to"); err != nil {
			return nil, err
		}
		spec.Kind = systems.ProfileRamp
		if spec.From, err = param("from", dim, 0, rate); err != nil {
			return nil, err
		}
		if spec.To, err = param("to", dim, 0, rate); err != nil {
			return nil, err
		}
	case "steps":
		if err := require("times", "values"); err != nil {
			return nil, err
		}
		spec.Kind = systems.ProfileSteps
		ts, err := p.sequence(get["times"].val, path+".times")
		if err != nil {
			return nil, err
		}
		for i, it := range ts {
			key := fmt.Sprintf("%s.times[%d]", path, i)
			t, err := p.quantity(it, key, units.Time)
			if err != nil {
				return nil, err
			}
			if t < 0 {
				return nil, p.errAt(it, key, "must be >= 0 ms, got %q", it.Value)
			}
			if i > 0 && !(t > spec.TimesMs[i-1]) {
				return nil, p.errAt(it, key, "times must increase: %q is not after the previous time", it.Value)
			}
			spec.TimesMs = append(spec.TimesMs, t)
		}
		if err := p.rows(get["values"].val, path+".values", dim, rate, spec, checks); err != nil {
			return nil, err
		}
		if rows := len(spec.Values) / spec.Width; rows != len(spec.TimesMs) {
			return nil, p.errAt(get["values"].val, path+".values", "has %d entries but times has %d; they pair up", rows, len(spec.TimesMs))
		}
	case "series":
		if err := require("dt"); err != nil {
			return nil, err
		}
		spec.Kind = systems.ProfileSeries
		dtF := get["dt"]
		if spec.SampleMs, err = p.quantity(dtF.val, path+".dt", units.Time); err != nil {
			return nil, err
		}
		if !(spec.SampleMs > 0) {
			return nil, p.errAt(dtF.val, path+".dt", "must be > 0 ms (the interval between samples), got %q", dtF.val.Value)
		}
		vals, file := get["values"], get["file"]
		switch {
		case vals != nil && file != nil:
			return nil, p.errAt(file.kNode, path+".file", "give either values or file, not both")
		case vals != nil:
			if get["unit"] != nil {
				return nil, p.errAt(get["unit"].kNode, path+".unit", "goes with file; inline values carry their own units")
			}
			if err := p.rows(vals.val, path+".values", dim, rate, spec, checks); err != nil {
				return nil, err
			}
		case file != nil:
			if err := p.seriesFile(file, get["unit"], n, path, dim, rate, spec, checks); err != nil {
				return nil, err
			}
		default:
			return nil, p.errAt(n, path+".values", "a series needs values (an inline list) or file (a .csv or .npy path)")
		}
	}
	return spec, nil
}

// neuronParam reads a quantity or a list with one per neuron (its length
// is checked later against the population).
func (p *parser) neuronParam(n *yaml.Node, path string, dim units.Dim, nonNeg bool, checks *[]widthCheck) (components.Param, error) {
	one := func(it *yaml.Node, key string) (float64, error) {
		var x float64
		var err error
		if dim == units.Dimensionless {
			x, err = p.number(it, key)
		} else {
			x, err = p.quantity(it, key, dim)
		}
		if err == nil && nonNeg && x < 0 {
			return 0, p.errAt(it, key, "must be >= 0, got %q", it.Value)
		}
		return x, err
	}
	if n.Kind != yaml.SequenceNode {
		x, err := one(n, path)
		return components.Shared(x), err
	}
	if len(n.Content) == 0 {
		return components.Param{}, p.errAt(n, path, "the list is empty")
	}
	xs := make([]float64, len(n.Content))
	for i, it := range n.Content {
		x, err := one(it, fmt.Sprintf("%s[%d]", path, i))
		if err != nil {
			return components.Param{}, err
		}
		xs[i] = x
	}
	*checks = append(*checks, widthCheck{key: path, line: n.Line, n: len(xs)})
	return components.PerNeuron(xs), nil
}

// number reads a plain number (no unit).
func (p *parser) number(n *yaml.Node, path string) (float64, error) {
	return p.quantity(n, path, units.Dimensionless)
}

// rows reads an inline table: a list whose entries are each a quantity
// (shared) or a list with one quantity per neuron; every entry must have
// the same length.
func (p *parser) rows(n *yaml.Node, path string, dim units.Dim, nonNeg bool, spec *systems.ProfileSpec, checks *[]widthCheck) error {
	items, err := p.sequence(n, path)
	if err != nil {
		return err
	}
	if len(items) == 0 {
		return p.errAt(n, path, "the list is empty")
	}
	for i, it := range items {
		key := fmt.Sprintf("%s[%d]", path, i)
		row := []*yaml.Node{it}
		if it.Kind == yaml.SequenceNode {
			row = it.Content
		}
		if i == 0 {
			spec.Width = len(row)
			if spec.Width == 0 {
				return p.errAt(it, key, "the list is empty")
			}
		} else if len(row) != spec.Width {
			return p.errAt(it, key, "has %d values, expected %d like %s[0] (a ragged table)", len(row), spec.Width, path)
		}
		for j, c := range row {
			ck := key
			if it.Kind == yaml.SequenceNode {
				ck = fmt.Sprintf("%s[%d]", key, j)
			}
			x, err := p.quantity(c, ck, dim)
			if err != nil {
				return err
			}
			if nonNeg && x < 0 {
				return p.errAt(c, ck, "a rate must be >= 0, got %q", c.Value)
			}
			spec.Values = append(spec.Values, x)
		}
	}
	if spec.Width > 1 {
		*checks = append(*checks, widthCheck{key: path + "[0]", line: items[0].Line, n: spec.Width})
	}
	return nil
}

// noise reads {kind: ou|white, mean, sigma, tau}.
func (p *parser) noise(n *yaml.Node, path string, checks *[]widthCheck) (*NoiseInput, error) {
	fields, err := p.mapping(n, path, []string{"kind", "mean", "sigma", "tau"})
	if err != nil {
		return nil, err
	}
	kind, err := p.kindOf(fields, path)
	if err != nil {
		return nil, err
	}
	out := &NoiseInput{MeanMA: components.Shared(0)}
	switch kind {
	case "ou":
		out.Kind = systems.NoiseOU
	case "white":
		out.Kind = systems.NoiseWhite
	default:
		return nil, p.errAt(n, path+".kind", "unknown or missing noise kind %q; valid: ou, white", kind)
	}
	seen := map[string]bool{}
	for _, f := range fields {
		key := path + "." + f.key
		seen[f.key] = true
		switch f.key {
		case "mean":
			out.MeanMA, err = p.neuronParam(f.val, key, units.Current, false, checks)
		case "sigma":
			out.SigmaMA, err = p.neuronParam(f.val, key, units.Current, true, checks)
		case "tau":
			if out.Kind != systems.NoiseOU {
				return nil, p.errAt(f.kNode, key, "goes with kind ou (white noise has no correlation time)")
			}
			out.TauMs, err = p.neuronParam(f.val, key, units.Time, true, checks)
			for i, x := range out.TauMs.Values {
				if err == nil && !(x > 0) {
					err = p.errAt(f.val, key, "value %d must be > 0 ms", i)
				}
			}
		}
		if err != nil {
			return nil, err
		}
	}
	req := []string{"sigma"}
	if out.Kind == systems.NoiseOU {
		req = append(req, "tau")
	}
	for _, r := range req {
		if !seen[r] {
			return nil, p.errAt(n, path+"."+r, "is required for %s noise (keys: mean, sigma%s)", kind, map[bool]string{true: ", tau", false: ""}[out.Kind == systems.NoiseOU])
		}
	}
	return out, nil
}

// collectSourceRates moves the rate time courses of inhomogeneous Poisson
// sources from the parser into sc, in population order.
func (p *parser) collectSourceRates(sc *Scenario) {
	for _, pop := range sc.Populations {
		if sr, ok := p.sourceRates[fmt.Sprintf("populations[%d].source", pop.Index)]; ok {
			sr.Population = pop.Spec.Name
			sc.SourceRates = append(sc.SourceRates, *sr)
		}
	}
}

// checkStimulusWidths checks that every per-neuron list of a time course
// or noise input has one value per neuron of its population.
func (p *parser) checkStimulusWidths(sc *Scenario) error {
	size := map[string]int{}
	for _, pop := range sc.Populations {
		size[pop.Spec.Name] = pop.Spec.Size
	}
	check := func(pop string, ws []widthCheck) error {
		for _, w := range ws {
			if w.n != size[pop] {
				return &Error{File: p.file, Line: w.line, Key: w.key, Msg: fmt.Sprintf("has %d values, expected 1 or %d (one per neuron of %q)", w.n, size[pop], pop)}
			}
		}
		return nil
	}
	for _, in := range sc.Inputs {
		if err := check(in.Population, in.widths); err != nil {
			return err
		}
	}
	for _, sr := range sc.SourceRates {
		if err := check(sr.Population, sr.widths); err != nil {
			return err
		}
	}
	return nil
}
