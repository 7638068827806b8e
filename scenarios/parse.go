package scenarios

import (
	"fmt"
	"path/filepath"
	"sort"
	"strconv"
	"strings"

	"go.yaml.in/yaml/v3"

	"github.com/spikecs/spikecs/ecs"
	"github.com/spikecs/spikecs/scenarios/units"
)

// parser carries the file name for errors.
type parser struct {
	file  string
	nodes int // nodes visited by resolveAliases, bounded by maxNodes
	// sourceRates holds the rate time courses of inhomogeneous Poisson
	// sources by the key path of their source (stimulus.go).
	sourceRates map[string]*SourceRate
}

// maxNodes bounds the size of a scenario's YAML tree with its aliases
// expanded (a "billion laughs" file of nested aliases would otherwise take
// minutes to walk); real scenarios have a few thousand nodes.
const maxNodes = 1_000_000

// field is one key/value pair of a YAML mapping.
type field struct {
	key   string
	kNode *yaml.Node
	val   *yaml.Node
}

// Parse reads a scenario from YAML. file names the source in errors.
func Parse(data []byte, file string) (*Scenario, error) {
	return ParseWith(data, file)
}

// ParseWith is Parse with overrides (the runner's -set) applied to the
// YAML tree before it is read, so that their values are checked, and
// their mistakes reported, like the file's own (see Override).
func ParseWith(data []byte, file string, overrides ...Override) (*Scenario, error) {
	p := &parser{file: file}
	var doc yaml.Node
	if err := yaml.Unmarshal(data, &doc); err != nil {
		return nil, syntaxError(file, data, err)
	}
	if doc.Kind == 0 || len(doc.Content) == 0 {
		return nil, &Error{File: file, Line: 1, Msg: "the file is empty; expected a mapping with at least 'populations'"}
	}
	root := doc.Content[0]
	if err := p.resolveAliases(root, 0); err != nil {
		return nil, err
	}
	if err := p.expandMerges(root, map[*yaml.Node]bool{}); err != nil {
		return nil, err
	}
	keys, err := p.applyOverrides(root, overrides)
	if err != nil {
		return nil, err
	}
	if root, err = p.expandGenerator(root); err != nil {
		return nil, blameOverride(err, overrides, keys)
	}
	sc, err := p.scenario(root)
	if sc != nil {
		sc.doc = root
	}
	return sc, blameOverride(err, overrides, keys)
}

