package agents

import (
	"github.com/spikecs/spikecs/ecs"
)

// spikeCounter is the record-stage system that counts, per bank neuron,
// the spikes of the current tick (read by the motors in Act). It reads
// the populations' fired lists, so its cost is one Bind per bank plus one
// increment per spike.
type spikeCounter struct {
	h *Host
}

// Name returns "agents-spike-counter".
func (*spikeCounter) Name() string { return "agents-spike-counter" }

// Update adds the spikes of step t to the banks' counts.
func (c *spikeCounter) Update(sim *ecs.Sim, _ ecs.Tick) error {
	for _, bk := range c.h.banks {
		v, err := sim.Bind(bk.pop)
		if err != nil {
			return err
		}
		counts := bk.counts
		for _, i := range *v.Fired {
			counts[i]++
		}
		if err := sim.Unbind(v); err != nil {
			return err
		}
	}
	return nil
}
