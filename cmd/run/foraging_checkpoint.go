package main

import (
	"bytes"
	"encoding/gob"
	"fmt"
	"os"
	"path/filepath"
	"time"

	"github.com/spikecs/spikecs/systems/agents/foraging"
)

// foragingCheckpointFile is the checkpoint of a foraging run, in
// checkpointDir(out).
const foragingCheckpointFile = "foraging.gob"

// foragingCheckpointVersion identifies the layout of foraging.gob.
const foragingCheckpointVersion = 1

// foragingCheckpoint is foraging.gob: the command line of a foraging run
// and its state after State.Tick ticks.
type foragingCheckpoint struct {
	Version int
	Seed    uint64
	Plots   bool
	Out     string
	State   *foraging.ForagingState
}

// isForagingCheckpoint reports whether dir holds a foraging checkpoint.
func isForagingCheckpoint(dir string) bool {
	_, err := os.Stat(filepath.Join(dir, foragingCheckpointFile))
	return err == nil
}

// readForagingCheckpoint loads DIR/foraging.gob and checks its versions.
func readForagingCheckpoint(dir string) (*foragingCheckpoint, error) {
	path := filepath.Join(dir, foragingCheckpointFile)
	data, err := os.ReadFile(path)
	if err != nil {
		return nil, fmt.Errorf("-resume %s: no foraging checkpoint here (%v)", dir, err)
	}
	var ck foragingCheckpoint
	if err := gob.NewDecoder(bytes.NewReader(data)).Decode(&ck); err != nil {
		return nil, fmt.Errorf("-resume %s: unreadable checkpoint (%v); rerun from the start", path, err)
	}
	if ck.Version != foragingCheckpointVersion || ck.State == nil || ck.State.Version != foraging.StateVersion {
		state := 0
		if ck.State != nil {
			state = ck.State.Version
		}
		return nil, fmt.Errorf("-resume %s: checkpoint format %d (state %d), this build reads %d (state %d); rerun from the start",
			path, ck.Version, state, foragingCheckpointVersion, foraging.StateVersion)
	}
	return &ck, nil
}

// foragingCheckpointer returns the function a foraging run offers its
// state to: it saves it into dir (fsync, then rename) every interval of
// wall time, and always when the run stops early.
func foragingCheckpointer(dir string, every time.Duration, meta foragingCheckpoint) (foraging.CheckpointFunc, error) {
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return nil, fmt.Errorf("checkpoint: %w", err)
	}
	last := time.Now()
	return func(state func() (*foraging.ForagingState, error), final bool) error {
		if !final && time.Since(last) < every {
			return nil
		}
		st, err := state()
		if err != nil {
			return fmt.Errorf("checkpoint: %w", err)
		}
		ck := meta
		ck.Version, ck.State = foragingCheckpointVersion, st
		var buf bytes.Buffer
		if err := gob.NewEncoder(&buf).Encode(&ck); err != nil {
			return fmt.Errorf("checkpoint: %w", err)
		}
		if err := writeFileSynced(filepath.Join(dir, foragingCheckpointFile), buf.Bytes()); err != nil {
			return fmt.Errorf("checkpoint: %w", err)
		}
		last = time.Now()
		return nil
	}, nil
}
