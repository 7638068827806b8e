package components

// RefractoryCount is the per-neuron refractory counter of NEST's exact
// integrate-and-fire models (iaf_psc_exp): the number of steps the
// membrane stays clamped at V_reset (NEST's r), set to round(t_ref/dt) at
// the reset after a spike.
type RefractoryCount struct {
	Steps float64 // clamped steps left
}
