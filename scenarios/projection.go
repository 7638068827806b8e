package scenarios

import (
	"encoding/csv"
	"fmt"
	"io"
	"math"
	"os"
	"path/filepath"
	"sort"
	"strconv"
	"strings"

	"go.yaml.in/yaml/v3"

	"github.com/spikecs/spikecs/components"
	"github.com/spikecs/spikecs/ecs"
	"github.com/spikecs/spikecs/scenarios/units"
	"github.com/spikecs/spikecs/systems"
)

func (p *parser) projections(n *yaml.Node, sc *Scenario) error {
	items, err := p.sequence(n, "projections")
	if err != nil {
		return err
	}
	for i, it := range items {
		pr, err := p.projection(it, i)
		if err != nil {
			return err
		}
		sc.Projections = append(sc.Projections, pr)
	}
	return nil
}

func (p *parser) projection(n *yaml.Node, i int) (Projection, error) {
	path := fmt.Sprintf("projections[%d]", i)
	fields, err := p.mapping(n, path, []string{"name", "pre", "post", "synapse", "output", "connect", "weight", "delay", "g_init", "plasticity", "pre_range", "learning", "weight_storage", "delay_rounding"})
	if err != nil {
		return Projection{}, err
	}
	pr := Projection{Line: n.Line, Index: i}
	spec := &pr.Spec
	var pairWeights []float64
	seen := map[string]bool{}
	for _, f := range fields {
		key := path + "." + f.key
		seen[f.key] = true
		switch f.key {
		case "name":
			spec.Name, err = p.str(f.val, key)
		case "pre":
			spec.Pre, err = p.str(f.val, key)
		case "post":
			spec.Post, err = p.str(f.val, key)
		case "synapse":
			err = p.synapse(f.val, key, &spec.Channel, &spec.PreSynapse)
		case "output":
			err = p.output(f.val, key, &spec.Channel)
		case "connect":
			err = p.connect(f.val, key, &spec.Conn, &pairWeights)
		case "weight":
			spec.Weight, err = p.perSynapse(f.val, key, units.Conductance)
		case "delay":
			spec.DelayMs, err = p.perSynapse(f.val, key, units.Time)
		case "g_init":
			spec.GInit, err = p.perSynapse(f.val, key, units.Conductance)
		case "weight_storage":
			err = p.weightStorage(f.val, key, &spec.WeightStorage)
		case "delay_rounding":
			err = p.delayRounding(f.val, key, &spec.DelayRounding)
		case "plasticity":
			spec.ShortTerm, err = p.shortTerm(f.val, key)
		case "learning":
			spec.Learning, err = p.learning(f.val, key)
			pr.LearningLine = f.kNode.Line
		case "pre_range":
			if f.val.Kind != yaml.SequenceNode || len(f.val.Content) != 2 {
				return Projection{}, p.errAt(f.val, key, "expected [from, to]: the pre neurons from..to-1")
			}
			var a, b int64
			if a, err = p.integer(f.val.Content[0], key+"[0]", 1<<31-1); err == nil {
				b, err = p.integer(f.val.Content[1], key+"[1]", 1<<31-1)
			}
			if err == nil && b <= a {
				err = p.errAt(f.val, key, "needs from < to, got [%d, %d]", a, b)
			}
			spec.PreFrom, spec.PreTo = int(a), int(b)
		}
		if err != nil {
			return Projection{}, err
		}
	}
	if len(pairWeights) > 0 {
		if seen["weight"] {
			return Projection{}, p.errAt(n, path+".weight", "the pairs already carry their weights; remove weight")
		}
		spec.Weight, seen["weight"] = ecs.List(pairWeights...), true
	}
	for _, req := range []string{"pre", "post", "synapse", "output", "connect", "weight"} {
		if !seen[req] {
			return Projection{}, p.errAt(n, path+"."+req, "is required")
		}
	}
	if spec.Weight.IsSet() && !spec.Weight.IsShared() && spec.Conn.Kind != systems.Pairs {
		if _, isList := listLen(fields, "weight"); isList {
			return Projection{}, p.errAt(n, path+".weight", "a list of weights needs connect rule pairs (one weight per pair); use a scalar or {dist: ...} for other rules")
		}
	}
	if spec.Name == "" {
		spec.Name = spec.Pre + "->" + spec.Post
	}
	return pr, nil
}

