package components

// Spike is a neuron's output of the current step: the spike s = H(v_scaled)
// (0 or 1, with H(0) = 1) and its surrogate derivative with respect to the
// membrane potential, dS/dV = g'(v_scaled)/(V_th − V_reset), in 1/mV.
//
// For an adaptive neuron the derivative with respect to a follows as
// dS/da = −beta·DSdV.
type Spike struct {
	S    float64 // spike output, 0 or 1
	DSdV float64 // surrogate derivative dS/dV, 1/mV
}

// DSdA returns the derivative of the spike with respect to the adaptation
// variable a of an adaptive neuron, in 1/(unit of a):
// dS/da = −beta·g'(v_scaled)/(V_th − V_reset) = −beta·DSdV, with beta the
// neuron's threshold increment in mV (reference §1.5).
func (s Spike) DSdA(betaMV float64) float64 { return -betaMV * s.DSdV }
