package main

import (
	"errors"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"strings"
	"syscall"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// TestOutReplacesOnlyRunnerOutputs is the deleted-thesis case: a
// directory holding a user's file is refused before anything runs and the
// file stays; -force replaces it; a previous runner output is replaced
// without -force.
func TestOutReplacesOnlyRunnerOutputs(t *testing.T) {
	parent := t.TempDir()
	precious := filepath.Join(parent, "precious")
	require.NoError(t, os.Mkdir(precious, 0o755))
	thesis := filepath.Join(precious, "thesis.tex")
	require.NoError(t, os.WriteFile(thesis, []byte("years of work"), 0o644))

	start := time.Now()
	r := runCLI(t, "-quiet", "-out", precious, "-duration", "100s", "coba")
	assert.Less(t, time.Since(start), 5*time.Second, "refused before simulating 100 s of coba")
	assert.Equal(t, exitUsage, r.code)
	requireOneLine(t, r.stderr)
	for _, want := range []string{precious, "not written by the runner", outputMarker, "-force"} {
		assert.Contains(t, r.stderr, want)
	}
	data, err := os.ReadFile(thesis)
	require.NoError(t, err, "the user's file is still there")
	assert.Equal(t, "years of work", string(data))
	assert.Equal(t, []string{"precious"}, entries(t, parent), "no temporary directory, no lock file left")

	// -force replaces it.
	r = runCLI(t, "-quiet", "-force", "-out", precious, "lif-demo")
	require.Equal(t, exitOK, r.code, r.stderr)
	assert.NoFileExists(t, thesis)
	assert.FileExists(t, filepath.Join(precious, outputMarker), "every output is marked")
	assert.FileExists(t, filepath.Join(precious, "spikes.csv"))

	// A previous runner output is replaced without -force.
	r = runCLI(t, "-quiet", "-out", precious, "default")
	require.Equal(t, exitOK, r.code, r.stderr)
	assert.Equal(t, "default", readSummary(t, precious).Scenario)

	// An empty directory is fine too.
	empty := filepath.Join(parent, "empty")
	require.NoError(t, os.Mkdir(empty, 0o755))
	r = runCLI(t, "-quiet", "-out", empty, "lif-demo")
	require.Equal(t, exitOK, r.code, r.stderr)
}

// TestOutMustNotHoldWhatTheRunReads: the scenario file inside -out, -out
// equal to the working directory or a parent of it are refused up front.
func TestOutMustNotHoldWhatTheRunReads(t *testing.T) {
	dir := t.TempDir()
	w2 := filepath.Join(dir, "w2")
	require.NoError(t, os.Mkdir(w2, 0o755))
	mine := filepath.Join(w2, "mine.yaml")
	src := "populations:\n  - {name: p, size: 2, model: LIF}\nduration: 1 ms\n"
	require.NoError(t, os.WriteFile(mine, []byte(src), 0o644))
	// Even a directory that looks like a runner output.
	require.NoError(t, os.WriteFile(filepath.Join(w2, outputMarker), nil, 0o644))

	for _, args := range [][]string{{"-out", w2, mine}, {"-force", "-out", w2, mine}, {"-out", dir, mine}} {
		r := runCLI(t, append([]string{"-quiet"}, args...)...)
		assert.Equal(t, exitUsage, r.code, "%v", args)
		requireOneLine(t, r.stderr)
		assert.Contains(t, r.stderr, "contains "+mine, "%v", args)
		data, err := os.ReadFile(mine)
		require.NoError(t, err, "the scenario file survives %v", args)
		assert.Equal(t, src, string(data))
	}

	t.Chdir(w2)
	for _, out := range []string{".", w2, dir, ".."} {
		r := runCLI(t, "-quiet", "-out", out, "lif-demo")
		assert.Equal(t, exitUsage, r.code, "-out %s", out)
		assert.Contains(t, r.stderr, "working directory", "-out %s", out)
	}
	assert.FileExists(t, mine)
}

// TestOutParentNotWritable: an -out whose parent cannot be written is
// refused before the run.
func TestOutParentNotWritable(t *testing.T) {
	if os.Geteuid() == 0 {
		t.Skip("root can write anywhere")
	}
	parent := filepath.Join(t.TempDir(), "ro")
	require.NoError(t, os.Mkdir(parent, 0o555))
	start := time.Now()
	r := runCLI(t, "-quiet", "-out", filepath.Join(parent, "out"), "-duration", "100s", "coba")
	assert.Less(t, time.Since(start), 5*time.Second)
	assert.Equal(t, exitRun, r.code)
	requireOneLine(t, r.stderr)
	assert.Contains(t, r.stderr, "permission denied")
}

// startRunner starts the built runner writing a long coba run to out and
// waits until it simulates.
func startRunner(t *testing.T, bin, parent, name string, extra ...string) (*exec.Cmd, *strings.Builder) {
	t.Helper()
	args := append([]string{"-quiet", "-plots=false", "-out", filepath.Join(parent, name), "-duration", "100s"}, extra...)
	cmd := exec.Command(bin, append(args, "coba")...)
	var stderr strings.Builder
	cmd.Stderr = &stderr
	require.NoError(t, cmd.Start())
	t.Cleanup(func() { _ = cmd.Process.Kill(); _ = cmd.Wait() })
	waitForPartial(t, parent, name, 0, 1)
	return cmd, &stderr
}

// exitStatus waits for cmd and returns its exit status.
func exitStatus(t *testing.T, cmd *exec.Cmd) int {
	t.Helper()
	err := cmd.Wait()
	if err == nil {
		return 0
	}
	var exit *exec.ExitError
	require.True(t, errors.As(err, &exit), "the runner exits with a status, got %v", err)
	return exit.ExitCode()
}

// TestSIGTERMStopsTheRunAndKeepsWhatWasRecorded: SIGTERM (timeout, SLURM,
// docker stop) stops a run like SIGINT: valid spikes.csv and summary.json
// with interrupted true, exit 143, no temporary directory.
func TestSIGTERMStopsTheRunAndKeepsWhatWasRecorded(t *testing.T) {
	if testing.Short() {
		t.Skip("builds the runner")
	}
	bin := buildRunner(t)
	parent := t.TempDir()
	cmd, stderr := startRunner(t, bin, parent, "coba")
	time.Sleep(300 * time.Millisecond)
	require.NoError(t, cmd.Process.Signal(syscall.SIGTERM))
	assert.Equal(t, exitTerminated, exitStatus(t, cmd), "stderr: %s", stderr.String())
	assert.Contains(t, stderr.String(), "interrupted after")

	out := filepath.Join(parent, "coba")
	assert.Equal(t, []string{"coba"}, entries(t, parent), "no temporary directory, no lock file")
	sum := readFullSummary(t, out)
	assert.True(t, sum.Interrupted)
	assert.Positive(t, sum.Steps)
	assert.Less(t, sum.Steps, sum.StepsPlanned)
	_, rows := readCSV(t, filepath.Join(out, "spikes.csv"))
	var spikes int64
	for _, p := range sum.Populations {
		spikes += p.Spikes
	}
	assert.Equal(t, spikes, int64(len(rows)), "spikes.csv is complete up to the stop")
}

// TestSecondSignalAbortsAtOnce: a second signal ends the run at once,
// removing its temporary directory.
func TestSecondSignalAbortsAtOnce(t *testing.T) {
	if testing.Short() {
		t.Skip("builds the runner")
	}
	bin := buildRunner(t)
	parent := t.TempDir()
	args := []string{"-quiet", "-out", filepath.Join(parent, "sweep"), "-duration", "100s", "-trials", "2", "-workers", "2", "coba"}
	cmd := exec.Command(bin, args...)
	require.NoError(t, cmd.Start())
	t.Cleanup(func() { _ = cmd.Process.Kill(); _ = cmd.Wait() })
	waitForPartial(t, parent, "sweep", 1, 2)
	time.Sleep(300 * time.Millisecond)
	// Both at once: the first stops the run, the second aborts it before
	// it has written its outputs (the exit status is the second's).
	require.NoError(t, cmd.Process.Signal(os.Interrupt))
	require.NoError(t, cmd.Process.Signal(syscall.SIGTERM))
	code := exitStatus(t, cmd)
	assert.Contains(t, []int{exitInterrupted, exitTerminated}, code)
	assert.Empty(t, entries(t, parent), "aborted: no output, no temporary directory, no lock file")
}

// TestKilledRunsPartialIsRemovedByTheNextRun: kill -9 leaves a temporary
// directory; the next run to the same -out removes it (its process is
// gone) and says so.
func TestKilledRunsPartialIsRemovedByTheNextRun(t *testing.T) {
	if testing.Short() {
		t.Skip("builds the runner")
	}
	bin := buildRunner(t)
	parent := t.TempDir()
	cmd, _ := startRunner(t, bin, parent, "out")
	require.NoError(t, cmd.Process.Kill()) // SIGKILL
	_ = cmd.Wait()
	stale, err := filepath.Glob(filepath.Join(parent, ".out.partial-*"))
	require.NoError(t, err)
	require.Len(t, stale, 1, "kill -9 leaves the temporary directory")
	assert.Contains(t, stale[0], ".out.partial-"+strconv.Itoa(cmd.Process.Pid)+"-", "named by the run's pid")

	// A live run's temporary directory of another output is left alone.
	other := filepath.Join(parent, ".other.partial-"+strconv.Itoa(os.Getpid())+"-1")
	require.NoError(t, os.Mkdir(other, 0o755))

	r := runCLI(t, "-out", filepath.Join(parent, "out"), "lif-demo")
	require.Equal(t, exitOK, r.code, r.stderr)
	assert.Contains(t, r.stderr, "removed "+stale[0])
	assert.Contains(t, r.stderr, "pid "+strconv.Itoa(cmd.Process.Pid))
	assert.NoDirExists(t, stale[0])
	assert.DirExists(t, other)
	assert.FileExists(t, filepath.Join(parent, "out", "summary.json"))
}

// TestConcurrentRunToTheSameOutIsRefused: a second run to an -out another
// live run is writing fails at once, naming the other process.
func TestConcurrentRunToTheSameOutIsRefused(t *testing.T) {
	if testing.Short() {
		t.Skip("builds the runner")
	}
	bin := buildRunner(t)
	parent := t.TempDir()
	cmd, _ := startRunner(t, bin, parent, "out")

	start := time.Now()
	r := runCLI(t, "-quiet", "-out", filepath.Join(parent, "out"), "-duration", "100s", "coba")
	assert.Less(t, time.Since(start), 5*time.Second, "fails at once")
	assert.Equal(t, exitRun, r.code)
	requireOneLine(t, r.stderr)
	assert.Contains(t, r.stderr, "another run (pid "+strconv.Itoa(cmd.Process.Pid)+") is writing it")

	require.NoError(t, cmd.Process.Signal(syscall.SIGTERM))
	assert.Equal(t, exitTerminated, exitStatus(t, cmd))
	assert.True(t, readFullSummary(t, filepath.Join(parent, "out")).Interrupted, "the first run's output is intact")
	// Once it is done, the -out is free again.
	r = runCLI(t, "-quiet", "-out", filepath.Join(parent, "out"), "lif-demo")
	assert.Equal(t, exitOK, r.code, r.stderr)
}
