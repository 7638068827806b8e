package systems

import (
	"github.com/spikecs/spikecs/components"
	"github.com/spikecs/spikecs/ecs"
)

// Reset is the lazy reset at the start of a step (reference §1.0–§1.4). The
// spike of the stored state is recomputed,
//
//	s0 = H((V0 − V_th − beta·a0) / (V_th − V_reset))     (beta·a0 only with Adaptation)
//
// (computed as a product with the precomputed 1/(V_th − V_reset), which
// has the sign of the reference's quotient) and the membrane is reset
//
//	soft: V1 = V0 − (V_th − V_reset)·s0
//	hard: V1 = V0 − (V0 − V_reset)·s0    (= V_reset when s0 = 1)
//
// With Adaptation the jump is applied here too: a1 = a0 + s0 (its decay
// follows in Integrate, so a is incremented, then decayed, in one step).
// A population whose refractory period blocks spikes uses the emitted
// spike of the previous step as s0 instead (resetBlocking).
type Reset struct{}

// Name returns "reset".
func (Reset) Name() string { return "reset" }

// UpdateBlock resets neurons lo..hi-1 of p.
func (Reset) UpdateBlock(_ ecs.Tick, p *ecs.PopView, lo, hi int) error {
	if p.Membrane == nil { // spike sources have no membrane
		return nil
	}
	if blocking(p) {
		resetBlocking(p, lo, hi)
		return nil
	}
	mp := p.MembraneParams
	m := p.Membrane[lo:hi]
	hard := mp.Reset == components.ResetHard
	if p.Adaptation != nil {
		resetAdaptive(m, p.Adaptation[lo:hi], mp, p.AdaptationParams, lo, hi, hard)
		return nil
	}
	if mp.VThMV.IsShared() && mp.VResetMV.IsShared() {
		th, rs, inv := mp.VThMV.Values[0], mp.VResetMV.Values[0], mp.InvSpan.Values[0]
		if hard {
			for k := range m {
				v0 := m[k].V
				m[k].V = v0 - (v0-rs)*step((v0-th)*inv)
			}
			return nil
		}
		span := th - rs
		for k := range m {
			v0 := m[k].V
			m[k].V = v0 - span*step((v0-th)*inv)
		}
		return nil
	}
	th := mp.VThMV.Block(lo, hi)[:len(m)]
	rs := mp.VResetMV.Block(lo, hi)[:len(m)]
	inv := mp.InvSpan.Block(lo, hi)[:len(m)]
	for k := range m {
		v0 := m[k].V
		if hard {
			m[k].V = v0 - (v0-rs[k])*step((v0-th[k])*inv[k])
		} else {
			m[k].V = v0 - (th[k]-rs[k])*step((v0-th[k])*inv[k])
		}
	}
	return nil
}

// resetAdaptive is Reset for neurons with an adaptive threshold.
func resetAdaptive(m []components.Membrane, a []components.Adaptation, mp *components.MembraneParams, ap *components.AdaptationParams, lo, hi int, hard bool) {
	a = a[:len(m)]
	if mp.VThMV.IsShared() && mp.VResetMV.IsShared() && ap.BetaMV.IsShared() {
		th, rs, inv, beta := mp.VThMV.Values[0], mp.VResetMV.Values[0], mp.InvSpan.Values[0], ap.BetaMV.Values[0]
		span := th - rs
		for k := range m {
			v0, a0 := m[k].V, a[k].A
			s0 := step((v0 - th - beta*a0) * inv)
			if hard {
				m[k].V = v0 - (v0-rs)*s0
			} else {
				m[k].V = v0 - span*s0
			}
			a[k].A = a0 + s0
		}
		return
	}
	th := mp.VThMV.Block(lo, hi)[:len(m)]
	rs := mp.VResetMV.Block(lo, hi)[:len(m)]
	inv := mp.InvSpan.Block(lo, hi)[:len(m)]
	beta := ap.BetaMV.Block(lo, hi)[:len(m)]
	for k := range m {
		v0, a0 := m[k].V, a[k].A
		s0 := step((v0 - th[k] - beta[k]*a0) * inv[k])
		if hard {
			m[k].V = v0 - (v0-rs[k])*s0
		} else {
			m[k].V = v0 - (th[k]-rs[k])*s0
		}
		a[k].A = a0 + s0
	}
}
