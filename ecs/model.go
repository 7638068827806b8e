package ecs

import (
	"fmt"
	"reflect"
	"strings"
	"unsafe"

	"github.com/spikecs/spikecs/components"
)

// Model describes a neuron model to the engine: its parameter table, the
// per-neuron state columns it adds to the shared ones (Membrane, Input,
// Spike and the optional parts), the standard systems it reuses and the
// systems it brings. The engine creates, checks, cuts (Partition),
// checkpoints and records populations of any Model without knowing it;
// adding a model needs no edit in package ecs (docs/models.md, "Add your
// own model").
//
// The LIF family (IF, LIF, LIFRef, ALIF and free compositions of
// membrane, adaptation and refractory) are Models too (LIFFamily); their
// parameters live in the typed parts of PopulationSpec.
type Model struct {
	// Name is the model's name in scenario files (model: Name) and errors.
	Name string
	// Summary is one line for listings and docs.
	Summary string
	// Params is the parameter table, in order: names, units, defaults,
	// checks, docs. Scenario parsing, validation messages, the generated
	// JSON Schema and the docs read it.
	Params []ParamDef
	// State lists the model's own per-neuron columns (arche components),
	// in addition to Membrane (V, mV), Input and Spike.
	State []StateColumn
	// Threshold and ResetTo name the parameters copied into the shared
	// MembraneParams V_th and V_reset, which the standard Reset and Spike
	// systems (and the surrogate's scale 1/(V_th − V_reset)) read. Empty
	// ResetTo means V_th − 1 mV (a model without a reset, such as HH).
	Threshold, ResetTo string
	// VInit names the parameter that initialises V (default "V_init").
	VInit string
	// Standard selects the standard systems that run for the model's
	// populations (StdReset, StdSpike, StdRefractory, StdIntegrate).
	Standard Std
	// Systems are the model's own neuron systems; each is created once per
	// Sim, with the first population of the model, and runs only for the
	// model's populations.
	Systems []ModelSystem
	// Refractory reports whether populations may add the standard
	// refractory part (components: [..., refractory] or tau_ref).
	Refractory bool
	// OwnsChannels means the model's systems integrate the population's
	// synaptic channels themselves (exact integration of current
	// synapses); the network's channel update skips its populations.
	OwnsChannels bool
	// Check validates the resolved parameters jointly (e.g. V_th > V_reset);
	// it returns a ParamError whose Population is filled in by the engine.
	Check func(ps *components.ModelParams) *ParamError
	// Prepare computes the model's derived constants (decay factors,
	// propagators) from its resolved parameters and the time step; the
	// result is stored in ModelParams.Derived. It runs at creation and on
	// every Sim.Refresh / SetDt.
	Prepare func(ps *components.ModelParams, dtMs float64) (any, error)
	// Doc holds the model's documentation: equations, source, peer names.
	Doc ModelDoc

	// lif marks the built-in LIF family, whose parameters and state live
	// in the typed parts of PopulationSpec (see LIFFamily).
	lif bool
	// adaptation, refractory: the LIF family preset's parts.
	adaptation, refractory bool
}

// ModelDoc is a model's documentation for docs/models.md and -list.
type ModelDoc struct {
	Equations string // the dynamics, in plain text with units
	Source    string // the paper it follows
	Peers     string // corresponding NEST / Brian2 / brainpy.state names
}

// Std is a set of standard neuron systems (see Model.Standard).
type Std uint64

// The standard systems a model can reuse (systems.Install adds them).
const (
	StdReset      Std = 1 << iota // lazy reset from V_th/V_reset (MembraneParams)
	StdIntegrate                  // the LIF family's exponential Euler
	StdSpike                      // S = H((V − V_th)/(V_th − V_reset)) and the surrogate
	StdRefractory                 // last-spike bookkeeping of the refractory part
	stdBits       = 4
)

// ModelSystem is one of a model's own systems: its stage and a constructor
// (called once per Sim).
type ModelSystem struct {
	Stage Stage
	New   func() NeuronSystem
}

// ParamKind is what a parameter's value is.
type ParamKind uint8

