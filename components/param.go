package components

// Param is one neuron parameter of a population: either a single value
// shared by all neurons (len(Values) == 1) or one value per neuron
// (len(Values) == population size). This mirrors the reference, where a
// scalar parameter stays a scalar and an array broadcasts against the
// neurons. Units are those of the owning field.
//
// After changing Values of a running simulation, call the simulation's
// Refresh so that derived constants (decay factors) follow.
type Param struct {
	// Values holds one shared value or one value per neuron.
	Values []float64
	// fill holds Values[0] repeated, so that a shared value can be read
	// through the same slice-shaped access as a per-neuron one (see Block).
	fill []float64
}

// Shared returns a Param holding one value for all neurons.
func Shared(v float64) Param { return Param{Values: []float64{v}} }

// PerNeuron returns a Param holding one value per neuron. The slice is
// used, not copied.
func PerNeuron(vs []float64) Param { return Param{Values: vs} }

// IsShared reports whether the parameter has one value for all neurons.
func (p *Param) IsShared() bool { return len(p.Values) == 1 }

// At returns the value of neuron i. It is meant for setup and inspection,
// not for hot loops (use Block there).
func (p *Param) At(i int) float64 {
	if len(p.Values) == 1 {
		return p.Values[0]
	}
	return p.Values[i]
}

// Block returns the values of neurons lo..hi-1 as a slice of length hi-lo.
// For a per-neuron parameter this is a sub-slice of Values; for a shared
// one it is a buffer holding the shared value hi-lo times, so kernels can
// use one code path. The buffer is allocated on first use (and when a
// longer block is asked for) and refilled when the shared value changes;
// in steady state Block does not allocate.
func (p *Param) Block(lo, hi int) []float64 {
	if len(p.Values) != 1 {
		return p.Values[lo:hi]
	}
	n := hi - lo
	v := p.Values[0]
	if cap(p.fill) < n {
		p.fill = make([]float64, n)
		p.fill[0] = v + 1 // force the fill below
	}
	p.fill = p.fill[:cap(p.fill)]
	if p.fill[0] != v || p.fill[len(p.fill)-1] != v {
		for i := range p.fill {
			p.fill[i] = v
		}
	}
	return p.fill[:n]
}
