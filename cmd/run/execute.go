package main

import (
	"fmt"
	"os"
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
	// plotKind is the figures' format when plots is on (plotNone: PNG).
	plotKind plotKind
	// report is the scenario source report.html shows.
	report reportSource
	// stop, when set (by SIGINT), ends the run before its next step; the
	// outputs recorded so far are kept and the summary says interrupted.
	stop *atomic.Bool
	// progress, when not nil, is called with the number of steps done
	// since its last call, about every 1/progressUpdates of the run.
	progress func(steps int)
	// info, for a run of a sweep, goes into summary.json as "run".
	info *runInfo
	// checkpointEvery > 0 saves the full state that often (wall time)
	// into checkpointDir(out); checkpointMeta describes how to rebuild it.
	checkpointEvery time.Duration
	checkpointMeta  checkpoint
	// resume, when set, continues a checkpointed run.
	resume *resumeState
	// parts, when parts.k > 0, splits the run into partitions.
	parts partitioning
	// target, when set, is the prepared (checked and locked) output
	// directory runScenario publishes into.
	target *target
}

// progressUpdates is about how many times a run reports its progress.
const progressUpdates = 1000

// runScenario runs sc into out through a temporary directory (see
// publish) and returns its summary.
func runScenario(sc *scenarios.Scenario, out string, cfg runConfig) (*summary, error) {
	var sum *summary
	write := func(tmp string) error {
		var err error
		sum, err = execute(sc, tmp, cfg)
		return err
	}
	if cfg.target != nil {
		return sum, cfg.target.publish(write)
	}
	return sum, publish(out, write)
}

