package components

// Adaptation is the per-neuron adaptation variable a (dimensionless) of an
// adaptive-threshold neuron (reference ALIF, §1.4). The effective threshold
// is V_th + beta·a.
type Adaptation struct {
	A float64 // adaptation variable, dimensionless
}

// AdaptationParams are the adaptation parameters of one population, stored
// on the population entity.
//
// Dynamics per step (reference §1.4): a1 = a0 + s0 (s0 the lazily
// recomputed spike of the previous step), then a = a1·exp(−dt/tau_a).
type AdaptationParams struct {
	TauAMs Param // adaptation time constant tau_a, ms
	BetaMV Param // threshold increment per unit of a, mV
	// Decay is derived: exp(−dt/tau_a) per neuron (Sim.Refresh keeps it).
	Decay Param
}
