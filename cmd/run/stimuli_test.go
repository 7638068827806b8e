package main

import (
	"bytes"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// stimuliScenario uses every new stimulus with per-neuron parameters and
// files: an inhomogeneous Poisson source from a per-neuron CSV, a
// per-neuron sine Poisson input into V, OU and white noise, steps, a ramp
// and a replayed per-neuron series.
const stimuliScenario = `
name: stimuli
dt: 0.1 ms
duration: 120 ms
seed: 9
populations:
  - {name: src, size: 4, source: {kind: inhomogeneous_poisson, rate: {kind: series, file: rates.csv, unit: Hz, dt: 20 ms}}}
  - name: exc
    size: 7
    model: LIF
    params: {tau: 10 ms}
projections:
  - {name: se, pre: src, post: exc, synapse: {kind: expon, tau: 3 ms}, output: {kind: cuba}, connect: {rule: all_to_all}, weight: 0.3 mS}
inputs:
  - {population: exc, noise: {kind: ou, mean: 0.6 mA, sigma: [0.1 mA, 0.2 mA, 0.3 mA, 0.4 mA, 0.5 mA, 0.6 mA, 0.7 mA], tau: 4 ms}}
  - {population: exc, noise: {kind: white, sigma: 0.05 mA}, start: 10 ms}
  - {population: exc, current: {kind: steps, times: [20 ms, 60 ms], values: [0.3 mA, 0 mA]}}
  - {population: exc, current: {kind: ramp, from: 0 mA, to: [0.1 mA, 0.2 mA, 0.3 mA, 0.4 mA, 0.5 mA, 0.6 mA, 0.7 mA]}, start: 60 ms, stop: 110 ms}
  - {population: exc, current: {kind: series, file: drive.csv, unit: mA, dt: 7 ms}}
  - {population: exc, poisson: {count: 20, weight: 0.05 mV, rate: {kind: sine, offset: 50 Hz, amplitude: [10 Hz, 20 Hz, 30 Hz, 40 Hz, 50 Hz, 60 Hz, 70 Hz], frequency: 10 Hz}}}
record:
  spikes: [src, exc]
  state:
    - {population: exc, vars: [V], neurons: [6, 0, 3]}
`

// TestStimuliIdenticalAcrossPartitions: a scenario using the new inputs
// (and the stimuli-demo built-in) writes byte-identical spikes and state
// with -partitions 1, 2 and 3 for the same seed.
func TestStimuliIdenticalAcrossPartitions(t *testing.T) {
	dir := t.TempDir()
	var drive strings.Builder
	for k := range 12 {
		for i := range 7 {
			if i > 0 {
				drive.WriteByte(',')
			}
			fmt.Fprintf(&drive, "%g", 0.1*float64((k+i)%5))
		}
		drive.WriteByte('\n')
	}
	files := map[string]string{
		"s.yaml":    stimuliScenario,
		"rates.csv": "r0,r1,r2,r3\n0,50,100,200\n200,100,50,0\n100,100,100,100\n",
		"drive.csv": drive.String(),
	}
	for name, content := range files {
		require.NoError(t, os.WriteFile(filepath.Join(dir, name), []byte(content), 0o644))
	}
	for _, sc := range []string{filepath.Join(dir, "s.yaml"), "stimuli-demo"} {
		out := func(k string) string { return filepath.Join(dir, filepath.Base(sc)+"-k"+k) }
		for _, k := range []string{"1", "2", "3"} {
			r := runCLI(t, "-quiet", "-plots=false", "-format", "both", "-duration", "120ms", "-partitions", k, "-out", out(k), sc)
			require.Equal(t, exitOK, r.code, r.stderr)
		}
		for _, f := range []string{"spikes.csv", "state.csv", "spikes_t_ms.npy", "state_value.npy"} {
			want, err := os.ReadFile(filepath.Join(out("1"), f))
			require.NoError(t, err)
			for _, k := range []string{"2", "3"} {
				got, err := os.ReadFile(filepath.Join(out(k), f))
				require.NoError(t, err)
				assert.True(t, bytes.Equal(want, got), "%s: %s differs with %s partitions", sc, f, k)
			}
		}
		_, rows := readCSV(t, filepath.Join(out("1"), "spikes.csv"))
		pops := map[string]int{}
		for _, r := range rows {
			pops[r[1]]++
		}
		assert.Greater(t, len(pops), 1, "%s: several populations spike", sc)
		assert.Greater(t, len(rows), 50, "%s: enough spikes to be a test", sc)
	}
}
