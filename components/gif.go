package components

// GIFState is the per-neuron state of the generalized integrate-and-fire
// model besides V: the spike-triggered current η (mA, entering the
// membrane as −R·η), the spike-triggered threshold movement γ (mV; the
// threshold is V_T_star + γ).
type GIFState struct {
	Eta   float64 `var:"eta" unit:"mA"`   // spike-triggered current, mA
	Gamma float64 `var:"gamma" unit:"mV"` // threshold movement, mV
}
