package systems

import (
	"math"

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
// with 1/(V_th − V_reset) precomputed (a product instead of the reference's
// quotient, equal to it within one rounding), where g' is the neuron's
// surrogate gradient (its own SurrogateSpec, else the population's, with
// the family dispatch hoisted out of the loop). In a population whose
// refractory period blocks spikes, S = 0 and DSdV = 0 while t −
// LastSpikeMs < tau_ref (blockSpikes). A NaN or infinite V or a
// stops the run with an ecs.NonFiniteError naming population, neuron and
// step.
//
// The zero value is ready to use; it keeps two scratch buffers of one block.
type Spike struct {
	xs, gs []float64
}

// Name returns "spike".
func (*Spike) Name() string { return "spike" }

// UpdateBlock computes the output of neurons lo..hi-1 of p and lists the
// spiking ones in p.Fired.
func (s *Spike) UpdateBlock(t ecs.Tick, p *ecs.PopView, lo, hi int) error {
	if p.Membrane == nil { // spike sources have no membrane
		return nil
	}
	fused, err := s.update(t, p, lo, hi)
	if err != nil {
		return err
	}
	if blocking(p) {
		blockSpikes(t, p, lo, hi, fused)
	}
	if !fused {
		collectFired(p, lo, hi)
	}
	return nil
}

// update computes S and DSdV of neurons lo..hi-1; fused reports whether
// it also listed the spiking neurons in p.Fired.
func (s *Spike) update(t ecs.Tick, p *ecs.PopView, lo, hi int) (fused bool, err error) {
	mp := p.MembraneParams
	m := p.Membrane[lo:hi]
	n := len(m)
	if cap(s.xs) < n {
		s.xs, s.gs = make([]float64, n), make([]float64, n)
	}
	xs, gs := s.xs[:n], s.gs[:n]
	out := p.Spike[lo:hi][:n]
	th := mp.VThMV.Block(lo, hi)[:n]
	inv := mp.InvSpan.Block(lo, hi)[:n]
	if t.NoGrad {
		return true, spikeNoGrad(t, p, lo, hi, th, inv, out)
	}
	if p.Surrogate == nil && isReluGrad(p.PopSurrogate) {
		return true, fusedReluSpike(t, p, lo, hi, th, inv, out)
	}
	// nonfinite collects, branch-free, whether any state has the all-ones
	// exponent of NaN and ±Inf.
	var nonfinite uint64
	switch {
	case p.Adaptation != nil:
		a := p.Adaptation[lo:hi][:n]
		beta := p.AdaptationParams.BetaMV.Block(lo, hi)[:n]
		for k := range m {
			v, ak := m[k].V, a[k].A
			nonfinite |= expAllOnes(v) | expAllOnes(ak)
			x := (v - th[k] - beta[k]*ak) * inv[k]
			xs[k] = x
			out[k].S = step(x)
		}
	case mp.VThMV.IsShared() && mp.InvSpan.IsShared():
		th0, inv0 := th[0], inv[0]
		for k := range m {
			v := m[k].V
			nonfinite |= expAllOnes(v)
			x := (v - th0) * inv0
			xs[k] = x
			out[k].S = step(x)
		}
	default:
		for k := range m {
			v := m[k].V
			nonfinite |= expAllOnes(v)
			x := (v - th[k]) * inv[k]
			xs[k] = x
			out[k].S = step(x)
		}
	}
	if nonfinite != 0 {
		return false, nonFinite(t, p, lo, hi)
	}
	if p.Surrogate == nil {
		surrogate.GradSlice(*p.PopSurrogate, xs, gs)
	} else {
		for k, sg := range p.Surrogate[lo:hi][:n] {
			gs[k] = surrogate.Grad(sg, xs[k])
		}
	}
	if mp.InvSpan.IsShared() {
		inv0 := inv[0]
		for k := range out {
			out[k].DSdV = gs[k] * inv0
		}
		return false, nil
	}
	for k := range out {
		out[k].DSdV = gs[k] * inv[k]
	}
	return false, nil
}

// collectFired appends the spiking neurons of lo..hi-1 to p.Fired, which
// the block starting at neuron 0 empties first.
func collectFired(p *ecs.PopView, lo, hi int) {
	if p.Fired == nil {
		return
	}
	f := *p.Fired
	if lo == 0 {
		f = f[:0]
	}
	for k, sp := range p.Spike[lo:hi] {
		if sp.S != 0 {
			f = append(f, int32(lo+k))
		}
	}
	*p.Fired = f
}

// fusedReluSpike is UpdateBlock for the reference default surrogate
// (relu_grad) in one pass, without the scratch buffers: the family
// dispatch is hoisted to the caller.
func fusedReluSpike(t ecs.Tick, p *ecs.PopView, lo, hi int, th, inv []float64, out []components.Spike) error {
	sg := *p.PopSurrogate
	if sg.Kind == components.SurrogateUnset {
		sg = surrogate.Default()
	}
	alpha, aw := sg.P[0], sg.P[0]*sg.P[1]
	m := p.Membrane[lo:hi]
	n := len(m)
	out, th, inv = out[:n], th[:n], inv[:n]
	var nonfinite uint64
	fired := *p.Fired
	if lo == 0 {
		fired = fired[:0]
	}
	shared := p.MembraneParams.VThMV.IsShared() && p.MembraneParams.InvSpan.IsShared()
	if p.Adaptation != nil && shared && p.AdaptationParams.BetaMV.IsShared() {
		a := p.Adaptation[lo:hi][:n]
		th0, inv0, beta := th[0], inv[0], p.AdaptationParams.BetaMV.Values[0]
		for k := range m {
			v, ak := m[k].V, a[k].A
			nonfinite |= expAllOnes(v) | expAllOnes(ak)
			x := (v - th0 - beta*ak) * inv0
			out[k].S, out[k].DSdV = 0, surrogate.ReluGradKernel(alpha, aw, x)*inv0
			if x >= 0 {
				out[k].S = 1
				fired = append(fired, int32(lo+k))
			}
		}
	} else if p.Adaptation != nil {
		a := p.Adaptation[lo:hi][:n]
		beta := p.AdaptationParams.BetaMV.Block(lo, hi)[:n]
		for k := range m {
			v, ak := m[k].V, a[k].A
			nonfinite |= expAllOnes(v) | expAllOnes(ak)
			x := (v - th[k] - beta[k]*ak) * inv[k]
			out[k].S, out[k].DSdV = 0, surrogate.ReluGradKernel(alpha, aw, x)*inv[k]
			if x >= 0 { // H(x) = 1, listed as fired
				out[k].S = 1
				fired = append(fired, int32(lo+k))
			}
		}
	} else if shared {
		th0, inv0 := th[0], inv[0]
		for k := range m {
			v := m[k].V
			nonfinite |= expAllOnes(v)
			x := (v - th0) * inv0
			out[k].S, out[k].DSdV = 0, surrogate.ReluGradKernel(alpha, aw, x)*inv0
			if x >= 0 {
				out[k].S = 1
				fired = append(fired, int32(lo+k))
			}
		}
	} else {
		for k := range m {
			v := m[k].V
			nonfinite |= expAllOnes(v)
			x := (v - th[k]) * inv[k]
			out[k].S, out[k].DSdV = 0, surrogate.ReluGradKernel(alpha, aw, x)*inv[k]
			if x >= 0 {
				out[k].S = 1
				fired = append(fired, int32(lo+k))
			}
		}
	}
	*p.Fired = fired
	if nonfinite != 0 {
		return nonFinite(t, p, lo, hi)
	}
	return nil
}

// isReluGrad reports whether a spec is relu_grad (or unset, its default).
func isReluGrad(s *components.SurrogateSpec) bool {
	return s.Kind == components.SurrogateUnset || s.Kind == components.SurrogateReluGrad
}

// expAllOnes returns 1 if x is NaN or ±Inf, else 0, without a branch.
func expAllOnes(x float64) uint64 {
	e := (math.Float64bits(x) >> 52) & 0x7ff
	return (e + 1) >> 11
}

// nonFinite builds the error for the first neuron of lo..hi-1 whose V or a
// is NaN or infinite.
func nonFinite(t ecs.Tick, p *ecs.PopView, lo, hi int) error {
	for i := lo; i < hi; i++ {
		if v := p.Membrane[i].V; expAllOnes(v) != 0 {
			return &ecs.NonFiniteError{Population: p.Name, Neuron: i, Step: t.Step, Var: "V", Value: v}
		}
		if p.Adaptation != nil {
			if a := p.Adaptation[i].A; expAllOnes(a) != 0 {
				return &ecs.NonFiniteError{Population: p.Name, Neuron: i, Step: t.Step, Var: "a", Value: a}
			}
		}
	}
	return nil
}
