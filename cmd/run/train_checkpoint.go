package main

import (
	"fmt"
	"os"
	"path/filepath"
	"time"

	"github.com/spikecs/spikecs/scenarios"
	"github.com/spikecs/spikecs/systems/eprop"
)

// trainCheckpointFile is the checkpoint of a training scenario, in
// checkpointDir(out) (the simulation scenarios' is checkpoint.gob).
const trainCheckpointFile = "training.gob"

// trainCheckpoint is training.gob: the command line of a training run
// and its state after State.Iterations iterations.
type trainCheckpoint struct {
	Version  int
	Scenario string
	Seed     uint64
	Sets     []scenarios.Override
	Plots    bool
	Out      string
	State    *eprop.TrainState
}

// isTrainCheckpoint reports whether dir holds a training checkpoint.
func isTrainCheckpoint(dir string) bool { return hasFile(dir, trainCheckpointFile) }

// readTrainCheckpoint loads DIR/training.gob.
func readTrainCheckpoint(dir string) (*trainCheckpoint, error) {
	ck, err := readGobFile[trainCheckpoint](dir, trainCheckpointFile, "training")
	if err != nil {
		return nil, err
	}
	if ck.Version != checkpointVersion || ck.State == nil {
		return nil, fmt.Errorf("-resume %s: checkpoint format %d, this build reads %d", dir, ck.Version, checkpointVersion)
	}
	return ck, nil
}

// trainCheckpointer returns the function a training run offers its state
// to: it saves it into dir every interval of wall time, and always when
// the run stops early.
func trainCheckpointer(dir string, every time.Duration, meta trainCheckpoint) (eprop.CheckpointFunc, error) {
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return nil, fmt.Errorf("checkpoint: %w", err)
	}
	last := time.Now()
	return func(state func() *eprop.TrainState, final bool) error {
		if !final && time.Since(last) < every {
			return nil
		}
		ck := meta
		ck.Version, ck.State = checkpointVersion, state()
		if err := writeGobSynced(filepath.Join(dir, trainCheckpointFile), &ck); err != nil {
			return err
		}
		last = time.Now()
		return nil
	}, nil
}

// writeFileSynced replaces path atomically and durably: it writes
// path.tmp, flushes it to disk, renames it to path and flushes the
// directory, so that a crash leaves either the old or the new file.
func writeFileSynced(path string, data []byte) error {
	tmp := path + ".tmp"
	f, err := os.OpenFile(tmp, os.O_WRONLY|os.O_CREATE|os.O_TRUNC, 0o644)
	if err != nil {
		return err
	}
	if _, err := f.Write(data); err != nil {
		f.Close()
		return err
	}
	if err := f.Sync(); err != nil {
		f.Close()
		return err
	}
	if err := f.Close(); err != nil {
		return err
	}
	if err := os.Rename(tmp, path); err != nil {
		return err
	}
	d, err := os.Open(filepath.Dir(path))
	if err != nil {
		return err
	}
	err = d.Sync()
	if cerr := d.Close(); err == nil {
		err = cerr
	}
	return err
}
