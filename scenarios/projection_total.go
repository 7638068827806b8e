package scenarios

import (
	"math"

	"go.yaml.in/yaml/v3"

	"github.com/spikecs/spikecs/ecs"
	"github.com/spikecs/spikecs/scenarios/units"
	"github.com/spikecs/spikecs/systems"
)

// redrawNormal reads a per-synapse {dist: normal, mean, sd, min, max}
// with at least one of min and max: NEST's redraw (a value outside
// [min, max] is drawn again; a missing bound is unbounded). ok is false
// when n is not such a mapping (the caller reads it as an ordinary value).
func (p *parser) redrawNormal(n *yaml.Node, path string, dim units.Dim) (v ecs.Value, ok bool, err error) {
	if n.Kind != yaml.MappingNode {
		return ecs.Value{}, false, nil
	}
	isNormal, bounded := false, false
	for i := 0; i+1 < len(n.Content); i += 2 {
		switch k := n.Content[i].Value; {
		case k == "dist":
			isNormal = n.Content[i+1].Value == "normal"
		case k == "min" || k == "max":
			bounded = true
		}
	}
	if !isNormal || !bounded {
		return ecs.Value{}, false, nil
	}
	fields, err := p.mapping(n, path, []string{"dist", "mean", "sd", "min", "max"})
	if err != nil {
		return ecs.Value{}, true, err
	}
	mean, sd, lo, hi := math.NaN(), math.NaN(), math.Inf(-1), math.Inf(1)
	for _, f := range fields {
		if f.key == "dist" {
			continue
		}
		x, err := p.quantity(f.val, path+"."+f.key, dim)
		if err != nil {
			return ecs.Value{}, true, err
		}
		*map[string]*float64{"mean": &mean, "sd": &sd, "min": &lo, "max": &hi}[f.key] = x
	}
	for k, x := range map[string]float64{"mean": mean, "sd": sd} {
		if math.IsNaN(x) {
			return ecs.Value{}, true, p.errAt(n, path+"."+k, "is required for dist normal (it takes mean, sd and, to redraw values outside them, min and/or max)")
		}
	}
	v = ecs.NormalRedraw(mean, sd, lo, hi)
	if err := v.Check(1); err != nil {
		return ecs.Value{}, true, p.errAt(n, path, "%v", err)
	}
	return v, true, nil
}

// weightStorage reads float64 | float32.
func (p *parser) weightStorage(n *yaml.Node, path string, out *systems.WeightStorage) error {
	s, err := p.str(n, path)
	if err != nil {
		return err
	}
	switch s {
	case "float64":
		*out = systems.WeightsFloat64
	case "float32":
		*out = systems.WeightsFloat32
	default:
		return p.errAt(n, path, "expected float64 or float32, got %q", s)
	}
	return nil
}

// delayRounding reads ceil | nearest.
func (p *parser) delayRounding(n *yaml.Node, path string, out *systems.DelayRounding) error {
	s, err := p.str(n, path)
	if err != nil {
		return err
	}
	switch s {
	case "ceil":
		*out = systems.DelayCeil
	case "nearest":
		*out = systems.DelayNearest
	default:
		return p.errAt(n, path, "expected ceil (brainstate's ceil(d/dt)) or nearest (NEST's), got %q", s)
	}
	return nil
}

// checkTotalNumber checks the keys of rule fixed_total_number (n or p,
// k_scale only with p) and that k_scale is not given to other rules.
func (p *parser) checkTotalNumber(n *yaml.Node, path string, fields []field, c *systems.Connectivity) error {
	has := map[string]*yaml.Node{}
	for _, f := range fields {
		has[f.key] = f.kNode
	}
	if c.Kind != systems.FixedTotalNumber {
		if k, ok := has["k_scale"]; ok {
			return p.errAt(k, path+".k_scale", "goes with rule fixed_total_number (it scales the count derived from p)")
		}
		return nil
	}
	_, hasN := has["n"]
	_, hasP := has["p"]
	switch {
	case hasN && hasP:
		return p.errAt(n, path, "fixed_total_number takes n (the number of synapses) or p (a connection probability it turns into a count), not both")
	case !hasN && !hasP:
		return p.errAt(n, path+".n", "is required for fixed_total_number (or p, a connection probability)")
	case hasN && has["k_scale"] != nil:
		return p.errAt(has["k_scale"], path+".k_scale", "goes with p (it scales the count derived from p); scale n yourself")
	case hasP && c.P >= 1:
		return p.errAt(n, path+".p", "must be < 1 for fixed_total_number (p = 1 needs infinitely many synapses)")
	}
	if k, ok := has["multapses"]; ok && c.NoMultapses {
		return p.errAt(k, path+".multapses", "fixed_total_number always allows multapses (NEST's semantics); use fixed_total for distinct pairs")
	}
	return nil
}
