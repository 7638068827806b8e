package main

import (
	"bytes"
	"encoding/gob"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"time"

	"github.com/spikecs/spikecs/ecs"
	"github.com/spikecs/spikecs/scenarios"
	"github.com/spikecs/spikecs/systems"
)

// checkpointVersion identifies the checkpoint format.
const checkpointVersion = 1

// checkpoint is checkpoint.gob: how to rebuild the run (scenario source,
// overrides, seed, duration, output choices) and its state after Steps
// steps. The recorders' calls so far are in journal.bin, of which the
// first JournalBytes are valid.
type checkpoint struct {
	Version      int
	File         string
	Source       []byte
	Overrides    []scenarios.Override
	Seed         uint64
	DurationMs   float64
	Format       string
	Plots        bool
	PlotKind     string // -plots (png, svg, pdf); "" in older checkpoints: png
	Out          string
	Steps        int
	Sim, Net     []byte
	SpikeCounts  []int64
	Rate         *systems.RateState
	JournalBytes int64
}

// checkpointDir is where a run's checkpoints go: next to its output.
func checkpointDir(out string) string { return filepath.Clean(out) + ".checkpoint" }

// scenarioSource returns the YAML a scenario was read from.
func scenarioSource(nameOrPath string) ([]byte, error) {
	if data, ok := scenarios.BuiltinSource(nameOrPath); ok && !strings.ContainsAny(nameOrPath, "/.") {
		return data, nil
	}
	return os.ReadFile(nameOrPath)
}

// checkpointer saves the state of a running simulation every interval
// of wall time (and on request), atomically.
type checkpointer struct {
	dir    string
	every  time.Duration
	last   time.Time
	meta   checkpoint
	j      *journal
	sim    *ecs.Sim
	net    *systems.Network
	spikes *systems.SpikeRecorder
	rates  *systems.RateRecorder
}

// due reports whether the interval has passed.
func (c *checkpointer) due() bool { return time.Since(c.last) >= c.every }

// save writes checkpoint.gob for the state after steps steps.
func (c *checkpointer) save(steps int) error {
	n, err := c.j.flush()
	if err != nil {
		return fmt.Errorf("checkpoint: %w", err)
	}
	ck := c.meta
	ck.Version, ck.Steps, ck.JournalBytes = checkpointVersion, steps, n
	ck.SpikeCounts = append([]int64(nil), c.spikes.Counts...)
	if c.rates != nil {
		st := c.rates.State()
		ck.Rate = &st
	}
	var simBuf, netBuf bytes.Buffer
	if err := c.sim.SaveState(&simBuf); err != nil {
		return fmt.Errorf("checkpoint: %w", err)
	}
	if c.net != nil {
		if err := c.net.SaveState(&netBuf); err != nil {
			return fmt.Errorf("checkpoint: %w", err)
		}
	}
	ck.Sim, ck.Net = simBuf.Bytes(), netBuf.Bytes()
	var buf bytes.Buffer
	if err := gob.NewEncoder(&buf).Encode(&ck); err != nil {
		return fmt.Errorf("checkpoint: %w", err)
	}
	if err := writeFileSynced(filepath.Join(c.dir, "checkpoint.gob"), buf.Bytes()); err != nil {
		return fmt.Errorf("checkpoint: %w", err)
	}
	c.last = time.Now()
	return nil
}

// readCheckpoint loads DIR/checkpoint.gob.
func readCheckpoint(dir string) (*checkpoint, error) {
	data, err := os.ReadFile(filepath.Join(dir, "checkpoint.gob"))
	if err != nil {
		return nil, fmt.Errorf("-resume %s: no checkpoint here (%v)", dir, err)
	}
	var ck checkpoint
	if err := gob.NewDecoder(bytes.NewReader(data)).Decode(&ck); err != nil {
		return nil, fmt.Errorf("-resume %s: unreadable checkpoint: %v", dir, err)
	}
	if ck.Version != checkpointVersion {
		return nil, fmt.Errorf("-resume %s: checkpoint format %d, this build reads %d", dir, ck.Version, checkpointVersion)
	}
	return &ck, nil
}

// resumeState is what execute needs to continue a checkpointed run.
type resumeState struct {
	ck      *checkpoint
	journal string // path of the previous journal to replay
}

// restore replays the previous journal through the (new) writers and loads
// the simulation, network and recorder state.
func (r *resumeState) restore(sim *ecs.Sim, net *systems.Network, spikes *systems.SpikeRecorder, rates *systems.RateRecorder,
	sp systems.SpikeWriter, st systems.StateWriter, rt systems.RateWriter) error {
	f, err := os.Open(r.journal)
	if err != nil {
		return fmt.Errorf("resume: %w", err)
	}
	defer f.Close()
	if err := replayJournal(f, r.ck.JournalBytes, sim.DtMs(), sp, st, rt); err != nil {
		return fmt.Errorf("resume: replaying the recorded outputs: %w", err)
	}
	if err := sim.LoadState(bytes.NewReader(r.ck.Sim)); err != nil {
		return fmt.Errorf("resume: %w", err)
	}
	if net != nil {
		if err := net.LoadState(bytes.NewReader(r.ck.Net)); err != nil {
			return fmt.Errorf("resume: %w", err)
		}
	}
	if len(r.ck.SpikeCounts) != len(spikes.Counts) {
		return fmt.Errorf("resume: the checkpoint has %d populations, the scenario %d", len(r.ck.SpikeCounts), len(spikes.Counts))
	}
	copy(spikes.Counts, r.ck.SpikeCounts)
	if rates != nil && r.ck.Rate != nil {
		return rates.SetState(*r.ck.Rate)
	}
	return nil
}
