package scenarios

import (
	"fmt"
	"strings"

	"go.yaml.in/yaml/v3"

	"github.com/spikecs/spikecs/scenarios/units"

	"github.com/spikecs/spikecs/systems"
)

func (p *parser) record(n *yaml.Node, sc *Scenario) error {
	fields, err := p.mapping(n, "record", []string{"spikes", "state", "rate", "weights", "start", "spike_sample"})
	if err != nil {
		return err
	}
	for _, f := range fields {
		switch f.key {
		case "spike_sample":
			x, err := p.positiveInt(f.val, "record.spike_sample", "the number of neurons per population whose spikes are written")
			if err != nil {
				return err
			}
			sc.Record.SpikeSample = int(x)
		case "start":
			x, err := p.quantity(f.val, "record.start", units.Time)
			if err != nil {
				return err
			}
			if !(x >= 0) {
				return p.errAt(f.val, "record.start", "must be >= 0, got %v ms", x)
			}
			sc.Record.StartMs, sc.Record.StartLine = x, f.val.Line
		case "weights":
			if err := p.weightRecords(f.val, sc); err != nil {
				return err
			}
		case "rate":
			if sc.Record.Rate, err = p.rateRecord(f.val, "record.rate"); err != nil {
				return err
			}
		case "spikes":
			items, err := p.stringList(f.val, "record.spikes")
			if err != nil {
				return err
			}
			for _, it := range items {
				sc.Record.Spikes = append(sc.Record.Spikes, it.val)
				sc.Record.SpikeLines = append(sc.Record.SpikeLines, it.node.Line)
			}
		case "state":
			items, err := p.sequence(f.val, "record.state")
			if err != nil {
				return err
			}
			for i, it := range items {
				st, err := p.stateRecord(it, i)
				if err != nil {
					return err
				}
				sc.Record.State = append(sc.Record.State, st)
			}
		}
	}
	return nil
}

func (p *parser) stateRecord(n *yaml.Node, i int) (StateRecord, error) {
	path := fmt.Sprintf("record.state[%d]", i)
	fields, err := p.mapping(n, path, []string{"population", "vars", "neurons", "stride"})
	if err != nil {
		return StateRecord{}, err
	}
	st := StateRecord{Line: n.Line, Index: i, Lines: map[string]int{}}
	names := systems.StateVars()
	for _, f := range fields {
		key := path + "." + f.key
		st.Lines[f.key] = f.val.Line
		switch f.key {
		case "population":
			if st.Population, err = p.str(f.val, key); err != nil {
				return st, err
			}
		case "vars":
			items, err := p.stringList(f.val, key)
			if err != nil {
				return st, err
			}
			for j, it := range items {
				if !contains(names, it.val) {
					return st, p.errAt(it.node, it.key, "unknown variable %q; valid: %s", it.val, strings.Join(names, ", "))
				}
				st.Vars = append(st.Vars, it.val)
				st.Lines[fmt.Sprintf("vars[%d]", j)] = it.node.Line
			}
		case "stride":
			x, err := p.positiveInt(f.val, key, "record every n-th step")
			if err != nil {
				return st, err
			}
			st.Stride = x
		case "neurons":
			items, err := p.sequence(f.val, key)
			if err != nil {
				return st, err
			}
			if len(items) == 0 {
				return st, p.errAt(f.val, key, "the list is empty; leave neurons out to record every neuron")
			}
			for j, it := range items {
				x, err := p.integer(it, fmt.Sprintf("%s[%d]", key, j), 1<<31-1)
				if err != nil {
					return st, err
				}
				st.Neurons = append(st.Neurons, int(x))
				st.Lines[fmt.Sprintf("neurons[%d]", j)] = it.Line
			}
		}
	}
	if st.Population == "" {
		return st, p.errAt(n, path+".population", "is required")
	}
	if len(st.Vars) == 0 {
		return st, p.errAt(n, path+".vars", "is required; valid: %s", strings.Join(names, ", "))
	}
	return st, nil
}

// rateRecord reads {populations: [...], bin: 1 ms}.
func (p *parser) rateRecord(n *yaml.Node, path string) (*RateRecord, error) {
	fields, err := p.mapping(n, path, []string{"populations", "bin"})
	if err != nil {
		return nil, err
	}
	r := &RateRecord{Line: n.Line, BinMs: 1}
	for _, f := range fields {
		key := path + "." + f.key
		switch f.key {
		case "populations":
			items, err := p.stringList(f.val, key)
			if err != nil {
				return nil, err
			}
			for _, it := range items {
				r.Populations = append(r.Populations, it.val)
			}
		case "bin":
			if r.BinMs, err = p.quantity(f.val, key, units.Time); err != nil {
				return nil, err
			}
			if !(r.BinMs > 0) {
				return nil, p.errAt(f.val, key, "must be > 0 ms")
			}
		}
	}
	if len(r.Populations) == 0 {
		return nil, p.errAt(n, path+".populations", "is required: the populations whose rate to record")
	}
	return r, nil
}
