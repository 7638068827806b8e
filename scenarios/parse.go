package scenarios

import (
	"fmt"
	"path/filepath"
	"sort"
	"strconv"
	"strings"

	"go.yaml.in/yaml/v3"

	"github.com/spikecs/spikecs/scenarios/units"
)

// parser carries the file name for errors.
type parser struct {
	file string
}

// field is one key/value pair of a YAML mapping.
type field struct {
	key   string
	kNode *yaml.Node
	val   *yaml.Node
}

// Parse reads a scenario from YAML. file names the source in errors.
func Parse(data []byte, file string) (*Scenario, error) {
	p := &parser{file: file}
	var doc yaml.Node
	if err := yaml.Unmarshal(data, &doc); err != nil {
		return nil, syntaxError(file, err)
	}
	if doc.Kind == 0 || len(doc.Content) == 0 {
		return nil, &Error{File: file, Line: 1, Msg: "the file is empty; expected a mapping with at least 'populations'"}
	}
	root := doc.Content[0]
	fields, err := p.mapping(root, "", []string{"name", "dt", "duration", "seed", "populations", "inputs", "record"})
	if err != nil {
		return nil, err
	}
	sc := &Scenario{File: file, DtMs: 0.1, DurationMs: 100, Name: defaultName(file)}
	for _, f := range fields {
		switch f.key {
		case "name":
			if sc.Name, err = p.str(f.val, "name"); err != nil {
				return nil, err
			}
			if sc.Name == "" {
				return nil, p.errAt(f.val, "name", "must not be empty")
			}
		case "dt":
			if sc.DtMs, err = p.quantity(f.val, "dt", units.Time); err != nil {
				return nil, err
			}
			if !(sc.DtMs > 0) {
				return nil, p.errAt(f.val, "dt", "must be > 0, got %q", f.val.Value)
			}
		case "duration":
			if sc.DurationMs, err = p.quantity(f.val, "duration", units.Time); err != nil {
				return nil, err
			}
			if sc.DurationMs < 0 {
				return nil, p.errAt(f.val, "duration", "must be >= 0, got %q", f.val.Value)
			}
		case "seed":
			if sc.Seed, err = p.seed(f.val, "seed"); err != nil {
				return nil, err
			}
		case "populations":
			if err := p.populations(f.val, sc); err != nil {
				return nil, err
			}
		case "inputs":
			if err := p.inputs(f.val, sc); err != nil {
				return nil, err
			}
		case "record":
			if err := p.record(f.val, sc); err != nil {
				return nil, err
			}
		}
	}
	if len(sc.Populations) == 0 {
		return nil, p.errAt(root, "populations", "at least one population is required")
	}
	if err := p.crossCheck(sc); err != nil {
		return nil, err
	}
	return sc, nil
}

// defaultName is the file name without directory and extension.
func defaultName(file string) string {
	base := filepath.Base(strings.TrimPrefix(file, "builtin:"))
	return strings.TrimSuffix(base, filepath.Ext(base))
}

// mapping checks that n is a mapping with only valid keys, no duplicates,
// and returns its fields in order.
func (p *parser) mapping(n *yaml.Node, path string, valid []string) ([]field, error) {
	if n.Kind != yaml.MappingNode {
		return nil, p.errAt(n, path, "expected a mapping (key: value lines), got %s", describe(n))
	}
	seen := map[string]int{}
	var out []field
	for i := 0; i+1 < len(n.Content); i += 2 {
		k, v := n.Content[i], n.Content[i+1]
		key := k.Value
		if k.Kind != yaml.ScalarNode {
			return nil, p.errAt(k, path, "keys must be plain names")
		}
		if !contains(valid, key) {
			return nil, p.errAt(k, join(path, key), "unknown key %q; valid: %s", key, strings.Join(valid, ", "))
		}
		if line, dup := seen[key]; dup {
			return nil, p.errAt(k, join(path, key), "duplicate key (first at line %d)", line)
		}
		seen[key] = k.Line
		out = append(out, field{key: key, kNode: k, val: v})
	}
	return out, nil
}

// sequence checks that n is a sequence and returns its items.
func (p *parser) sequence(n *yaml.Node, path string) ([]*yaml.Node, error) {
	if n.Kind != yaml.SequenceNode {
		return nil, p.errAt(n, path, "expected a list, got %s", describe(n))
	}
	return n.Content, nil
}

// str reads a scalar string.
func (p *parser) str(n *yaml.Node, path string) (string, error) {
	if n.Kind != yaml.ScalarNode || n.Tag == "!!null" {
		return "", p.errAt(n, path, "expected a single value, got %s", describe(n))
	}
	return n.Value, nil
}

// quantity reads a scalar with a unit into the canonical unit of want.
func (p *parser) quantity(n *yaml.Node, path string, want units.Dim) (float64, error) {
	s, err := p.str(n, path)
	if err != nil {
		return 0, err
	}
	v, err := units.ParseAs(s, want)
	if err != nil {
		return 0, p.errAt(n, path, "%v", err)
	}
	return v, nil
}