// listLen reports whether field key is a YAML list, and its length.
func listLen(fields []field, key string) (int, bool) {
	for _, f := range fields {
		if f.key == key && f.val.Kind == yaml.SequenceNode {
			return len(f.val.Content), true
		}
	}
	return 0, false
}

// perSynapse reads a scalar, a list, or an initializer without a size check
// (the number of synapses is known only when they are drawn).
func (p *parser) perSynapse(n *yaml.Node, path string, dim units.Dim) (ecs.Value, error) {
	if n.Kind == yaml.SequenceNode {
		xs := make([]float64, len(n.Content))
		for i, it := range n.Content {
			x, err := p.quantity(it, fmt.Sprintf("%s[%d]", path, i), dim)
			if err != nil {
				return ecs.Value{}, err
			}
			xs[i] = x
		}
		return ecs.List(xs...), nil
	}
	if v, ok, err := p.redrawNormal(n, path, dim); ok || err != nil {
		return v, err
	}
	return p.value(n, path, dim, 1)
}

// synapse reads {kind: expon|dual_expon|alpha, ...}.
func (p *parser) synapse(n *yaml.Node, path string, c *components.ChannelParams, pre **systems.PreSynapseSpec) error {
	fields, err := p.mapping(n, path, []string{"kind", "tau", "tau_rise", "tau_decay", "A", "input", "faithful", "alpha", "beta", "alpha1", "beta1", "alpha2", "beta2", "T", "T_dur"})
	if err != nil {
		return err
	}
	kinds := map[string]components.SynapseKind{"expon": components.SynExpon, "dual_expon": components.SynDualExpon, "alpha": components.SynAlpha}
	valid := map[components.SynapseKind][]string{
		components.SynExpon:     {"tau"},
		components.SynAlpha:     {"tau"},
		components.SynDualExpon: {"tau_rise", "tau_decay", "A", "input", "faithful"},
	}
	defaults := map[components.SynapseKind]components.ChannelParams{
		components.SynExpon:     {TauMs: 8},
		components.SynAlpha:     {TauMs: 8},
		components.SynDualExpon: {TauRiseMs: 1, TauDecayMs: 10},
	}
	kind, err := p.kindOf(fields, path)
	if err != nil {
		return err
	}
	preKinds := map[string]components.PreSynapseKind{"ampa": components.PreAMPA, "gaba_a": components.PreGABAa, "bio_nmda": components.PreBioNMDA}
	if pk, ok := preKinds[kind]; ok {
		return p.preSynapse(fields, path, pk, pre)
	}
	k, ok := kinds[kind]
	if !ok {
		return p.errAt(n, path+".kind", "unknown or missing synapse kind %q; valid: expon, dual_expon, alpha, ampa, gaba_a, bio_nmda", kind)
	}
	out, atStored := c.Out, c.MgBlockAtStoredV
	*c = defaults[k]
	c.Kind, c.Out, c.MgBlockAtStoredV = k, out, atStored
	inputSet := false
	for _, f := range fields {
		key := path + "." + f.key
		if f.key == "kind" {
			continue
		}
		if !contains(valid[k], f.key) {
			return p.errAt(f.kNode, key, "is not a parameter of %s; valid: %s", kind, strings.Join(valid[k], ", "))
		}
		switch f.key {
		case "input", "faithful":
			// input: rise (brainstate 0.1.10, the default) or both;
			// faithful: true/false is the older spelling of rise/both.
			want := map[string][]string{"input": {"rise", "both"}, "faithful": {"true", "false"}}[f.key]
			s, err := p.choice(f.val, key, want...)
			if err != nil {
				return err
			}
			both := s == "both" || s == "false"
			if inputSet && both != c.DualExponBoth {
				return p.errAt(f.kNode, key, "contradicts the other of input/faithful; give only input: rise or input: both")
			}
			c.DualExponBoth, inputSet = both, true
		case "A":
			if c.DualExponA, err = p.quantity(f.val, key, units.Dimensionless); err != nil {
				return err
			}
		default:
			x, err := p.quantity(f.val, key, units.Time)
			if err != nil {
				return err
			}
			if !(x > 0) {
				return p.errAt(f.val, key, "must be > 0, got %q", f.val.Value)
			}
			*map[string]*float64{"tau": &c.TauMs, "tau_rise": &c.TauRiseMs, "tau_decay": &c.TauDecayMs}[f.key] = x
		}
	}
	return nil
}

