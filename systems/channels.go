package systems

import (
	"fmt"
	"math"

	"github.com/spikecs/spikecs/components"
	"github.com/spikecs/spikecs/ecs"
)

// ChannelUpdate advances every synaptic channel of a population at the start
// of a step (input stage) and adds its current to the neurons' Input, so
// the integrate stage uses the new conductance in the same step (reference
// §6.4, §6.9). For arrivals x (the conductance jumps delivered for this
// step, in S):
//
//	Expon:      g ← g·exp(−dt/tau) + x;                       out = g
//	DualExpon:  r ← r·exp(−dt/tau_rise) + x, d ← d·exp(−dt/tau_decay)
//	            (+ x with DualExponBoth; 0.1.10 feeds only r, §8.9); out = a·(d − r), a in 1/ms
//	Alpha:      g ← h + (g − h)·exp(−dt/tau) (old h), h ← h·exp(−dt/tau) + x;  out = g
//	Direct:     g ← x (the post side of AMPA, GABAa, BioNMDA: x = Σ w·g_pre)
//
// and the output current, linear in V:
//
//	CUBA:    I = out·scale                     (CurrentMA += out·scale)
//	COBA:    I = out·(E − V)                   (CurrentMA += out·E, DIdV −= out)
//	MgBlock: I = out·(E − V)/(1 + cc/beta·exp(alpha·(V_off − V))), linearised
//	         at the post-reset V of this step by MgBlockOutput in the reset
//	         stage, as the reference evaluates it; with MgBlockAtStoredV
//	         here, at the stored V of the previous step (the two differ only
//	         in a step after a spike)
type ChannelUpdate struct{}

// Name returns "channels".
func (ChannelUpdate) Name() string { return "channels" }

// UpdateBlock advances the channels of neurons lo..hi-1 of p.
func (ChannelUpdate) UpdateBlock(t ecs.Tick, p *ecs.PopView, lo, hi int) error {
	if p.Channels == nil || len(p.Channels.List) == 0 || (p.Model != nil && p.Model.OwnsChannels) {
		return nil // no channels, or the model integrates them itself
	}
	in := p.Input[lo:hi]
	m := p.Membrane[lo:hi][:len(in)]
	if l := p.Channels.List; len(l) == 2 && exponPair(&l[0].Params, &l[1].Params) {
		return exponFused2(t, p, lo, hi)
	}
	for ci := range p.Channels.List {
		ch := &p.Channels.List[ci]
		g, ring := stepSlots(t, p, ch, lo, hi)
		g, ring = g[:len(in)], ring[:len(in)]
		pr := &ch.Params
		if pr.Kind == components.SynExpon && pr.Out != components.OutMgBlock {
			if exponFused(pr, math.Exp(-t.DtMs/pr.TauMs), g, ring, in) != 0 {
				return checkChannel(t, p, ch, lo, hi)
			}
			continue
		}
		var h []float64
		if pr.Kind.HasH() {
			h = p.SynH[ch.Slot][lo:hi][:len(in)]
		}
		switch pr.Kind {
		case components.SynExpon:
			d := math.Exp(-t.DtMs / pr.TauMs)
			for k := range g {
				g[k] = g[k]*d + ring[k]
				ring[k] = 0
			}
		case components.SynDualExpon:
			dr, dd := math.Exp(-t.DtMs/pr.TauRiseMs), math.Exp(-t.DtMs/pr.TauDecayMs)
			toDecay := 0.0 // brainstate 0.1.10: only the rise receives input (§8.9)
			if pr.DualExponBoth {
				toDecay = 1
			}
			for k := range g {
				g[k] = g[k]*dr + ring[k]
				h[k] = h[k]*dd + toDecay*ring[k]
				ring[k] = 0
			}
		case components.SynDirect:
			for k := range g {
				g[k] = ring[k]
				ring[k] = 0
			}
		case components.SynAlpha:
			d := math.Exp(-t.DtMs / pr.TauMs)
			for k := range g {
				hk := h[k]
				g[k] = hk + (g[k]-hk)*d
				h[k] = hk*d + ring[k]
				ring[k] = 0
			}
		}
		if !postResetMg(pr) {
			addOutput(pr, g, h, m, in)
		}
		if err := checkChannel(t, p, ch, lo, hi); err != nil {
			return err
		}
	}
	return nil
}

