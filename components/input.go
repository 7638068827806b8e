package components

// Input accumulates the inputs a neuron receives during one step. Input
// systems add to it before the integrate stage; the integrate stage reads
// and clears it (the reference's one-shot "value inputs").
//
// The current is kept in linearised form I(V) = CurrentMA + DIdV·V, so that
// V-dependent inputs (conductance-based synapses: g·(E − V) gives
// CurrentMA += g·E, DIdV −= g) enter the exponential-Euler rate exactly, as
// the reference's dI/dV does (§2.1).
type Input struct {
	CurrentMA float64 // V-independent part of the input current, mA
	DIdV      float64 // dI/dV of the input current, S (= mA/mV)
	DeltaMV   float64 // jump added to V after integration, mV
}

// SharedInput is a population component for input that is the same for
// every neuron of the population in this step (a shared constant or step
// current). Input systems add to it once per step — in the block that
// starts at neuron 0 — instead of to every neuron's Input; the integrate
// stage adds it to every neuron's current and clears it after the
// population's last block. It saves a pass over the neurons per shared
// input.
type SharedInput struct {
	CurrentMA float64 // current added to every neuron this step, mA
}
