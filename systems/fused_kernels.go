package systems

import (
	"math"
	"slices"

	"github.com/spikecs/spikecs/components"
	"github.com/spikecs/spikecs/ecs"
)

// fusedBlock is one block of a population for FusedLIFRef's kernels: the
// columns and shared parameters, and what the kernels report. Each kernel
// copies what it needs into locals and follows, neuron by neuron, the
// formulas and operation order of ChannelUpdate (exponFused2), Reset,
// Integrate, Spike (spikeNoGrad) and Refractory.
type fusedBlock struct {
	m    []components.Membrane
	in   []components.Input
	out  []components.Spike
	last []components.Refractory
	lo   int

	hard      bool
	th, rs    float64 // V_th, V_reset, mV
	inv       float64 // 1/(V_th − V_reset), 1/mV
	r, rest   float64 // R, V_rest (mV)
	tau       float64 // tau, ms
	decay     float64 // 1 − exp(−dt/tau)
	ref       float64 // tau_ref, ms
	bias      float64 // the step's shared current, mA
	tms, dtMs float64 // t and dt, ms

	fired     []int32
	nonfinite uint64 // non-zero when some V is NaN or ±Inf
	badG      uint64 // non-zero when some conductance is NaN or ±Inf
}

// newFusedBlock prepares block lo..hi-1 of p (which fusable accepted).
func newFusedBlock(t ecs.Tick, p *ecs.PopView, lo, hi int) fusedBlock {
	mp := p.MembraneParams
	k := fusedBlock{
		m: p.Membrane[lo:hi], in: p.Input[lo:hi], out: p.Spike[lo:hi], last: p.Refractory[lo:hi], lo: lo,
		hard: mp.Reset == components.ResetHard,
		th:   mp.VThMV.Values[0], rs: mp.VResetMV.Values[0], inv: mp.InvSpan.Values[0],
		r: mp.ROhm.Values[0], rest: mp.VRestMV.Values[0], tau: mp.TauMs.Values[0],
		decay: mp.Decay.Values[0], ref: p.RefractoryParams.TauRefMs.Values[0],
		bias: p.SharedInput.CurrentMA, tms: t.TMs, dtMs: t.DtMs,
		fired: *p.Fired,
	}
	if lo == 0 {
		k.fired = k.fired[:0]
	}
	return k
}

// cobaChannels is exponFused2 for two COBA channels that also stores, per
// neuron, the exponential-Euler argument z = dt·A = dt·((−1 + R·DIdV)/tau)
// of the new input (0 when DIdV = 0), as Integrate's batched factors do.
// It returns non-zero when some conductance became NaN or infinite.
func (k *fusedBlock) cobaChannels(t ecs.Tick, p *ecs.PopView, z []float64) uint64 {
	c0, c1 := &p.Channels.List[0], &p.Channels.List[1]
	in := k.in
	n := len(in)
	lo, hi := k.lo, k.lo+n
	s0, r0 := stepSlots(t, p, c0, lo, hi)
	s1, r1 := stepSlots(t, p, c1, lo, hi)
	s0, s1, r0, r1 = s0[:n], s1[:n], r0[:n], r1[:n]
	d0, d1 := math.Exp(-t.DtMs/c0.Params.TauMs), math.Exp(-t.DtMs/c1.Params.TauMs)
	e0, e1 := c0.Params.EMV, c1.Params.EMV
	dt, r, tau := k.dtMs, k.r, k.tau
	z = z[:n]
	var bad uint64
	for i := range in {
		g0, g1 := s0[i]*d0+r0[i], s1[i]*d1+r1[i]
		s0[i], r0[i], s1[i], r1[i] = g0, 0, g1, 0
		in[i].CurrentMA = in[i].CurrentMA + g0*e0 + g1*e1
		didv := in[i].DIdV - g0 - g1
		in[i].DIdV = didv
		bad |= expAllOnes(g0) | expAllOnes(g1)
		zi := 0.0
		if didv != 0 {
			zi = dt * ((-1 + r*didv) / tau)
		}
		z[i] = zi
	}
	return bad
}

// integrate is Reset and Integrate of the block in one pass, from the
// inputs in Input and, for V-dependent inputs (DIdV != 0), the factors
// phi = φ(dt·A). Without phi (CUBA) it stops at the first neuron with a
// V-dependent input, before touching it, and returns how many neurons it
// advanced; otherwise it advances all. The loop calls no function, so the
// Go compiler keeps its few values in registers.
func (k *fusedBlock) integrate(phi []float64) int {
	m, in, last := k.m, k.in, k.last
	n := len(m)
	in, last = in[:n], last[:n]
	th, inv, r, rest, decay, ref, bias, tms := k.th, k.inv, k.r, k.rest, k.decay, k.ref, k.bias, k.tms
	dt, tau := k.dtMs, k.tau
	hard, resetC := k.hard, k.th-k.rs // soft: V − (V_th − V_reset)
	if hard {
		resetC = k.rs // hard: V − (V − V_reset)
	}
	linear := phi != nil
	if linear {
		phi = phi[:n]
	}
	for i := range m {
		didv := in[i].DIdV
		if didv != 0 && !linear {
			return i
		}
		v := m[i].V
		if (v-th)*inv >= 0 {
			if hard {
				v -= v - resetC
			} else {
				v -= resetC
			}
		}
		if !(tms-last[i].LastSpikeMs < ref) {
			if didv == 0 {
				v += decay*(rest+r*(in[i].CurrentMA+bias)-v) + in[i].DeltaMV
			} else {
				f := (-v + rest + r*((in[i].CurrentMA+bias)+didv*v)) / tau
				v = v + dt*phi[i]*f + in[i].DeltaMV
			}
		}
		in[i] = components.Input{}
		m[i].V = v
	}
	return n
}

// spikes is the spike output and refractory bookkeeping of the block's
// first n neurons (Spike without the derivative, then Refractory).
func (k *fusedBlock) spikes(n int) {
	m, out, last := k.m[:n], k.out[:n], k.last[:n]
	th, inv, tms, lo := k.th, k.inv, k.tms, int32(k.lo)
	var nonfinite uint64
	fired := slices.Grow(k.fired, n)
	for i := range m {
		v := m[i].V
		nonfinite |= expAllOnes(v)
		out[i] = components.Spike{}
		if (v-th)*inv >= 0 {
			out[i].S = 1
			last[i].LastSpikeMs = tms
			fired = append(fired, lo+int32(i))
		}
	}
	k.fired, k.nonfinite = fired, nonfinite
}
