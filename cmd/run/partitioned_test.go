package main

import (
	"bytes"
	"encoding/json"
	"os"
	"path/filepath"
	"strconv"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// ratedScenario has a Poisson source, delays and a rate recorder.
const ratedScenario = `
name: rated
dt: 0.1 ms
duration: 80 ms
seed: 5
populations:
  - {name: src, size: 40, source: {kind: poisson, rate: 40 Hz}}
  - name: exc
    size: 90
    model: LIF
    params: {V_init: {dist: uniform, low: 0 mV, high: 1 mV}, tau: {dist: normal, mean: 10 ms, sd: 1 ms}}
projections:
  - {name: se, pre: src, post: exc, synapse: {kind: expon, tau: 3 ms}, output: {kind: cuba}, connect: {rule: fixed_prob, p: 0.3}, weight: 0.4 mS, delay: {dist: uniform, low: 0.2 ms, high: 1 ms}}
  - {name: ee, pre: exc, post: exc, synapse: {kind: expon, tau: 3 ms}, output: {kind: cuba}, connect: {rule: fixed_prob, p: 0.1}, weight: 0.1 mS, delay: 0.5 ms}
record:
  spikes: [src, exc]
  rate: {populations: [src, exc], bin: 5 ms}
  state:
    - {population: exc, vars: [V, spike, a], neurons: [89, 0, 45, 44, 1], stride: 3}
    - {population: src, vars: [spike]}
`

// TestPartitionedRunWritesIdenticalFiles: run -partitions K writes
// spikes.csv, state.csv, rates.csv and the .npy columns byte-identical to
// the unsplit run, and the same spike counts and synaptic events in
// summary.json.
func TestPartitionedRunWritesIdenticalFiles(t *testing.T) {
	rated := writeScenario(t, "rated.yaml", ratedScenario)
	for _, sc := range []string{"coba", rated} {
		dir := t.TempDir()
		outDir := func(k string) string { return filepath.Join(dir, "k"+k) }
		for _, k := range []string{"1", "2", "4"} {
			r := runCLI(t, "-quiet", "-plots=false", "-format", "both", "-duration", "80ms", "-partitions", k, "-out", outDir(k), sc)
			require.Equal(t, exitOK, r.code, r.stderr)
		}
		files, err := filepath.Glob(filepath.Join(outDir("1"), "*.*"))
		require.NoError(t, err)
		compared := 0
		for _, f := range files {
			base := filepath.Base(f)
			if base == "summary.json" || base == reportFile { // both name the partitions
				continue
			}
			want, err := os.ReadFile(f)
			require.NoError(t, err)
			for _, k := range []string{"2", "4"} {
				got, err := os.ReadFile(filepath.Join(outDir(k), base))
				require.NoError(t, err)
				assert.True(t, bytes.Equal(want, got), "%s: %s differs with %s partitions", sc, base, k)
			}
			compared++
		}
		assert.GreaterOrEqual(t, compared, 3, "spikes and state (and rates) compared")
		type sumFile struct {
			SpikesTotal    int64 `json:"spikes_total"`
			SynapticEvents int64 `json:"synaptic_events"`
			Partitions     int   `json:"partitions"`
		}
		read := func(k string) sumFile {
			b, err := os.ReadFile(filepath.Join(outDir(k), "summary.json"))
			require.NoError(t, err)
			var s sumFile
			require.NoError(t, json.Unmarshal(b, &s))
			return s
		}
		one := read("1")
		require.Greater(t, one.SpikesTotal, int64(50), "%s must spike to be a test", sc)
		for _, k := range []string{"2", "4"} {
			s := read(k)
			assert.Equal(t, one.SpikesTotal, s.SpikesTotal, "%s K=%s: spikes", sc, k)
			assert.Equal(t, one.SynapticEvents, s.SynapticEvents, "%s K=%s: synaptic events", sc, k)
			assert.Equal(t, k, strconv.Itoa(s.Partitions), "%s: summary.json partitions", sc)
		}
	}
}

// TestPartitionedRunBadInput: clear errors, exit status 2 and no output
// directory for unusable partitioned runs.
func TestPartitionedRunBadInput(t *testing.T) {
	small := writeScenario(t, "small.yaml", "populations:\n  - {name: tiny, size: 3, model: LIF}\n")
	cases := []struct {
		name string
		args []string
		want string
	}{
		{"more partitions than neurons", []string{"-partitions", "4", small}, "fewer than the 4 partitions"},
		{"more partitions than neurons, -validate", []string{"-validate", "-partitions", "4", small}, "fewer than the 4 partitions"},
		{"zero partitions", []string{"-partitions", "0", small}, "-partitions: must be at least 1"},
		{"sweep", []string{"-partitions", "2", "-trials", "2", small}, "do not run partitioned"},
		{"checkpoint", []string{"-partitions", "2", "-checkpoint-every", "1s", small}, "-checkpoint-every"},
		{"training scenario", []string{"-partitions", "2", "eprop-sine"}, "eprop-sine does not run partitioned"},
		{"foraging", []string{"-partitions", "2", "foraging"}, "foraging does not run partitioned"},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			out := filepath.Join(t.TempDir(), "out")
			r := runCLI(t, append([]string{"-quiet", "-out", out}, c.args...)...)
			assert.Equal(t, exitUsage, r.code)
			assert.Contains(t, r.stderr, c.want)
			assert.NoDirExists(t, out)
		})
	}
}
