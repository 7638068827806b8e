package eprop

import (
	"fmt"

	"github.com/spikecs/spikecs/ecs"
)

// ReadoutSystem runs a leaky readout inside a Sim's tick: a global system
// (add it to the synapses or record stage, after the spike stage) that
// reads the spike output of one population each step and advances a
// RateReadout and/or a SpikeReadout with it. The readout's inputs are the
// population's neurons in index order.
type ReadoutSystem struct {
	Pop     int           // population ID
	Rate    *RateReadout  // nil: none
	Spiking *SpikeReadout // nil: none
	z       []float64
}

// NewReadoutSystem returns a readout system for the population named pop;
// the readouts' input sizes must equal the population's size.
func NewReadoutSystem(sim *ecs.Sim, pop string, rate *RateReadout, spiking *SpikeReadout) (*ReadoutSystem, error) {
	id, ok := sim.Population(pop)
	if !ok {
		return nil, fmt.Errorf("readout: unknown population %q; valid: %v", pop, sim.Populations())
	}
	n := sim.PopulationSize(id)
	if rate != nil && rate.N != n {
		return nil, fmt.Errorf("readout: the rate readout has %d inputs, population %q has %d neurons", rate.N, pop, n)
	}
	if spiking != nil && spiking.N != n {
		return nil, fmt.Errorf("readout: the spiking readout has %d inputs, population %q has %d neurons", spiking.N, pop, n)
	}
	return &ReadoutSystem{Pop: id, Rate: rate, Spiking: spiking, z: make([]float64, n)}, nil
}

// Name returns "readout".
func (*ReadoutSystem) Name() string { return "readout" }

// Update advances the readouts with this step's spikes.
func (r *ReadoutSystem) Update(sim *ecs.Sim, _ ecs.Tick) error {
	v, err := sim.Bind(r.Pop)
	if err != nil {
		return err
	}
	for i := range r.z {
		r.z[i] = v.Spike[i].S
	}
	if err := sim.Unbind(v); err != nil {
		return err
	}
	if r.Rate != nil {
		r.Rate.Step(r.z)
	}
	if r.Spiking != nil {
		r.Spiking.Step(r.z)
	}
	return nil
}
