package systems

import (
	"fmt"
	"sort"

	"github.com/spikecs/spikecs/ecs"
)

// StateWriter receives recorded state values.
type StateWriter interface {
	WriteState(t ecs.Tick, pop, neuron int, variable string, value float64) error
}

// stateVar identifies a recordable variable.
type stateVar uint8

const (
	varV stateVar = iota
	varA
	varSpike
	varSpikeGrad
	varLastSpike
	varZero // "a" of a population without adaptation
)

// stateVarNames maps recordable variable names (units: V mV, a
// dimensionless, spike 0/1, spike_grad 1/mV, last_spike ms).
func stateVarNames() map[string]stateVar {
	return map[string]stateVar{"V": varV, "a": varA, "spike": varSpike, "spike_grad": varSpikeGrad, "last_spike": varLastSpike}
}

// StateVars returns the names of the recordable variables, sorted.
func StateVars() []string {
	var out []string
	for k := range stateVarNames() {
		out = append(out, k)
	}
	sort.Strings(out)
	return out
}

// StateRecorder is a record-stage system writing chosen variables of
// chosen neurons of one population after every step.
type StateRecorder struct {
	// Stride records every Stride-th step (steps n with n mod Stride == 0;
	// 0 or 1: every step).
	Stride  int64
	Pop     int
	Neurons []int
	Vars    []string
	vars    []stateVar
	Out     StateWriter
}

// NewStateRecorder records vars (V, a, spike, spike_grad, last_spike) of
// the given neurons (nil: all) of the named population. The runner
// contract lets any neuron population record a: without adaptation it is
// recorded as 0 (the threshold never moves). Spike sources record only
// spike.
func NewStateRecorder(sim *ecs.Sim, pop string, vars []string, neurons []int, out StateWriter) (*StateRecorder, error) {
	id, ok := sim.Population(pop)
	if !ok {
		return nil, fmt.Errorf("state recorder: unknown population %q; valid: %v", pop, sim.Populations())
	}
	n := sim.PopulationSize(id)
	if neurons == nil {
		neurons = make([]int, n)
		for i := range neurons {
			neurons[i] = i
		}
	}
	for _, i := range neurons {
		if i < 0 || i >= n {
			return nil, fmt.Errorf("state recorder: neuron %d of %q out of range 0..%d", i, pop, n-1)
		}
	}
	v, err := sim.Bind(id)
	if err != nil {
		return nil, err
	}
	hasA, hasRef, source := v.Adaptation != nil, v.Refractory != nil, v.Membrane == nil
	if err := sim.Unbind(v); err != nil {
		return nil, err
	}
	names := stateVarNames()
	r := &StateRecorder{Pop: id, Neurons: neurons, Vars: vars, Out: out}
	for _, name := range vars {
		sv, ok := names[name]
		switch {
		case !ok:
			return nil, fmt.Errorf("state recorder: unknown variable %q; valid: %v", name, StateVars())
		case source && sv != varSpike:
			return nil, fmt.Errorf("state recorder: %q is a spike source; it records only spike", pop)
		case sv == varA && !hasA:
			sv = varZero // a neuron without adaptation has a fixed threshold: a = 0
		case sv == varLastSpike && !hasRef:
			return nil, fmt.Errorf("state recorder: population %q has no refractory period (last_spike)", pop)
		}
		r.vars = append(r.vars, sv)
	}
	return r, nil
}

// Name returns "state-recorder".
func (*StateRecorder) Name() string { return "state-recorder" }

// Update writes the variables of step t.
func (r *StateRecorder) Update(sim *ecs.Sim, t ecs.Tick) error {
	if r.Stride > 1 && t.Step%r.Stride != 0 {
		return nil
	}
	v, err := sim.Bind(r.Pop)
	if err != nil {
		return err
	}
	for _, i := range r.Neurons {
		for k, sv := range r.vars {
			if err := r.Out.WriteState(t, r.Pop, v.Offset+i, r.Vars[k], stateValue(v, sv, i)); err != nil {
				_ = sim.Unbind(v)
				return err
			}
		}
	}
	return sim.Unbind(v)
}

// AppendValues appends the recorded values of the current step to dst,
// neuron by neuron (in Neurons order) and variable by variable, without
// writing them (a partitioned run gathers them on one partition).
func (r *StateRecorder) AppendValues(sim *ecs.Sim, dst []float64) ([]float64, error) {
	v, err := sim.Bind(r.Pop)
	if err != nil {
		return dst, err
	}
	for _, i := range r.Neurons {
		for _, sv := range r.vars {
			dst = append(dst, stateValue(v, sv, i))
		}
	}
	return dst, sim.Unbind(v)
}

// stateValue returns variable sv of neuron i of a bound population.
func stateValue(v *ecs.PopView, sv stateVar, i int) float64 {
	switch sv {
	case varV:
		return v.Membrane[i].V
	case varA:
		return v.Adaptation[i].A
	case varSpike:
		return v.Spike[i].S
	case varSpikeGrad:
		return v.Spike[i].DSdV
	case varLastSpike:
		return v.Refractory[i].LastSpikeMs
	}
	return 0 // varZero
}
