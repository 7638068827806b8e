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
