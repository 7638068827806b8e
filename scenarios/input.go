package scenarios

import (
	"fmt"
	"math"

	"go.yaml.in/yaml/v3"

	"github.com/spikecs/spikecs/components"
	"github.com/spikecs/spikecs/scenarios/units"
	"github.com/spikecs/spikecs/systems"
)

func (p *parser) inputs(n *yaml.Node, sc *Scenario) error {
	items, err := p.sequence(n, "inputs")
	if err != nil {
		return err
	}
	for i, it := range items {
		path := fmt.Sprintf("inputs[%d]", i)
		fields, err := p.mapping(it, path, []string{"population", "current", "poisson", "noise", "start", "stop"})
		if err != nil {
			return err
		}
		in := Input{StopMs: math.Inf(1), Line: it.Line, Index: i, Lines: map[string]int{}}
		var cur, poisson, noise, startN, stopN *yaml.Node
		for _, f := range fields {
			key := path + "." + f.key
			in.Lines[f.key] = f.val.Line
			switch f.key {
			case "population":
				if in.Population, err = p.str(f.val, key); err != nil {
					return err
				}
			case "current":
				cur = f.val
			case "poisson":
				poisson = f.val
			case "noise":
				noise = f.val
			case "start":
				startN = f.val
				if in.StartMs, err = p.quantity(f.val, key, units.Time); err != nil {
					return err
				}
			case "stop":
				stopN = f.val
				if in.StopMs, err = p.quantity(f.val, key, units.Time); err != nil {
					return err
				}
			}
		}
		if in.Population == "" {
			return p.errAt(it, path+".population", "is required")
		}
		given := 0
		for _, x := range []*yaml.Node{cur, poisson, noise} {
			if x != nil {
				given++
			}
		}
		switch {
		case given > 1:
			return p.errAt(it, path, "an input is one of current, poisson or noise, not several")
		case poisson != nil:
			if in.Poisson, err = p.poissonInput(poisson, path+".poisson", &in.widths); err != nil {
				return err
			}
		case noise != nil:
			if in.Noise, err = p.noise(noise, path+".noise", &in.widths); err != nil {
				return err
			}
		case cur == nil:
			return p.errAt(it, path+".current", "is required (e.g. \"2 mA\", a list with one value per neuron, or a time course {kind: sine|steps|ramp|series, ...}), or give poisson: {count, rate, weight} or noise: {kind: ou|white, ...}")
		case cur.Kind == yaml.MappingNode:
			if in.Profile, err = p.profile(cur, path+".current", units.Current, &in.widths); err != nil {
				return err
			}
			if in.Profile.Kind == systems.ProfileRamp && stopN == nil {
				return p.errAt(cur, path+".stop", "is required with a ramp: the ramp goes from start to stop")
			}
		default:
			if in.CurrentMA, err = p.current(cur, path+".current"); err != nil {
				return err
			}
			if cur.Kind == yaml.SequenceNode {
				in.listLen = len(cur.Content)
			}
		}
		if in.StartMs < 0 {
			return p.errAt(startN, path+".start", "must be >= 0 ms, got %q", startN.Value)
		}
		if in.StopMs < in.StartMs {
			return p.errAt(stopN, path+".stop", "must not be before start (%v ms), got %q", in.StartMs, stopN.Value)
		}
		sc.Inputs = append(sc.Inputs, in)
	}
	return nil
}

// current reads a current: one value or one per neuron.
func (p *parser) current(n *yaml.Node, path string) (components.Param, error) {
	if n.Kind == yaml.SequenceNode {
		xs := make([]float64, len(n.Content))
		for i, it := range n.Content {
			x, err := p.quantity(it, fmt.Sprintf("%s[%d]", path, i), units.Current)
			if err != nil {
				return components.Param{}, err
			}
			xs[i] = x
		}
		if len(xs) == 0 {
			return components.Param{}, p.errAt(n, path, "the list is empty")
		}
		return components.PerNeuron(xs), nil
	}
	x, err := p.quantity(n, path, units.Current)
	return components.Shared(x), err
}

// poissonInput reads {count: 1000, rate: 10 Hz, weight: 0.1 mV, mode: auto}.
// rate may also be a time course (an inhomogeneous Poisson input).
func (p *parser) poissonInput(n *yaml.Node, path string, checks *[]widthCheck) (*PoissonInput, error) {
	fields, err := p.mapping(n, path, []string{"count", "rate", "weight", "mode", "synapse", "output"})
	if err != nil {
		return nil, err
	}
	out := &PoissonInput{}
	seen := map[string]bool{}
	var synNode, outNode *yaml.Node
	for _, f := range fields {
		switch f.key {
		case "synapse":
			synNode = f.val
		case "output":
			outNode = f.val
		}
	}
	if (synNode == nil) != (outNode == nil) {
		missing := "output"
		if synNode == nil {
			missing = "synapse"
		}
		return nil, p.errAt(n, path+"."+missing, "a poisson input into a synaptic channel needs both synapse and output (as a projection)")
	}
	if synNode != nil {
		var ch components.ChannelParams
		var pre *systems.PreSynapseSpec
		if err := p.synapse(synNode, path+".synapse", &ch, &pre); err != nil {
			return nil, err
		}
		if pre != nil {
			return nil, p.errAt(synNode, path+".synapse.kind", "a poisson input drives a post-side channel: expon, dual_expon or alpha")
		}
		if err := p.output(outNode, path+".output", &ch); err != nil {
			return nil, err
		}
		out.Channel = &ch
	}
	for _, f := range fields {
		key := path + "." + f.key
		seen[f.key] = true
		switch f.key {
		case "count":
			x, err := p.positiveInt(f.val, key, "the number of Poisson sources")
			if err != nil {
				return nil, err
			}
			out.Count = int(x)
		case "rate":
			if f.val.Kind == yaml.MappingNode && out.Channel != nil {
				return nil, p.errAt(f.val, key, "a poisson input into a channel takes a constant rate")
			}
			if f.val.Kind == yaml.MappingNode {
				if out.Rate, err = p.profile(f.val, key, units.Frequency, checks); err != nil {
					return nil, err
				}
				continue
			}
			if out.RateHz, err = p.quantity(f.val, key, units.Frequency); err != nil {
				return nil, err
			}
			if out.RateHz < 0 {
				return nil, p.errAt(f.val, key, "must be >= 0 Hz")
			}
		case "weight":
			if out.Channel != nil { // a jump of the channel's conductance
				if out.WeightS, err = p.quantity(f.val, key, units.Conductance); err != nil {
					return nil, err
				}
				continue
			}
			if out.WeightMV, err = p.quantity(f.val, key, units.Voltage); err != nil {
				return nil, err
			}
		case "mode":
			if out.Channel != nil {
				return nil, p.errAt(f.kNode, key, "a poisson input into a channel draws Poisson counts (NEST's poisson_generator); mode applies to inputs into V only")
			}
			s, err := p.str(f.val, key)
			if err != nil {
				return nil, err
			}
			m, ok := systems.PoissonModes()[s]
			if !ok {
				return nil, p.errAt(f.val, key, "unknown mode %q; valid: auto, binomial, reference", s)
			}
			out.Mode = m
		}
	}
	for _, req := range []string{"count", "rate", "weight"} {
		if !seen[req] {
			return nil, p.errAt(n, path+"."+req, "is required for a poisson input (count, rate, weight; optional mode)")
		}
	}
	return out, nil
}