// integer reads a non-negative integer no larger than max.
func (p *parser) integer(n *yaml.Node, path string, max int64) (int64, error) {
	s, err := p.str(n, path)
	if err != nil {
		return 0, err
	}
	v, err := strconv.ParseInt(s, 10, 64)
	if err != nil || v < 0 || v > max {
		return 0, p.errAt(n, path, "expected a whole number between 0 and %d, got %q", max, s)
	}
	return v, nil
}

// seed reads an unsigned 64-bit seed.
func (p *parser) seed(n *yaml.Node, path string) (uint64, error) {
	s, err := p.str(n, path)
	if err != nil {
		return 0, err
	}
	v, err := strconv.ParseUint(s, 10, 64)
	if err != nil {
		return 0, p.errAt(n, path, "expected a whole number >= 0, got %q", s)
	}
	return v, nil
}

// names reads a list of strings (or a single string).
func (p *parser) names(n *yaml.Node, path string) ([]string, error) {
	if n.Kind == yaml.ScalarNode {
		s, err := p.str(n, path)
		return []string{s}, err
	}
	items, err := p.sequence(n, path)
	if err != nil {
		return nil, err
	}
	out := make([]string, len(items))
	for i, it := range items {
		if out[i], err = p.str(it, fmt.Sprintf("%s[%d]", path, i)); err != nil {
			return nil, err
		}
	}
	return out, nil
}

// describe names a node's kind for error messages.
func describe(n *yaml.Node) string {
	switch n.Kind {
	case yaml.MappingNode:
		return "a mapping"
	case yaml.SequenceNode:
		return "a list"
	case yaml.ScalarNode:
		if n.Tag == "!!null" {
			return "nothing"
		}
		return fmt.Sprintf("%q", n.Value)
	case yaml.AliasNode:
		return "an alias"
	}
	return "nothing"
}

func contains(xs []string, x string) bool {
	for _, y := range xs {
		if x == y {
			return true
		}
	}
	return false
}

func join(path, key string) string {
	if path == "" {
		return key
	}
	return path + "." + key
}

// crossCheck validates references between sections.
func (p *parser) crossCheck(sc *Scenario) error {
	pops := map[string]*Population{}
	var names []string
	for i := range sc.Populations {
		pop := &sc.Populations[i]
		if _, dup := pops[pop.Spec.Name]; dup {
			return &Error{File: p.file, Line: pop.Line, Key: fmt.Sprintf("populations[%d].name", i), Msg: fmt.Sprintf("duplicate population name %q", pop.Spec.Name)}
		}
		pops[pop.Spec.Name] = pop
		names = append(names, pop.Spec.Name)
	}
	sort.Strings(names)
	valid := strings.Join(names, ", ")
	for _, in := range sc.Inputs {
		key := fmt.Sprintf("inputs[%d].population", in.Index)
		pop, ok := pops[in.Population]
		if !ok {
			return &Error{File: p.file, Line: in.Line, Key: key, Msg: fmt.Sprintf("unknown population %q; valid: %s", in.Population, valid)}
		}
		if l := len(in.CurrentMA.Values); l != 1 && l != pop.Spec.Size {
			return &Error{File: p.file, Line: in.Line, Key: fmt.Sprintf("inputs[%d].current", in.Index), Msg: fmt.Sprintf("list has %d values, expected %d (one per neuron of %q)", l, pop.Spec.Size, in.Population)}
		}
	}
	for i, name := range sc.Record.Spikes {
		if _, ok := pops[name]; !ok {
			return &Error{File: p.file, Line: 0, Key: fmt.Sprintf("record.spikes[%d]", i), Msg: fmt.Sprintf("unknown population %q; valid: %s", name, valid)}
		}
	}
	for _, st := range sc.Record.State {
		pop, ok := pops[st.Population]
		if !ok {
			return &Error{File: p.file, Line: st.Line, Key: fmt.Sprintf("record.state[%d].population", st.Index), Msg: fmt.Sprintf("unknown population %q; valid: %s", st.Population, valid)}
		}
		for _, v := range st.Vars {
			if v == "a" && pop.Spec.Adaptation == nil {
				return &Error{File: p.file, Line: st.Line, Key: fmt.Sprintf("record.state[%d].vars", st.Index), Msg: fmt.Sprintf("population %q has no adaptation, so no variable \"a\"", st.Population)}
			}
			if v == "last_spike" && pop.Spec.Refractory == nil {
				return &Error{File: p.file, Line: st.Line, Key: fmt.Sprintf("record.state[%d].vars", st.Index), Msg: fmt.Sprintf("population %q has no refractory period, so no variable \"last_spike\"", st.Population)}
			}
		}
		for _, i := range st.Neurons {
			if i >= pop.Spec.Size {
				return &Error{File: p.file, Line: st.Line, Key: fmt.Sprintf("record.state[%d].neurons", st.Index), Msg: fmt.Sprintf("neuron %d is out of range: %q has %d neurons (0..%d)", i, st.Population, pop.Spec.Size, pop.Spec.Size-1)}
			}
		}
	}
	return nil
}
