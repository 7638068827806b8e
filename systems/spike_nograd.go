package systems

import (
	"github.com/spikecs/spikecs/components"
	"github.com/spikecs/spikecs/ecs"
)

// spikeNoGrad is Spike.UpdateBlock when nothing reads the surrogate
// derivative (ecs.Options.NoSurrogateGrad): the same S and fired list as
// the other paths (the same v_scaled, the same H), DSdV = 0.
func spikeNoGrad(t ecs.Tick, p *ecs.PopView, lo, hi int, th, inv []float64, out []components.Spike) error {
	m := p.Membrane[lo:hi]
	n := len(m)
	out, th, inv = out[:n], th[:n], inv[:n]
	fired := *p.Fired
	if lo == 0 {
		fired = fired[:0]
	}
	var nonfinite uint64
	mp := p.MembraneParams
	switch {
	case p.Adaptation != nil:
		a := p.Adaptation[lo:hi][:n]
		beta := p.AdaptationParams.BetaMV.Block(lo, hi)[:n]
		for k := range m {
			v, ak := m[k].V, a[k].A
			nonfinite |= expAllOnes(v) | expAllOnes(ak)
			out[k] = components.Spike{}
			if (v-th[k]-beta[k]*ak)*inv[k] >= 0 {
				out[k].S = 1
				fired = append(fired, int32(lo+k))
			}
		}
	case mp.VThMV.IsShared() && mp.InvSpan.IsShared():
		th0, inv0 := th[0], inv[0]
		for k := range m {
			v := m[k].V
			nonfinite |= expAllOnes(v)
			out[k] = components.Spike{}
			if (v-th0)*inv0 >= 0 {
				out[k].S = 1
				fired = append(fired, int32(lo+k))
			}
		}
	default:
		for k := range m {
			v := m[k].V
			nonfinite |= expAllOnes(v)
			out[k] = components.Spike{}
			if (v-th[k])*inv[k] >= 0 {
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
