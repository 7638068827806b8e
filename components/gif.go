package components

// GIFState is the per-neuron state of the generalized integrate-and-fire
// model besides V: the spike-triggered current η (mA, entering the
// membrane as −R·η), the spike-triggered threshold movement γ (mV; the
// threshold is V_T_star + γ) and the key of the neuron's counter-based
// random stream for the escape noise (set on the first step from the
// population's stream, saved with the state; not a recordable variable).
type GIFState struct {
	Eta   float64 `var:"eta" unit:"mA"`   // spike-triggered current, mA
	Gamma float64 `var:"gamma" unit:"mV"` // threshold movement, mV
	Key   uint64  // escape-noise stream key (0 until the first step)
}
