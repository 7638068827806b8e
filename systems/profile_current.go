package systems

import (
	"fmt"
	"math"

	"github.com/spikecs/spikecs/ecs"
)

// ProfileCurrent adds a time-varying current — a sine, a list of steps, a
// ramp or a replayed series (ProfileSpec) — to the Input of one
// population's neurons during the steps n with StartStep <= n < StopStep.
type ProfileCurrent struct {
	// Pop is the target population ID.
	Pop int
	// Current is the time course, mA, shared or one per neuron.
	Current *Profile
	// StartStep and StopStep bound the active steps (StopStep exclusive).
	StartStep, StopStep int64
}

// neuronTarget returns the ID of a neuron (not source) population.
func neuronTarget(sim *ecs.Sim, what, pop string) (int, error) {
	id, ok := sim.Population(pop)
	if !ok {
		return 0, fmt.Errorf("%s: unknown population %q; valid: %v", what, pop, sim.Populations())
	}
	if sim.IsSource(id) {
		return 0, fmt.Errorf("%s: %q is a spike source; it has no membrane to inject into", what, pop)
	}
	return id, nil
}

// window converts an input's [startMs, stopMs) to steps (stopMs = +Inf:
// until the end of the run).
func window(what, pop string, startMs, stopMs, dtMs float64) (int64, int64, error) {
	if math.IsNaN(startMs) || math.IsNaN(stopMs) || startMs < 0 || stopMs < startMs {
		return 0, 0, fmt.Errorf("%s to %q: need 0 <= start <= stop, got start %v ms, stop %v ms", what, pop, startMs, stopMs)
	}
	stop := int64(math.MaxInt64)
	if !math.IsInf(stopMs, 1) {
		stop = ecs.StepOf(stopMs, dtMs)
	}
	return ecs.StepOf(startMs, dtMs), stop, nil
}

// NewProfileCurrent returns a current input with the time course spec (mA)
// into the named population, active while startMs <= t < stopMs.
func NewProfileCurrent(sim *ecs.Sim, pop string, spec ProfileSpec, startMs, stopMs float64) (*ProfileCurrent, error) {
	id, err := neuronTarget(sim, "current input", pop)
	if err != nil {
		return nil, err
	}
	start, stop, err := window("current input", pop, startMs, stopMs, sim.DtMs())
	if err != nil {
		return nil, err
	}
	prof, err := NewProfile(spec, sim.DtMs(), startMs, stopMs, sim.GlobalSize(id), sim.Offset(id), sim.PopulationSize(id))
	if err != nil {
		return nil, fmt.Errorf("current input to %q: %w", pop, err)
	}
	return &ProfileCurrent{Pop: id, Current: prof, StartStep: start, StopStep: stop}, nil
}

// Name returns "profile-current".
func (*ProfileCurrent) Name() string { return "profile-current" }

// UpdateBlock adds the step's current to neurons lo..hi-1; a shared
// current goes once into the population's SharedInput.
func (c *ProfileCurrent) UpdateBlock(t ecs.Tick, p *ecs.PopView, lo, hi int) error {
	if p.ID != c.Pop || t.Step < c.StartStep || t.Step >= c.StopStep {
		return nil
	}
	if c.Current.Shared() {
		if lo == 0 {
			p.SharedInput.CurrentMA += c.Current.SharedAt(t.Step, t.TMs)
		}
		return nil
	}
	in := p.Input[lo:hi]
	cur := c.Current.Block(t.Step, t.TMs, lo, hi)[:len(in)]
	for k := range in {
		in[k].CurrentMA += cur[k]
	}
	return nil
}