// scenario reads the root mapping.
func (p *parser) scenario(root *yaml.Node) (*Scenario, error) {
	fields, err := p.mapping(root, "", []string{"name", "dt", "duration", "seed", "populations", "projections", "inputs", "record", "microcircuit"})
	if err != nil {
		return nil, err
	}
	sc := &Scenario{File: p.file, DtMs: 0.1, DurationMs: 100, Name: defaultName(p.file)}
	var popsNode, durNode *yaml.Node
	for _, f := range fields {
		switch f.key {
		case "name":
			if sc.Name, err = p.str(f.val, "name"); err != nil {
				return nil, err
			}
			if sc.Name == "" || sc.Name == "." || sc.Name == ".." || strings.ContainsAny(sc.Name, `/\`) {
				return nil, p.errAt(f.val, "name", "must be a plain name usable as a directory name (it names out/<name>): not empty, no / or \\, not . or ..; got %q", sc.Name)
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
			durNode = f.val
		case "seed":
			if sc.Seed, err = p.seed(f.val, "seed"); err != nil {
				return nil, err
			}
		case "populations":
			popsNode = f.kNode
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
		case "projections":
			if err := p.projections(f.val, sc); err != nil {
				return nil, err
			}
		}
	}
	if len(sc.Populations) == 0 {
		if popsNode == nil {
			popsNode = root
		}
		return nil, p.errAt(popsNode, "populations", "at least one population is required")
	}
	if _, err := ecs.StepsFor(sc.DurationMs, sc.DtMs); err != nil {
		return nil, p.errAt(durNode, "duration", "%v", err)
	}
	p.collectSourceRates(sc)
	if err := p.crossCheck(sc); err != nil {
		return nil, err
	}
	if err := p.checkStimulusWidths(sc); err != nil {
		return nil, err
	}
	if err := p.checkWeightRecords(sc); err != nil {
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

// listItem is one string of a list, with its node and key path for errors.
type listItem struct {
	val  string
	node *yaml.Node
	key  string // path[i], or path for a single value
}

// stringList reads a list of strings, or a single string as a list of one.
func (p *parser) stringList(n *yaml.Node, path string) ([]listItem, error) {
	if n.Kind == yaml.ScalarNode {
		s, err := p.str(n, path)
		return []listItem{{val: s, node: n, key: path}}, err
	}
	items, err := p.sequence(n, path)
	if err != nil {
		return nil, err
	}
	out := make([]listItem, len(items))
	for i, it := range items {
		key := fmt.Sprintf("%s[%d]", path, i)
		s, err := p.str(it, key)
		if err != nil {
			return nil, err
		}
		out[i] = listItem{val: s, node: it, key: key}
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
	at := func(line int, key, format string, args ...any) *Error {
		return &Error{File: p.file, Line: line, Key: key, Msg: fmt.Sprintf(format, args...)}
	}
	for _, in := range sc.Inputs {
		path := fmt.Sprintf("inputs[%d]", in.Index)
		pop, ok := pops[in.Population]
		if !ok {
			return at(lineOf(in.Lines, "population", in.Line), path+".population", "unknown population %q; valid: %s", in.Population, valid)
		}
		if in.listLen != 0 && in.listLen != pop.Spec.Size {
			return at(lineOf(in.Lines, "current", in.Line), path+".current", "list has %d values, expected %d (one per neuron of %q)", in.listLen, pop.Spec.Size, in.Population)
		}
	}
	for i, name := range sc.Record.Spikes {
		if _, ok := pops[name]; !ok {
			line := 0
			if i < len(sc.Record.SpikeLines) {
				line = sc.Record.SpikeLines[i]
			}
			return at(line, fmt.Sprintf("record.spikes[%d]", i), "unknown population %q; valid: %s", name, valid)
		}
	}
	if r := sc.Record.Rate; r != nil {
		for i, name := range r.Populations {
			if _, ok := pops[name]; !ok {
				return at(r.Line, fmt.Sprintf("record.rate.populations[%d]", i), "unknown population %q; valid: %s", name, valid)
			}
		}
	}
	for _, pr := range sc.Projections {
		path := fmt.Sprintf("projections[%d]", pr.Index)
		for _, side := range []struct{ key, name string }{{"pre", pr.Spec.Pre}, {"post", pr.Spec.Post}} {
			if _, ok := pops[side.name]; !ok {
				return at(pr.Line, path+"."+side.key, "unknown population %q; valid: %s", side.name, valid)
			}
		}
	}
	// "a" may be recorded for any population, as the runner contract's
	// example does for a LIF: without adaptation it is 0 (the threshold
	// never moves). last_spike has no such value without a refractory
	// period.
	for _, st := range sc.Record.State {
		path := fmt.Sprintf("record.state[%d]", st.Index)
		pop, ok := pops[st.Population]
		if !ok {
			return at(lineOf(st.Lines, "population", st.Line), path+".population", "unknown population %q; valid: %s", st.Population, valid)
		}
		for j, v := range st.Vars {
			key := fmt.Sprintf("vars[%d]", j)
			if pop.Spec.Source != nil && v != "spike" {
				return at(lineOf(st.Lines, key, st.Line), path+"."+key, "population %q is a spike source: it has no membrane, so its only variable is spike", st.Population)
			}
			if v == "last_spike" && pop.Spec.Refractory == nil {
				return at(lineOf(st.Lines, key, st.Line), path+"."+key, "population %q has no refractory period (model LIFRef or component refractory), so no variable \"last_spike\"", st.Population)
			}
		}
		for j, i := range st.Neurons {
			key := fmt.Sprintf("neurons[%d]", j)
			if i >= pop.Spec.Size {
				return at(lineOf(st.Lines, key, st.Line), path+"."+key, "neuron %d is out of range: %q has %d neurons (0..%d)", i, st.Population, pop.Spec.Size, pop.Spec.Size-1)
			}
		}
	}
	return nil
}

// lineOf returns lines[key], or fallback when the key has no line.
func lineOf(lines map[string]int, key string, fallback int) int {
	if l, ok := lines[key]; ok {
		return l
	}
	return fallback
}

// resolveAliases replaces YAML aliases (*name) by the anchored node, so
// that a parameter block can be shared between populations (&neuron).
// Errors then point at the anchored lines.
func (p *parser) resolveAliases(n *yaml.Node, depth int) error {
	if depth > 64 {
		return p.errAt(n, "", "YAML nesting deeper than 64 levels (recursive alias?)")
	}
	for i, c := range n.Content {
		if p.nodes++; p.nodes > maxNodes {
			return p.errAt(c, "", "the file expands to more than %d YAML nodes (aliases of aliases?)", maxNodes)
		}
		if c.Kind == yaml.AliasNode {
			if c.Alias == nil {
				return p.errAt(c, "", "unknown alias")
			}
			n.Content[i] = c.Alias
			c = c.Alias
		}
		if err := p.resolveAliases(c, depth+1); err != nil {
			return err
		}
	}
	return nil
}
