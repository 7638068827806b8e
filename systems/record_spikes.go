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
		if err := r.add(t, id, *v.Fired, v.Offset); err != nil {
			_ = sim.Unbind(v)
			return err
		}
		if err := sim.Unbind(v); err != nil {
			return err
		}
	}
	return nil
}

// AddStep counts and writes the spikes of step t of the whole network,
// taken from src instead of the Sim's own populations (the recorder of a
// partitioned run; it is then not added as a system).
func (r *SpikeRecorder) AddStep(t ecs.Tick, src FiredLists) error {
	for id := range r.Counts {
		if err := r.add(t, id, src.Fired(t.Step, id), 0); err != nil {
			return err
		}
	}
	return nil
}

// add counts and writes population id's spikes (fired: indices, ascending,
// of neurons whose global index is offset + index).
func (r *SpikeRecorder) add(t ecs.Tick, id int, fired []int32, offset int) error {
	r.Counts[id] += int64(len(fired))
	if r.Record[id] && r.Out != nil {
		for _, i := range fired {
			if err := r.Out.WriteSpike(t, id, offset+int(i)); err != nil {
				return err
			}
		}
	}
	return nil
}
