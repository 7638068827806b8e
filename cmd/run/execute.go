package main

import (
	"fmt"
	"os"
	"path/filepath"
	"time"

	"github.com/spikecs/spikecs/ecs"
	"github.com/spikecs/spikecs/scenarios"
	"github.com/spikecs/spikecs/systems"
)

// execute builds and runs a scenario, writing its outputs into a temporary
// directory next to out that is renamed to out only on success.
func execute(sc *scenarios.Scenario, out string) (*summary, error) {
	steps, err := ecs.StepsFor(sc.DurationMs, sc.DtMs)
	if err != nil {
		return nil, &scenarios.Error{File: sc.File, Key: "duration", Msg: err.Error()}
	}
	sim, err := sc.Build(ecs.Options{})
	if err != nil {
		return nil, err
	}
	parent := filepath.Dir(filepath.Clean(out))
	if err := os.MkdirAll(parent, 0o755); err != nil {
		return nil, fmt.Errorf("output directory: %w", err)
	}
	tmp, err := os.MkdirTemp(parent, "."+filepath.Base(out)+".partial-")
	if err != nil {
		return nil, fmt.Errorf("output directory: %w", err)
	}
	ok := false
	defer func() {
		if !ok {
			_ = os.RemoveAll(tmp)
		}
	}()
	w, err := newWriters(tmp, sim)
	if err != nil {
		return nil, err
	}
	defer w.close()
	spikes, err := systems.NewSpikeRecorder(sim, sc.Record.Spikes, w.spikes)
	if err != nil {
		return nil, err
	}
	if err := sim.AddSystem(ecs.StageRecord, spikes); err != nil {
		return nil, err
	}
	for _, st := range sc.Record.State {
		r, err := systems.NewStateRecorder(sim, st.Population, st.Vars, st.Neurons, w.state)
		if err != nil {
			return nil, &scenarios.Error{File: sc.File, Line: st.Line, Key: fmt.Sprintf("record.state[%d]", st.Index), Msg: err.Error()}
		}
		if err := sim.AddSystem(ecs.StageRecord, r); err != nil {
			return nil, err
		}
	}
	start := time.Now()
	if err := sim.Run(steps); err != nil {
		return nil, err
	}
	wall := time.Since(start).Seconds()
	if err := w.close(); err != nil {
		return nil, fmt.Errorf("writing outputs: %w", err)
	}
	sum := newSummary(sc, sim, steps, spikes.Counts, wall)
	if err := writeJSON(filepath.Join(tmp, "summary.json"), sum); err != nil {
		return nil, err
	}
	if err := replaceDir(tmp, out); err != nil {
		return nil, err
	}
	ok = true
	return sum, nil
}

// replaceDir moves tmp to out, replacing an existing out directory.
func replaceDir(tmp, out string) error {
	if fi, err := os.Stat(out); err == nil {
		if !fi.IsDir() {
			return fmt.Errorf("output %s exists and is not a directory", out)
		}
		old := tmp + ".old"
		if err := os.Rename(out, old); err != nil {
			return fmt.Errorf("replacing %s: %w", out, err)
		}
		defer os.RemoveAll(old)
	}
	if err := os.Rename(tmp, out); err != nil {
		return fmt.Errorf("writing %s: %w", out, err)
	}
	return nil
}
