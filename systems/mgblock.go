package systems

import (
	"github.com/spikecs/spikecs/components"
	"github.com/spikecs/spikecs/ecs"
)

// MgBlockOutput adds the current of every MgBlock channel that is
// evaluated at the post-reset V (the default; components.ChannelParams
// MgBlockAtStoredV false) to the neurons' Input. It runs in the reset
// stage after Reset, so it sees the V from which Integrate starts, and
// linearises there, as the reference's exponential Euler does (§2.1):
//
//	I(v)  = g·(E − v)/N(v),  N(v) = 1 + cc_Mg/beta·exp(alpha·(V_offset − v))
//	dI/dv = g·(−1/N + (E − v)·alpha·(N − 1)/N²)
//	CurrentMA += I(V1) − dI/dv·V1,  DIdV += dI/dv
//
// so Integrate's f(V1) uses the exact I(V1) and its rate the exact slope.
// ChannelUpdate has already advanced the channel's kinetics in the input
// stage. A Network adds this system when it creates the first such
// channel; populations without one cost a check per block.
type MgBlockOutput struct{}

// Name returns "mg-block".
func (MgBlockOutput) Name() string { return "mg-block" }

// UpdateBlock adds the post-reset MgBlock currents of neurons lo..hi-1.
func (MgBlockOutput) UpdateBlock(_ ecs.Tick, p *ecs.PopView, lo, hi int) error {
	if p.Channels == nil || p.Membrane == nil {
		return nil
	}
	in := p.Input[lo:hi]
	m := p.Membrane[lo:hi][:len(in)]
	for ci := range p.Channels.List {
		ch := &p.Channels.List[ci]
		if !postResetMg(&ch.Params) {
			continue
		}
		g := p.SynG[ch.Slot][lo:hi][:len(in)]
		var h []float64
		if ch.Params.Kind.HasH() {
			h = p.SynH[ch.Slot][lo:hi][:len(in)]
		}
		addOutput(&ch.Params, g, h, m, in)
	}
	return nil
}

// postResetMg reports whether a channel's output is MgBlock evaluated at
// the post-reset V (by MgBlockOutput rather than ChannelUpdate).
func postResetMg(pr *components.ChannelParams) bool {
	return pr.Out == components.OutMgBlock && !pr.MgBlockAtStoredV
}