// output reads {kind: cuba|coba|mg_block, ...}.
func (p *parser) output(n *yaml.Node, path string, c *components.ChannelParams) error {
	fields, err := p.mapping(n, path, []string{"kind", "E", "scale", "cc_Mg", "alpha", "beta", "V_offset", "evaluate_at"})
	if err != nil {
		return err
	}
	kinds := map[string]components.OutputKind{"cuba": components.OutCUBA, "coba": components.OutCOBA, "mg_block": components.OutMgBlock}
	valid := map[components.OutputKind][]string{
		components.OutCUBA:    {"scale"},
		components.OutCOBA:    {"E"},
		components.OutMgBlock: {"E", "cc_Mg", "alpha", "beta", "V_offset", "evaluate_at"},
	}
	kind, err := p.kindOf(fields, path)
	if err != nil {
		return err
	}
	k, ok := kinds[kind]
	if !ok {
		return p.errAt(n, path+".kind", "unknown or missing output kind %q; valid: cuba, coba, mg_block", kind)
	}
	c.Out = k
	switch k {
	case components.OutCUBA:
		c.ScaleMV = 1000 // the reference's scale = 1 volt
	case components.OutMgBlock: // reference defaults E = 0, cc_Mg = 1.2, alpha = 0.062/mV, beta = 3.57, V_offset = 0
		c.MgCcMM, c.MgAlphaPerMV, c.MgBeta = 1.2, 0.062, 3.57
	}
	hasE := false
	for _, f := range fields {
		key := path + "." + f.key
		if f.key == "kind" {
			continue
		}
		if !contains(valid[k], f.key) {
			return p.errAt(f.kNode, key, "is not a parameter of %s; valid: %s", kind, strings.Join(valid[k], ", "))
		}
		if f.key == "evaluate_at" { // post_reset (brainstate 0.1.10, the default) or stored
			s, err := p.choice(f.val, key, "post_reset", "stored")
			if err != nil {
				return err
			}
			c.MgBlockAtStoredV = s == "stored"
			continue
		}
		var x float64
		switch f.key {
		case "E", "scale", "V_offset":
			x, err = p.quantity(f.val, key, units.Voltage)
		case "alpha":
			x, err = p.perVoltage(f.val, key)
		default:
			x, err = p.quantity(f.val, key, units.Dimensionless)
		}
		if err != nil {
			return err
		}
		switch f.key {
		case "E":
			c.EMV, hasE = x, true
		case "scale":
			c.ScaleMV = x
		case "cc_Mg":
			c.MgCcMM = x
		case "alpha":
			c.MgAlphaPerMV = x
		case "beta":
			c.MgBeta = x
		case "V_offset":
			c.MgVOffsetMV = x
		}
	}
	if k == components.OutCOBA && !hasE {
		return p.errAt(n, path+".E", "is required for coba (the reversal potential, e.g. \"0 mV\")")
	}
	return nil
}

// perVoltage reads a plain number as 1/mV (MgBlock's alpha).
func (p *parser) perVoltage(n *yaml.Node, path string) (float64, error) {
	s, err := p.str(n, path)
	if err != nil {
		return 0, err
	}
	s = strings.TrimSpace(strings.TrimSuffix(strings.TrimSpace(s), "/mV"))
	x, err := strconv.ParseFloat(s, 64)
	if err != nil {
		return 0, p.errAt(n, path, "expected a number in 1/mV such as \"0.062 /mV\", got %q", n.Value)
	}
	return x, nil
}