// checkChannel reports a NaN or infinite state (G or H) of channel ch in
// neurons lo..hi-1, naming the channel's projections, the population, the
// neuron and the step.
func checkChannel(t ecs.Tick, p *ecs.PopView, ch *components.Channel, lo, hi int) error {
	g, h := p.SynG[ch.Slot][lo:hi], p.SynH[ch.Slot]
	if h != nil {
		h = h[lo:hi][:len(g)]
	}
	var bad uint64
	for k := range g {
		bad |= expAllOnes(g[k])
	}
	for k := range h {
		bad |= expAllOnes(h[k])
	}
	if bad == 0 {
		return nil
	}
	for k := range g {
		if expAllOnes(g[k]) != 0 || (h != nil && expAllOnes(h[k]) != 0) {
			return fmt.Errorf("synaptic conductance of population %q neuron %d became %v at step %d (channel %d, fed by projections %v)",
				p.Name, lo+k, g[k], t.Step, ch.Slot, ch.Projections)
		}
	}
	return nil
}

// exponFused is the Expon kinetics and its CUBA or COBA output in one pass
// (the common case of the E/I benchmarks), equal to the two-pass form.
// It returns non-zero when some conductance became NaN or infinite.
func exponFused(pr *components.ChannelParams, d float64, gs, ring []float64, in []components.Input) uint64 {
	ring, in = ring[:len(gs)], in[:len(gs)]
	var bad uint64
	if pr.Out == components.OutCUBA {
		scale := pr.ScaleMV
		for k := range gs {
			g := gs[k]*d + ring[k]
			gs[k], ring[k] = g, 0
			in[k].CurrentMA += g * scale
			bad |= expAllOnes(g)
		}
		return bad
	}
	e := pr.EMV
	for k := range gs {
		g := gs[k]*d + ring[k]
		gs[k], ring[k] = g, 0
		in[k].CurrentMA += g * e
		in[k].DIdV -= g
		bad |= expAllOnes(g)
	}
	return bad
}

// outFactor returns f such that a channel's output is f·G (dual = false)
// or f·(H − G) (dual = true, DualExpon).
func outFactor(pr *components.ChannelParams) (f float64, dual bool) {
	if pr.Kind == components.SynDualExpon {
		return DualExponScale(pr), true
	}
	return 1, false
}

// channelOut returns the conductance channel state k (G, and H for
// DualExpon) passes to its output.
func channelOut(f float64, dual bool, g, h []float64, k int) float64 {
	if dual {
		return f * (h[k] - g[k])
	}
	return g[k]
}

// addOutput adds the channel's current to the Input accumulators, from its
// states g and h (h nil for kinetics without a second state).
func addOutput(pr *components.ChannelParams, g, h []float64, m []components.Membrane, in []components.Input) {
	f, dual := outFactor(pr)
	switch pr.Out {
	case components.OutCUBA:
		for k := range in {
			in[k].CurrentMA += channelOut(f, dual, g, h, k) * pr.ScaleMV
		}
	case components.OutCOBA:
		for k := range in {
			gk := channelOut(f, dual, g, h, k)
			in[k].CurrentMA += gk * pr.EMV
			in[k].DIdV -= gk
		}
	case components.OutMgBlock:
		for k := range in {
			gk, v := channelOut(f, dual, g, h, k), m[k].V
			n := 1 + pr.MgCcMM/pr.MgBeta*math.Exp(pr.MgAlphaPerMV*(pr.MgVOffsetMV-v))
			i0 := gk * (pr.EMV - v) / n
			di := gk * (-1/n + (pr.EMV-v)*pr.MgAlphaPerMV*(n-1)/(n*n))
			in[k].CurrentMA += i0 - di*v
			in[k].DIdV += di
		}
	}
}

