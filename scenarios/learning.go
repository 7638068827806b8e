package scenarios

import (
	"strings"

	"go.yaml.in/yaml/v3"

	"github.com/spikecs/spikecs/components"
	"github.com/spikecs/spikecs/scenarios/units"
	"github.com/spikecs/spikecs/systems"
)

// learning reads a projection's learning: key,
//
//	{rule: stdp, tau_plus, tau_minus, a_plus, a_minus, w_max, interaction}
//	{rule: triplet, tau_plus, tau_minus, tau_x, tau_y, a_plus, a_minus,
//	 a3_plus, a3_minus, w_max, interaction}
//
// Times are durations ("20 ms"), amplitudes and w_max conductances
// ("0.01 nS"); interaction is all_to_all (default) or nearest. Defaults:
// stdp tau_plus = tau_minus = 20 ms (Song et al. 2000); triplet
// tau_plus 16.8 ms, tau_minus 33.7 ms, tau_x 101 ms, tau_y 125 ms
// (Pfister & Gerstner 2006, visual cortex). The amplitudes and w_max are
// required: they depend on the weight scale.
func (p *parser) learning(n *yaml.Node, path string) (*systems.STDPSpec, error) {
	all := []string{"rule", "tau_plus", "tau_minus", "tau_x", "tau_y", "a_plus", "a_minus", "a3_plus", "a3_minus", "w_max", "interaction"}
	fields, err := p.mapping(n, path, all)
	if err != nil {
		return nil, err
	}
	rule, ruleNode := "", n
	for _, f := range fields {
		if f.key == "rule" {
			if rule, err = p.str(f.val, path+".rule"); err != nil {
				return nil, err
			}
			ruleNode = f.val
		}
	}
	var spec systems.STDPSpec
	var valid, required []string
	switch rule {
	case "stdp":
		spec = systems.STDPSpec{Rule: components.STDPPair, TauPlusMs: 20, TauMinusMs: 20}
		valid = []string{"tau_plus", "tau_minus", "a_plus", "a_minus", "w_max", "interaction"}
		required = []string{"a_plus", "a_minus", "w_max"}
	case "triplet":
		spec = systems.STDPSpec{Rule: components.STDPTriplet, TauPlusMs: 16.8, TauMinusMs: 33.7, TauXMs: 101, TauYMs: 125}
		valid = all[1:]
		required = []string{"a_plus", "a_minus", "a3_plus", "a3_minus", "w_max"}
	default:
		return nil, p.errAt(ruleNode, path+".rule", "unknown or missing learning rule %q; valid: stdp, triplet", rule)
	}
	dst := map[string]*float64{"tau_plus": &spec.TauPlusMs, "tau_minus": &spec.TauMinusMs, "tau_x": &spec.TauXMs, "tau_y": &spec.TauYMs,
		"a_plus": &spec.APlusS, "a_minus": &spec.AMinusS, "a3_plus": &spec.A3PlusS, "a3_minus": &spec.A3MinusS, "w_max": &spec.WMaxS}
	seen := map[string]bool{}
	for _, f := range fields {
		key := path + "." + f.key
		if f.key == "rule" {
			continue
		}
		if !contains(valid, f.key) {
			return nil, p.errAt(f.kNode, key, "is not a parameter of %s; valid: %s", rule, strings.Join(valid, ", "))
		}
		seen[f.key] = true
		if f.key == "interaction" {
			s, err := p.str(f.val, key)
			if err != nil {
				return nil, err
			}
			if s != "all_to_all" && s != "nearest" {
				return nil, p.errAt(f.val, key, "expected all_to_all or nearest, got %q", s)
			}
			spec.Nearest = s == "nearest"
			continue
		}
		if strings.HasPrefix(f.key, "tau") {
			x, err := p.quantity(f.val, key, units.Time)
			if err != nil {
				return nil, err
			}
			if !(x > 0) {
				return nil, p.errAt(f.val, key, "must be > 0, got %q", f.val.Value)
			}
			*dst[f.key] = x
			continue
		}
		x, err := p.quantity(f.val, key, units.Conductance)
		if err != nil {
			return nil, err
		}
		if f.key == "w_max" && !(x > 0) {
			return nil, p.errAt(f.val, key, "must be > 0, got %q", f.val.Value)
		}
		if x < 0 {
			return nil, p.errAt(f.val, key, "must be >= 0 (the rule gives the sign), got %q", f.val.Value)
		}
		*dst[f.key] = x
	}
	for _, req := range required {
		if !seen[req] {
			return nil, p.errAt(n, path+"."+req, "is required for rule %s", rule)
		}
	}
	return &spec, nil
}
