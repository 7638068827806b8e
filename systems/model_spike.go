package systems

import (
	"github.com/spikecs/spikecs/ecs"
	"github.com/spikecs/spikecs/systems/surrogate"
)

// spikeOut writes the spike-stage outputs of a model with its own spike
// rule (HH's upward crossing, GIF's escape noise): the caller decides per
// neuron of a block whether it fires and its distance to threshold
// V − θ (mV); emit sets S, the surrogate derivative
//
//	DSdV = g'((V − θ)·inv)·inv,  inv = 1/(V_th − V_reset) (MembraneParams.InvSpan)
//
// with the neuron's surrogate (or the population's), and lists the firing
// neurons in p.Fired in increasing order. The zero value is ready; it
// keeps scratch buffers of one block.
type spikeOut struct {
	xs, gs []float64
	fire   []bool
}

// buffers returns the block's scratch: xs (V − θ, mV) and fire.
func (o *spikeOut) buffers(n int) ([]float64, []bool) {
	if cap(o.xs) < n {
		o.xs, o.gs, o.fire = make([]float64, n), make([]float64, n), make([]bool, n)
	}
	return o.xs[:n], o.fire[:n]
}

// emit writes S and DSdV of neurons lo..hi-1 from the buffers and appends
// the firing ones to p.Fired (emptied by the block starting at 0).
func (o *spikeOut) emit(t ecs.Tick, p *ecs.PopView, lo, hi int) {
	n := hi - lo
	out := p.Spike[lo:hi][:n]
	xs, gs, fire := o.xs[:n], o.gs[:n], o.fire[:n]
	for k := range out {
		out[k].S = 0
		if fire[k] {
			out[k].S = 1
		}
	}
	if t.NoGrad {
		for k := range out {
			out[k].DSdV = 0
		}
	} else {
		inv := p.MembraneParams.InvSpan.Block(lo, hi)[:n]
		for k := range xs {
			xs[k] *= inv[k]
		}
		if p.Surrogate == nil {
			surrogate.GradSlice(*p.PopSurrogate, xs, gs)
		} else {
			for k, sg := range p.Surrogate[lo:hi][:n] {
				gs[k] = surrogate.Grad(sg, xs[k])
			}
		}
		for k := range out {
			out[k].DSdV = gs[k] * inv[k]
		}
	}
	collectFired(p, lo, hi)
}
