package main

import (
	"bytes"
	"os"
	"path/filepath"
	"sync/atomic"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/spikecs/spikecs/scenarios"
)

// interruptedCheckpoint runs a built-in with checkpointing into out and
// stops it after about stopAt steps, as SIGINT would; it returns the
// checkpoint directory.
func interruptedCheckpoint(t *testing.T, name, out string, stopAt int) string {
	t.Helper()
	o := &options{scenario: name, plots: true, checkpoint: time.Hour}
	o.format, _ = parseFormat("both")
	sc, err := load(o, nil)
	require.NoError(t, err)
	meta, err := checkpointMeta(o, sc, out)
	require.NoError(t, err)
	var stop atomic.Bool
	done := 0
	cfg := runConfig{format: o.format, plots: true, checkpointEvery: time.Hour, checkpointMeta: meta, stop: &stop,
		progress: func(n int) {
			if done += n; done >= stopAt {
				stop.Store(true)
			}
		}}
	sum, err := runScenario(sc, out, cfg)
	require.NoError(t, err)
	require.True(t, sum.Interrupted)
	return checkpointDir(out)
}

// TestResumeGivesTheSameOutputs: a run interrupted mid-way with
// checkpointing and resumed with -resume writes byte-identical spikes,
// state and rates (CSV and npy) to an uninterrupted run, for a network
// built-in, for the composition demo and for STDP (learned weights).
func TestResumeGivesTheSameOutputs(t *testing.T) {
	for _, tc := range []struct {
		name   string
		stopAt int
		// from, to shorten the built-in's duration line (both runs use it)
		from, to string
	}{{"coba", 1200, "duration: 1 s", "duration: 200 ms"}, {"default", 700, "", ""}, {"alif-adaptation", 900, "", ""},
		{"stdp-demo", 2500, "duration: 60 s", "duration: 500 ms"},
		// catalogue models: own state columns and model parameters are saved by name
		{"adex-firing-patterns", 1500, "", ""}, {"izhikevich-patterns", 1200, "", ""}, {"hh-spike", 700, "", ""},
		// GIF escape noise: the counter-based stream key is saved and restored
		{"gif-escape-noise", 3000, "", ""}} {
		t.Run(tc.name, func(t *testing.T) {
			if _, ok := scenarios.BuiltinSource(tc.name); !ok {
				t.Skipf("no built-in %s", tc.name)
			}
			dir := t.TempDir()
			full := filepath.Join(dir, "full")
			var stdout, stderr bytes.Buffer
			args := []string{"-quiet", "-format", "both", "-out", full}
			if tc.from != "" {
				args = append(args, "-duration", tc.to[len("duration: "):])
			}
			require.Equal(t, exitOK, run(append(args, tc.name), &stdout, &stderr), stderr.String())

			resumed := filepath.Join(dir, "resumed")
			if tc.from != "" {
				// the interrupted run must use the same duration as the full one
				src, _ := scenarios.BuiltinSource(tc.name)
				require.Contains(t, string(src), tc.from)
				p := filepath.Join(dir, tc.name+".yaml")
				require.NoError(t, os.WriteFile(p, bytes.Replace(src, []byte(tc.from), []byte(tc.to), 1), 0o644))
				tc.name = p
			}
			ck := interruptedCheckpoint(t, tc.name, resumed, tc.stopAt)
			require.FileExists(t, filepath.Join(ck, "checkpoint.gob"))
			require.Equal(t, exitOK, run([]string{"-quiet", "-resume", ck}, &stdout, &stderr), stderr.String())
			assert.NoDirExists(t, ck, "the checkpoint is removed once the run is complete")
			files, err := filepath.Glob(filepath.Join(full, "*.*"))
			require.NoError(t, err)
			compared := 0
			for _, f := range files {
				base := filepath.Base(f)
				if filepath.Ext(base) != ".csv" && filepath.Ext(base) != ".npy" {
					continue
				}
				a, err := os.ReadFile(f)
				require.NoError(t, err)
				b, err := os.ReadFile(filepath.Join(resumed, base))
				require.NoError(t, err)
				assert.True(t, bytes.Equal(a, b), "%s differs after resume", base)
				compared++
			}
			assert.GreaterOrEqual(t, compared, 4)
		})
	}
}