// connect reads {rule: ..., p, n, autapses, multapses, pairs, file}.
// weights receives the per-pair weights when the pairs carry them.
func (p *parser) connect(n *yaml.Node, path string, c *systems.Connectivity, weights *[]float64) error {
	fields, err := p.mapping(n, path, []string{"rule", "p", "n", "autapses", "multapses", "pairs", "file", "k_scale"})
	if err != nil {
		return err
	}
	rules := systems.ConnKinds()
	var names []string
	for k := range rules {
		names = append(names, k)
	}
	sort.Strings(names)
	for _, f := range fields {
		key := path + "." + f.key
		switch f.key {
		case "rule":
			s, err := p.str(f.val, key)
			if err != nil {
				return err
			}
			k, ok := rules[s]
			if !ok {
				return p.errAt(f.val, key, "unknown rule %q; valid: %s", s, strings.Join(names, ", "))
			}
			c.Kind = k
		case "p":
			if c.P, err = p.quantity(f.val, key, units.Dimensionless); err != nil {
				return err
			}
			if !(c.P >= 0 && c.P <= 1) {
				return p.errAt(f.val, key, "must be in [0, 1], got %q", f.val.Value)
			}
		case "n":
			x, err := p.integer(f.val, key, 1<<31-1)
			if err != nil {
				return err
			}
			c.N = int(x)
		case "k_scale":
			if c.KScale, err = p.quantity(f.val, key, units.Dimensionless); err != nil {
				return err
			}
			if !(c.KScale > 0) || math.IsInf(c.KScale, 0) {
				return p.errAt(f.val, key, "must be a number > 0 (the in-degree scale), got %q", f.val.Value)
			}
		case "autapses", "multapses":
			s, err := p.str(f.val, key)
			if err != nil {
				return err
			}
			if s != "true" && s != "false" {
				return p.errAt(f.val, key, "expected true or false, got %q", s)
			}
			if f.key == "autapses" {
				c.NoAutapses = s == "false"
			} else {
				c.NoMultapses = s == "false"
			}
		case "pairs":
			items, err := p.sequence(f.val, key)
			if err != nil {
				return err
			}
			for i, it := range items {
				if it.Kind != yaml.SequenceNode || len(it.Content) < 2 || len(it.Content) > 3 {
					return p.errAt(it, fmt.Sprintf("%s[%d]", key, i), "expected a pair [pre, post] of neuron indices, or [pre, post, weight]")
				}
				if withWeight := len(it.Content) == 3; i > 0 && withWeight != (len(*weights) > 0) {
					return p.errAt(it, fmt.Sprintf("%s[%d]", key, i), "give a weight in every pair or in none")
				}
				if len(it.Content) == 3 {
					w, err := p.quantity(it.Content[2], fmt.Sprintf("%s[%d][2]", key, i), units.Conductance)
					if err != nil {
						return err
					}
					*weights = append(*weights, w)
				}
				a, err := p.integer(it.Content[0], fmt.Sprintf("%s[%d][0]", key, i), 1<<31-1)
				if err != nil {
					return err
				}
				b, err := p.integer(it.Content[1], fmt.Sprintf("%s[%d][1]", key, i), 1<<31-1)
				if err != nil {
					return err
				}
				c.PreIdx, c.PostIdx = append(c.PreIdx, int(a)), append(c.PostIdx, int(b))
			}
		case "file":
			s, err := p.str(f.val, key)
			if err != nil {
				return err
			}
			if err := p.pairsFile(s, f.val, key, c, weights); err != nil {
				return err
			}
		}
	}
	if c.Kind == 0 {
		return p.errAt(n, path+".rule", "is required; valid: %s", strings.Join(names, ", "))
	}
	if (c.PreIdx != nil) != (c.Kind == systems.Pairs) {
		return p.errAt(n, path, "pairs (or file) go with rule pairs, and rule pairs needs them")
	}
	if err := p.checkTotalNumber(n, path, fields, c); err != nil {
		return err
	}
	return nil
}

