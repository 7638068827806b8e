package main

import (
	"bytes"
	"encoding/json"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"syscall"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// waitForFile waits until path exists.
func waitForFile(t *testing.T, path string) {
	t.Helper()
	deadline := time.Now().Add(60 * time.Second)
	for time.Now().Before(deadline) {
		if _, err := os.Stat(path); err == nil {
			return
		}
		time.Sleep(5 * time.Millisecond)
	}
	t.Fatalf("%s did not appear within 60 s", path)
}

// trainSummaryFile is summary.json of a training scenario as the tests
// read it.
type trainSummaryFile struct {
	Scenario    string `json:"scenario"`
	Interrupted bool   `json:"interrupted"`
	Version     string `json:"version"`
	Training    struct {
		Iterations        int `json:"iterations"`
		IterationsPlanned int `json:"iterations_planned"`
	} `json:"training"`
	Files []string `json:"files"`
}

func readTrainSummary(t *testing.T, dir string) trainSummaryFile {
	t.Helper()
	data, err := os.ReadFile(filepath.Join(dir, "summary.json"))
	require.NoError(t, err)
	var s trainSummaryFile
	require.NoError(t, json.Unmarshal(data, &s))
	return s
}

// TestCtrlCDuringEpropEvidenceKeepsTheTraining: SIGINT during a
// (shortened) eprop-evidence run writes loss.csv with the iterations done,
// the weights and summary.json with interrupted true, and exits 130.
func TestCtrlCDuringEpropEvidenceKeepsTheTraining(t *testing.T) {
	if testing.Short() {
		t.Skip("builds the runner, trains for seconds")
	}
	bin := buildRunner(t)
	parent := t.TempDir()
	out := filepath.Join(parent, "ev")
	cmd := exec.Command(bin, "-quiet", "-plots=false", "-out", out, "-set", "iterations=40", "eprop-evidence")
	var stderr strings.Builder
	cmd.Stderr = &stderr
	require.NoError(t, cmd.Start())
	t.Cleanup(func() { _ = cmd.Process.Kill(); _ = cmd.Wait() })
	waitForFile(t, filepath.Join(parent, ".ev.lock"))
	time.Sleep(3 * time.Second) // a few iterations (about 0.4 s each)
	require.NoError(t, cmd.Process.Signal(os.Interrupt))
	assert.Equal(t, exitInterrupted, exitStatus(t, cmd), "stderr: %s", stderr.String())
	requireOneLine(t, stderr.String())
	assert.Contains(t, stderr.String(), "interrupted after")

	assert.Equal(t, []string{"ev"}, entries(t, parent))
	sum := readTrainSummary(t, out)
	assert.True(t, sum.Interrupted)
	assert.Equal(t, 40, sum.Training.IterationsPlanned)
	assert.Positive(t, sum.Training.Iterations)
	assert.Less(t, sum.Training.Iterations, 40)
	assert.NotEmpty(t, sum.Version)
	header, rows := readCSV(t, filepath.Join(out, "loss.csv"))
	assert.Equal(t, []string{"iteration", "loss", "accuracy"}, header)
	assert.Len(t, rows, sum.Training.Iterations, "one row per iteration done")
	for _, f := range []string{"w_in.npy", "w_rec.npy", "w_out.npy", "feedback.npy", "summary.json"} {
		assert.FileExists(t, filepath.Join(out, f))
		assert.Contains(t, sum.Files, f)
	}
	_, err := readWeights(out)
	assert.NoError(t, err, "the weights load again (-set init=)")
}

// TestEpropSineResumeIsByteIdentical: eprop-sine checkpointed, stopped by
// SIGTERM midway and continued with -resume writes the same loss.csv and
// weights, byte for byte, as an uninterrupted run.
func TestEpropSineResumeIsByteIdentical(t *testing.T) {
	if testing.Short() {
		t.Skip("builds the runner")
	}
	const iters = "iterations=400" // about 10 ms each
	dir := t.TempDir()
	full := filepath.Join(dir, "full")
	r := runCLI(t, "-quiet", "-plots=false", "-seed", "3", "-set", iters, "-out", full, "eprop-sine")
	require.Equal(t, exitOK, r.code, r.stderr)

	bin := buildRunner(t)
	part := filepath.Join(dir, "part")
	cmd := exec.Command(bin, "-quiet", "-plots=false", "-seed", "3", "-set", iters, "-out", part, "-checkpoint-every", "20ms", "eprop-sine")
	var stderr strings.Builder
	cmd.Stderr = &stderr
	require.NoError(t, cmd.Start())
	t.Cleanup(func() { _ = cmd.Process.Kill(); _ = cmd.Wait() })
	ck := checkpointDir(part)
	waitForFile(t, filepath.Join(ck, trainCheckpointFile))
	require.NoError(t, cmd.Process.Signal(syscall.SIGTERM))
	require.Equal(t, exitTerminated, exitStatus(t, cmd), "stderr: %s", stderr.String())
	assert.Contains(t, stderr.String(), "-resume "+ck)
	sum := readTrainSummary(t, part)
	require.True(t, sum.Interrupted)
	require.Less(t, sum.Training.Iterations, 400, "stopped midway")
	_, rows := readCSV(t, filepath.Join(part, "loss.csv"))
	assert.Len(t, rows, sum.Training.Iterations)

	r = runCLI(t, "-quiet", "-resume", ck)
	require.Equal(t, exitOK, r.code, r.stderr)
	assert.NoDirExists(t, ck, "the checkpoint is removed once the run is complete")
	sum = readTrainSummary(t, part)
	assert.False(t, sum.Interrupted)
	assert.Equal(t, 400, sum.Training.Iterations)
	for _, f := range []string{"loss.csv", "w_in.npy", "w_rec.npy", "w_out.npy", "feedback.npy"} {
		a, err := os.ReadFile(filepath.Join(full, f))
		require.NoError(t, err)
		b, err := os.ReadFile(filepath.Join(part, f))
		require.NoError(t, err)
		assert.True(t, bytes.Equal(a, b), "%s differs after resume", f)
	}
}
