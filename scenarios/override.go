package scenarios

import (
	"errors"
	"fmt"
	"strconv"
	"strings"

	"go.yaml.in/yaml/v3"
)

// Override replaces (or adds) one value of a scenario file before it is
// read: the runner's -set path=value.
//
// Path is a dot-separated list of segments. Under a mapping a segment is
// a key; under a list it selects an entry by its index (0-based) or by
// its name key (populations and projections have names):
//
//	populations.exc.params.tau    populations[i] named exc, its params.tau
//	projections.ee.weight         the projection named ee
//	inputs.0.current              the first input
//	dt
//
// A missing key is added (with the mappings leading to it), so that a
// parameter the file leaves at its default can be set; the loader then
// checks it like any other key. Value is YAML: a scalar ("12ms"), a list
// ("[1 mV, 2 mV]") or a mapping ("{dist: normal, mean: 10 ms, sd: 1 ms}").
// A YAML anchor shared by several entries is copied before it is changed,
// so -set on one population does not change another that aliases it.
type Override struct {
	Path  string
	Value string
	// Flag names the override's origin in messages (default "-set").
	Flag string
}

// ParseOverride reads "path=value" (the first '=' separates them).
func ParseOverride(s string) (Override, error) {
	path, value, ok := strings.Cut(s, "=")
	path, value = strings.TrimSpace(path), strings.TrimSpace(value)
	switch {
	case !ok:
		return Override{}, fmt.Errorf("%q: expected path=value, e.g. populations.exc.params.tau=12ms", s)
	case path == "":
		return Override{}, fmt.Errorf("%q: the path before '=' is empty", s)
	case value == "":
		return Override{}, fmt.Errorf("%q: the value after '=' is empty", s)
	}
	for _, seg := range strings.Split(path, ".") {
		if seg == "" {
			return Override{}, fmt.Errorf("%q: empty segment in path %q (segments are separated by single dots)", s, path)
		}
	}
	return Override{Path: path, Value: value}, nil
}

// String returns "-set path=value" (or the Flag instead of -set).
func (o Override) String() string {
	flag := o.Flag
	if flag == "" {
		flag = "-set"
	}
	return flag + " " + o.Path + "=" + o.Value
}

// applyOverrides applies the overrides in order to the tree under root
// and returns, for each, the key path the loader will use for it (e.g.
// populations[0].params.tau), so that its errors can be traced back.
func (p *parser) applyOverrides(root *yaml.Node, overrides []Override) ([]string, error) {
	keys := make([]string, len(overrides))
	for i, o := range overrides {
		key, err := p.applyOverride(root, o)
		if err != nil {
			return nil, &Error{File: p.file, Msg: fmt.Sprintf("%s: %v", o, err)}
		}
		keys[i] = key
	}
	return keys, nil
}

// applyOverride walks o.Path from root, copying each node it goes through
// (aliased blocks are shared after resolveAliases), and puts the value at
// its end.
func (p *parser) applyOverride(root *yaml.Node, o Override) (string, error) {
	val, err := overrideValue(o.Value)
	if err != nil {
		return "", err
	}
	segs := strings.Split(o.Path, ".")
	node, key := root, ""
	for i, seg := range segs {
		last := i == len(segs)-1
		if node.Kind == yaml.ScalarNode && node.Tag == "!!null" && !last {
			*node = yaml.Node{Kind: yaml.MappingNode, Tag: "!!map", Line: node.Line, Column: node.Column}
		}
		switch node.Kind {
		case yaml.MappingNode:
			key = join(key, seg)
			j := mappingIndex(node, seg)
			if j < 0 { // a new key; a new mapping on the way to the end
				k := &yaml.Node{Kind: yaml.ScalarNode, Tag: "!!str", Value: seg, Line: node.Line, Column: node.Column}
				v := &yaml.Node{Kind: yaml.MappingNode, Tag: "!!map", Line: node.Line, Column: node.Column}
				node.Content = append(node.Content, k, v)
				j = len(node.Content) - 1
			}
			node = p.descend(node, j, last, val)
		case yaml.SequenceNode:
			j, err := sequenceIndex(node, seg, key)
			if err != nil {
				return "", err
			}
			key = fmt.Sprintf("%s[%d]", key, j)
			node = p.descend(node, j, last, val)
		default:
			return "", fmt.Errorf("%s is a single value (%s), so it has no %q", orTop(key), describe(node), seg)
		}
	}
	return key, nil
}

