package main

import (
	"os/exec"
	"path/filepath"
	"strings"
	"syscall"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/spikecs/spikecs/scenarios"
)

const hugeScenario = "populations:\n  - {name: p, size: 300000000, model: LIF}\nrecord:\n  spikes: [p]\n"

// skipUnlessTooLarge skips when this machine could hold the scenario (the
// test must never start building it).
func skipUnlessTooLarge(t *testing.T, yaml string) {
	t.Helper()
	sc, err := scenarios.Parse([]byte(yaml), "huge.yaml")
	require.NoError(t, err)
	avail, ok := availableMemory()
	if !ok {
		t.Skip("no /proc/meminfo")
	}
	if sc.EstimateMemory().Bytes <= avail {
		t.Skipf("this machine has %s available, enough for the scenario", scenarios.HumanBytes(avail))
	}
}

// TestHugeScenarioIsRefusedQuickly: a 3·10⁸-neuron scenario is refused
// at once with the estimate and the available memory, exit 1, nothing
// written; -validate prints the estimate and does not crash.
func TestHugeScenarioIsRefusedQuickly(t *testing.T) {
	skipUnlessTooLarge(t, hugeScenario)
	file := writeScenario(t, "huge.yaml", hugeScenario)
	parent := t.TempDir()
	start := time.Now()
	r := runCLI(t, "-out", filepath.Join(parent, "huge"), file)
	assert.Less(t, time.Since(start), 5*time.Second, "refused before allocating")
	assert.Equal(t, exitRun, r.code)
	requireOneLine(t, r.stderr)
	for _, want := range []string{file, "needs more memory than is available", "300000000 neurons", "0 synapses", "GiB", " bytes", "available", "MemAvailable"} {
		assert.Contains(t, r.stderr, want)
	}
	assert.Empty(t, entries(t, parent), "nothing written")

	start = time.Now()
	r = runCLI(t, "-validate", file)
	assert.Less(t, time.Since(start), 5*time.Second)
	assert.Equal(t, exitRun, r.code)
	assert.Contains(t, r.stdout, "memory estimate 300000000 neurons")
	assert.Contains(t, r.stderr, "needs more memory")

	// The same in a sweep (every run's estimate, before any runs).
	r = runCLI(t, "-out", filepath.Join(parent, "sw"), "-sweep", "duration=1ms,2ms", file)
	assert.Equal(t, exitRun, r.code)
	assert.Contains(t, r.stderr, "needs more memory")
}

// TestValidatePrintsTheEstimate: -validate prints the memory estimate.
func TestValidatePrintsTheEstimate(t *testing.T) {
	r := runCLI(t, "-validate", "coba")
	require.Equal(t, exitOK, r.code, r.stderr)
	assert.Contains(t, r.stdout, "memory estimate 4000 neurons, 320000 synapses: about ")
}

// TestMemoryEstimateIsClose: the estimate is within [0.7, 1.6] of the
// runner's measured peak resident memory, for a large population, a
// network with shared weights and one with per-synapse weights and delays.
func TestMemoryEstimateIsClose(t *testing.T) {
	if testing.Short() {
		t.Skip("builds the runner and runs networks of 10⁷ synapses")
	}
	bin := buildRunner(t)
	for name, yaml := range map[string]string{
		"population":  "duration: 1 ms\npopulations:\n  - {name: p, size: 2000000, model: LIF}\nrecord:\n  spikes: [p]\n",
		"shared":      "duration: 1 ms\npopulations:\n  - {name: p, size: 40000, model: LIF}\nprojections:\n  - {pre: p, post: p, synapse: {kind: expon, tau: 5 ms}, output: {kind: cuba}, connect: {rule: fixed_prob, p: 0.01}, weight: 1 nS}\n",
		"per-synapse": "duration: 1 ms\npopulations:\n  - {name: p, size: 50000, model: LIF}\nprojections:\n  - {pre: p, post: p, synapse: {kind: expon, tau: 5 ms}, output: {kind: cuba}, connect: {rule: fixed_in_degree, n: 200}, weight: {dist: normal, mean: 1 nS, sd: 0.1 nS}, delay: {dist: uniform, low: 1 ms, high: 2 ms}}\n",
	} {
		t.Run(name, func(t *testing.T) {
			file := writeScenario(t, name+".yaml", yaml)
			sc, err := scenarios.Load(file)
			require.NoError(t, err)
			est := sc.EstimateMemory()
			cmd := exec.Command(bin, "-quiet", "-plots=false", "-out", filepath.Join(t.TempDir(), "o"), file)
			var stderr strings.Builder
			cmd.Stderr = &stderr
			require.NoError(t, cmd.Run(), stderr.String())
			peak := cmd.ProcessState.SysUsage().(*syscall.Rusage).Maxrss * 1024
			ratio := float64(est.Bytes) / float64(peak)
			t.Logf("%s: estimate %s, peak RSS %s, ratio %.2f", name, scenarios.HumanBytes(est.Bytes), scenarios.HumanBytes(peak), ratio)
			assert.InDelta(t, 1.15, ratio, 0.45, "estimate/peak")
		})
	}
}
