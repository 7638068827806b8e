package main

import (
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
func isForagingCheckpoint(dir string) bool { return hasFile(dir, foragingCheckpointFile) }

// readForagingCheckpoint loads DIR/foraging.gob and checks its versions.
func readForagingCheckpoint(dir string) (*foragingCheckpoint, error) {
	path := filepath.Join(dir, foragingCheckpointFile)
	ck, err := readGobFile[foragingCheckpoint](dir, foragingCheckpointFile, "foraging")
	if err != nil {
		return nil, err
	}
	if ck.Version != foragingCheckpointVersion || ck.State == nil || ck.State.Version != foraging.StateVersion {
		state := 0
		if ck.State != nil {
			state = ck.State.Version
		}
		return nil, fmt.Errorf("-resume %s: checkpoint format %d (state %d), this build reads %d (state %d); rerun from the start",
			path, ck.Version, state, foragingCheckpointVersion, foraging.StateVersion)
	}
	return ck, nil
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
		if err := writeGobSynced(filepath.Join(dir, foragingCheckpointFile), &ck); err != nil {
			return err
		}
		last = time.Now()
		return nil
	}, nil
}
