package main

import (
	"fmt"
	"path/filepath"
	"sync/atomic"
	"time"

	"github.com/spikecs/spikecs/ecs"
	"github.com/spikecs/spikecs/scenarios"
	"github.com/spikecs/spikecs/systems"
)

// runConfig says what a run writes and whom it tells about its progress.
type runConfig struct {
	format outputFormat
	plots  bool
	// stop, when set (by SIGINT), ends the run before its next step; the
	// outputs recorded so far are kept and the summary says interrupted.
	stop *atomic.Bool
	// progress, when not nil, is called with the number of steps done
	// since its last call, about every 1/progressUpdates of the run.
	progress func(steps int)
	// info, for a run of a sweep, goes into summary.json as "run".
	info *runInfo
}

// progressUpdates is about how many times a run reports its progress.
const progressUpdates = 1000

// runScenario runs sc into out through a temporary directory (see
// publish) and returns its summary.
func runScenario(sc *scenarios.Scenario, out string, cfg runConfig) (*summary, error) {
	var sum *summary
	err := publish(out, func(tmp string) error {
		var err error
		sum, err = execute(sc, tmp, cfg)
		return err
	})
	return sum, err
}

// execute builds and runs sc, writing its outputs into the existing
// directory dir, and returns the summary it also writes there.
func execute(sc *scenarios.Scenario, dir string, cfg runConfig) (*summary, error) {
	steps, err := ecs.StepsFor(sc.DurationMs, sc.DtMs)
	if err != nil {
		return nil, &scenarios.Error{File: sc.File, Key: "duration", Msg: err.Error()}
	}
	sim, err := sc.Build(ecs.Options{})
	if err != nil {
		return nil, err
	}
	outs, err := newOutputs(dir, sim, sc, steps, cfg.format, cfg.plots)
	if err != nil {
		return nil, err
	}
	defer outs.close()
	spikes, rates, err := attachRecorders(sc, sim, outs)
	if err != nil {
		return nil, err
	}
	start := time.Now()
	ran, err := loop(sim, steps, cfg)
	if err != nil {
		return nil, fmt.Errorf("%s: %w", sc.File, err)
	}
	wall := time.Since(start).Seconds()
	if rates != nil {
		if err := rates.Flush(sim); err != nil {
			return nil, fmt.Errorf("%s: %w", sc.File, err)
		}
	}
	if err := outs.close(); err != nil {
		return nil, err
	}
	sum := newSummary(sc, sim, steps, ran, spikes.Counts, outs.spikes.stats, wall)
	sum.Format, sum.Run = cfg.format.String(), cfg.info
	if cfg.plots {
		if err := writePlots(dir, sc, sim, ran, outs); err != nil {
			return nil, err
		}
	}
	if sum.Files, err = listFiles(dir); err != nil {
		return nil, err
	}
	if err := writeJSON(filepath.Join(dir, "summary.json"), sum); err != nil {
		return nil, err
	}
	return sum, nil
}

// loop runs up to steps steps, checking cfg.stop before each step, and
// returns the number of steps run.
func loop(sim *ecs.Sim, steps int, cfg runConfig) (int, error) {
	every := max(1, steps/progressUpdates)
	pending := 0
	for ran := 0; ran < steps; ran++ {
		if cfg.stop != nil && cfg.stop.Load() {
			return ran, nil
		}
		if err := sim.Step(); err != nil {
			return ran, err
		}
		if pending++; pending == every && cfg.progress != nil {
			cfg.progress(pending)
			pending = 0
		}
	}
	if cfg.progress != nil && pending > 0 {
		cfg.progress(pending)
	}
	return steps, nil
}

// attachRecorders adds the record-stage systems: the spike recorder (of
// every population, for the statistics), the state recorders and the rate
// recorder (nil without record.rate).
func attachRecorders(sc *scenarios.Scenario, sim *ecs.Sim, outs *outputs) (*systems.SpikeRecorder, *systems.RateRecorder, error) {
	spikes, err := systems.NewSpikeRecorder(sim, sim.Populations(), outs.spikes)
	if err != nil {
		return nil, nil, err
	}
	if err := sim.AddSystem(ecs.StageRecord, spikes); err != nil {
		return nil, nil, err
	}
	for _, st := range sc.Record.State {
		if err := addStateRecorder(sc, sim, st, outs.state); err != nil {
			return nil, nil, err
		}
	}
	rr := sc.Record.Rate
	if rr == nil {
		return spikes, nil, nil
	}
	rates, err := systems.NewRateRecorder(sim, rr.Populations, rr.BinMs, outs.rates)
	if err != nil {
		return nil, nil, &scenarios.Error{File: sc.File, Line: rr.Line, Key: "record.rate", Msg: err.Error()}
	}
	if err := sim.AddSystem(ecs.StageRecord, rates); err != nil {
		return nil, nil, err
	}
	return spikes, rates, nil
}

// addStateRecorder adds the recorder of one record.state entry.
func addStateRecorder(sc *scenarios.Scenario, sim *ecs.Sim, st scenarios.StateRecord, out systems.StateWriter) error {
	r, err := systems.NewStateRecorder(sim, st.Population, st.Vars, st.Neurons, out)
	if err != nil {
		return &scenarios.Error{File: sc.File, Line: st.Line, Key: fmt.Sprintf("record.state[%d]", st.Index), Msg: err.Error()}
	}
	r.Stride = st.Stride
	return sim.AddSystem(ecs.StageRecord, r)
}
