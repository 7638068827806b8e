package systems

import (
	"fmt"

	"github.com/spikecs/spikecs/ecs"
)

// RateWriter receives population rates: the mean rate (Hz) of population
// pop over the bin that starts at step start and lasts steps steps.
type RateWriter interface {
	WriteRate(pop, start, steps int64, dtMs, rateHz float64) error
}

// RateRecorder is a record-stage system that bins the spikes of chosen
// populations and writes one rate per population and bin (the last, partial
// bin is written by Flush). Memory is one counter per population.
type RateRecorder struct {
	Pops     []int
	BinSteps int64
	Out      RateWriter
	counts   []int64
	start    int64
	dtMs     float64
	pending  int64
}

// NewRateRecorder bins the named populations' spikes in bins of binMs
// (rounded to whole steps, at least one).
func NewRateRecorder(sim *ecs.Sim, pops []string, binMs float64, out RateWriter) (*RateRecorder, error) {
	if !(binMs > 0) {
		return nil, fmt.Errorf("rate recorder: bin must be > 0 ms, got %v", binMs)
	}
	r := &RateRecorder{BinSteps: max(1, ecs.StepOf(binMs, sim.DtMs())), Out: out, dtMs: sim.DtMs(), start: sim.Clock().Step}
	for _, name := range pops {
		id, ok := sim.Population(name)
		if !ok {
			return nil, fmt.Errorf("rate recorder: unknown population %q; valid: %v", name, sim.Populations())
		}
		r.Pops = append(r.Pops, id)
	}
	r.counts = make([]int64, len(r.Pops))
	return r, nil
}

// Name returns "rate-recorder".
func (*RateRecorder) Name() string { return "rate-recorder" }

// Update counts step t's spikes and writes the bin when it is complete.
func (r *RateRecorder) Update(sim *ecs.Sim, t ecs.Tick) error {
	if r.pending == 0 {
		r.start = t.Step
	}
	for k, id := range r.Pops {
		v, err := sim.Bind(id)
		if err != nil {
			return err
		}
		r.counts[k] += int64(len(*v.Fired))
		if err := sim.Unbind(v); err != nil {
			return err
		}
	}
	return r.endStep(sim)
}

// AddStep counts the spikes of step t of the whole network, taken from src
// instead of the Sim's own populations (the recorder of a partitioned run;
// it is then not added as a system).
func (r *RateRecorder) AddStep(sim *ecs.Sim, t ecs.Tick, src FiredLists) error {
	if r.pending == 0 {
		r.start = t.Step
	}
	for k, id := range r.Pops {
		r.counts[k] += int64(len(src.Fired(t.Step, id)))
	}
	return r.endStep(sim)
}

// endStep closes a step and writes the bin when it is complete.
func (r *RateRecorder) endStep(sim *ecs.Sim) error {
	r.pending++
	if r.pending == r.BinSteps {
		return r.flush(sim)
	}
	return nil
}

// Flush writes a partial last bin, if any.
func (r *RateRecorder) Flush(sim *ecs.Sim) error {
	if r.pending == 0 {
		return nil
	}
	return r.flush(sim)
}

func (r *RateRecorder) flush(sim *ecs.Sim) error {
	secs := float64(r.pending) * r.dtMs * 1e-3
	for k, id := range r.Pops {
		rate := float64(r.counts[k]) / float64(sim.GlobalSize(id)) / secs
		if err := r.Out.WriteRate(int64(id), r.start, r.pending, r.dtMs, rate); err != nil {
			return err
		}
		r.counts[k] = 0
	}
	r.pending = 0
	return nil
}

// RateState is a RateRecorder's partial bin, for checkpoints.
type RateState struct {
	Counts  []int64
	Start   int64
	Pending int64
}

// State returns the recorder's partial bin.
func (r *RateRecorder) State() RateState {
	return RateState{Counts: append([]int64(nil), r.counts...), Start: r.start, Pending: r.pending}
}

// SetState restores a partial bin saved by State.
func (r *RateRecorder) SetState(s RateState) error {
	if len(s.Counts) != len(r.counts) {
		return fmt.Errorf("rate recorder: state for %d populations, recorder has %d", len(s.Counts), len(r.counts))
	}
	copy(r.counts, s.Counts)
	r.start, r.pending = s.Start, s.Pending
	return nil
}
