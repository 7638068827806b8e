package agents

import (
	"fmt"
	"math"

	"github.com/spikecs/spikecs/components"
	"github.com/spikecs/spikecs/ecs"
)

// Default sizes of the populations ("banks") that hold a kind's brains.
const (
	// DefaultInitialSlots is the number of brain slots of a kind's first
	// bank when BrainSpec.InitialSlots is 0.
	DefaultInitialSlots = 16
	// DefaultMaxBankSlots caps the number of brain slots per bank when
	// BrainSpec.MaxBankSlots is 0.
	DefaultMaxBankSlots = 4096
)

// BrainSpec is the template of one kind of brain: N neurons, the synapses
// between them, and how the brains of many agents are stored.
type BrainSpec struct {
	// Name identifies the kind; its banks are populations named
	// "Name#0", "Name#1", ...
	Name string
	// Neurons is the number of neurons per brain (>= 1); sensors and
	// motors address them by their index 0..Neurons-1.
	Neurons int
	// Neuron is the neuron model (e.g. ecs.LIF("", 0)); Name, Size and
	// Source are ignored or must be unset. The zero value is LIF with
	// the reference defaults. A List value gives one value per brain
	// neuron (the same for every brain); a random initializer draws one
	// value per neuron of every brain.
	Neuron ecs.PopulationSpec
	// Synapses connect neurons of the same brain (never across brains).
	Synapses []Synapse
	// Channel is the post-synaptic channel of all Synapses. The zero value
	// is exponential kinetics with tau = 5 ms and a current-based output
	// I = g·1 mV: a weight of 1 S gives a 1 mA current jump that decays
	// with 5 ms.
	Channel components.ChannelParams
	// InitialSlots is the number of brains of the first bank that Add
	// creates (default DefaultInitialSlots). Each further bank Add creates
	// doubles the capacity, up to MaxBankSlots brains per bank. Idle slots
	// are simulated too (at rest, without spikes): Brains.Reserve creates
	// exactly the slots you ask for.
	InitialSlots int
	// MaxBankSlots caps the brains per bank (default DefaultMaxBankSlots).
	MaxBankSlots int
}

// Synapse connects neuron Pre to neuron Post of the same brain.
type Synapse struct {
	Pre, Post int
	// WeightS is the conductance jump per presynaptic spike, S; negative
	// for inhibition with a current-based channel.
	WeightS float64
	// DelayMs is the transmission delay, ms (0: one step, the reference's
	// latency).
	DelayMs float64
}

// defaultChannel is the channel used when BrainSpec.Channel is unset.
func defaultChannel() components.ChannelParams {
	return components.ChannelParams{Kind: components.SynExpon, Out: components.OutCUBA, TauMs: 5, ScaleMV: 1}
}

// check validates the spec (without touching the simulation).
func (s *BrainSpec) check() error {
	if s.Name == "" {
		return fmt.Errorf("agents: a brain kind needs a name")
	}
	if s.Neurons < 1 {
		return fmt.Errorf("brain %q: neurons must be >= 1, got %d", s.Name, s.Neurons)
	}
	if s.Neuron.Source != nil {
		return fmt.Errorf("brain %q: neurons cannot be spike sources; drive them with a Poisson sensor instead", s.Name)
	}
	if s.InitialSlots < 0 || s.MaxBankSlots < 0 {
		return fmt.Errorf("brain %q: slot counts must be >= 0, got initial %d, max %d", s.Name, s.InitialSlots, s.MaxBankSlots)
	}
	if s.Neurons*max(s.MaxBankSlots, s.InitialSlots) > math.MaxInt32 {
		return fmt.Errorf("brain %q: a bank of %d brains of %d neurons is too large", s.Name, max(s.MaxBankSlots, s.InitialSlots), s.Neurons)
	}
	for k, syn := range s.Synapses {
		if syn.Pre < 0 || syn.Pre >= s.Neurons || syn.Post < 0 || syn.Post >= s.Neurons {
			return fmt.Errorf("brain %q: synapse %d (%d → %d) is out of range: neurons 0..%d", s.Name, k, syn.Pre, syn.Post, s.Neurons-1)
		}
		if math.IsNaN(syn.WeightS) || math.IsInf(syn.WeightS, 0) {
			return fmt.Errorf("brain %q: synapse %d has weight %v S; it must be finite", s.Name, k, syn.WeightS)
		}
		if !(syn.DelayMs >= 0) || math.IsInf(syn.DelayMs, 0) {
			return fmt.Errorf("brain %q: synapse %d has delay %v ms; it must be finite and >= 0", s.Name, k, syn.DelayMs)
		}
	}
	return nil
}

// withDefaults fills in the defaults of a checked spec.
func (s BrainSpec) withDefaults() BrainSpec {
	if s.InitialSlots == 0 {
		s.InitialSlots = DefaultInitialSlots
	}
	if s.MaxBankSlots == 0 {
		s.MaxBankSlots = DefaultMaxBankSlots
	}
	s.InitialSlots = min(s.InitialSlots, s.MaxBankSlots)
	if s.Channel == (components.ChannelParams{}) {
		s.Channel = defaultChannel()
	}
	s.Synapses = append([]Synapse(nil), s.Synapses...)
	return s
}

// bankSpec returns the population spec of a bank of slots brains: the
// neuron spec with per-brain lists tiled over all brains.
func (s *BrainSpec) bankSpec(name string, slots int) (ecs.PopulationSpec, error) {
	p := s.Neuron
	p.Name, p.Size = name, slots*s.Neurons
	if p.Membrane.Reset != components.ResetSoft && p.Membrane.Reset != components.ResetHard {
		return p, fmt.Errorf("brain %q: unknown reset mode %d", s.Name, p.Membrane.Reset)
	}
	// Every numeric parameter of the neuron's model (its one parameter
	// table), per-brain lists tiled over the slots.
	if err := p.EachValue(func(name string, v *ecs.Value) error {
		t, err := tile(*v, s.Neurons, slots)
		if err != nil {
			return fmt.Errorf("brain %q: %s: %w", s.Name, name, err)
		}
		*v = t
		return nil
	}); err != nil {
		return p, err
	}
	if len(p.Surrogates) > 0 {
		if len(p.Surrogates) != s.Neurons {
			return p, fmt.Errorf("brain %q: %d surrogates, expected %d (one per brain neuron)", s.Name, len(p.Surrogates), s.Neurons)
		}
		all := make([]components.SurrogateSpec, 0, p.Size)
		for range slots {
			all = append(all, p.Surrogates...)
		}
		p.Surrogates = all
	}
	return p, nil
}

// tile repeats a list of n values (one per brain neuron) for every brain;
// scalars and random initializers pass through unchanged.
func tile(v ecs.Value, n, brains int) (ecs.Value, error) {
	if !v.IsSet() || v.IsShared() {
		return v, nil
	}
	errN := v.Check(n)
	if errN != nil {
		return v, errN
	}
	if v.Check(n+1) == nil {
		return v, nil // a random initializer: valid for any size
	}
	p, err := v.Resolve(n, nil)
	if err != nil {
		return v, err
	}
	out := make([]float64, n*brains)
	for i := range out {
		out[i] = p.Values[i%n]
	}
	return ecs.List(out...), nil
}
