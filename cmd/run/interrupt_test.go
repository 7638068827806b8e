package main

import (
	"errors"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// buildRunner builds cmd/run into a temporary directory.
func buildRunner(t *testing.T) string {
	t.Helper()
	bin := filepath.Join(t.TempDir(), "run")
	out, err := exec.Command("go", "build", "-o", bin, ".").CombinedOutput()
	require.NoError(t, err, "go build: %s", out)
	return bin
}

// waitForPartial waits until a run writing to parent/<name> has its
// temporary directory with spikes.csv in it (at depth: 0 for a run, 1 for
// the runs of a sweep), i.e. the simulation loop runs.
func waitForPartial(t *testing.T, parent, name string, depth, want int) {
	t.Helper()
	pattern := filepath.Join(parent, "."+name+".partial-*")
	for range depth {
		pattern = filepath.Join(pattern, "*")
	}
	deadline := time.Now().Add(30 * time.Second)
	for time.Now().Before(deadline) {
		matches, _ := filepath.Glob(filepath.Join(pattern, "spikes.csv"))
		if len(matches) >= want {
			return
		}
		time.Sleep(20 * time.Millisecond)
	}
	t.Fatal("the run did not start within 30 s")
}

func TestSIGINTStopsTheRunAndKeepsWhatWasRecorded(t *testing.T) {
	if testing.Short() {
		t.Skip("builds the runner")
	}
	bin := buildRunner(t)
	parent := t.TempDir()
	out := filepath.Join(parent, "coba")
	cmd := exec.Command(bin, "-quiet", "-out", out, "-duration", "100s", "coba")
	var stderr strings.Builder
	cmd.Stderr = &stderr
	require.NoError(t, cmd.Start())
	waitForPartial(t, parent, "coba", 0, 1)
	time.Sleep(300 * time.Millisecond) // let it simulate a little
	require.NoError(t, cmd.Process.Signal(os.Interrupt))
	err := cmd.Wait()
	var exit *exec.ExitError
	require.True(t, errors.As(err, &exit), "the runner exits with a status, got %v", err)
	assert.Equal(t, exitInterrupted, exit.ExitCode(), "SIGINT exits 130; stderr: %s", stderr.String())
	requireOneLine(t, stderr.String())
	assert.Contains(t, stderr.String(), "interrupted after")

	assert.Equal(t, []string{"coba"}, entries(t, parent), "the output is renamed into place, no temporary directory left")
	sum := readFullSummary(t, out)
	assert.True(t, sum.Interrupted, "summary.json says interrupted")
	assert.Equal(t, 1_000_000, sum.StepsPlanned, "100 s at 0.1 ms")
	assert.Positive(t, sum.Steps)
	assert.Less(t, sum.Steps, sum.StepsPlanned, "it stopped early")
	assert.InDelta(t, float64(sum.Steps)*0.1, sum.DurationMs, 1e-6, "duration_ms is what was simulated")

	_, rows := readCSV(t, filepath.Join(out, "spikes.csv"))
	var spikes int64
	for _, p := range sum.Populations {
		spikes += p.Spikes
	}
	assert.Equal(t, spikes, int64(len(rows)), "every recorded spike was flushed to spikes.csv")
	last := rows[len(rows)-1][0]
	assert.Less(t, parseFloat(t, last), sum.DurationMs, "no spike after the last step run")
	for _, f := range []string{"raster.png", "rate.png"} {
		assert.FileExists(t, filepath.Join(out, f), "the figures of the partial run are written")
	}
}

func TestSIGINTStopsASweepAndKeepsTheRunsStarted(t *testing.T) {
	if testing.Short() {
		t.Skip("builds the runner")
	}
	bin := buildRunner(t)
	parent := t.TempDir()
	out := filepath.Join(parent, "sweep")
	cmd := exec.Command(bin, "-quiet", "-plots=false", "-out", out, "-duration", "100s", "-trials", "4", "-workers", "2", "coba")
	var stderr strings.Builder
	cmd.Stderr = &stderr
	require.NoError(t, cmd.Start())
	waitForPartial(t, parent, "sweep", 1, 2)
	time.Sleep(200 * time.Millisecond)
	require.NoError(t, cmd.Process.Signal(os.Interrupt))
	err := cmd.Wait()
	var exit *exec.ExitError
	require.True(t, errors.As(err, &exit), "the runner exits with a status, got %v", err)
	assert.Equal(t, exitInterrupted, exit.ExitCode(), "stderr: %s", stderr.String())
	requireOneLine(t, stderr.String())
	assert.Contains(t, stderr.String(), "2 of 4 runs started")

	assert.Equal(t, []string{"sweep"}, entries(t, parent))
	assert.Equal(t, []string{"000_trial=0", "001_trial=1", "sweep.csv"}, entries(t, out), "the two runs that started, none of the others")
	_, rows := readCSV(t, filepath.Join(out, "sweep.csv"))
	require.Len(t, rows, 2)
	for _, row := range rows {
		assert.Equal(t, "true", row[4], "run %s is marked interrupted", row[0])
		sum := readFullSummary(t, filepath.Join(out, row[0]))
		assert.True(t, sum.Interrupted)
		assert.Less(t, sum.Steps, sum.StepsPlanned)
	}
}
