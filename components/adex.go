package components

// AdaptCurrent is the per-neuron adaptation current w of the adaptive
// exponential (AdEx) and adaptive quadratic (AdQIF) models, in mA: it
// enters the membrane as −R·w, relaxes toward a·(V − V_rest) with tau_w
// and jumps by b at each spike.
type AdaptCurrent struct {
	W float64 `var:"w" unit:"mA" init:"w_init"` // adaptation current, mA
}
