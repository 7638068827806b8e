package scenarios

import "go.yaml.in/yaml/v3"

// expandMerges replaces YAML merge keys (<<: *anchor, or <<: [*a, *b])
// under n by the keys they merge, in the place of the << key, so that the
// loader (and the -set overrides) see plain mappings. The rules are
// YAML's: a key written in the mapping itself wins over a merged one, and
// among several merged mappings the first that has a key wins. The merged
// key and value nodes are those of the anchored mapping, so an error in a
// merged value names the line where that value is written. Aliases must
// already be resolved (resolveAliases); done holds the nodes already
// expanded (aliased nodes are shared).
func (p *parser) expandMerges(n *yaml.Node, done map[*yaml.Node]bool) error {
	if done[n] {
		return nil
	}
	done[n] = true
	for _, c := range n.Content {
		if err := p.expandMerges(c, done); err != nil {
			return err
		}
	}
	if n.Kind != yaml.MappingNode || !hasMergeKey(n) {
		return nil
	}
	taken := map[string]bool{} // keys written in the mapping itself
	for i := 0; i+1 < len(n.Content); i += 2 {
		if k := n.Content[i]; !isMergeKey(k) {
			taken[k.Value] = true
		}
	}
	out := make([]*yaml.Node, 0, len(n.Content))
	for i := 0; i+1 < len(n.Content); i += 2 {
		k, v := n.Content[i], n.Content[i+1]
		if !isMergeKey(k) {
			out = append(out, k, v)
			continue
		}
		sources := []*yaml.Node{v}
		if v.Kind == yaml.SequenceNode {
			sources = v.Content
		}
		for _, src := range sources {
			if src.Kind != yaml.MappingNode {
				return p.errAt(src, "<<", "a merge key takes a mapping or a list of mappings, e.g. `<<: *defaults` after `name: &defaults {...}`; got %s", describe(src))
			}
			var merged []string // this source's keys: later sources do not override them
			for j := 0; j+1 < len(src.Content); j += 2 {
				sk := src.Content[j]
				if taken[sk.Value] {
					continue
				}
				merged = append(merged, sk.Value)
				out = append(out, sk, src.Content[j+1])
			}
			for _, key := range merged {
				taken[key] = true
			}
		}
	}
	n.Content = out
	return nil
}

// isMergeKey reports whether k is the plain key << (tag !!merge).
func isMergeKey(k *yaml.Node) bool {
	return k.Kind == yaml.ScalarNode && k.Tag == "!!merge"
}

// hasMergeKey reports whether mapping n has a << key.
func hasMergeKey(n *yaml.Node) bool {
	for i := 0; i+1 < len(n.Content); i += 2 {
		if isMergeKey(n.Content[i]) {
			return true
		}
	}
	return false
}