// pairsFile reads "pre,post" rows (an optional header line is skipped)
// from a CSV file relative to the scenario file.
func (p *parser) pairsFile(name string, n *yaml.Node, key string, c *systems.Connectivity, weights *[]float64) error {
	if !filepath.IsAbs(name) && !strings.HasPrefix(p.file, "builtin:") {
		name = filepath.Join(filepath.Dir(p.file), name)
	}
	f, err := os.Open(name)
	if err != nil {
		return p.errAt(n, key, "cannot read pairs file: %v", err)
	}
	defer f.Close()
	r := csv.NewReader(f)
	r.FieldsPerRecord = 0 // every row has the first row's number of fields: 2, or 3 with a weight
	for row := 1; ; row++ {
		rec, err := r.Read()
		if err == io.EOF {
			break
		}
		if err != nil {
			return p.errAt(n, key, "%s: %v", name, err)
		}
		if len(rec) != 2 && len(rec) != 3 {
			return p.errAt(n, key, "%s line %d: expected pre,post or pre,post,weight, got %d fields", name, row, len(rec))
		}
		a, errA := strconv.Atoi(strings.TrimSpace(rec[0]))
		b, errB := strconv.Atoi(strings.TrimSpace(rec[1]))
		if errA != nil || errB != nil {
			if row == 1 {
				continue // header
			}
			return p.errAt(n, key, "%s line %d: expected two neuron indices, got %q", name, row, strings.Join(rec, ","))
		}
		if len(rec) == 3 {
			w, err := units.ParseAs(strings.TrimSpace(rec[2]), units.Conductance)
			if err != nil {
				return p.errAt(n, key, "%s line %d: weight: %v", name, row, err)
			}
			*weights = append(*weights, w)
		}
		c.PreIdx, c.PostIdx = append(c.PreIdx, a), append(c.PostIdx, b)
	}
	if c.PreIdx == nil {
		c.PreIdx, c.PostIdx = []int{}, []int{}
	}
	return nil
}

// shortTerm reads {kind: stp, U, tau_f, tau_d} or {kind: std, U, tau}
// (reference defaults: STP U 0.15, tau_f 1500 ms, tau_d 200 ms; STD U 0.07,
// tau 200 ms).
func (p *parser) shortTerm(n *yaml.Node, path string) (*systems.ShortTermSpec, error) {
	fields, err := p.mapping(n, path, []string{"kind", "U", "tau_f", "tau_d", "tau", "update_at"})
	if err != nil {
		return nil, err
	}
	kind, err := p.kindOf(fields, path)
	if err != nil {
		return nil, err
	}
	var st systems.ShortTermSpec
	var valid []string
	switch kind {
	case "stp":
		st = systems.ShortTermSpec{Kind: components.STP, U: 0.15, TauFMs: 1500, TauDMs: 200}
		valid = []string{"U", "tau_f", "tau_d", "update_at"}
	case "std":
		st = systems.ShortTermSpec{Kind: components.STD, U: 0.07, TauDMs: 200}
		valid = []string{"U", "tau"}
	default:
		return nil, p.errAt(n, path+".kind", "unknown or missing plasticity kind %q; valid: stp, std", kind)
	}
	for _, f := range fields {
		key := path + "." + f.key
		if f.key == "kind" {
			continue
		}
		if !contains(valid, f.key) {
			return nil, p.errAt(f.kNode, key, "is not a parameter of %s; valid: %s", kind, strings.Join(valid, ", "))
		}
		if f.key == "update_at" { // arrival (brainstate 0.1.10, the default) or emission
			s, err := p.choice(f.val, key, "arrival", "emission")
			if err != nil {
				return nil, err
			}
			st.AtEmission = s == "emission"
			continue
		}
		var x float64
		if f.key == "U" {
			x, err = p.quantity(f.val, key, units.Dimensionless)
		} else {
			x, err = p.quantity(f.val, key, units.Time)
		}
		if err != nil {
			return nil, err
		}
		*map[string]*float64{"U": &st.U, "tau_f": &st.TauFMs, "tau_d": &st.TauDMs, "tau": &st.TauDMs}[f.key] = x
	}
	return &st, nil
}

