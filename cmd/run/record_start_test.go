package main

import (
	"encoding/json"
	"os"
	"path/filepath"
	"strconv"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// recordStartScenario is 20 LIF neurons driven to fire regularly, recorded
// from 100 ms on.
const recordStartScenario = `
name: warm
duration: 200 ms
populations:
  - {name: p, size: 20, model: LIF, params: {tau: 10 ms}}
inputs:
  - {population: p, current: 1.2 mA}
record:
  start: 100 ms
  spikes: [p]
  state:
    - {population: p, vars: [V], neurons: [0]}
`

// TestRecordStartSkipsTheWarmUp checks that record.start keeps earlier
// spikes and state out of the files, and that the summary's counts and
// rates cover the window only, equal to what the files hold, on 1 and 2
// partitions.
func TestRecordStartSkipsTheWarmUp(t *testing.T) {
	dir := t.TempDir()
	sc := filepath.Join(dir, "w.yaml")
	require.NoError(t, os.WriteFile(sc, []byte(recordStartScenario), 0o644))
	for _, k := range []string{"1", "2"} {
		out := filepath.Join(dir, "k"+k)
		r := runCLI(t, "-quiet", "-plots=false", "-partitions", k, "-out", out, sc)
		require.Equal(t, exitOK, r.code, r.stderr)
		_, spikes := readCSV(t, filepath.Join(out, "spikes.csv"))
		require.NotEmpty(t, spikes)
		for _, row := range spikes {
			tm, err := strconv.ParseFloat(row[0], 64)
			require.NoError(t, err)
			assert.GreaterOrEqual(t, tm, 100.0, "spike at %v ms is before record.start", tm)
		}
		_, state := readCSV(t, filepath.Join(out, "state.csv"))
		require.Len(t, state, 1000, "100 ms of state at dt 0.1 ms")
		assert.Equal(t, "100", state[0][0])
		data, err := os.ReadFile(filepath.Join(out, "summary.json"))
		require.NoError(t, err)
		var sum struct {
			RecordStartMs float64 `json:"record_start_ms"`
			Populations   []struct {
				Spikes int64   `json:"spikes"`
				RateHz float64 `json:"rate_hz"`
			} `json:"populations"`
		}
		require.NoError(t, json.Unmarshal(data, &sum))
		assert.Equal(t, 100.0, sum.RecordStartMs)
		assert.Equal(t, int64(len(spikes)), sum.Populations[0].Spikes, "summary counts the window's spikes")
		assert.InDelta(t, float64(len(spikes))/20/0.1, sum.Populations[0].RateHz, 1e-9, "rate over the 100 ms window")
	}
	r := runCLI(t, "-quiet", "-duration", "50ms", "-out", filepath.Join(dir, "short"), sc)
	assert.Equal(t, exitUsage, r.code)
	assert.Contains(t, r.stderr, "w.yaml:9: record.start")
}

// TestSpikeSampleWritesTheFirstNeurons: record.spike_sample (here through
// the microcircuit's key) writes the spikes of neurons 0..N-1 of each
// population only, while the summary counts every neuron's spikes.
func TestSpikeSampleWritesTheFirstNeurons(t *testing.T) {
	out := filepath.Join(t.TempDir(), "mc")
	r := runCLI(t, "-quiet", "-duration", "200ms", "-set", "microcircuit.scale=0.02", "-set", "microcircuit.warm_up=0ms",
		"-set", "microcircuit.spike_sample=20", "-out", out, "microcircuit")
	require.Equal(t, exitOK, r.code, r.stderr)
	_, rows := readCSV(t, filepath.Join(out, "spikes.csv"))
	require.NotEmpty(t, rows)
	for _, row := range rows {
		i, err := strconv.Atoi(row[2])
		require.NoError(t, err)
		assert.Less(t, i, 20, "neuron %d of %s is beyond the sample", i, row[1])
	}
	data, err := os.ReadFile(filepath.Join(out, "summary.json"))
	require.NoError(t, err)
	var sum struct {
		SpikesTotal int64 `json:"spikes_total"`
	}
	require.NoError(t, json.Unmarshal(data, &sum))
	assert.Greater(t, sum.SpikesTotal, int64(len(rows)), "the summary counts every neuron")
}