// The parameter kinds.
const (
	// ParamNumber is a physical quantity or plain number: a scalar, a list
	// (one per neuron) or a random initialiser.
	ParamNumber ParamKind = iota
	// ParamChoice is one of Choices, for the whole population.
	ParamChoice
	// ParamSurrogate is a surrogate-gradient description.
	ParamSurrogate
)

// Constraint is a check on every value of a numeric parameter.
type Constraint uint8

// The constraints.
const (
	Any         Constraint = iota // any finite number
	Positive                      // > 0
	NonNegative                   // >= 0
)

// String returns the constraint as written in docs ("> 0", ">= 0", "").
func (c Constraint) String() string {
	switch c {
	case Positive:
		return "> 0"
	case NonNegative:
		return ">= 0"
	}
	return ""
}

// violated returns a message when x breaks the constraint.
func (c Constraint) violated(x float64, unit string) string {
	switch {
	case c == Positive && !(x > 0):
		return fmt.Sprintf("= %v %s; must be > 0", x, unit)
	case c == NonNegative && !(x >= 0):
		return fmt.Sprintf("= %v %s; must be >= 0", x, unit)
	}
	return ""
}

// ParamDef is one row of a model's parameter table.
type ParamDef struct {
	// Name is the parameter's name in files and errors ("tau_w").
	Name string
	// Unit is the canonical unit of its values (docs/units.md): "ms",
	// "mV", "mA", "ohm", "S", "mF", "Hz" or "" for a plain number.
	Unit string
	// Default is the value when the file does not give one.
	Default float64
	// Check constrains every value.
	Check Constraint
	// Doc says what the parameter is.
	Doc string
	// Kind is ParamNumber (the zero value), ParamChoice or ParamSurrogate.
	Kind ParamKind
	// Choices are the valid values of a ParamChoice; the first is the
	// default.
	Choices []string
	// Shared means one value for the whole population (no per-neuron list
	// or random initialiser).
	Shared bool
	// Part names the optional part the parameter belongs to ("adaptation",
	// "refractory"), or "" for the model itself.
	Part string

	// field binds a LIF-family parameter to its typed spec field.
	field func(*PopulationSpec) *Value
}

// StateColumn is one per-neuron component a model adds: an arche component
// type whose float64 fields tagged `var:"name" unit:"..."` are the
// model's recordable state variables.
type StateColumn struct {
	// Name identifies the column in checkpoints.
	Name string
	// Type is the component's Go type (a struct).
	Type reflect.Type
	// Vars are the recordable float64 fields.
	Vars []StateVar
}

// StateVar is a recordable float64 field of a state column.
type StateVar struct {
	Name   string  // variable name in files ("w")
	Unit   string  // canonical unit
	Offset uintptr // byte offset in the component
	// Init names the parameter that initialises it ("" : InitFn or 0).
	Init string
	// InitFn, when set, computes neuron i's initial value from the
	// resolved parameters and the initial V (mV).
	InitFn func(ps *components.ModelParams, i int, vInit float64) float64
}

// ColumnOf describes component type T as a state column: every float64
// field with a `var` tag is a state variable, initialised from the
// parameter named by its `init` tag (or 0).
func ColumnOf[T any](name string) StateColumn {
	typ := reflect.TypeFor[T]()
	col := StateColumn{Name: name, Type: typ}
	for i := 0; i < typ.NumField(); i++ {
		f := typ.Field(i)
		v := f.Tag.Get("var")
		if v == "" || f.Type.Kind() != reflect.Float64 {
			continue
		}
		col.Vars = append(col.Vars, StateVar{Name: v, Unit: f.Tag.Get("unit"), Offset: f.Offset, Init: f.Tag.Get("init")})
	}
	return col
}

// WithInit returns the column with var's initial value computed by fn.
func (c StateColumn) WithInit(name string, fn func(ps *components.ModelParams, i int, vInit float64) float64) StateColumn {
	vars := append([]StateVar(nil), c.Vars...)
	for i := range vars {
		if vars[i].Name == name {
			vars[i].InitFn = fn
		}
	}
	c.Vars = vars
	return c
}