// preSynapse reads the parameters of a pre-side synapse (ampa, gaba_a,
// bio_nmda). Rates are written with their unit: "0.98 /ms/mM", "0.18 /ms";
// T in mM ("0.5 mM"); T_dur a time.
func (p *parser) preSynapse(fields []field, path string, kind components.PreSynapseKind, out **systems.PreSynapseSpec) error {
	spec := &systems.PreSynapseSpec{Kind: kind}
	dst := map[string]*float64{"alpha": &spec.Alpha, "beta": &spec.Beta, "alpha1": &spec.Alpha1, "beta1": &spec.Beta1,
		"alpha2": &spec.Alpha2, "beta2": &spec.Beta2, "T": &spec.TmM, "T_dur": &spec.TDurMs}
	valid := []string{"alpha", "beta", "T", "T_dur"}
	if kind == components.PreBioNMDA {
		valid = []string{"alpha1", "beta1", "alpha2", "beta2", "T", "T_dur"}
	}
	for _, f := range fields {
		key := path + "." + f.key
		if f.key == "kind" {
			continue
		}
		if !contains(valid, f.key) {
			return p.errAt(f.kNode, key, "is not a parameter of this synapse; valid: %s", strings.Join(valid, ", "))
		}
		var x float64
		var err error
		switch f.key {
		case "T_dur":
			x, err = p.quantity(f.val, key, units.Time)
		case "T":
			x, err = p.suffixed(f.val, key, "mM")
		case "alpha", "alpha2":
			x, err = p.suffixed(f.val, key, "/ms/mM")
		default:
			x, err = p.suffixed(f.val, key, "/ms")
		}
		if err != nil {
			return err
		}
		if x < 0 {
			return p.errAt(f.val, key, "must be >= 0, got %q", f.val.Value)
		}
		*dst[f.key] = x
	}
	*out = spec
	return nil
}

// suffixed reads "<number> <unit>" for a unit the units package does not
// know (rates per ms, concentrations): the unit must be written exactly.
func (p *parser) suffixed(n *yaml.Node, path, unit string) (float64, error) {
	s, err := p.str(n, path)
	if err != nil {
		return 0, err
	}
	num := strings.TrimSpace(s)
	if !strings.HasSuffix(num, unit) {
		return 0, p.errAt(n, path, "expected a number with the unit %s (e.g. \"0.5 %s\"), got %q", unit, unit, s)
	}
	x, err := strconv.ParseFloat(strings.TrimSpace(strings.TrimSuffix(num, unit)), 64)
	if err != nil || math.IsNaN(x) || math.IsInf(x, 0) {
		return 0, p.errAt(n, path, "expected a number with the unit %s, got %q", unit, s)
	}
	return x, nil
}

// choice reads a scalar that must be one of valid.
func (p *parser) choice(n *yaml.Node, path string, valid ...string) (string, error) {
	s, err := p.str(n, path)
	if err != nil {
		return "", err
	}
	if !contains(valid, s) {
		return "", p.errAt(n, path, "expected one of %s, got %q", strings.Join(valid, ", "), s)
	}
	return s, nil
}

// kindOf returns the value of the "kind" field of a mapping ("" when it
// is absent; the caller reports that with the valid kinds).
func (p *parser) kindOf(fields []field, path string) (string, error) {
	for _, f := range fields {
		if f.key == "kind" {
			return p.str(f.val, path+".kind")
		}
	}
	return "", nil
}

// positiveInt reads a whole number >= 1; hint says what it counts.
func (p *parser) positiveInt(n *yaml.Node, key, hint string) (int64, error) {
	x, err := p.integer(n, key, 1<<31-1)
	if err != nil {
		return 0, err
	}
	if x < 1 {
		return 0, p.errAt(n, key, "must be at least 1 (%s)", hint)
	}
	return x, nil
}
