package systems

import (
	"fmt"
	"math"

	"github.com/spikecs/spikecs/components"
	"github.com/spikecs/spikecs/ecs"
)

// CurrentInput adds a current to the Input of one population's neurons
// during the steps n with StartStep <= n < StopStep: a constant input when
// the window is the whole run, a step current otherwise. The reference
// equivalent is a current input summed into I(v) each step.
type CurrentInput struct {
	// Pop is the target population ID.
	Pop int
	// CurrentMA is the current in mA, shared or one value per neuron.
	CurrentMA components.Param
	// StartStep and StopStep bound the active steps (StopStep exclusive).
	StartStep, StopStep int64
}

// NewCurrentInput returns a current input for the named population, active
// while startMs <= t < stopMs (stopMs = +Inf: until the end of the run).
// The times are converted to steps with ecs.StepOf.
func NewCurrentInput(sim *ecs.Sim, pop string, current components.Param, startMs, stopMs float64) (*CurrentInput, error) {
	id, ok := sim.Population(pop)
	if !ok {
		return nil, fmt.Errorf("current input: unknown population %q; valid: %v", pop, sim.Populations())
	}
	if sim.IsSource(id) {
		return nil, fmt.Errorf("current input: %q is a spike source; it has no membrane to inject into", pop)
	}
	n := sim.GlobalSize(id)
	if l := len(current.Values); l != 1 && l != n {
		return nil, fmt.Errorf("current input to %q: %d values, expected 1 or %d (one per neuron)", pop, l, n)
	}
	for i, x := range current.Values {
		if math.IsNaN(x) || math.IsInf(x, 0) {
			return nil, fmt.Errorf("current input to %q: value %d (%v mA) is not finite", pop, i, x)
		}
	}
	if math.IsNaN(startMs) || math.IsNaN(stopMs) || startMs < 0 || stopMs < startMs {
		return nil, fmt.Errorf("current input to %q: need 0 <= start <= stop, got start %v ms, stop %v ms", pop, startMs, stopMs)
	}
	if local := sim.PopulationSize(id); !current.IsShared() && local != n { // a partition's neurons
		off := sim.Offset(id)
		current = components.PerNeuron(current.Values[off : off+local])
	}
	c := &CurrentInput{Pop: id, CurrentMA: current, StartStep: ecs.StepOf(startMs, sim.DtMs()), StopStep: math.MaxInt64}
	if !math.IsInf(stopMs, 1) {
		c.StopStep = ecs.StepOf(stopMs, sim.DtMs())
	}
	return c, nil
}

// Name returns "current-input".
func (*CurrentInput) Name() string { return "current-input" }

// UpdateBlock adds the current to neurons lo..hi-1 when p is the target
// and the step is inside the window; a shared current goes once into the
// population's SharedInput instead.
func (c *CurrentInput) UpdateBlock(t ecs.Tick, p *ecs.PopView, lo, hi int) error {
	if p.ID != c.Pop || t.Step < c.StartStep || t.Step >= c.StopStep {
		return nil
	}
	if c.CurrentMA.IsShared() { // once per step, for the whole population
		if lo == 0 {
			p.SharedInput.CurrentMA += c.CurrentMA.Values[0]
		}
		return nil
	}
	in := p.Input[lo:hi]
	cur := c.CurrentMA.Block(lo, hi)[:len(in)]
	for k := range in {
		in[k].CurrentMA += cur[k]
	}
	return nil
}
