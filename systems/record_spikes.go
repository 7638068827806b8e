package systems

import (
	"fmt"

	"github.com/spikecs/spikecs/ecs"
)

// SpikeWriter receives recorded spikes, one call per spike, in population
// order and neuron order within a step.
type SpikeWriter interface {
	WriteSpike(t ecs.Tick, pop, neuron int) error
}

// SpikeRecorder is a record-stage system: it counts the spikes of every
// population (Counts, indexed by population ID) and passes the spikes of
// the populations in Record to Out. It keeps no per-spike memory.
type SpikeRecorder struct {
	Record []bool      // Record[id]: pass population id's spikes to Out
	Out    SpikeWriter // may be nil when nothing is recorded
	Counts []int64     // spikes so far per population ID
}

// NewSpikeRecorder returns a recorder for sim that writes the named
// populations' spikes to out and counts all populations.
func NewSpikeRecorder(sim *ecs.Sim, record []string, out SpikeWriter) (*SpikeRecorder, error) {
	n := len(sim.Populations())
	r := &SpikeRecorder{Record: make([]bool, n), Out: out, Counts: make([]int64, n)}
	for _, name := range record {
		id, ok := sim.Population(name)
		if !ok {
			return nil, fmt.Errorf("spike recorder: unknown population %q; valid: %v", name, sim.Populations())
		}
		r.Record[id] = true
	}
	return r, nil
}

// Name returns "spike-recorder".
func (*SpikeRecorder) Name() string { return "spike-recorder" }

// Update counts and writes the spikes of step t.
func (r *SpikeRecorder) Update(sim *ecs.Sim, t ecs.Tick) error {
	for id := range r.Counts {
		v, err := sim.Bind(id)
		if err != nil {
			return err
		}
		fired := *v.Fired
		r.Counts[id] += int64(len(fired))
		if r.Record[id] && r.Out != nil {
			for _, i := range fired {
				if err := r.Out.WriteSpike(t, id, int(i)); err != nil {
					_ = sim.Unbind(v)
					return err
				}
			}
		}
		if err := sim.Unbind(v); err != nil {
			return err
		}
	}
	return nil
}
