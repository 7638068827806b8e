package scenarios

import (
	"fmt"
	"strings"

	"go.yaml.in/yaml/v3"

	"github.com/spikecs/spikecs/components"
	"github.com/spikecs/spikecs/ecs"
	"github.com/spikecs/spikecs/scenarios/units"
	"github.com/spikecs/spikecs/systems"
	"github.com/spikecs/spikecs/systems/surrogate"
)

// componentNames returns the composable parts of a neuron in a scenario file.
func componentNames() []string { return []string{"membrane", "adaptation", "refractory"} }

// dimOfUnit returns the dimension of a canonical unit of a parameter table
// (ecs.ParamDef.Unit).
func dimOfUnit(unit string) units.Dim {
	for d := units.Dimensionless; d <= units.Frequency; d++ {
		if d.Canonical() == unit {
			return d
		}
	}
	return units.Dimensionless
}

// modelNames lists the models a scenario may name.
func modelNames() []string {
	var out []string
	for _, m := range systems.Models() {
		out = append(out, m.Name)
	}
	return out
}

// modelByName returns the catalogue's model named name.
func modelByName(name string) (*ecs.Model, bool) {
	for _, m := range systems.Models() {
		if m.Name == name {
			return m, true
		}
	}
	return nil, false
}

func (p *parser) populations(n *yaml.Node, sc *Scenario) error {
	items, err := p.sequence(n, "populations")
	if err != nil {
		return err
	}
	for i, it := range items {
		pop, err := p.population(it, i)
		if err != nil {
			return err
		}
		sc.Populations = append(sc.Populations, *pop)
	}
	return nil
}

func (p *parser) population(n *yaml.Node, i int) (*Population, error) {
	path := fmt.Sprintf("populations[%d]", i)
	fields, err := p.mapping(n, path, []string{"name", "size", "model", "components", "params", "source"})
	if err != nil {
		return nil, err
	}
	get := func(key string) *field {
		for k := range fields {
			if fields[k].key == key {
				return &fields[k]
			}
		}
		return nil
	}
	pop := &Population{Line: n.Line, Index: i, ParamLines: map[string]int{}}
	nameF, sizeF := get("name"), get("size")
	if nameF == nil {
		return nil, p.errAt(n, path+".name", "is required")
	}
	name, err := p.str(nameF.val, path+".name")
	if err != nil {
		return nil, err
	}
	if name == "" || strings.ContainsAny(name, ",\n\r\"") {
		return nil, p.errAt(nameF.val, path+".name", "must be non-empty and contain no comma, quote or newline, got %q", name)
	}
	if sizeF == nil {
		return nil, p.errAt(n, path+".size", "is required")
	}
	size, err := p.integer(sizeF.val, path+".size", 1<<31-1)
	if err != nil {
		return nil, err
	}
	if size < 1 {
		return nil, p.errAt(sizeF.val, path+".size", "must be at least 1, got %d", size)
	}
	if sf := get("source"); sf != nil {
		for _, other := range []string{"model", "components", "params"} {
			if f := get(other); f != nil {
				return nil, p.errAt(f.kNode, path+"."+other, "a source population has no %s (it has no membrane)", other)
			}
		}
		src, err := p.source(sf.val, path+".source", int(size))
		if err != nil {
			return nil, err
		}
		pop.Spec = ecs.PopulationSpec{Name: name, Size: int(size), Source: src}
		pop.ParamLines["rate"] = sf.val.Line
		pop.ParamLines["spike_times"] = sf.val.Line
		pop.ParamLines["source"] = sf.val.Line
		return pop, nil
	}
	spec, err := p.composition(get("model"), get("components"), n, path, name, int(size))
	if err != nil {
		return nil, err
	}
	if pf := get("params"); pf != nil {
		if err := p.params(pf.val, path+".params", &spec, pop.ParamLines); err != nil {
			return nil, err
		}
	}
	pop.Spec = spec
	return pop, nil
}

