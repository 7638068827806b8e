package ecs

// LIFFamily returns the descriptors of the built-in LIF family, in the
// order of Models: IF, LIF, LIFRef and ALIF (reference §1.1–§1.4). Their
// parameters live in PopulationSpec's typed parts (Membrane, Adaptation,
// Refractory), so that Go code keeps its fields; the table binds each row
// to its field. Each call returns fresh values.
func LIFFamily() []*Model {
	return []*Model{
		lifModel("IF", "leaky integrator toward 0 mV with v_scaled = (V − V_th)/V_th (reference IF, §1.1)", false, false, true),
		lifModel("LIF", "leaky integrate-and-fire (reference LIF, §1.2)", false, false, false),
		lifModel("LIFRef", "LIF with an absolute refractory period (reference LIFRef, §1.3)", false, true, false),
		lifModel("ALIF", "LIF with an adaptive threshold V_th + beta·a (reference ALIF, §1.4)", true, false, false),
	}
}

// Composition returns the descriptor of a free composition of the LIF
// family's parts (membrane, adaptation, refractory): the table of every
// part; ParamsFor keeps the rows of the parts a spec has.
func Composition() *Model {
	m := lifModel("", "a free composition of membrane, adaptation and refractory", true, true, false)
	return m
}

// lifModel builds one LIF-family descriptor; ifModel drops V_reset and
// V_rest (both 0 mV for IF).
func lifModel(name, summary string, adaptation, refractory, ifModel bool) *Model {
	m := &Model{
		Name: name, Summary: summary, lif: true, adaptation: adaptation, refractory: refractory,
		Standard:   StdReset | StdIntegrate | StdSpike | StdRefractory,
		Refractory: true, Threshold: "V_th", ResetTo: "V_reset",
		Doc: ModelDoc{
			Equations: "dV/dt = (−V + V_rest + R·I)/tau; spike when V ≥ V_th (+ beta·a); lazy soft or hard reset; ALIF: a ← (a + s)·exp(−dt/tau_a)",
			Source:    "brainstate 0.1.10 (reference §1)",
			Peers:     "brainpy.state IF, LIF, LIFRef, ALIF; NEST iaf_psc_delta (hard reset, LIFRef); Brian2 equations",
		},
	}
	mem := func(s *PopulationSpec) *MembraneSpec { return &s.Membrane }
	m.Params = []ParamDef{
		{Name: "R", Unit: "ohm", Default: 1, Check: Positive, Doc: "input resistance", field: func(s *PopulationSpec) *Value { return &mem(s).R }},
		{Name: "tau", Unit: "ms", Default: 5, Check: Positive, Doc: "membrane time constant", field: func(s *PopulationSpec) *Value { return &mem(s).Tau }},
		{Name: "V_th", Unit: "mV", Default: 1, Doc: "spike threshold (> V_reset)", field: func(s *PopulationSpec) *Value { return &mem(s).VTh }},
	}
	if !ifModel {
		m.Params = append(m.Params,
			ParamDef{Name: "V_reset", Unit: "mV", Default: 0, Doc: "reset potential", field: func(s *PopulationSpec) *Value { return &mem(s).VReset }},
			ParamDef{Name: "V_rest", Unit: "mV", Default: 0, Doc: "resting potential", field: func(s *PopulationSpec) *Value { return &mem(s).VRest }})
	}
	m.Params = append(m.Params, ParamDef{Name: "V_init", Unit: "mV", Default: 0, Doc: "initial membrane potential", field: func(s *PopulationSpec) *Value { return &mem(s).VInit }})
	{ // every LIF-family model can add the adaptation part
		ad := func(s *PopulationSpec) *AdaptationSpec { return s.Adaptation }
		m.Params = append(m.Params,
			ParamDef{Name: "tau_a", Unit: "ms", Default: 100, Check: Positive, Part: "adaptation", Doc: "adaptation time constant", field: func(s *PopulationSpec) *Value { return &ad(s).TauA }},
			ParamDef{Name: "beta", Unit: "mV", Default: 0.1, Part: "adaptation", Doc: "threshold increment per unit of a", field: func(s *PopulationSpec) *Value { return &ad(s).Beta }},
			ParamDef{Name: "a_init", Unit: "", Default: 0, Part: "adaptation", Doc: "initial adaptation variable", field: func(s *PopulationSpec) *Value { return &ad(s).AInit }})
	}
	m.Params = append(m.Params, refractoryParams(5)...)
	m.Params = append(m.Params,
		ParamDef{Name: "spk_reset", Kind: ParamChoice, Choices: []string{"soft", "hard"}, Shared: true, Doc: "reset: soft subtracts V_th − V_reset, hard sets V_reset"},
		surrogateParam())
	return m
}

// refractoryParams are the rows of the standard refractory part, with the
// given default period (ms).
func refractoryParams(defaultMs float64) []ParamDef {
	return []ParamDef{
		{Name: "tau_ref", Unit: "ms", Default: defaultMs, Check: NonNegative, Part: "refractory", Doc: "refractory period",
			field: func(s *PopulationSpec) *Value { return &s.Refractory.TauRef }},
		{Name: "refractory_mode", Kind: ParamChoice, Choices: []string{"hold", "block"}, Shared: true, Part: "refractory",
			Doc: "hold: V keeps its post-reset value and inputs are dropped; block: V integrates, spikes are blocked"},
	}
}

// RefractoryParams returns the parameter rows of the standard refractory
// part for a descriptor model (with Model.Refractory set), default period
// defaultMs; append them to the model's table.
func RefractoryParams(defaultMs float64) []ParamDef { return refractoryParams(defaultMs) }

// SurrogateParam returns the parameter row of the surrogate gradient;
// append it to a model's table when its spike uses the standard Spike.
func SurrogateParam() ParamDef { return surrogateParam() }

func surrogateParam() ParamDef {
	return ParamDef{Name: "surrogate", Kind: ParamSurrogate, Doc: "surrogate gradient of the spike (docs/surrogates.md); one for all or a list per neuron"}
}

// Descriptor returns the spec's model descriptor: Dynamics when set, else
// the LIF-family preset named by Model, else the free composition.
func (s *PopulationSpec) Descriptor() *Model {
	if s.Dynamics != nil {
		return s.Dynamics
	}
	for _, m := range LIFFamily() {
		if m.Name == s.Model {
			return m
		}
	}
	return Composition()
}

// valueRows returns the rows of every value a spec holds for its model: its
// parameters (ParamsFor) and, for IF, V_reset and V_rest, which IF has
// (0 mV, typed fields) but does not take as parameters.
func (m *Model) valueRows(spec *PopulationSpec) []ParamDef {
	rows := m.ParamsFor(spec)
	if m.Name != "IF" || !m.lif {
		return rows
	}
	return append(rows[:3:3], append([]ParamDef{
		{Name: "V_reset", Unit: "mV", field: func(s *PopulationSpec) *Value { return &s.Membrane.VReset }},
		{Name: "V_rest", Unit: "mV", field: func(s *PopulationSpec) *Value { return &s.Membrane.VRest }},
	}, rows[3:]...)...)
}
