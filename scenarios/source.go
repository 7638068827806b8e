package scenarios

import (
	"fmt"

	"go.yaml.in/yaml/v3"

	"github.com/spikecs/spikecs/ecs"
	"github.com/spikecs/spikecs/scenarios/units"
	"github.com/spikecs/spikecs/systems"
)

// source reads {kind: poisson, rate: 10 Hz},
// {kind: spike_times, times: [1 ms, ...], neurons: [0, ...]} or
// {kind: inhomogeneous_poisson, rate: {kind: sine|steps|ramp|series, ...}}.
// An inhomogeneous source is built as a Poisson source of rate 0 whose
// rate a systems.RateDriver sets every step; its time course is kept in
// p.sourceRates under path until the scenario collects it.
func (p *parser) source(n *yaml.Node, path string, size int) (*ecs.SourceSpec, error) {
	fields, err := p.mapping(n, path, []string{"kind", "rate", "times", "neurons"})
	if err != nil {
		return nil, err
	}
	kind := ""
	var rate, times, neurons *field
	for k := range fields {
		f := &fields[k]
		switch f.key {
		case "kind":
			if kind, err = p.str(f.val, path+".kind"); err != nil {
				return nil, err
			}
		case "rate":
			rate = f
		case "times":
			times = f
		case "neurons":
			neurons = f
		}
	}
	src := &ecs.SourceSpec{}
	switch kind {
	case "poisson":
		if times != nil || neurons != nil {
			return nil, p.errAt(n, path, "a poisson source takes only rate")
		}
		if rate == nil {
			return nil, p.errAt(n, path+".rate", "is required for a poisson source (e.g. \"10 Hz\", a list per neuron, or {dist: ...})")
		}
		v, err := p.value(rate.val, path+".rate", units.Frequency, size)
		if err != nil {
			return nil, err
		}
		src.RateHz = v
	case "spike_times":
		if rate != nil {
			return nil, p.errAt(rate.kNode, path+".rate", "a spike_times source takes times and neurons, not rate")
		}
		if times == nil || neurons == nil {
			return nil, p.errAt(n, path, "a spike_times source needs times and neurons (lists of equal length)")
		}
		ts, err := p.sequence(times.val, path+".times")
		if err != nil {
			return nil, err
		}
		for i, it := range ts {
			x, err := p.quantity(it, fmt.Sprintf("%s.times[%d]", path, i), units.Time)
			if err != nil {
				return nil, err
			}
			src.TimesMs = append(src.TimesMs, x)
		}
		ns, err := p.sequence(neurons.val, path+".neurons")
		if err != nil {
			return nil, err
		}
		for i, it := range ns {
			x, err := p.integer(it, fmt.Sprintf("%s.neurons[%d]", path, i), int64(size-1))
			if err != nil {
				return nil, err
			}
			src.Neurons = append(src.Neurons, int(x))
		}
		if len(src.TimesMs) != len(src.Neurons) {
			return nil, p.errAt(n, path, "times has %d entries but neurons has %d; they pair up", len(src.TimesMs), len(src.Neurons))
		}
	case "inhomogeneous_poisson":
		if times != nil || neurons != nil {
			return nil, p.errAt(n, path, "an inhomogeneous_poisson source takes only rate")
		}
		if rate == nil || rate.val.Kind != yaml.MappingNode {
			at := n
			if rate != nil {
				at = rate.val
			}
			return nil, p.errAt(at, path+".rate", "an inhomogeneous_poisson source needs a rate time course, e.g. {kind: sine, offset: 10 Hz, amplitude: 5 Hz, frequency: 2 Hz} or {kind: series, file: rate.csv, unit: Hz, dt: 1 ms}")
		}
		sr := &SourceRate{Line: rate.val.Line, Key: path + ".rate"}
		prof, err := p.profile(rate.val, path+".rate", units.Frequency, &sr.widths)
		if err != nil {
			return nil, err
		}
		if prof.Kind == systems.ProfileRamp {
			return nil, p.errAt(rate.val, path+".rate.kind", "a source runs for the whole run and has no start and stop for a ramp; use steps or series")
		}
		sr.Rate = *prof
		if p.sourceRates == nil {
			p.sourceRates = map[string]*SourceRate{}
		}
		p.sourceRates[path] = sr
		src.RateHz = ecs.Scalar(0)
	default:
		return nil, p.errAt(n, path+".kind", "unknown or missing source kind %q; valid: poisson, spike_times, inhomogeneous_poisson", kind)
	}
	return src, nil
}
