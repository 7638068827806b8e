package ecs

import (
	"github.com/spikecs/spikecs/components"
)

// PopulationSpec describes a population before it is created: its size and
// its composition. Membrane is always present; Adaptation and Refractory
// are optional and combine freely (ALIF with a refractory period is
// Adaptation + Refractory). Unset Values take the reference defaults
// (DefaultMembrane, DefaultAdaptation, DefaultRefractory).
type PopulationSpec struct {
	// Name identifies the population; it must be unique within a Sim.
	Name string
	// Size is the number of neurons (at least 1).
	Size int
	// Model names the preset this spec came from ("IF", "LIF", "LIFRef",
	// "ALIF") or is empty for a free composition. For "IF" the membrane has
	// no V_reset or V_rest (both are 0), as in the reference.
	Model string
	// Membrane holds the membrane parameters and initial V.
	Membrane MembraneSpec
	// Adaptation, when non-nil, adds an adaptive threshold (ALIF dynamics).
	Adaptation *AdaptationSpec
	// Refractory, when non-nil, adds an absolute refractory period.
	Refractory *RefractorySpec
	// Surrogate is the population's surrogate gradient; the zero value is
	// the reference default (relu_grad, alpha = 0.3, width = 1).
	Surrogate components.SurrogateSpec
	// Surrogates, when non-empty, gives each neuron its own surrogate
	// (length Size); it overrides Surrogate.
	Surrogates []components.SurrogateSpec
	// Source, when non-nil, makes this a spike source population: its
	// neurons have no membrane (Membrane, Adaptation, Refractory and the
	// surrogates are ignored) and emit generated spikes.
	Source *SourceSpec
	// Dynamics, when non-nil, is the population's model descriptor (a
	// model other than the LIF family, see NewSpec); Model is then its
	// name. Its parameters are in Params and Choices (Refractory and the
	// surrogates keep their typed fields); Membrane and Adaptation are
	// not used.
	Dynamics *Model
	// Params holds a descriptor model's numeric parameters by name (in the
	// units of its table); unset ones take the table's defaults.
	Params map[string]Value
	// Choices holds a descriptor model's choice parameters by name.
	Choices map[string]string
}

// SourceSpec describes a spike source: either a Poisson process per neuron
// (RateHz set) or a list of spike events (TimesMs and Neurons, same length).
type SourceSpec struct {
	// RateHz is each neuron's Poisson rate in Hz (>= 0, rate·dt <= 1).
	RateHz Value
	// TimesMs and Neurons are the events: neuron Neurons[i] spikes at the
	// first step n with n·dt >= TimesMs[i] (BrainPy's SpikeTimeGroup
	// semantics, not brainstate 0.1.10's cursor bug, §8.14).
	TimesMs []float64
	Neurons []int
}

// MembraneSpec holds membrane parameters (reference names in brackets).
type MembraneSpec struct {
	R      Value // [R] input resistance, ohm (mV/mA); > 0
	Tau    Value // [tau] membrane time constant, ms; > 0
	VTh    Value // [V_th] threshold, mV; > V_reset
	VReset Value // [V_reset] reset potential, mV
	VRest  Value // [V_rest] resting potential, mV
	VInit  Value // [V_init] initial membrane potential, mV
	// Reset is soft (the reference default) or hard [spk_reset].
	Reset components.ResetMode
}

// AdaptationSpec holds adaptation parameters.
type AdaptationSpec struct {
	TauA  Value // [tau_a] adaptation time constant, ms; > 0
	Beta  Value // [beta] threshold increment per unit of a, mV
	AInit Value // [a_init] initial adaptation variable, dimensionless
}

// RefractorySpec holds the refractory period.
type RefractorySpec struct {
	TauRef Value // [tau_ref] refractory period, ms; >= 0
	// Mode [refractory_mode] is what the period does: hold (the zero
	// value, reference LIFRef) or block (NEST, Bellec).
	Mode components.RefractoryMode
}

// DefaultMembrane returns the reference defaults of IF/LIF/LIFRef/ALIF:
// R = 1 ohm, tau = 5 ms, V_th = 1 mV, V_reset = V_rest = 0 mV, V_init = 0 mV,
// soft reset.
func DefaultMembrane() MembraneSpec {
	return MembraneSpec{R: Scalar(1), Tau: Scalar(5), VTh: Scalar(1), VReset: Scalar(0), VRest: Scalar(0), VInit: Scalar(0)}
}

// DefaultAdaptation returns the reference ALIF defaults: tau_a = 100 ms,
// beta = 0.1 mV, a_init = 0.
func DefaultAdaptation() AdaptationSpec {
	return AdaptationSpec{TauA: Scalar(100), Beta: Scalar(0.1), AInit: Scalar(0)}
}

// DefaultRefractory returns the reference LIFRef default tau_ref = 5 ms.
func DefaultRefractory() RefractorySpec { return RefractorySpec{TauRef: Scalar(5)} }

// Models returns the names of the presets: IF, LIF, LIFRef, ALIF.
func Models() []string { return []string{"IF", "LIF", "LIFRef", "ALIF"} }

// Preset returns the spec of a reference model with its defaults and the
// given name and size, or false for an unknown model name.
//
//	IF:     membrane (V_reset = V_rest = 0, v_scaled = (V − V_th)/V_th)
//	LIF:    membrane
//	LIFRef: membrane + refractory
//	ALIF:   membrane + adaptation
func Preset(model, name string, size int) (PopulationSpec, bool) {
	spec := PopulationSpec{Name: name, Size: size, Model: model, Membrane: DefaultMembrane()}
	switch model {
	case "IF", "LIF":
	case "LIFRef":
		r := DefaultRefractory()
		spec.Refractory = &r
	case "ALIF":
		a := DefaultAdaptation()
		spec.Adaptation = &a
	default:
		return PopulationSpec{}, false
	}
	return spec, true
}

// IF returns the IF preset (a leaky integrator toward 0, reference §1.1).
func IF(name string, size int) PopulationSpec { s, _ := Preset("IF", name, size); return s }

// LIF returns the LIF preset (reference §1.2).
func LIF(name string, size int) PopulationSpec { s, _ := Preset("LIF", name, size); return s }

// LIFRef returns the LIFRef preset (LIF with refractory period, §1.3).
func LIFRef(name string, size int) PopulationSpec { s, _ := Preset("LIFRef", name, size); return s }

// ALIF returns the ALIF preset (adaptive threshold LIF, §1.4).
func ALIF(name string, size int) PopulationSpec { s, _ := Preset("ALIF", name, size); return s }
