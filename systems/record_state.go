package systems

import (
	"fmt"
	"math"
	"sort"

	"github.com/spikecs/spikecs/components"
	"github.com/spikecs/spikecs/ecs"
)

// StateWriter receives recorded state values.
type StateWriter interface {
	WriteState(t ecs.Tick, pop, neuron int, variable string, value float64) error
}

// stateVar identifies a recordable variable: a shared one (kind), a
// model's own (column and byte offset) or a channel slot's g or I.
type stateVar struct {
	kind stateKind
	col  int     // varModel: the model's state column
	off  uintptr // varModel: byte offset of the float64 in the component
	slot int     // varG, varI: channel slot
}

// stateKind is the kind of a recordable variable.
type stateKind uint8

const (
	varV stateKind = iota
	varA
	varSpike
	varSpikeGrad
	varLastSpike
	varZero  // "a" of a population without adaptation
	varModel // a model's own variable (Model.Vars)
	varG     // a channel's state G (S)
	varI     // a channel's current (mA) at the stored V
)

// stateVarNames maps the shared recordable variable names (units: V mV, a
// dimensionless, spike 0/1, spike_grad 1/mV, last_spike ms) and the
// channel variables g0…g3 (S) and I0…I3 (mA) of channel slots 0–3.
func stateVarNames() map[string]stateVar {
	out := map[string]stateVar{"V": {kind: varV}, "a": {kind: varA}, "spike": {kind: varSpike}, "spike_grad": {kind: varSpikeGrad}, "last_spike": {kind: varLastSpike}}
	for c := 0; c < components.MaxChannels; c++ {
		out[fmt.Sprintf("g%d", c)] = stateVar{kind: varG, slot: c}
		out[fmt.Sprintf("I%d", c)] = stateVar{kind: varI, slot: c}
	}
	return out
}

// StateVars returns the names of every recordable variable, sorted: the
// shared ones, the channel slots' g and I, and the own variables of every
// model of the catalogue (Models).
func StateVars() []string {
	seen := map[string]bool{}
	for k := range stateVarNames() {
		seen[k] = true
	}
	for _, m := range Models() {
		for _, v := range m.Vars() {
			seen[v] = true
		}
	}
	out := make([]string, 0, len(seen))
	for k := range seen {
		out = append(out, k)
	}
	sort.Strings(out)
	return out
}

// modelVar finds a model's own variable name in a bound population.
func modelVar(v *ecs.PopView, name string) (stateVar, bool) {
	if v.Model == nil {
		return stateVar{}, false
	}
	for c, col := range v.Model.State {
		for _, sv := range col.Vars {
			if sv.Name == name {
				return stateVar{kind: varModel, col: c, off: sv.Offset}, true
			}
		}
	}
	return stateVar{}, false
}

// StateRecorder is a record-stage system writing chosen variables of
// chosen neurons of one population after every step.
type StateRecorder struct {
	// Stride records every Stride-th step (steps n with n mod Stride == 0;
	// 0 or 1: every step).
	Stride int64
	// StartStep is the first step recorded (a warm-up before it is not).
	StartStep int64
	Pop       int
	Neurons   []int
	Vars      []string
	vars      []stateVar
	Out       StateWriter
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
	defer func() { _ = sim.Unbind(v) }()
	hasA, hasRef, source := v.Adaptation != nil, v.Refractory != nil, v.Membrane == nil
	names := stateVarNames()
	r := &StateRecorder{Pop: id, Neurons: neurons, Vars: vars, Out: out}
	for _, name := range vars {
		sv, ok := names[name]
		if !ok {
			sv, ok = modelVar(v, name)
		}
		switch {
		case !ok && contains(StateVars(), name):
			return nil, fmt.Errorf("state recorder: population %q (model %s) has no variable %q; its own variables: %v", pop, modelName(v), name, ownVars(v))
		case !ok:
			return nil, fmt.Errorf("state recorder: unknown variable %q; valid: %v", name, StateVars())
		case source && sv.kind != varSpike:
			return nil, fmt.Errorf("state recorder: %q is a spike source; it records only spike", pop)
		case sv.kind == varA && !hasA:
			sv.kind = varZero // a neuron without adaptation has a fixed threshold: a = 0
		case sv.kind == varLastSpike && !hasRef:
			return nil, fmt.Errorf("state recorder: population %q has no refractory period (last_spike)", pop)
		case (sv.kind == varG || sv.kind == varI) && v.SynG[sv.slot] == nil:
			return nil, fmt.Errorf("state recorder: population %q has no synaptic channel in slot %d (%s); it has %d channel(s), fed by the projections onto it in order", pop, sv.slot, name, len(v.Channels.List))
		}
		r.vars = append(r.vars, sv)
	}
	return r, nil
}

// Name returns "state-recorder".
func (*StateRecorder) Name() string { return "state-recorder" }

// Update writes the variables of step t.
func (r *StateRecorder) Update(sim *ecs.Sim, t ecs.Tick) error {
	if (r.Stride > 1 && t.Step%r.Stride != 0) || t.Step < r.StartStep {
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

// modelName names a population's model for messages.
func modelName(v *ecs.PopView) string {
	if v.Model == nil || v.Model.Name == "" {
		return "composition"
	}
	return v.Model.Name
}

// ownVars lists a population's model variables (or "none").
func ownVars(v *ecs.PopView) []string {
	if v.Model == nil || len(v.Model.Vars()) == 0 {
		return []string{"none"}
	}
	return v.Model.Vars()
}

func contains(list []string, s string) bool {
	for _, x := range list {
		if x == s {
			return true
		}
	}
	return false
}

// stateValue returns variable sv of neuron i of a bound population.
func stateValue(v *ecs.PopView, sv stateVar, i int) float64 {
	switch sv.kind {
	case varModel:
		return ecs.ColumnFloat(v, sv.col, i, sv.off)
	case varG:
		return v.SynG[sv.slot][i]
	case varI:
		return channelCurrent(v, sv.slot, i)
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

// channelCurrent returns the current (mA) of the channel in slot of neuron
// i at its stored V: out·scale (CUBA), out·(E − V) (COBA) or the
// Mg-blocked form, with out the channel's output (G; for DualExpon
// a·(H − G)).
func channelCurrent(v *ecs.PopView, slot, i int) float64 {
	for c := range v.Channels.List {
		ch := &v.Channels.List[c]
		if ch.Slot != slot {
			continue
		}
		pr := &ch.Params
		f, dual := outFactor(pr)
		out := channelOut(f, dual, v.SynG[slot], v.SynH[slot], i)
		vm := v.Membrane[i].V
		switch pr.Out {
		case components.OutCUBA:
			return out * pr.ScaleMV
		case components.OutCOBA:
			return out * (pr.EMV - vm)
		case components.OutMgBlock:
			return out * (pr.EMV - vm) / (1 + pr.MgCcMM/pr.MgBeta*math.Exp(pr.MgAlphaPerMV*(pr.MgVOffsetMV-vm)))
		}
	}
	return 0
}