// DualExponScale returns DualExpon's output factor a (1/ms):
// a = (tau_decay − tau_rise)/(tau_rise·tau_decay)·A, with A defaulting to
// tau_decay/(tau_decay − tau_rise)·(tau_rise/tau_decay)^(tau_rise/(tau_rise − tau_decay)).
func DualExponScale(pr *components.ChannelParams) float64 {
	tr, td := pr.TauRiseMs, pr.TauDecayMs
	a := pr.DualExponA
	if a == 0 {
		a = td / (td - tr) * math.Pow(tr/td, tr/(tr-td))
	}
	return (td - tr) / tr / td * a
}

// exponPair reports whether two channels are Expon with the same CUBA or
// COBA output, so exponFused2 can advance them in one pass.
func exponPair(a, b *components.ChannelParams) bool {
	return a.Kind == components.SynExpon && b.Kind == components.SynExpon && a.Out == b.Out &&
		(a.Out == components.OutCUBA || a.Out == components.OutCOBA)
}

// exponFused2 is ChannelUpdate for a population with exactly two Expon
// channels of the same CUBA or COBA output (an E/I network's excitatory
// and inhibitory synapses): both advance in one pass over the neurons,
// adding to Input in the same order as two exponFused passes
// ((I + out0) + out1), so the result is identical.
func exponFused2(t ecs.Tick, p *ecs.PopView, lo, hi int) error {
	c0, c1 := &p.Channels.List[0], &p.Channels.List[1]
	in := p.Input[lo:hi]
	n := len(in)
	s0, r0 := stepSlots(t, p, c0, lo, hi)
	s1, r1 := stepSlots(t, p, c1, lo, hi)
	s0, s1, r0, r1 = s0[:n], s1[:n], r0[:n], r1[:n]
	d0, d1 := math.Exp(-t.DtMs/c0.Params.TauMs), math.Exp(-t.DtMs/c1.Params.TauMs)
	var bad uint64
	if c0.Params.Out == components.OutCUBA {
		e0, e1 := c0.Params.ScaleMV, c1.Params.ScaleMV
		for k := range in {
			g0, g1 := s0[k]*d0+r0[k], s1[k]*d1+r1[k]
			s0[k], r0[k], s1[k], r1[k] = g0, 0, g1, 0
			in[k].CurrentMA = in[k].CurrentMA + g0*e0 + g1*e1
			bad |= expAllOnes(g0) | expAllOnes(g1)
		}
	} else {
		e0, e1 := c0.Params.EMV, c1.Params.EMV
		for k := range in {
			g0, g1 := s0[k]*d0+r0[k], s1[k]*d1+r1[k]
			s0[k], r0[k], s1[k], r1[k] = g0, 0, g1, 0
			in[k].CurrentMA = in[k].CurrentMA + g0*e0 + g1*e1
			in[k].DIdV = in[k].DIdV - g0 - g1
			bad |= expAllOnes(g0) | expAllOnes(g1)
		}
	}
	if bad != 0 {
		if err := checkChannel(t, p, c0, lo, hi); err != nil {
			return err
		}
		return checkChannel(t, p, c1, lo, hi)
	}
	return nil
}

// stepSlots returns a channel's state G of neurons lo..hi-1 and the ring
// buffer slots of their arrivals for step t (the ring holds max(1, largest
// delay) slots of p.N values each).
func stepSlots(t ecs.Tick, p *ecs.PopView, ch *components.Channel, lo, hi int) ([]float64, []float64) {
	base := int(t.Step%int64(ch.Slots)) * p.N
	return p.SynG[ch.Slot][lo:hi], ch.Ring[base+lo : base+hi]
}
