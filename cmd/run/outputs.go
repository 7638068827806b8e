package main

import (
	"errors"
	"path/filepath"

	"github.com/spikecs/spikecs/ecs"
	"github.com/spikecs/spikecs/scenarios"
	"github.com/spikecs/spikecs/systems"
)

// outputs are the files and in-memory collectors of one run.
type outputs struct {
	spikes *spikeSink
	state  *stateSink
	rates  *rateSink // record.rate
	csvs   []*csvFile
	npys   npyColumns
	sonata string // path of the SONATA file written on close, or ""
	closed bool
}

// newOutputs creates the data files of the chosen format in dir and the
// collectors the summary and, with plots, the figures need.
func newOutputs(dir string, sim *ecs.Sim, sc *scenarios.Scenario, steps int, format outputFormat, plots bool) (*outputs, error) {
	names := sim.Populations()
	sizes := make([]int, len(names))
	for i := range names {
		sizes[i] = sim.GlobalSize(i)
	}
	o := &outputs{
		spikes: &spikeSink{record: make([]bool, len(names)), stats: newSpikeStats(sizes, steps, sc.DtMs), startMs: sc.Record.StartMs, sample: sc.Record.SpikeSample},
		state:  &stateSink{},
		rates:  &rateSink{},
	}
	withRates := sc.Record.Rate != nil
	var recorded []int
	for _, name := range sc.Record.Spikes {
		if id, ok := sim.Population(name); ok && !o.spikes.record[id] {
			o.spikes.record[id] = true
			recorded = append(recorded, sampled(sizes[id], sc.Record.SpikeSample))
		}
	}
	if plots {
		o.spikes.raster = newRasterSample(rasterLimit, rasterRows, recorded)
		o.state.traces = newTraceCollector()
	}
	fail := func(err error) (*outputs, error) {
		_ = o.close()
		return nil, err
	}
	if format.csv {
		sf, err := createCSV(filepath.Join(dir, "spikes.csv"), "t_ms,population,neuron")
		if err != nil {
			return fail(err)
		}
		o.csvs = append(o.csvs, sf)
		o.spikes.csv = &spikeCSV{w: sf.w, pops: names}
		stf, err := createCSV(filepath.Join(dir, "state.csv"), "t_ms,population,neuron,var,value")
		if err != nil {
			return fail(err)
		}
		o.csvs = append(o.csvs, stf)
		o.state.csv = &stateCSV{w: stf.w, pops: names}
		if withRates {
			rf, err := createCSV(filepath.Join(dir, "rates.csv"), "t_ms,bin_ms,population,rate_hz")
			if err != nil {
				return fail(err)
			}
			o.csvs = append(o.csvs, rf)
			o.rates.csv = &rateCSV{w: rf.w, pops: names}
		}
	}
	if format.npy {
		s, cols, err := newSpikeNPY(dir, names, o.spikes.record)
		o.npys = append(o.npys, cols...)
		if err != nil {
			return fail(err)
		}
		o.spikes.npy = s
		st, cols, err := newStateNPY(dir, systems.StateVars())
		o.npys = append(o.npys, cols...)
		if err != nil {
			return fail(err)
		}
		o.state.npy = st
		dense, cols, err := newDenseState(dir, sim, sc)
		o.npys = append(o.npys, cols...)
		if err != nil {
			return fail(err)
		}
		o.state.dense = dense
		if withRates {
			r, cols, err := newRateNPY(dir)
			o.npys = append(o.npys, cols...)
			if err != nil {
				return fail(err)
			}
			o.rates.npy = r
		}
	}
	if format.sonata {
		o.spikes.sonata = newSonataSpikes(names, o.spikes.record)
		o.sonata = filepath.Join(dir, sonataFile)
	}
	return o, nil
}

// close flushes and closes every file once; later calls return nil.
func (o *outputs) close() error {
	if o.closed {
		return nil
	}
	o.closed = true
	var errs []error
	for _, c := range o.csvs {
		errs = append(errs, c.close())
	}
	errs = append(errs, o.npys.closeAll())
	if o.spikes.sonata != nil {
		errs = append(errs, o.spikes.sonata.write(o.sonata))
	}
	return errors.Join(errs...)
}
