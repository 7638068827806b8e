package main

import (
	"os"
	"path/filepath"
	"strconv"
	"testing"

	"codeberg.org/sbinet/npyio/npy"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// readNPYShape reads a float64 .npy file: its values and shape.
func readNPYShape(t *testing.T, path string) ([]float64, []int) {
	t.Helper()
	f, err := os.Open(path)
	require.NoError(t, err)
	defer f.Close()
	r, err := npy.NewReader(f)
	require.NoError(t, err)
	var xs []float64
	require.NoError(t, r.Read(&xs))
	return xs, r.Header.Descr.Shape
}

// TestWeightTrajectory: record.weights on stdp-demo (300 ms) writes a T×S
// array every 10 ms (T = 30, S = 1000), its times, and the same numbers
// as CSV; recorded every step, the last row is the final weights file.
func TestWeightTrajectory(t *testing.T) {
	dir := t.TempDir()
	run := func(every, out string) string {
		path := filepath.Join(dir, out)
		r := runCLI(t, "-quiet", "-plots=false", "-format", "both", "-duration", "300ms",
			"-set", "record.weights=[{projection: plastic, every: "+every+"}]", "-out", path, "stdp-demo")
		require.Equal(t, exitOK, r.code, r.stderr)
		return path
	}
	out := run("10 ms", "ten")
	w, shape := readNPYShape(t, filepath.Join(out, "weights_plastic_trace.npy"))
	require.Equal(t, []int{30, 1000}, shape)
	ts, _ := readNPYShape(t, filepath.Join(out, "weights_plastic_trace_t_ms.npy"))
	require.Len(t, ts, 30)
	for i, x := range ts {
		assert.InDelta(t, 10*float64(i), x, 1e-9, "row %d time", i)
	}
	changed := 0
	for k := range 1000 {
		x0, xl := w[k], w[29*1000+k]
		assert.True(t, x0 >= 0 && x0 <= 1e-10 && xl >= 0 && xl <= 1e-10, "weights stay in [0, w_max]")
		if x0 != xl {
			changed++
		}
	}
	assert.Greater(t, changed, 100, "STDP changes weights within 300 ms")
	header, rows := readCSV(t, filepath.Join(out, "weights_plastic_trace.csv"))
	require.Len(t, header, 1001)
	assert.Equal(t, []string{"t_ms", "s0", "s1"}, header[:3])
	require.Len(t, rows, 30)
	for _, i := range []int{0, 17, 29} {
		for _, k := range []int{0, 500, 999} {
			x, err := strconv.ParseFloat(rows[i][1+k], 64)
			require.NoError(t, err)
			assert.Equal(t, w[i*1000+k], x, "csv row %d synapse %d equals the npy", i, k)
		}
	}
	every := run("0.1 ms", "every")
	w, shape = readNPYShape(t, filepath.Join(every, "weights_plastic_trace.npy"))
	require.Equal(t, []int{3000, 1000}, shape)
	final, _ := readNPYShape(t, filepath.Join(every, "weights_plastic.npy"))
	assert.Equal(t, final, w[2999*1000:], "the last step's row is the final weights")
}

// TestWeightTrajectoryBadInput: record.weights of an unknown or
// non-plastic projection, a bad interval, and checkpoints are refused.
func TestWeightTrajectoryBadInput(t *testing.T) {
	cases := []struct{ name, set, want string }{
		{"unknown projection", "record.weights=[{projection: nope, every: 1 ms}]", `record.weights[0].projection: unknown projection "nope"; projections with learning: plastic`},
		{"interval without unit", "record.weights=[{projection: plastic, every: 10}]", "record.weights[0].every: expected a time"},
		{"missing every", "record.weights=[{projection: plastic}]", "record.weights[0].every: is required"},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			out := filepath.Join(t.TempDir(), "out")
			r := runCLI(t, "-quiet", "-set", c.set, "-out", out, "stdp-demo")
			assert.Equal(t, exitUsage, r.code)
			assert.Contains(t, r.stderr, c.want)
			assert.NoDirExists(t, out)
		})
	}
	nonPlastic := writeScenario(t, "np.yaml", `populations:
  - {name: a, size: 2, source: {kind: poisson, rate: 5 Hz}}
  - {name: b, size: 2, model: LIF}
projections:
  - {name: ab, pre: a, post: b, synapse: {kind: expon}, output: {kind: cuba}, connect: {rule: all_to_all}, weight: 1 nS}
record:
  weights: [{projection: ab, every: 1 ms}]
`)
	r := runCLI(t, "-quiet", "-out", filepath.Join(t.TempDir(), "o"), nonPlastic)
	assert.Equal(t, exitUsage, r.code)
	assert.Contains(t, r.stderr, `np.yaml:7: record.weights[0].projection: projection "ab" has no learning`)
	ou := writeScenario(t, "ou.yaml", "populations:\n  - {name: b, size: 2, model: LIF}\ninputs:\n  - {population: b, noise: {kind: ou, sigma: 1 mA, tau: 2 ms}}\n")
	r = runCLI(t, "-quiet", "-checkpoint-every", "1s", "-out", filepath.Join(t.TempDir(), "o"), ou)
	assert.Equal(t, exitUsage, r.code)
	assert.Contains(t, r.stderr, "ou.yaml:4: inputs[0].noise: -checkpoint-every and -resume do not support Ornstein-Uhlenbeck noise")
}