// Column returns column c of a bound population view as a slice of T,
// indexed by neuron (c is the index in the model's State list). It panics
// when T is not the column's type (a programming error).
//
// ⚠️ Like every PopView slice, do not keep it across steps.
func Column[T any](v *PopView, c int) []T {
	if c < 0 || c >= len(v.ext) || v.extType[c] != reflect.TypeFor[T]() {
		panic(fmt.Sprintf("spikecs: population %q has no state column %d of type %v", v.Name, c, reflect.TypeFor[T]()))
	}
	return unsafe.Slice((*T)(v.ext[c]), v.N)
}

// ColumnFloat returns the float64 at byte offset off of neuron i's
// component in state column c of a bound view (recorders; StateVar.Offset).
func ColumnFloat(v *PopView, c, i int, off uintptr) float64 {
	return *(*float64)(unsafe.Add(v.ext[c], uintptr(i)*v.extType[c].Size()+off))
}

// Param returns the model parameter named name (nil when the model has
// none); for setup code — systems keep the index or use Derived.
func (m *Model) Param(name string) *ParamDef {
	for i := range m.Params {
		if m.Params[i].Name == name {
			return &m.Params[i]
		}
	}
	return nil
}

// ParamNames returns the names of the parameters valid for spec, in table
// order (the LIF family's depend on its parts).
func (m *Model) ParamNames(spec *PopulationSpec) []string {
	var out []string
	for _, d := range m.ParamsFor(spec) {
		out = append(out, d.Name)
	}
	return out
}

// ParamsFor returns the parameter rows valid for spec: the model's own and
// those of the optional parts spec has.
func (m *Model) ParamsFor(spec *PopulationSpec) []ParamDef {
	var out []ParamDef
	for _, d := range m.Params {
		switch d.Part {
		case "adaptation":
			if spec.Adaptation == nil {
				continue
			}
		case "refractory":
			if spec.Refractory == nil {
				continue
			}
		}
		out = append(out, d)
	}
	return out
}

// Vars returns the names of the model's recordable state variables.
func (m *Model) Vars() []string {
	var out []string
	for _, c := range m.State {
		for _, v := range c.Vars {
			out = append(out, v.Name)
		}
	}
	return out
}

// IsLIF reports whether the model is one of the built-in LIF family.
func (m *Model) IsLIF() bool { return m.lif }

// validate checks a descriptor once, when a population first uses it.
func (m *Model) validate() error {
	if m.Name == "" {
		return fmt.Errorf("spikecs: a model needs a name")
	}
	seen := map[string]bool{}
	for _, d := range m.Params {
		if d.Name == "" || seen[d.Name] {
			return fmt.Errorf("model %s: parameter name %q is empty or repeated", m.Name, d.Name)
		}
		seen[d.Name] = true
		if d.Kind == ParamChoice && len(d.Choices) == 0 {
			return fmt.Errorf("model %s: choice parameter %q has no choices", m.Name, d.Name)
		}
	}
	if m.lif {
		return nil
	}
	for _, name := range []string{m.Threshold, m.ResetTo, m.vInit()} {
		if name != "" && m.Param(name) == nil {
			return fmt.Errorf("model %s: names parameter %q, which its table lacks", m.Name, name)
		}
	}
	if m.Threshold == "" {
		return fmt.Errorf("model %s: Threshold must name its threshold parameter", m.Name)
	}
	for _, c := range m.State {
		if c.Type == nil || c.Type.Kind() != reflect.Struct || c.Type.Size() == 0 {
			return fmt.Errorf("model %s: state column %q must be a non-empty struct type", m.Name, c.Name)
		}
		for _, v := range c.Vars {
			if v.Init != "" && m.Param(v.Init) == nil {
				return fmt.Errorf("model %s: state %q is initialised from %q, which its table lacks", m.Name, v.Name, v.Init)
			}
		}
	}
	return nil
}

func (m *Model) vInit() string {
	if m.VInit == "" {
		return "V_init"
	}
	return m.VInit
}

// choiceIndex returns the index of value among d's choices.
func (d *ParamDef) choiceIndex(value string) (int, error) {
	for i, c := range d.Choices {
		if c == value {
			return i, nil
		}
	}
	noun := strings.ReplaceAll(strings.TrimPrefix(d.Name, "spk_"), "_", " ") // spk_reset: "reset"
	return 0, fmt.Errorf("unknown %s %q; valid: %s", noun, value, strings.Join(d.Choices, ", "))
}
