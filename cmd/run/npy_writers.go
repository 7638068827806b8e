package main

import (
	"path/filepath"

	"github.com/spikecs/spikecs/ecs"
)

// spikeNPY writes the spike columns: spikes_t_ms.npy (float64, ms),
// spikes_population.npy (int32, the population's index in summary.json's
// populations and codes.population) and spikes_neuron.npy (int32). Row i
// of the three files is one spike, in the order of spikes.csv. Each
// recorded population also gets its own pair, spikes_<pop>_t.npy (float64,
// ms) and spikes_<pop>_i.npy (int32, neuron index), in time order.
type spikeNPY struct {
	t, pop, neuron *npyColumn
	byPop          []popSpikeNPY // by population ID; zero for those not recorded
}

// popSpikeNPY is the pair of spike files of one population.
type popSpikeNPY struct {
	t, i *npyColumn
}

// newSpikeNPY creates the spike columns in dir: the three of all
// populations and the pair of each population with record set.
func newSpikeNPY(dir string, names []string, record []bool) (*spikeNPY, npyColumns, error) {
	var cols npyColumns
	open := func(name, descr string) (*npyColumn, error) {
		c, err := newNPYColumn(filepath.Join(dir, name), descr)
		if err == nil {
			cols = append(cols, c)
		}
		return c, err
	}
	s := &spikeNPY{}
	var err error
	if s.t, err = open("spikes_t_ms.npy", "<f8"); err != nil {
		return nil, cols, err
	}
	if s.pop, err = open("spikes_population.npy", "<i4"); err != nil {
		return nil, cols, err
	}
	if s.neuron, err = open("spikes_neuron.npy", "<i4"); err != nil {
		return nil, cols, err
	}
	s.byPop = make([]popSpikeNPY, len(names))
	for id, name := range names {
		if !record[id] {
			continue
		}
		p := &s.byPop[id]
		if p.t, err = open("spikes_"+name+"_t.npy", "<f8"); err != nil {
			return nil, cols, err
		}
		if p.i, err = open("spikes_"+name+"_i.npy", "<i4"); err != nil {
			return nil, cols, err
		}
	}
	return s, cols, nil
}

// writeSpike appends one spike.
func (s *spikeNPY) writeSpike(t ecs.Tick, pop, neuron int) {
	s.t.float64(t.TMs)
	s.pop.int32(int32(pop))
	s.neuron.int32(int32(neuron))
	p := &s.byPop[pop]
	p.t.float64(t.TMs)
	p.i.int32(int32(neuron))
}

// stateNPY writes the state columns: state_t_ms.npy (float64),
// state_population.npy (int32), state_neuron.npy (int32), state_var.npy
// (int32, an index into codes.var of summary.json) and state_value.npy
// (float64, in the variable's unit). Row i of the five files is row i of
// state.csv.
type stateNPY struct {
	t, pop, neuron, vr, value *npyColumn
	vars                      []string // codes.var
}

// newStateNPY creates the five state columns in dir; vars is the code
// table of state_var.npy.
func newStateNPY(dir string, vars []string) (*stateNPY, npyColumns, error) {
	var cols npyColumns
	open := func(name, descr string) (*npyColumn, error) {
		c, err := newNPYColumn(filepath.Join(dir, name), descr)
		if err == nil {
			cols = append(cols, c)
		}
		return c, err
	}
	s := &stateNPY{vars: vars}
	var err error
	for _, c := range []struct {
		dst         **npyColumn
		name, descr string
	}{
		{&s.t, "state_t_ms.npy", "<f8"},
		{&s.pop, "state_population.npy", "<i4"},
		{&s.neuron, "state_neuron.npy", "<i4"},
		{&s.vr, "state_var.npy", "<i4"},
		{&s.value, "state_value.npy", "<f8"},
	} {
		if *c.dst, err = open(c.name, c.descr); err != nil {
			return nil, cols, err
		}
	}
	return s, cols, nil
}

// writeState appends one state row.
func (s *stateNPY) writeState(t ecs.Tick, pop, neuron int, variable string, value float64) {
	code := int32(-1)
	for i, v := range s.vars {
		if v == variable {
			code = int32(i)
			break
		}
	}
	s.t.float64(t.TMs)
	s.pop.int32(int32(pop))
	s.neuron.int32(int32(neuron))
	s.vr.int32(code)
	s.value.float64(value)
}

// rateNPY writes the record.rate columns: rates_t_ms.npy (float64, the
// bin's start), rates_bin_ms.npy (float64), rates_population.npy (int32)
// and rates_hz.npy (float64); row i is row i of rates.csv.
type rateNPY struct {
	t, bin, pop, hz *npyColumn
}

// newRateNPY creates the four rate columns in dir.
func newRateNPY(dir string) (*rateNPY, npyColumns, error) {
	var cols npyColumns
	s := &rateNPY{}
	for _, c := range []struct {
		dst         **npyColumn
		name, descr string
	}{
		{&s.t, "rates_t_ms.npy", "<f8"},
		{&s.bin, "rates_bin_ms.npy", "<f8"},
		{&s.pop, "rates_population.npy", "<i4"},
		{&s.hz, "rates_hz.npy", "<f8"},
	} {
		col, err := newNPYColumn(filepath.Join(dir, c.name), c.descr)
		if err != nil {
			return nil, cols, err
		}
		cols = append(cols, col)
		*c.dst = col
	}
	return s, cols, nil
}

// writeRate appends one rate row.
func (s *rateNPY) writeRate(pop, start, steps int64, dtMs, rateHz float64) {
	s.t.float64(float64(start) * dtMs)
	s.bin.float64(float64(steps) * dtMs)
	s.pop.int32(int32(pop))
	s.hz.float64(rateHz)
}
