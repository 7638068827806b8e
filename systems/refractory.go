package systems

import "github.com/spikecs/spikecs/ecs"

// Refractory starts the refractory period of every neuron whose spike
// output of this step is 1: LastSpikeMs = t. For LIFRef this is the
// reference's raw test V >= V_th on the held-or-integrated V (§1.3); it is
// evaluated during refractoriness too, as in the reference.
type Refractory struct{}

// Name returns "refractory".
func (Refractory) Name() string { return "refractory" }

// UpdateBlock updates neurons lo..hi-1 of p (populations without a
// refractory period are skipped).
func (Refractory) UpdateBlock(t ecs.Tick, p *ecs.PopView, lo, hi int) error {
	if p.Refractory == nil {
		return nil
	}
	last := p.Refractory[lo:hi]
	sp := p.Spike[lo:hi][:len(last)]
	for k := range last {
		if sp[k].S != 0 {
			last[k].LastSpikeMs = t.TMs
		}
	}
	return nil
}