// execute builds and runs sc, writing its outputs into the existing
// directory dir, and returns the summary it also writes there.
func execute(sc *scenarios.Scenario, dir string, cfg runConfig) (*summary, error) {
	if cfg.parts.k > 0 {
		return executePartitioned(sc, dir, cfg)
	}
	steps, err := ecs.StepsFor(sc.DurationMs, sc.DtMs)
	if err != nil {
		return nil, &scenarios.Error{File: sc.File, Key: "duration", Msg: err.Error()}
	}
	sim, err := sc.Build(simOptions(sc, ecs.Partition{}))
	if err != nil {
		return nil, err
	}
	outs, err := newOutputs(dir, sim, sc, steps, cfg.format, cfg.plots)
	if err != nil {
		return nil, err
	}
	defer outs.close()
	var sp systems.SpikeWriter = outs.spikes
	var stw systems.StateWriter = outs.state
	var rtw systems.RateWriter = outs.rates
	var ckpt *checkpointer
	if cfg.checkpointEvery > 0 {
		ckDir := checkpointDir(cfg.checkpointMeta.Out)
		if err := os.MkdirAll(ckDir, 0o755); err != nil {
			return nil, fmt.Errorf("checkpoint: %w", err)
		}
		j, err := newJournal(filepath.Join(ckDir, "journal.bin"))
		if err != nil {
			return nil, err
		}
		defer j.close()
		sp = &journaledSpikes{inner: sp, j: j}
		stw = &journaledState{inner: stw, j: j, vars: stateVarCodes()}
		rtw = &journaledRates{inner: rtw, j: j}
		ckpt = &checkpointer{dir: ckDir, every: cfg.checkpointEvery, last: time.Now(), meta: cfg.checkpointMeta, j: j, sim: sim, net: sc.Network()}
	}
	spikes, rates, err := attachRecorders(sc, sim, sp, stw, rtw)
	if err != nil {
		return nil, err
	}
	wtraces, err := attachWeightTraces(dir, sc, sim, sc.Network(), cfg.format)
	if err != nil {
		return nil, err
	}
	defer wtraces.closeAll()
	first := 0
	if cfg.resume != nil {
		if err := cfg.resume.restore(sim, sc.Network(), spikes, rates, sp, stw, rtw); err != nil {
			return nil, err
		}
		first = cfg.resume.ck.Steps
	}
	if ckpt != nil {
		ckpt.spikes, ckpt.rates = spikes, rates
	}
	start := time.Now()
	ran, err := loop(sim, first, steps, cfg, ckpt)
	if err != nil {
		return nil, fmt.Errorf("%s: %w", sc.File, err)
	}
	if ckpt != nil && ran < steps {
		if err := ckpt.save(ran); err != nil { // interrupted: resume from here
			return nil, err
		}
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
	if err := wtraces.closeAll(); err != nil {
		return nil, err
	}
	if err := writeWeights(dir, sc.Network(), cfg.format); err != nil {
		return nil, err
	}
	sum := newSummary(sc, sim, steps, ran, spikes.Counts, outs.spikes.stats, wall)
	return finish(dir, sc, sim, ran, outs, sum, cfg)
}

// figures is the format of the run's figures, plotNone without.
func (cfg runConfig) figures() plotKind {
	switch {
	case !cfg.plots:
		return plotNone
	case cfg.plotKind == plotNone:
		return plotPNG
	}
	return cfg.plotKind
}

// finish writes a run's figures (unless cfg.plots is off), report.html
// and its summary.json, which lists every file of dir, and returns the
// summary.
func finish(dir string, sc *scenarios.Scenario, sim *ecs.Sim, ran int, outs *outputs, sum *summary, cfg runConfig) (*summary, error) {
	sum.Format, sum.Run = cfg.format.String(), cfg.info
	sum.Version, sum.Resolved = buildVersion(), sc.Resolved()
	if outs.state.dense != nil {
		sum.StateArrays = outs.state.dense.desc
	}
	var figs []reportFigure
	if kind := cfg.figures(); kind != plotNone {
		var err error
		if figs, err = writePlots(dir, sc, sim, ran, outs, kind); err != nil {
			return nil, err
		}
	}
	if err := writeReport(dir, sc, sum, figs, cfg.report, cfg.figures()); err != nil {
		return nil, err
	}
	var err error
	if sum.Files, err = listFiles(dir); err != nil {
		return nil, err
	}
	if err := writeJSON(filepath.Join(dir, "summary.json"), sum); err != nil {
		return nil, err
	}
	return sum, nil
}

// loop runs the steps first..steps-1, checking cfg.stop before each step
// and saving a checkpoint when one is due, and returns the number of steps
// done in all (first included).
func loop(sim *ecs.Sim, first, steps int, cfg runConfig, ckpt *checkpointer) (int, error) {
	every := max(1, steps/progressUpdates)
	pending := 0
	for ran := first; ran < steps; ran++ {
		if cfg.stop != nil && cfg.stop.Load() {
			return ran, nil
		}
		if ckpt != nil && ckpt.due() {
			if err := ckpt.save(ran); err != nil {
				return ran, err
			}
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
func attachRecorders(sc *scenarios.Scenario, sim *ecs.Sim, sp systems.SpikeWriter, stw systems.StateWriter, rtw systems.RateWriter) (*systems.SpikeRecorder, *systems.RateRecorder, error) {
	spikes, err := systems.NewSpikeRecorder(sim, sim.Populations(), sp)
	if err != nil {
		return nil, nil, err
	}
	if err := sim.AddSystem(ecs.StageRecord, spikes); err != nil {
		return nil, nil, err
	}
	for _, st := range sc.Record.State {
		if err := addStateRecorder(sc, sim, st, stw); err != nil {
			return nil, nil, err
		}
	}
	rr := sc.Record.Rate
	if rr == nil {
		return spikes, nil, nil
	}
	rates, err := systems.NewRateRecorder(sim, rr.Populations, rr.BinMs, rtw)
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
	r.StartStep = ecs.StepOf(sc.Record.StartMs, sc.DtMs)
	return sim.AddSystem(ecs.StageRecord, r)
}

// simOptions are the options the runner builds a scenario's Sim (or one
// partition of it) with. Pure simulation: the surrogate derivative is
// computed only when a recorder reads it (spikes and potentials do not
// depend on it), which lets the fused kernels run.
func simOptions(sc *scenarios.Scenario, p ecs.Partition) ecs.Options {
	return ecs.Options{Partition: p, NoSurrogateGrad: !sc.NeedsSurrogateGrad()}
}
