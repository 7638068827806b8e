package main

import (
	"fmt"
	"os"
	"path/filepath"
	"slices"
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
	if fi, err := os.Stat(out); err == nil && !fi.IsDir() {
		return nil, fmt.Errorf("output %s exists and is not a directory", out)
	}
	parent := filepath.Dir(filepath.Clean(out))
	created, err := mkdirAll(parent)
	if err != nil {
		return nil, fmt.Errorf("output directory: %w", err)
	}
	ok := false
	defer func() {
		if !ok {
			removeEmpty(created)
		}
	}()
	tmp, err := os.MkdirTemp(parent, "."+filepath.Base(out)+".partial-")
	if err != nil {
		return nil, fmt.Errorf("output directory: %w", err)
	}
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
		if err := addStateRecorders(sc, sim, st, w.state); err != nil {
			return nil, err
		}
	}
	start := time.Now()
	if err := sim.Run(steps); err != nil {
		return nil, fmt.Errorf("%s: %w", sc.File, err)
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

// addStateRecorders adds the recorder of one record.state entry.
func addStateRecorders(sc *scenarios.Scenario, sim *ecs.Sim, st scenarios.StateRecord, out systems.StateWriter) error {
	r, err := systems.NewStateRecorder(sim, st.Population, st.Vars, st.Neurons, out)
	if err != nil {
		return &scenarios.Error{File: sc.File, Line: st.Line, Key: fmt.Sprintf("record.state[%d]", st.Index), Msg: err.Error()}
	}
	return sim.AddSystem(ecs.StageRecord, r)
}

// replaceDir moves tmp to out, replacing an existing out directory. If
// the final rename fails, the previous out is put back.
func replaceDir(tmp, out string) error {
	fi, err := os.Stat(out)
	if err != nil {
		if err := os.Rename(tmp, out); err != nil {
			return fmt.Errorf("writing %s: %w", out, err)
		}
		return nil
	}
	if !fi.IsDir() {
		return fmt.Errorf("output %s exists and is not a directory", out)
	}
	old := tmp + ".old"
	if err := os.Rename(out, old); err != nil {
		return fmt.Errorf("replacing %s: %w", out, err)
	}
	if err := os.Rename(tmp, out); err != nil {
		if rerr := os.Rename(old, out); rerr != nil {
			return fmt.Errorf("writing %s: %w (the previous outputs are in %s)", out, err, old)
		}
		return fmt.Errorf("writing %s: %w", out, err)
	}
	_ = os.RemoveAll(old)
	return nil
}

// mkdirAll is os.MkdirAll that also returns the directories it created,
// outermost first, so that a failed run can remove them again.
func mkdirAll(dir string) ([]string, error) {
	var missing []string
	for d := filepath.Clean(dir); ; d = filepath.Dir(d) {
		if _, err := os.Stat(d); err == nil {
			break
		}
		missing = append(missing, d)
		if filepath.Dir(d) == d {
			break
		}
	}
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return nil, err
	}
	slices.Reverse(missing)
	return missing, nil
}

// removeEmpty removes the directories made by mkdirAll, innermost first,
// as long as they are empty.
func removeEmpty(created []string) {
	for i := len(created) - 1; i >= 0; i-- {
		if os.Remove(created[i]) != nil {
			return
		}
	}
}
