package components

// Recovery is the per-neuron recovery variable u of the Izhikevich (2003)
// neuron, in mV/ms: it enters dV/dt as −u, relaxes toward b·V with rate a
// and jumps by d at each spike. It starts at b·V_init.
type Recovery struct {
	U float64 `var:"u" unit:"mV/ms"` // recovery variable, mV/ms
}
