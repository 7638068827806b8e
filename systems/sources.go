package systems

import (
	"github.com/spikecs/spikecs/components"
	"github.com/spikecs/spikecs/ecs"
)

// Sources produces the spikes of spike source populations in the spike
// stage (neuron populations are skipped):
//
//	Poisson:     S = 1 with probability rate·dt (one uniform draw per neuron
//	             per step from the population's stream, in neuron order)
//	spike times: S = 1 for the events scheduled at this step
//
// DSdV is 0: a source has no membrane.
type Sources struct{}

// Name returns "sources".
func (Sources) Name() string { return "sources" }

// UpdateBlock emits the spikes of neurons lo..hi-1 of a source population.
func (Sources) UpdateBlock(t ecs.Tick, p *ecs.PopView, lo, hi int) error {
	src := p.Source
	if src == nil {
		return nil
	}
	out := p.Spike[lo:hi]
	switch src.Kind {
	case components.SourcePoisson:
		rate := src.RateHz.Block(lo, hi)[:len(out)]
		scale := t.DtMs * 1e-3
		for k := range out {
			s := 0.0
			if p.Rand.Float64() < rate[k]*scale {
				s = 1
			}
			out[k].S, out[k].DSdV = s, 0
		}
	default: // components.SourceSpikeTimes
		for k := range out {
			out[k].S, out[k].DSdV = 0, 0
		}
		// Events are sorted by step then neuron; emit those of this step
		// that fall in the block. The cursor advances once the last block
		// of the population has been handled.
		i := src.Next
		for i < len(src.Steps) && src.Steps[i] < t.Step {
			i++ // events scheduled before the simulation reached them (e.g. after SetDt)
		}
		for j := i; j < len(src.Steps) && src.Steps[j] == t.Step; j++ {
			if n := int(src.Neurons[j]); n >= lo && n < hi {
				out[n-lo].S = 1
			}
		}
		if hi == p.N {
			for i < len(src.Steps) && src.Steps[i] <= t.Step {
				i++
			}
			src.Next = i
		}
	}
	collectFired(p, lo, hi)
	return nil
}
