package components

// Membrane is the per-neuron membrane state: the potential V in mV. Its
// parameters are the population's MembraneParams.
//
// The stored V is the end-of-step value, before the lazy reset of the next
// step (reference §1.0): after a spiking step it is still >= V_th.
type Membrane struct {
	V float64 // membrane potential, mV
}

// ResetMode selects how a spike resets the membrane (reference spk_reset).
type ResetMode uint8

const (
	// ResetSoft subtracts (V_th − V_reset) from V: V1 = V0 − (V_th − V_reset)·s0.
	// This is the reference default.
	ResetSoft ResetMode = iota
	// ResetHard sets V to V_reset: V1 = V0 − (V0 − V_reset)·s0.
	ResetHard
)

// String returns "soft" or "hard".
func (m ResetMode) String() string {
	if m == ResetHard {
		return "hard"
	}
	return "soft"
}

// MembraneParams are the membrane parameters of one population, stored on
// the population entity. Each is shared or per neuron (see Param).
//
// Dynamics (reference §1.2): dV/dt = (−V + V_rest + R·I(V))/tau, with a
// spike output H((V − V_th)/(V_th − V_reset)). IF is the special case
// V_reset = V_rest = 0.
type MembraneParams struct {
	ROhm     Param // input resistance R, ohm (mV/mA)
	TauMs    Param // membrane time constant tau, ms
	VThMV    Param // threshold V_th, mV
	VResetMV Param // reset potential V_reset, mV
	VRestMV  Param // resting potential V_rest, mV
	// Reset is the reset mode of the whole population.
	Reset ResetMode
	// Decay is derived, not a parameter: 1 − exp(−dt/tau) per neuron, the
	// exact exponential-Euler factor for a V-independent input. The
	// simulation recomputes it when dt or TauMs change (Sim.Refresh).
	Decay Param
	// InvSpan is derived: 1/(V_th − V_reset) per neuron, the scale of
	// v_scaled (Sim.Refresh keeps it).
	InvSpan Param
}