// composition builds the spec skeleton from model or components (or a
// descriptor model with optional parts: model: AdEx, components: [refractory]).
func (p *parser) composition(model, comps *field, n *yaml.Node, path, name string, size int) (ecs.PopulationSpec, error) {
	switch {
	case model != nil:
		m, err := p.str(model.val, path+".model")
		if err != nil {
			return ecs.PopulationSpec{}, err
		}
		desc, ok := modelByName(m)
		if !ok {
			return ecs.PopulationSpec{}, p.errAt(model.val, path+".model", "unknown model %q; valid: %s", m, strings.Join(modelNames(), ", "))
		}
		spec := ecs.NewSpec(desc, name, size)
		if comps == nil {
			return spec, nil
		}
		if desc.IsLIF() {
			return ecs.PopulationSpec{}, p.errAt(comps.kNode, path+".components", "give either model or components, not both (model %s is a preset of the components)", m)
		}
		list, err := p.stringList(comps.val, path+".components")
		if err != nil {
			return ecs.PopulationSpec{}, err
		}
		for _, c := range list {
			if c.val != "refractory" || !desc.Refractory {
				valid := "none"
				if desc.Refractory {
					valid = "refractory"
				}
				return ecs.PopulationSpec{}, p.errAt(c.node, c.key, "model %s cannot add component %q; it can add: %s", m, c.val, valid)
			}
			if spec.Refractory != nil {
				return ecs.PopulationSpec{}, p.errAt(c.node, c.key, "component %q is listed twice", c.val)
			}
			if err := spec.AddRefractory(); err != nil {
				return ecs.PopulationSpec{}, p.errAt(c.node, c.key, "%v", err)
			}
		}
		return spec, nil
	case comps != nil:
		list, err := p.stringList(comps.val, path+".components")
		if err != nil {
			return ecs.PopulationSpec{}, err
		}
		spec := ecs.PopulationSpec{Name: name, Size: size, Membrane: ecs.DefaultMembrane()}
		seen := map[string]bool{}
		for _, c := range list {
			if !contains(componentNames(), c.val) {
				return ecs.PopulationSpec{}, p.errAt(c.node, c.key, "unknown component %q; valid: %s", c.val, strings.Join(componentNames(), ", "))
			}
			if seen[c.val] {
				return ecs.PopulationSpec{}, p.errAt(c.node, c.key, "component %q is listed twice", c.val)
			}
			seen[c.val] = true
		}
		if !seen["membrane"] {
			return ecs.PopulationSpec{}, p.errAt(comps.val, path+".components", "membrane is required (every neuron has a membrane)")
		}
		if seen["adaptation"] {
			a := ecs.DefaultAdaptation()
			spec.Adaptation = &a
		}
		if seen["refractory"] {
			r := ecs.DefaultRefractory()
			spec.Refractory = &r
		}
		return spec, nil
	}
	return ecs.PopulationSpec{}, p.errAt(n, path, "needs a model (%s), a components list (%s) or a source", strings.Join(modelNames(), ", "), strings.Join(componentNames(), ", "))
}

// params fills the spec's parameters from the params mapping, through the
// model's parameter table (names, units, kinds).
func (p *parser) params(n *yaml.Node, path string, spec *ecs.PopulationSpec, lines map[string]int) error {
	desc := spec.Descriptor()
	rows := desc.ParamsFor(spec)
	if n.Kind != yaml.MappingNode {
		return p.errAt(n, path, "expected a mapping of parameters, got %s", describe(n))
	}
	for i := 0; i+1 < len(n.Content); i += 2 {
		k, v := n.Content[i], n.Content[i+1]
		key := path + "." + k.Value
		var d *ecs.ParamDef
		for j := range rows {
			if rows[j].Name == k.Value {
				d = &rows[j]
			}
		}
		if d == nil {
			what := "this composition"
			if desc.Name != "" {
				what = "model " + desc.Name
			}
			return p.errAt(k, key, "unknown parameter %q for %s; valid: %s", k.Value, what, strings.Join(spec.ParamNames(), ", "))
		}
		if _, dup := lines[k.Value]; dup {
			return p.errAt(k, key, "duplicate parameter (first at line %d)", lines[k.Value])
		}
		lines[k.Value] = k.Line
		switch d.Kind {
		case ecs.ParamChoice:
			s, err := p.str(v, key)
			if err != nil {
				return err
			}
			if err := spec.SetChoice(k.Value, s); err != nil {
				return p.errAt(v, key, "%v", err)
			}
		case ecs.ParamSurrogate:
			if err := p.surrogates(v, key, spec); err != nil {
				return err
			}
		default:
			val, err := p.value(v, key, dimOfUnit(d.Unit), spec.Size)
			if err != nil {
				return err
			}
			if err := spec.SetParam(k.Value, val); err != nil {
				return p.errAt(v, key, "%v", err)
			}
		}
	}
	return nil
}

