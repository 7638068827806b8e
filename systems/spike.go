package systems

import (
	"github.com/spikecs/spikecs/components"
	"github.com/spikecs/spikecs/ecs"
	"github.com/spikecs/spikecs/systems/surrogate"
)

// Spike computes each neuron's output from its end-of-step state:
//
//	v_scaled = (V − V_th − beta·a) / (V_th − V_reset)     (beta·a only with Adaptation)
//	S        = H(v_scaled)                                 (H(0) = 1)
//	DSdV     = g'(v_scaled) / (V_th − V_reset)             (1/mV)
//
// where g' is the neuron's surrogate gradient (its own SurrogateSpec, else
// the population's). A NaN or infinite V or a stops the run with an
// ecs.NonFiniteError naming population, neuron and step.
//
// The zero value is ready to use; it keeps two scratch buffers of one block.
type Spike struct {
	xs, gs []float64
}

// Name returns "spike".
func (*Spike) Name() string { return "spike" }

// UpdateBlock computes the output of neurons lo..hi-1 of p.
func (s *Spike) UpdateBlock(t ecs.Tick, p *ecs.PopView, lo, hi int) error {
	mp := p.MembraneParams
	m := p.Membrane[lo:hi]
	n := len(m)
	if cap(s.xs) < n {
		s.xs, s.gs = make([]float64, n), make([]float64, n)
	}
	xs, gs := s.xs[:n], s.gs[:n]
	th := mp.VThMV.Block(lo, hi)[:n]
	rs := mp.VResetMV.Block(lo, hi)[:n]
	bad := -1
	if p.Adaptation != nil {
		a := p.Adaptation[lo:hi][:n]
		beta := p.AdaptationParams.BetaMV.Block(lo, hi)[:n]
		for k := range m {
			v, ak := m[k].V, a[k].A
			if v-v != 0 || ak-ak != 0 {
				bad = k
			}
			xs[k] = (v - th[k] - beta[k]*ak) / (th[k] - rs[k])
		}
	} else {
		for k := range m {
			v := m[k].V
			if v-v != 0 {
				bad = k
			}
			xs[k] = (v - th[k]) / (th[k] - rs[k])
		}
	}
	if bad >= 0 {
		return nonFinite(t, p, lo, m, bad)
	}
	if p.Surrogate == nil {
		surrogate.GradSlice(*p.PopSurrogate, xs, gs)
	} else {
		for k, sg := range p.Surrogate[lo:hi][:n] {
			gs[k] = surrogate.Grad(sg, xs[k])
		}
	}
	out := p.Spike[lo:hi][:n]
	for k := range out {
		out[k] = components.Spike{S: step(xs[k]), DSdV: gs[k] / (th[k] - rs[k])}
	}
	return nil
}

// nonFinite builds the error for the first bad neuron of the block.
func nonFinite(t ecs.Tick, p *ecs.PopView, lo int, m []components.Membrane, k int) error {
	for j := range m {
		v := m[j].V
		if v-v != 0 {
			return &ecs.NonFiniteError{Population: p.Name, Neuron: lo + j, Step: t.Step, Var: "V", Value: v}
		}
		if p.Adaptation != nil {
			if a := p.Adaptation[lo+j].A; a-a != 0 {
				return &ecs.NonFiniteError{Population: p.Name, Neuron: lo + j, Step: t.Step, Var: "a", Value: a}
			}
		}
	}
	return &ecs.NonFiniteError{Population: p.Name, Neuron: lo + k, Step: t.Step, Var: "V", Value: m[k].V}
}
