package components

// HHState is the per-neuron state of the Hodgkin–Huxley model besides V:
// the gating variables m (Na activation), h (Na inactivation) and n (K
// activation), dimensionless in [0, 1], and V_prev, the stored V of the
// previous step (mV), which the spike test (an upward crossing of V_th)
// compares against.
type HHState struct {
	M     float64 `var:"m" unit:""`        // Na⁺ activation gate
	H     float64 `var:"h" unit:""`        // Na⁺ inactivation gate
	N     float64 `var:"n" unit:""`        // K⁺ activation gate
	VPrev float64 `var:"V_prev" unit:"mV"` // V at the end of the previous step, mV
}
