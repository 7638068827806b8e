package main

import (
	"fmt"
	"path/filepath"

	"github.com/spikecs/spikecs/ecs"
	"github.com/spikecs/spikecs/scenarios"
)

// stateArrays describes, in summary.json, the dense state files of one
// record.state entry (-format npy or both).
type stateArrays struct {
	Population string            `json:"population"`
	Record     int               `json:"record"`  // index of the entry in record.state
	Stride     int64             `json:"stride"`  // steps between rows
	Times      string            `json:"times"`   // file of the row times (float64, ms), shape T
	Neurons    string            `json:"neurons"` // file of the neuron indices (int32), shape N
	Vars       map[string]string `json:"vars"`    // variable -> file of float64, shape T×N
}

// denseEntry writes one record.state entry as dense arrays.
type denseEntry struct {
	pop     int
	neurons []int // global indices, in the order the recorder writes them
	vars    []string
	stride  int64
	cols    []*npyColumn // one T×N file per variable
	times   *npyColumn   // the entry's own times file; nil: times.npy
	i, k    int          // next neuron and variable of the current row
	open    bool         // a row is being written
}

// denseState writes recorded state as dense arrays: for every
// record.state entry and variable a T×N float64 array (row r: the values
// of the entry's neurons at the r-th recorded step), the neuron indices,
// and the row times in times.npy (one file when every entry has the same
// stride, else one per entry). The recorders write the rows of a step
// entry by entry, neuron by neuron, variable by variable (also when a
// partitioned run gathers them and when a resumed run replays its
// journal), so every value has a fixed place: no lookup per value.
type denseState struct {
	entries []*denseEntry
	times   *npyColumn // times.npy, nil when strides differ
	step    int64
	cur     int // the entry being written, -1 before the step's first
	started bool
	desc    []stateArrays
}

// newDenseState creates the dense state files of sc's record.state in dir.
func newDenseState(dir string, sim *ecs.Sim, sc *scenarios.Scenario) (*denseState, npyColumns, error) {
	var cols npyColumns
	d := &denseState{cur: -1}
	uses := map[string]int{}
	sameStride := true
	for _, st := range sc.Record.State {
		uses[st.Population]++
		if stride(st) != stride(sc.Record.State[0]) {
			sameStride = false
		}
	}
	open := func(name, descr string, n int) (*npyColumn, error) {
		var c *npyColumn
		var err error
		if n > 0 {
			c, err = newNPYMatrix(filepath.Join(dir, name), descr, n)
		} else {
			c, err = newNPYColumn(filepath.Join(dir, name), descr)
		}
		if err == nil {
			cols = append(cols, c)
		}
		return c, err
	}
	if sameStride && len(sc.Record.State) > 0 {
		var err error
		if d.times, err = open("times.npy", "<f8", 0); err != nil {
			return nil, cols, err
		}
	}
	for _, st := range sc.Record.State {
		id, ok := sim.Population(st.Population)
		if !ok {
			return nil, cols, &scenarios.Error{File: sc.File, Line: st.Line, Key: fmt.Sprintf("record.state[%d].population", st.Index), Msg: fmt.Sprintf("unknown population %q", st.Population)}
		}
		key := st.Population
		if uses[st.Population] > 1 {
			key = fmt.Sprintf("%s_%d", st.Population, st.Index)
		}
		e := &denseEntry{pop: id, vars: st.Vars, stride: stride(st), neurons: st.Neurons}
		if e.neurons == nil {
			e.neurons = make([]int, sim.GlobalSize(id))
			for i := range e.neurons {
				e.neurons[i] = i
			}
		}
		desc := stateArrays{Population: st.Population, Record: st.Index, Stride: e.stride, Times: "times.npy",
			Neurons: "state_" + key + "_neurons.npy", Vars: map[string]string{}}
		nc, err := open(desc.Neurons, "<i4", 0)
		if err != nil {
			return nil, cols, err
		}
		for _, n := range e.neurons {
			nc.int32(int32(n))
		}
		if d.times == nil {
			desc.Times = "state_" + key + "_times.npy"
			if e.times, err = open(desc.Times, "<f8", 0); err != nil {
				return nil, cols, err
			}
		}
		for _, v := range st.Vars {
			desc.Vars[v] = "state_" + key + "_" + v + ".npy"
			c, err := open(desc.Vars[v], "<f8", len(e.neurons))
			if err != nil {
				return nil, cols, err
			}
			e.cols = append(e.cols, c)
		}
		d.entries = append(d.entries, e)
		d.desc = append(d.desc, desc)
	}
	return d, cols, nil
}

// stride is a record.state entry's stride (at least 1).
func stride(st scenarios.StateRecord) int64 { return max(st.Stride, 1) }

// writeState places one value; an error means the rows did not come in
// the recorders' order (a bug, not a user mistake).
func (d *denseState) writeState(t ecs.Tick, pop, neuron int, variable string, value float64) error {
	if !d.started || t.Step != d.step {
		if d.started && d.cur >= 0 && d.entries[d.cur].open {
			return fmt.Errorf("dense state: step %d ended inside a row", d.step)
		}
		d.started, d.step, d.cur = true, t.Step, -1
		if d.times != nil {
			d.times.float64(t.TMs)
		}
	}
	if d.cur < 0 || !d.entries[d.cur].open {
		d.cur++
		for d.cur < len(d.entries) && t.Step%d.entries[d.cur].stride != 0 {
			d.cur++
		}
		if d.cur == len(d.entries) {
			return fmt.Errorf("dense state: unexpected value of population %d neuron %d at step %d", pop, neuron, t.Step)
		}
		e := d.entries[d.cur]
		e.open, e.i, e.k = true, 0, 0
		if e.times != nil {
			e.times.float64(t.TMs)
		}
	}
	e := d.entries[d.cur]
	if e.pop != pop || e.neurons[e.i] != neuron || e.vars[e.k] != variable {
		return fmt.Errorf("dense state: at step %d expected population %d neuron %d %s, got population %d neuron %d %s",
			t.Step, e.pop, e.neurons[e.i], e.vars[e.k], pop, neuron, variable)
	}
	e.cols[e.k].float64(value)
	if e.k++; e.k == len(e.vars) {
		e.k = 0
		if e.i++; e.i == len(e.neurons) {
			e.open = false
		}
	}
	return nil
}
