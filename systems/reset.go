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
// and the membrane is reset
//
//	soft: V1 = V0 − (V_th − V_reset)·s0
//	hard: V1 = V0 − (V0 − V_reset)·s0    (= V_reset when s0 = 1)
//
// With Adaptation the jump is applied here too: a1 = a0 + s0 (its decay
// follows in Integrate, so a is incremented, then decayed, in one step).
type Reset struct{}

// Name returns "reset".
func (Reset) Name() string { return "reset" }

// UpdateBlock resets neurons lo..hi-1 of p.
func (Reset) UpdateBlock(_ ecs.Tick, p *ecs.PopView, lo, hi int) error {
	mp := p.MembraneParams
	m := p.Membrane[lo:hi]
	th := mp.VThMV.Block(lo, hi)[:len(m)]
	rs := mp.VResetMV.Block(lo, hi)[:len(m)]
	hard := mp.Reset == components.ResetHard
	if p.Adaptation != nil {
		a := p.Adaptation[lo:hi][:len(m)]
		beta := p.AdaptationParams.BetaMV.Block(lo, hi)[:len(m)]
		for k := range m {
			v0, a0 := m[k].V, a[k].A
			s0 := step((v0 - th[k] - beta[k]*a0) / (th[k] - rs[k]))
			if hard {
				m[k].V = v0 - (v0-rs[k])*s0
			} else {
				m[k].V = v0 - (th[k]-rs[k])*s0
			}
			a[k].A = a0 + s0
		}
		return nil
	}
	if hard {
		for k := range m {
			v0 := m[k].V
			m[k].V = v0 - (v0-rs[k])*step((v0-th[k])/(th[k]-rs[k]))
		}
		return nil
	}
	for k := range m {
		v0 := m[k].V
		d := th[k] - rs[k]
		m[k].V = v0 - d*step((v0-th[k])/d)
	}
	return nil
}
