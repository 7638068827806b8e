package main

import (
	"bytes"
	"encoding/gob"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strings"
	"syscall"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// wallLine matches summary.json's wall-clock time, the one line that
// differs between two runs of the same seed.
var wallLine = regexp.MustCompile(`(?m)^\s*"wall_s": .*\n`)

// requireSameForagingOutputs compares foraging.png byte for byte and
// summary.json byte for byte apart from its "wall_s" line.
func requireSameForagingOutputs(t *testing.T, want, got string) {
	t.Helper()
	a, err := os.ReadFile(filepath.Join(want, "foraging.png"))
	require.NoError(t, err)
	b, err := os.ReadFile(filepath.Join(got, "foraging.png"))
	require.NoError(t, err)
	assert.True(t, bytes.Equal(a, b), "foraging.png differs after resume")
	a, err = os.ReadFile(filepath.Join(want, "summary.json"))
	require.NoError(t, err)
	b, err = os.ReadFile(filepath.Join(got, "summary.json"))
	require.NoError(t, err)
	require.Len(t, wallLine.FindAll(a, -1), 1)
	assert.Equal(t, string(wallLine.ReplaceAll(a, nil)), string(wallLine.ReplaceAll(b, nil)), "summary.json differs after resume")
	assert.Contains(t, string(b), `"ticks": 1500`)
}

// TestForagingResumeIsByteIdentical: foraging stopped at tick 700 (as by
// SIGINT) with -checkpoint-every writes its partial summary and a
// checkpoint; -resume continues it to outputs identical to an
// uninterrupted run of the same seed, and removes the checkpoint.
func TestForagingResumeIsByteIdentical(t *testing.T) {
	dir := t.TempDir()
	full := filepath.Join(dir, "full")
	r := runCLI(t, "-quiet", "-seed", "3", "-out", full, "foraging")
	require.Equal(t, exitOK, r.code, r.stderr)

	part := filepath.Join(dir, "part")
	var stderr bytes.Buffer
	o, err := parseFlags([]string{"-quiet", "-seed", "3", "-checkpoint-every", "1h", "-out", part, "foraging"}, &stderr)
	require.NoError(t, err)
	asked := 0
	code := runForagingStop(o, &bytes.Buffer{}, &stderr, func() bool { asked++; return asked > 700 })
	require.Equal(t, exitInterrupted, code, stderr.String())
	requireOneLine(t, stderr.String())
	ck := checkpointDir(part)
	assert.Contains(t, stderr.String(), "interrupted after 700 ticks")
	assert.Contains(t, stderr.String(), "-resume "+ck)
	require.FileExists(t, filepath.Join(ck, foragingCheckpointFile))
	summary, err := os.ReadFile(filepath.Join(part, "summary.json"))
	require.NoError(t, err)
	assert.Contains(t, string(summary), `"interrupted": true`)
	assert.Contains(t, string(summary), `"ticks": 700`)

	r = runCLI(t, "-quiet", "-resume", ck)
	require.Equal(t, exitOK, r.code, r.stderr)
	assert.Empty(t, r.stderr)
	assert.NoDirExists(t, ck, "the checkpoint is removed once the run is complete")
	requireSameForagingOutputs(t, full, part)
}

// TestForagingSIGTERMThenResumeIsByteIdentical: the runner binary,
// checkpointing after every tick (which slows it to seconds), stopped by
// SIGTERM, exits 143 naming the checkpoint; -resume completes it to the
// outputs of an uninterrupted run.
func TestForagingSIGTERMThenResumeIsByteIdentical(t *testing.T) {
	if testing.Short() {
		t.Skip("builds the runner")
	}
	dir := t.TempDir()
	full := filepath.Join(dir, "full")
	r := runCLI(t, "-quiet", "-seed", "2", "-out", full, "foraging")
	require.Equal(t, exitOK, r.code, r.stderr)

	bin := buildRunner(t)
	part := filepath.Join(dir, "part")
	cmd := exec.Command(bin, "-quiet", "-seed", "2", "-checkpoint-every", "1ns", "-out", part, "foraging")
	var stderr strings.Builder
	cmd.Stderr = &stderr
	require.NoError(t, cmd.Start())
	t.Cleanup(func() { _ = cmd.Process.Kill(); _ = cmd.Wait() })
	ck := checkpointDir(part)
	waitForFile(t, filepath.Join(ck, foragingCheckpointFile))
	require.NoError(t, cmd.Process.Signal(syscall.SIGTERM))
	require.Equal(t, exitTerminated, exitStatus(t, cmd), "stderr: %s", stderr.String())
	assert.Contains(t, stderr.String(), "-resume "+ck)
	summary, err := os.ReadFile(filepath.Join(part, "summary.json"))
	require.NoError(t, err)
	require.Contains(t, string(summary), `"interrupted": true`)
	require.NotContains(t, string(summary), `"ticks": 1500`, "stopped midway")

	r = runCLI(t, "-quiet", "-resume", ck)
	require.Equal(t, exitOK, r.code, r.stderr)
	assert.NoDirExists(t, ck)
	requireSameForagingOutputs(t, full, part)
}

// TestBadForagingCheckpointIsOneClearUsageError: an unreadable, old or
// mismatching foraging checkpoint, or -resume with other options, is one
// line on stderr, exit status 2, and no output.
func TestBadForagingCheckpointIsOneClearUsageError(t *testing.T) {
	dir := t.TempDir()
	good := filepath.Join(dir, "good")
	var stderr bytes.Buffer
	o, err := parseFlags([]string{"-quiet", "-plots=false", "-checkpoint-every", "1h", "-out", good, "foraging"}, &stderr)
	require.NoError(t, err)
	asked := 0
	require.Equal(t, exitInterrupted, runForagingStop(o, &bytes.Buffer{}, &stderr, func() bool { asked++; return asked > 50 }), stderr.String())
	goodCk, err := readForagingCheckpoint(checkpointDir(good))
	require.NoError(t, err)

	write := func(name string, ck any) string {
		d := filepath.Join(dir, name+".checkpoint")
		require.NoError(t, os.MkdirAll(d, 0o755))
		var buf bytes.Buffer
		if b, ok := ck.([]byte); ok {
			buf.Write(b)
		} else {
			require.NoError(t, gob.NewEncoder(&buf).Encode(ck))
		}
		require.NoError(t, os.WriteFile(filepath.Join(d, foragingCheckpointFile), buf.Bytes(), 0o644))
		return d
	}
	old := *goodCk
	old.Version = 0
	oldState := *goodCk
	st := *goodCk.State
	st.Version = 0
	oldState.State = &st
	otherWorld := *goodCk
	st2 := *goodCk.State
	st2.Params.Agents = 90
	otherWorld.State = &st2
	torn := *goodCk
	st3 := *goodCk.State
	st3.Host = st3.Host[:100]
	torn.State = &st3

	cases := []struct {
		name string
		args []string
		want string
	}{
		{"garbage", []string{"-resume", write("garbage", []byte("not a checkpoint"))}, "unreadable checkpoint"},
		{"old checkpoint format", []string{"-resume", write("old", old)}, "checkpoint format 0 (state 1), this build reads 1 (state 1); rerun from the start"},
		{"old state format", []string{"-resume", write("oldstate", oldState)}, "checkpoint format 1 (state 0), this build reads 1 (state 1)"},
		{"another world", []string{"-resume", write("other", otherWorld)}, "the saved state does not fit: it was saved by a run with options"},
		{"torn brain state", []string{"-resume", write("torn", torn)}, "the saved state does not fit: brains:"},
		{"resume with a seed", []string{"-seed", "4", "-resume", checkpointDir(good)}, "give only -resume DIR"},
		{"resume partitioned", []string{"-partitions", "2", "-resume", checkpointDir(good)}, "foraging does not run partitioned"},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			out := filepath.Join(dir, "out-"+strings.ReplaceAll(tc.name, " ", "-"))
			r := runCLI(t, append([]string{"-quiet", "-out", out}, tc.args...)...)
			assert.Equal(t, exitUsage, r.code, r.stderr)
			requireOneLine(t, r.stderr)
			assert.Contains(t, r.stderr, tc.want)
			assert.NoDirExists(t, out, "no output for a refused checkpoint")
		})
	}
}
