package systems

import (
	"fmt"
	"math"

	aecs "github.com/mlange-42/arche/ecs"

	"github.com/spikecs/spikecs/components"
	"github.com/spikecs/spikecs/ecs"
)

// RateDriver makes a Poisson spike source inhomogeneous (NEST's
// inhomogeneous_poisson_generator, or sinusoidal_poisson_generator with a
// sine): in the input stage of every step it writes the rate of the step,
// from a time course (ProfileSpec, Hz, shared or per neuron), into the
// source's RateHz, and the Sources system then draws the step's spikes as
// for any Poisson source (one uniform number per neuron from the
// population's stream). Spike sources are not split between partitions,
// so the spikes are the same for every partition count.
type RateDriver struct {
	// Pop is the source population's ID.
	Pop  int
	Rate *Profile
	ent  aecs.Entity
	id   aecs.ID
}

// NewRateDriver returns the driver of the Poisson source population pop.
// The rate must stay within 0 <= rate·dt <= 1.
func NewRateDriver(sim *ecs.Sim, pop string, rate ProfileSpec) (*RateDriver, error) {
	id, ok := sim.Population(pop)
	if !ok {
		return nil, fmt.Errorf("rate: unknown population %q; valid: %v", pop, sim.Populations())
	}
	if !sim.IsSource(id) {
		return nil, fmt.Errorf("rate: %q is not a spike source", pop)
	}
	lo, hi := rate.Range()
	if !(lo >= 0) || hi*sim.DtMs()*1e-3 > 1 {
		return nil, fmt.Errorf("the rate ranges over [%v, %v] Hz; it must stay within 0 and 1/dt (%v Hz)", lo, hi, 1e3/sim.DtMs())
	}
	n := sim.GlobalSize(id)
	prof, err := NewProfile(rate, sim.DtMs(), 0, math.Inf(1), n, 0, n)
	if err != nil {
		return nil, err
	}
	d := &RateDriver{Pop: id, Rate: prof, ent: sim.PopulationEntity(id), id: aecs.ComponentID[components.Source](sim.World())}
	src := d.source(sim)
	if src.Kind != components.SourcePoisson {
		return nil, fmt.Errorf("rate: %q is not a Poisson source", pop)
	}
	if prof.Shared() {
		src.RateHz = components.Shared(0)
	} else {
		src.RateHz = components.PerNeuron(make([]float64, n))
	}
	return d, nil
}

func (d *RateDriver) source(sim *ecs.Sim) *components.Source {
	return (*components.Source)(sim.World().Get(d.ent, d.id))
}

// Name returns "rate-driver".
func (*RateDriver) Name() string { return "rate-driver" }

// Update writes the rate of step t into the source.
func (d *RateDriver) Update(sim *ecs.Sim, t ecs.Tick) error {
	src := d.source(sim)
	if d.Rate.Shared() {
		src.RateHz.Values[0] = d.Rate.SharedAt(t.Step, t.TMs)
		return nil
	}
	copy(src.RateHz.Values, d.Rate.Block(t.Step, t.TMs, 0, len(src.RateHz.Values)))
	return nil
}
