package ecs

import "fmt"

// Stage is one of the ordered phases of a simulation step.
type Stage int

// The stages, in execution order. The first five are the neuron stages of
// the reference's update (lazy reset, exponential-Euler integration, spike
// output, refractory bookkeeping); the last three run after all neurons.
const (
	StageInput      Stage = iota // inputs add to the Input accumulators
	StageReset                   // lazy reset from the previous step's stored V
	StageIntegrate               // exponential Euler, delta inputs, holds
	StageSpike                   // spike output and surrogate derivative
	StageRefractory              // last-spike bookkeeping
	StageSynapses                // synaptic state update
	StageDelivery                // spike delivery into the next step's inputs
	StageRecord                  // recorders
	numStages
)

// Stages returns all stages in execution order.
func Stages() []Stage {
	out := make([]Stage, numStages)
	for i := range out {
		out[i] = Stage(i)
	}
	return out
}

// String returns the stage name, e.g. "integrate".
func (s Stage) String() string {
	switch s {
	case StageInput:
		return "input"
	case StageReset:
		return "reset"
	case StageIntegrate:
		return "integrate"
	case StageSpike:
		return "spike"
	case StageRefractory:
		return "refractory"
	case StageSynapses:
		return "synapses"
	case StageDelivery:
		return "delivery"
	case StageRecord:
		return "record"
	}
	return fmt.Sprintf("stage(%d)", int(s))
}

// ParseStage returns the stage with the given name.
func ParseStage(name string) (Stage, error) {
	for _, s := range Stages() {
		if s.String() == name {
			return s, nil
		}
	}
	return 0, fmt.Errorf("unknown stage %q; valid: input, reset, integrate, spike, refractory, synapses, delivery, record", name)
}
