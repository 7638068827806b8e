package components

// RefractoryNever is the initial last-spike time of the reference
// (−1e7 ms), long enough in the past that no neuron starts refractory.
const RefractoryNever = -1e7

// Refractory is the per-neuron refractory state: the time of the last step
// whose spike output was 1, in ms.
//
// While t − LastSpikeMs < tau_ref (strict, against the value before this
// step) the membrane keeps its post-reset value and the step's inputs are
// discarded (reference LIFRef, §1.3). With Adaptation present, only V is
// held; a keeps its own dynamics.
type Refractory struct {
	LastSpikeMs float64 // time of the last spike, ms
}

// RefractoryParams are the refractory parameters of one population.
type RefractoryParams struct {
	TauRefMs Param // refractory period tau_ref, ms
}
