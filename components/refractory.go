package components

import "fmt"

// RefractoryNever is the initial last-spike time of the reference
// (−1e7 ms), long enough in the past that no neuron starts refractory.
const RefractoryNever = -1e7

// Refractory is the per-neuron refractory state: the time of the last step
// whose spike output was 1, in ms.
//
// A neuron is refractory in a step while t − LastSpikeMs < tau_ref (strict,
// against the value before this step). What that does depends on the
// population's RefractoryMode: RefractoryHold (the default, reference
// LIFRef §1.3) keeps the post-reset V and discards the step's inputs;
// RefractoryBlock lets V integrate and forces the spike output and its
// surrogate derivative to 0. With Adaptation present, a keeps its own
// dynamics in both modes.
type Refractory struct {
	LastSpikeMs float64 // time of the last spike, ms
}

// RefractoryMode selects what a refractory period does (docs/models.md).
type RefractoryMode uint8

const (
	// RefractoryHold is the reference LIFRef: while refractory, V keeps its
	// post-reset value V1 and the step's inputs are discarded; the spike
	// test still runs (a large overshoot can spike again).
	RefractoryHold RefractoryMode = iota
	// RefractoryBlock is NEST's and Bellec's refractoriness: V integrates
	// its input as usual, the spike output S and DSdV are forced to 0, and
	// the reset applies the previous step's emitted spike S (not the
	// recomputed V ≥ V_th), so a blocked crossing neither resets V nor
	// increments a.
	RefractoryBlock
	// RefractoryModeCount is the number of modes (for validation).
	RefractoryModeCount
)

// String returns "hold" or "block" (the scenario file's refractory_mode).
func (m RefractoryMode) String() string {
	switch m {
	case RefractoryHold:
		return "hold"
	case RefractoryBlock:
		return "block"
	}
	return "unknown"
}

// ParseRefractoryMode returns the mode named "hold" or "block".
func ParseRefractoryMode(name string) (RefractoryMode, error) {
	switch name {
	case "hold":
		return RefractoryHold, nil
	case "block":
		return RefractoryBlock, nil
	}
	return 0, fmt.Errorf("unknown refractory mode %q; valid: hold, block", name)
}

// RefractoryParams are the refractory parameters of one population.
type RefractoryParams struct {
	TauRefMs Param // refractory period tau_ref, ms
	// Mode is what the period does; the zero value is RefractoryHold.
	Mode RefractoryMode
}