// value reads a parameter: a scalar, a list (one per neuron) or an
// initializer mapping {dist: normal|uniform|truncnormal|constant, ...}.
func (p *parser) value(n *yaml.Node, path string, dim units.Dim, size int) (ecs.Value, error) {
	switch n.Kind {
	case yaml.ScalarNode:
		x, err := p.quantity(n, path, dim)
		return ecs.Scalar(x), err
	case yaml.SequenceNode:
		if len(n.Content) != size {
			return ecs.Value{}, p.errAt(n, path, "list has %d values, expected %d (one per neuron)", len(n.Content), size)
		}
		xs := make([]float64, size)
		for i, it := range n.Content {
			x, err := p.quantity(it, fmt.Sprintf("%s[%d]", path, i), dim)
			if err != nil {
				return ecs.Value{}, err
			}
			xs[i] = x
		}
		return ecs.List(xs...), nil
	case yaml.MappingNode:
		return p.initializer(n, path, dim)
	}
	return ecs.Value{}, p.errAt(n, path, "expected a value like %q, a list with one per neuron, or {dist: normal, mean: ..., sd: ...}; got %s", dim.Example(), describe(n))
}

// initializer reads {dist: ..., ...}.
func (p *parser) initializer(n *yaml.Node, path string, dim units.Dim) (ecs.Value, error) {
	fields, err := p.mapping(n, path, []string{"dist", "value", "mean", "sd", "low", "high"})
	if err != nil {
		return ecs.Value{}, err
	}
	vals := map[string]float64{}
	dist, distNode := "", n
	for _, f := range fields {
		if f.key == "dist" {
			if dist, err = p.str(f.val, path+".dist"); err != nil {
				return ecs.Value{}, err
			}
			distNode = f.val
			continue
		}
		if vals[f.key], err = p.quantity(f.val, path+"."+f.key, dim); err != nil {
			return ecs.Value{}, err
		}
	}
	need := map[string][]string{
		"constant":    {"value"},
		"normal":      {"mean", "sd"},
		"uniform":     {"low", "high"},
		"truncnormal": {"mean", "sd", "low", "high"},
	}
	keys, ok := need[dist]
	if !ok {
		if distNode == n {
			return ecs.Value{}, p.errAt(n, path+".dist", "is required; valid: constant, normal, uniform, truncnormal")
		}
		return ecs.Value{}, p.errAt(distNode, path+".dist", "unknown distribution %q; valid: constant, normal, uniform, truncnormal", dist)
	}
	for _, f := range fields {
		if f.key != "dist" && !contains(keys, f.key) {
			return ecs.Value{}, p.errAt(f.kNode, path+"."+f.key, "is not a parameter of dist %s; it takes %s", dist, strings.Join(keys, ", "))
		}
	}
	for _, k := range keys {
		if _, ok := vals[k]; !ok {
			return ecs.Value{}, p.errAt(n, path+"."+k, "is required for dist %s (it takes %s)", dist, strings.Join(keys, ", "))
		}
	}
	var v ecs.Value
	switch dist {
	case "constant":
		v = ecs.Scalar(vals["value"])
	case "normal":
		v = ecs.Normal(vals["mean"], vals["sd"])
	case "uniform":
		v = ecs.Uniform(vals["low"], vals["high"])
	case "truncnormal":
		v = ecs.TruncNormal(vals["mean"], vals["sd"], vals["low"], vals["high"])
	}
	if err := v.Check(1); err != nil {
		return ecs.Value{}, p.errAt(n, path, "%v", err)
	}
	return v, nil
}

// surrogates reads one surrogate mapping or a per-neuron list of them.
func (p *parser) surrogates(n *yaml.Node, path string, spec *ecs.PopulationSpec) error {
	if n.Kind == yaml.SequenceNode {
		if len(n.Content) != spec.Size {
			return p.errAt(n, path, "list has %d surrogates, expected %d (one per neuron)", len(n.Content), spec.Size)
		}
		spec.Surrogates = make([]components.SurrogateSpec, spec.Size)
		for i, it := range n.Content {
			s, err := p.surrogate(it, fmt.Sprintf("%s[%d]", path, i))
			if err != nil {
				return err
			}
			spec.Surrogates[i] = s
		}
		return nil
	}
	s, err := p.surrogate(n, path)
	spec.Surrogate = s
	return err
}

