package scenarios

import (
	"fmt"
	"strings"

	"go.yaml.in/yaml/v3"

	"github.com/spikecs/spikecs/scenarios/units"
)

// WeightRecord records the weights of one plastic projection (one with
// learning) every EveryMs: the runner writes a T×S array, one row per
// recorded step and one column per synapse in storage order.
type WeightRecord struct {
	Projection string
	EveryMs    float64 // recording interval, ms (rounded to whole steps, at least one)
	Line       int
	Index      int
}

// weightRecords reads record.weights: a list of {projection, every}.
func (p *parser) weightRecords(n *yaml.Node, sc *Scenario) error {
	items, err := p.sequence(n, "record.weights")
	if err != nil {
		return err
	}
	for i, it := range items {
		path := fmt.Sprintf("record.weights[%d]", i)
		fields, err := p.mapping(it, path, []string{"projection", "every"})
		if err != nil {
			return err
		}
		w := WeightRecord{Line: it.Line, Index: i}
		for _, f := range fields {
			key := path + "." + f.key
			switch f.key {
			case "projection":
				if w.Projection, err = p.str(f.val, key); err != nil {
					return err
				}
			case "every":
				if w.EveryMs, err = p.quantity(f.val, key, units.Time); err != nil {
					return err
				}
				if !(w.EveryMs > 0) {
					return p.errAt(f.val, key, "must be > 0 ms, got %q", f.val.Value)
				}
			}
		}
		for _, req := range []string{"projection", "every"} {
			if (req == "projection" && w.Projection == "") || (req == "every" && w.EveryMs == 0) {
				return p.errAt(it, path+"."+req, "is required (record.weights entries are {projection: NAME, every: 10 ms})")
			}
		}
		sc.Record.Weights = append(sc.Record.Weights, w)
	}
	return nil
}

// checkWeightRecords checks that every recorded projection exists and
// learns (the weights of other projections do not change).
func (p *parser) checkWeightRecords(sc *Scenario) error {
	var plastic, all []string
	for _, pr := range sc.Projections {
		all = append(all, pr.Spec.Name)
		if pr.Spec.Learning != nil {
			plastic = append(plastic, pr.Spec.Name)
		}
	}
	for _, w := range sc.Record.Weights {
		key := fmt.Sprintf("record.weights[%d].projection", w.Index)
		switch {
		case contains(plastic, w.Projection):
		case contains(all, w.Projection):
			return &Error{File: p.file, Line: w.Line, Key: key, Msg: fmt.Sprintf("projection %q has no learning, so its weights do not change; projections with learning: %s", w.Projection, orNone(plastic))}
		default:
			return &Error{File: p.file, Line: w.Line, Key: key, Msg: fmt.Sprintf("unknown projection %q; projections with learning: %s", w.Projection, orNone(plastic))}
		}
	}
	return nil
}

func orNone(xs []string) string {
	if len(xs) == 0 {
		return "none"
	}
	return strings.Join(xs, ", ")
}
