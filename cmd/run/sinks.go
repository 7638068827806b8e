package main

import "github.com/spikecs/spikecs/ecs"

// spikeSink is the SpikeWriter of a run. The SpikeRecorder passes it the
// spikes of every population: all of them feed the statistics, and those
// of the populations in record.spikes also go to the files and the
// raster. One call per spike, no allocation.
type spikeSink struct {
	record []bool        // record[pop]: in record.spikes
	stats  *spikeStats   // always set
	csv    *spikeCSV     // nil unless -format csv or both
	npy    *spikeNPY     // nil unless -format npy or both
	sonata *sonataSpikes // nil unless -format sonata
	raster *rasterSample
	// startMs is record.start: earlier spikes only feed the rate bins.
	startMs float64
	// sample is record.spike_sample: only neurons below it are written
	// (0: all); every spike feeds the statistics.
	sample int
}

// WriteSpike takes one spike.
func (s *spikeSink) WriteSpike(t ecs.Tick, pop, neuron int) error {
	if t.TMs < s.startMs {
		s.stats.bin(t, pop)
		return nil
	}
	s.stats.add(t, pop, neuron)
	if !s.record[pop] || (s.sample > 0 && neuron >= s.sample) {
		return nil
	}
	if s.csv != nil {
		if err := s.csv.WriteSpike(t, pop, neuron); err != nil {
			return err
		}
	}
	if s.npy != nil {
		s.npy.writeSpike(t, pop, neuron)
	}
	if s.sonata != nil {
		s.sonata.add(t, pop, neuron)
	}
	if s.raster != nil {
		s.raster.add(t, pop, neuron)
	}
	return nil
}

// stateSink is the StateWriter of a run: rows go to the files and to the
// traces figure.
type stateSink struct {
	csv    *stateCSV
	npy    *stateNPY
	dense  *denseState
	traces *traceCollector
}

// WriteState takes one state row.
func (s *stateSink) WriteState(t ecs.Tick, pop, neuron int, variable string, value float64) error {
	if s.csv != nil {
		if err := s.csv.WriteState(t, pop, neuron, variable, value); err != nil {
			return err
		}
	}
	if s.npy != nil {
		s.npy.writeState(t, pop, neuron, variable, value)
	}
	if s.dense != nil {
		if err := s.dense.writeState(t, pop, neuron, variable, value); err != nil {
			return err
		}
	}
	if s.traces != nil {
		s.traces.add(t, pop, neuron, variable, value)
	}
	return nil
}

// rateSink is the RateWriter of a run (record.rate): rows go to
// rates.csv and the rates_*.npy columns.
type rateSink struct {
	csv *rateCSV
	npy *rateNPY
}

// WriteRate takes the rate of one population and bin.
func (s *rateSink) WriteRate(pop, start, steps int64, dtMs, rateHz float64) error {
	if s.csv != nil {
		if err := s.csv.WriteRate(pop, start, steps, dtMs, rateHz); err != nil {
			return err
		}
	}
	if s.npy != nil {
		s.npy.writeRate(pop, start, steps, dtMs, rateHz)
	}
	return nil
}

// sampled is the number of a population's n neurons whose spikes are
// written under record.spike_sample (0: all).
func sampled(n, sample int) int {
	if sample > 0 && sample < n {
		return sample
	}
	return n
}