// descend replaces parent.Content[j] by a copy (or, at the end of the
// path, by val placed at the old value's line) and returns it.
func (p *parser) descend(parent *yaml.Node, j int, last bool, val *yaml.Node) *yaml.Node {
	old := parent.Content[j]
	if last {
		setLines(val, old.Line, old.Column)
		parent.Content[j] = val
		return val
	}
	c := *old
	c.Content = append([]*yaml.Node(nil), old.Content...)
	parent.Content[j] = &c
	return &c
}

// overrideValue parses a value as a YAML document.
func overrideValue(s string) (*yaml.Node, error) {
	var doc yaml.Node
	if err := yaml.Unmarshal([]byte(s), &doc); err != nil {
		return nil, fmt.Errorf("malformed YAML value %q: %v", s, strings.TrimPrefix(err.Error(), "yaml: "))
	}
	if len(doc.Content) == 0 {
		return nil, fmt.Errorf("empty value")
	}
	for _, n := range allNodes(doc.Content[0], nil) {
		if n.Kind == yaml.AliasNode || n.Anchor != "" {
			return nil, fmt.Errorf("a value cannot use YAML anchors or aliases")
		}
	}
	return doc.Content[0], nil
}

// allNodes lists n and its descendants.
func allNodes(n *yaml.Node, out []*yaml.Node) []*yaml.Node {
	out = append(out, n)
	for _, c := range n.Content {
		out = allNodes(c, out)
	}
	return out
}

// setLines places every node of a value at line (errors then point at
// the overridden key's line in the file).
func setLines(n *yaml.Node, line, col int) {
	for _, c := range allNodes(n, nil) {
		c.Line, c.Column = line, col
	}
}

// mappingIndex returns the index in n.Content of key's value, or -1.
func mappingIndex(n *yaml.Node, key string) int {
	for i := 0; i+1 < len(n.Content); i += 2 {
		if n.Content[i].Value == key {
			return i + 1
		}
	}
	return -1
}

// sequenceIndex selects a list entry by index or by its name key.
func sequenceIndex(n *yaml.Node, seg, path string) (int, error) {
	var names []string
	for i, it := range n.Content {
		if it.Kind != yaml.MappingNode {
			continue
		}
		if j := mappingIndex(it, "name"); j >= 0 {
			if it.Content[j].Value == seg {
				return i, nil
			}
			names = append(names, it.Content[j].Value)
		}
	}
	if i, err := strconv.Atoi(seg); err == nil {
		if i < 0 || i >= len(n.Content) {
			return 0, fmt.Errorf("%s has %d entries, so no entry %d", orTop(path), len(n.Content), i)
		}
		return i, nil
	}
	if len(names) == 0 {
		return 0, fmt.Errorf("%s is a list: select an entry by index (0..%d), not %q", orTop(path), len(n.Content)-1, seg)
	}
	return 0, fmt.Errorf("%s has no entry named %q; names: %s (or an index 0..%d)", orTop(path), seg, strings.Join(names, ", "), len(n.Content)-1)
}

// orTop names the top level for messages.
func orTop(key string) string {
	if key == "" {
		return "the top level"
	}
	return key
}

// blameOverride adds to a loader error the -set it comes from, when its
// key is, or lies under, the key an override set.
func blameOverride(err error, overrides []Override, keys []string) error {
	var e *Error
	if err == nil || !errors.As(err, &e) {
		return err
	}
	for i := len(keys) - 1; i >= 0; i-- {
		k := keys[i]
		if e.Key == k || strings.HasPrefix(e.Key, k+".") || strings.HasPrefix(e.Key, k+"[") {
			e.Msg += fmt.Sprintf(" (from %s)", overrides[i])
			return e
		}
	}
	return err
}
