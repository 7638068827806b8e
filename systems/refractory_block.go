package systems

import (
	"github.com/spikecs/spikecs/components"
	"github.com/spikecs/spikecs/ecs"
)

// This file is the block refractory mode (components.RefractoryBlock,
// NEST's and Bellec's refractoriness, docs/models.md): V integrates while
// refractory (Integrate skips its hold), the spike output and its
// surrogate derivative are forced to 0 (Spike calls blockSpikes), and the
// reset applies the previous step's emitted spike (Reset calls
// resetBlocking), so a crossing that was blocked neither resets V nor
// increments a. Refractory stamps LastSpikeMs only where S = 1, so only
// emitted spikes start a period.

// blocking reports whether p's refractory period blocks spikes.
func blocking(p *ecs.PopView) bool {
	return p.RefractoryParams != nil && p.RefractoryParams.Mode == components.RefractoryBlock
}

// resetBlocking is Reset for a population in block mode: the reset's
// spike is the emitted output S of the previous step (still in the Spike
// column; 0 before the first step), not the spike recomputed from V0:
//
//	soft: V1 = V0 − (V_th − V_reset)·S,  hard: V1 = V0 − (V0 − V_reset)·S,  a1 = a0 + S
func resetBlocking(p *ecs.PopView, lo, hi int) {
	mp := p.MembraneParams
	m := p.Membrane[lo:hi]
	sp := p.Spike[lo:hi][:len(m)]
	th := mp.VThMV.Block(lo, hi)[:len(m)]
	rs := mp.VResetMV.Block(lo, hi)[:len(m)]
	hard := mp.Reset == components.ResetHard
	for k := range m {
		s0 := sp[k].S
		if s0 == 0 {
			continue
		}
		v0 := m[k].V
		if hard {
			m[k].V = v0 - (v0-rs[k])*s0
		} else {
			m[k].V = v0 - (th[k]-rs[k])*s0
		}
	}
	if p.Adaptation != nil {
		a := p.Adaptation[lo:hi][:len(m)]
		for k := range a {
			a[k].A += sp[k].S
		}
	}
}

// blockSpikes sets S = 0 and DSdV = 0 for the refractory neurons of
// lo..hi-1 (t − LastSpikeMs < tau_ref, LastSpikeMs before this step) and,
// when the spike stage already listed this block's spiking neurons in
// p.Fired (listed), removes the blocked ones from the list.
func blockSpikes(t ecs.Tick, p *ecs.PopView, lo, hi int, listed bool) {
	last := p.Refractory[lo:hi]
	out := p.Spike[lo:hi][:len(last)]
	ref := p.RefractoryParams.TauRefMs
	if ref.IsShared() {
		r := ref.Values[0]
		for k := range last {
			if t.TMs-last[k].LastSpikeMs < r {
				out[k] = components.Spike{}
			}
		}
	} else {
		rk := ref.Block(lo, hi)[:len(last)]
		for k := range last {
			if t.TMs-last[k].LastSpikeMs < rk[k] {
				out[k] = components.Spike{}
			}
		}
	}
	if !listed || p.Fired == nil {
		return
	}
	f := *p.Fired
	start := len(f) // this block's entries are the tail of the list
	for start > 0 && int(f[start-1]) >= lo && int(f[start-1]) < hi {
		start--
	}
	keep := f[:start]
	for _, i := range f[start:] {
		if p.Spike[i].S != 0 {
			keep = append(keep, i)
		}
	}
	*p.Fired = keep
}