// surrogate reads {kind: <family>, fixed: bool, <param>: number, ...}.
// Errors point at the offending key: the kind, an unknown parameter, or
// fixed on a family without a corrected variant.
func (p *parser) surrogate(n *yaml.Node, path string) (components.SurrogateSpec, error) {
	if n.Kind != yaml.MappingNode {
		return components.SurrogateSpec{}, p.errAt(n, path, "expected a mapping like {kind: sigmoid, alpha: 4}, got %s", describe(n))
	}
	var kindNode, fixedNode *yaml.Node
	fixed := false
	params := map[string]float64{}
	keys := map[string]*yaml.Node{}
	for i := 0; i+1 < len(n.Content); i += 2 {
		k, v := n.Content[i], n.Content[i+1]
		key := path + "." + k.Value
		if _, dup := keys[k.Value]; dup {
			return components.SurrogateSpec{}, p.errAt(k, key, "duplicate key (first at line %d)", keys[k.Value].Line)
		}
		keys[k.Value] = k
		switch k.Value {
		case "kind":
			if _, err := p.str(v, key); err != nil {
				return components.SurrogateSpec{}, err
			}
			kindNode = v
		case "fixed":
			s, err := p.str(v, key)
			if err != nil {
				return components.SurrogateSpec{}, err
			}
			if s != "true" && s != "false" {
				return components.SurrogateSpec{}, p.errAt(v, key, "expected true or false, got %q", s)
			}
			fixed, fixedNode = s == "true", v
		default:
			x, err := p.quantity(v, key, units.Dimensionless)
			if err != nil {
				return components.SurrogateSpec{}, err
			}
			params[k.Value] = x
		}
	}
	if kindNode == nil {
		return components.SurrogateSpec{}, p.errAt(n, path+".kind", "is required; valid: %s", familyNames())
	}
	fam, ok := familyByName(kindNode.Value)
	if !ok {
		return components.SurrogateSpec{}, p.errAt(kindNode, path+".kind", "unknown surrogate kind %q; valid: %s", kindNode.Value, familyNames())
	}
	if fixed && !fam.Fixable {
		return components.SurrogateSpec{}, p.errAt(fixedNode, path+".fixed", "surrogate %s has no corrected variant; fixed: true is valid only for %s", fam.Name, fixableNames())
	}
	// Check the parameters one by one, in file order, so that an error
	// points at its line (the others keep their valid defaults meanwhile).
	for i := 0; i+1 < len(n.Content); i += 2 {
		k := n.Content[i]
		name := k.Value
		if name == "kind" || name == "fixed" {
			continue
		}
		if !contains(fam.Params, name) {
			return components.SurrogateSpec{}, p.errAt(k, path+"."+name, "unknown parameter %q of surrogate %s; valid: %s (and fixed)", name, fam.Name, strings.Join(fam.Params, ", "))
		}
		if _, err := surrogate.New(fam.Name, map[string]float64{name: params[name]}, fixed); err != nil {
			return components.SurrogateSpec{}, p.errAt(n.Content[i+1], path+"."+name, "%v", err)
		}
	}
	s, err := surrogate.New(fam.Name, params, fixed)
	if err != nil {
		return components.SurrogateSpec{}, p.errAt(n, path, "%v", err)
	}
	return s, nil
}

// familyByName returns the surrogate family of a scenario name.
func familyByName(name string) (surrogate.Family, bool) {
	for _, f := range surrogate.Families() {
		if f.Name == name {
			return f, true
		}
	}
	return surrogate.Family{}, false
}

// fixableNames lists the families that have a corrected variant.
func fixableNames() string {
	var names []string
	for _, f := range surrogate.Families() {
		if f.Fixable {
			names = append(names, f.Name)
		}
	}
	return strings.Join(names, ", ")
}

// familyNames lists the surrogate family names.
func familyNames() string {
	var names []string
	for _, f := range surrogate.Families() {
		names = append(names, f.Name)
	}
	return strings.Join(names, ", ")
}
