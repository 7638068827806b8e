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

// cuba is the one-pass kernel for two CUBA Expon channels. It returns
// how many neurons of the block it advanced: all of them, unless it meets
// a neuron with a V-dependent input (DIdV != 0, which only another
// system's input can give), where it stops before touching that neuron.
// The loop calls no function (not even append's growth), so the Go
// compiler keeps its state in registers.
func (k *fusedBlock) cuba(t ecs.Tick, p *ecs.PopView) int {
	c0, c1 := &p.Channels.List[0], &p.Channels.List[1]
	m := k.m
	n := len(m)
	lo, hi := k.lo, k.lo+n
	s0, s1 := p.Syn[c0.Slot][lo:hi][:n], p.Syn[c1.Slot][lo:hi][:n]
	b0 := int(t.Step%int64(c0.Slots)) * p.N
	b1 := int(t.Step%int64(c1.Slots)) * p.N
	r0, r1 := c0.Ring[b0+lo : b0+hi][:n], c1.Ring[b1+lo : b1+hi][:n]
	d0, d1 := math.Exp(-t.DtMs/c0.Params.TauMs), math.Exp(-t.DtMs/c1.Params.TauMs)
	e0, e1 := c0.Params.ScaleMV, c1.Params.ScaleMV
	in, last := k.in[:n], k.last[:n]
	th, inv, r, rest, decay, ref, bias, tms := k.th, k.inv, k.r, k.rest, k.decay, k.ref, k.bias, k.tms
	hard, span, rs := k.hard, k.th-k.rs, k.rs
	// Two loops with few live values each (the Go compiler spills in one
	// big loop): channels, reset and integration; then the spike output.
	var bad uint64
	done := n
	for i := range m {
		if in[i].DIdV != 0 {
			done = i
			break
		}
		g0, g1 := s0[i].G*d0+r0[i], s1[i].G*d1+r1[i]
		s0[i].G, r0[i], s1[i].G, r1[i] = g0, 0, g1, 0
		bad |= expAllOnes(g0) | expAllOnes(g1)
		cur := in[i].CurrentMA + g0*e0 + g1*e1
		v := m[i].V
		if (v-th)*inv >= 0 {
			if hard {
				v -= v - rs
			} else {
				v -= span
			}
		}
		if !(tms-last[i].LastSpikeMs < ref) {
			v += decay*(rest+r*(cur+bias)-v) + in[i].DeltaMV
		}
		in[i] = components.Input{}
		m[i].V = v
	}
	k.badG = bad
	k.spikes(done)
	return done
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

// coba is the neuron kernel after exponFused2 has put two COBA channels'
// currents into Input: the factors φ(dt·A) of the block in one batched
// pass (as Integrate), then reset and exponential Euler in one pass, then
// spikes.
func (k *fusedBlock) coba(phi []float64) {
	n := len(k.m)
	m, in, last := k.m[:n], k.in[:n], k.last[:n]
	phi = phi[:n]
	dt, r, tau := k.dtMs, k.r, k.tau
	for i := range in {
		z := 0.0
		if in[i].DIdV != 0 {
			z = dt * ((-1 + r*in[i].DIdV) / tau)
		}
		phi[i] = z
	}
	exprelSlice(phi)
	th, inv, rest, decay, ref, bias, tms := k.th, k.inv, k.rest, k.decay, k.ref, k.bias, k.tms
	hard, span, rs := k.hard, k.th-k.rs, k.rs
	for i := range m {
		v := m[i].V
		if (v-th)*inv >= 0 {
			if hard {
				v -= v - rs
			} else {
				v -= span
			}
		}
		if !(tms-last[i].LastSpikeMs < ref) {
			if didv := in[i].DIdV; didv == 0 {
				v += decay*(rest+r*(in[i].CurrentMA+bias)-v) + in[i].DeltaMV
			} else {
				f := (-v + rest + r*((in[i].CurrentMA+bias)+didv*v)) / tau
				v = v + dt*phi[i]*f + in[i].DeltaMV
			}
		}
		in[i] = components.Input{}
		m[i].V = v
	}
	k.spikes(n)
}
