package main

import (
	"bytes"
	"encoding/json"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// trainSummaryJSON is what the tests read back from summary.json.
type trainSummaryJSON struct {
	Scenario string
	Seed     uint64
	Training struct {
		Iterations      int      `json:"iterations"`
		LossLast100Mean float64  `json:"loss_last100_mean"`
		WallS           float64  `json:"wall_s"`
		Accuracy        *float64 `json:"accuracy"`
	}
	Files []string
}

// TestEpropSineBuiltin: `run eprop-sine` with a few iterations writes
// loss.csv (one row per iteration), the learning curve, the readout plot,
// the weights and summary.json; the same seed gives an identical
// loss.csv; the weights load again with -set init=DIR and training
// continues from them.
func TestEpropSineBuiltin(t *testing.T) {
	dir := t.TempDir()
	runIt := func(name string, args ...string) (trainSummaryJSON, string) {
		out := filepath.Join(dir, name)
		var stdout, stderr bytes.Buffer
		args = append([]string{"-out", out, "-quiet"}, args...)
		require.Equal(t, exitOK, run(append(args, "eprop-sine"), &stdout, &stderr), stderr.String())
		data, err := os.ReadFile(filepath.Join(out, "summary.json"))
		require.NoError(t, err)
		var s trainSummaryJSON
		require.NoError(t, json.Unmarshal(data, &s))
		loss, err := os.ReadFile(filepath.Join(out, "loss.csv"))
		require.NoError(t, err)
		return s, string(loss)
	}
	s, loss := runIt("a", "-seed", "2", "-set", "iterations=4")
	assert.Equal(t, "eprop-sine", s.Scenario)
	assert.Equal(t, uint64(2), s.Seed)
	assert.Equal(t, 4, s.Training.Iterations)
	assert.Greater(t, s.Training.LossLast100Mean, 0.0)
	lines := strings.Split(strings.TrimSpace(loss), "\n")
	require.Len(t, lines, 5)
	assert.Equal(t, "iteration,loss", lines[0])
	for _, f := range []string{"loss.png", "readout.png", "w_in.npy", "w_rec.npy", "w_out.npy", "feedback.npy"} {
		assert.FileExists(t, filepath.Join(dir, "a", f))
		assert.Contains(t, s.Files, f)
	}
	_, again := runIt("b", "-seed", "2", "-set", "iterations=4")
	assert.Equal(t, loss, again, "same seed, same loss.csv")

	// Continuing from the trained weights: the first loss equals what a
	// fifth iteration of the first run would be, i.e. differs from the
	// first run's first loss.
	_, cont := runIt("c", "-seed", "2", "-set", "iterations=1", "-set", "init="+filepath.Join(dir, "a"))
	first := strings.Split(strings.Split(strings.TrimSpace(cont), "\n")[1], ",")[1]
	assert.NotEqual(t, strings.Split(lines[1], ",")[1], first, "loaded weights must be used")
	_, five := runIt("d", "-seed", "2", "-set", "iterations=5")
	assert.Equal(t, strings.Split(strings.Split(strings.TrimSpace(five), "\n")[5], ",")[1], first,
		"training from saved weights continues exactly (gradient descent has no optimiser state)")

	// NEST's data and reset order: the first loss is NEST's reference
	// (systems/eprop TestSineMatchesNESTReference checks five to 1e-12).
	_, nest := runIt("e", "-seed", "1", "-set", "iterations=1", "-set", "data=numpy", "-set", "reset=bellec")
	l1, err := strconv.ParseFloat(strings.Split(strings.Split(strings.TrimSpace(nest), "\n")[1], ",")[1], 64)
	require.NoError(t, err)
	assert.InEpsilon(t, 101.964356999041, l1, 1e-9)
}

// TestEpropBadInput: unknown -set keys, bad values, a missing or
// mismatched init directory and flags a training scenario does not take
// are usage errors that name the culprit.
func TestEpropBadInput(t *testing.T) {
	dir := t.TempDir()
	cases := []struct {
		args []string
		want string
	}{
		{[]string{"-set", "iterations=0", "eprop-sine"}, "iterations"},
		{[]string{"-set", "tau=3", "eprop-sine"}, "unknown key"},
		{[]string{"-set", "feedback=mirror", "eprop-evidence"}, "unknown feedback"},
		{[]string{"-set", "init=" + filepath.Join(dir, "none"), "eprop-sine"}, "init"},
		{[]string{"-duration", "1s", "eprop-sine"}, "takes only"},
		{[]string{"-set", "data=tf", "eprop-sine"}, "data"},
		{[]string{"-set", "reset=hard", "eprop-sine"}, "reset"},
		{[]string{"-set", "data=numpy", "eprop-evidence"}, "applies to eprop-sine only"},
		{[]string{"-set", "refractory=suppress", "eprop-evidence"}, `unknown refractory mode "suppress"; valid: hold, block`},
		{[]string{"-set", "refractory=block", "eprop-sine"}, "applies to eprop-evidence only"},
		{[]string{"-set", "stopping=early", "eprop-evidence"}, `unknown stopping rule "early"; valid: reference, fixed`},
		{[]string{"-set", "stopping=fixed", "eprop-sine"}, "-set stopping applies to eprop-evidence only"},
	}
	for _, c := range cases {
		var stdout, stderr bytes.Buffer
		require.Equal(t, exitUsage, run(append([]string{"-out", filepath.Join(dir, "x")}, c.args...), &stdout, &stderr), c.args)
		assert.Contains(t, stderr.String(), c.want)
	}
	// Weights of the sine network do not fit the evidence network.
	var stdout, stderr bytes.Buffer
	sine := filepath.Join(dir, "sine")
	require.Equal(t, exitOK, run([]string{"-out", sine, "-quiet", "-plots=false", "-set", "iterations=1", "eprop-sine"}, &stdout, &stderr), stderr.String())
	require.Equal(t, exitRun, run([]string{"-out", filepath.Join(dir, "ev"), "-set", "iterations=1", "-set", "init=" + sine, "eprop-evidence"}, &stdout, &stderr))
	assert.Contains(t, stderr.String(), "do not fit")
	stdout.Reset()
	require.Equal(t, exitOK, run([]string{"-list"}, &stdout, &stderr))
	assert.Contains(t, stdout.String(), "eprop-sine")
	assert.Contains(t, stdout.String(), "eprop-evidence")
}

// TestEpropEvidenceBuiltin: `run eprop-evidence` with two iterations
// writes loss.csv with the batch accuracy, validation.csv (a validation
// after the last iteration) and a validation accuracy in summary.json.
func TestEpropEvidenceBuiltin(t *testing.T) {
	out := filepath.Join(t.TempDir(), "ev")
	var stdout, stderr bytes.Buffer
	require.Equal(t, exitOK, run([]string{"-out", out, "-quiet", "-set", "iterations=2", "eprop-evidence"}, &stdout, &stderr), stderr.String())
	data, err := os.ReadFile(filepath.Join(out, "summary.json"))
	require.NoError(t, err)
	var s trainSummaryJSON
	require.NoError(t, json.Unmarshal(data, &s))
	assert.Equal(t, 2, s.Training.Iterations)
	require.NotNil(t, s.Training.Accuracy)
	assert.True(t, *s.Training.Accuracy >= 0 && *s.Training.Accuracy <= 1)
	loss, err := os.ReadFile(filepath.Join(out, "loss.csv"))
	require.NoError(t, err)
	lines := strings.Split(strings.TrimSpace(string(loss)), "\n")
	assert.Equal(t, "iteration,loss,accuracy", lines[0])
	assert.Len(t, lines, 3)
	val, err := os.ReadFile(filepath.Join(out, "validation.csv"))
	require.NoError(t, err)
	assert.True(t, strings.HasPrefix(string(val), "iteration,error,trials,confirmation\n2,"), string(val))
}
