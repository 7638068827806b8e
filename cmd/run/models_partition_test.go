package main

import (
	"bytes"
	"os"
	"path/filepath"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// catalogueScenario puts one population of several catalogue models (own
// state columns, per-neuron parameters, escape noise, owned channels) into
// a network driven by a Poisson source, so that partitioning cuts their
// parameters and columns and exchanges their spikes.
const catalogueScenario = `
name: catalogue-partitions
dt: 0.1 ms
duration: 150 ms
seed: 11
populations:
  - {name: drive, size: 40, source: {kind: poisson, rate: 80 Hz}}
  - name: adex
    size: 7
    model: AdEx
    params: {R: 100 Mohm, tau: 20 ms, V_rest: -70 mV, V_reset: -58 mV, V_T: -50 mV, delta_T: 2 mV, V_th: 0 mV, V_init: {dist: uniform, low: -70 mV, high: -55 mV}, a: 2 nS, b: 0.06 nA, tau_w: 30 ms}
  - name: iaf
    size: 9
    model: iaf_psc_exp
    params: {I_e: [300 pA, 320 pA, 340 pA, 360 pA, 380 pA, 400 pA, 420 pA, 440 pA, 460 pA], V_init: {dist: uniform, low: -70 mV, high: -56 mV}}
  - name: gif
    size: 8
    model: GIF
    components: [refractory]
    params: {lambda_0: 50 Hz, delta_V: 2 mV, V_T_star: -50 mV, R: 100 Mohm, a_eta: 0.01 nA}
  - name: izh
    size: 5
    model: Izhikevich
inputs:
  - {population: adex, current: 0.4 nA}
  - {population: gif, current: 0.25 nA}
  - {population: izh, current: 8 mA}
projections:
  - {name: d-adex, pre: drive, post: adex, synapse: {kind: expon, tau: 5 ms}, output: {kind: coba, E: 0 mV}, connect: {rule: fixed_prob, p: 0.3}, weight: 1 nS}
  - {name: d-iaf, pre: drive, post: iaf, synapse: {kind: expon, tau: 0.5 ms}, output: {kind: cuba}, connect: {rule: fixed_in_degree, n: 10}, weight: 80 pS}
  - {name: adex-iaf, pre: adex, post: iaf, synapse: {kind: expon, tau: 2 ms}, output: {kind: cuba}, connect: {rule: all_to_all}, weight: -30 pS, delay: 1 ms}
  - {name: iaf-gif, pre: iaf, post: gif, synapse: {kind: expon, tau: 3 ms}, output: {kind: cuba}, connect: {rule: fixed_prob, p: 0.5}, weight: 20 pS}
record:
  spikes: [adex, iaf, gif, izh]
  state:
    - {population: adex, vars: [V, w]}
    - {population: iaf, vars: [V, I0, I1]}
    - {population: gif, vars: [V, eta, gamma]}
    - {population: izh, vars: [V, u]}
`

// TestCatalogueModelsIdenticalAcrossPartitions runs the catalogue scenario
// on 1, 2 and 3 partitions: spikes and recorded state (including the
// models' own variables and the channels' currents) must be byte-identical.
func TestCatalogueModelsIdenticalAcrossPartitions(t *testing.T) {
	dir := t.TempDir()
	sc := filepath.Join(dir, "cat.yaml")
	require.NoError(t, os.WriteFile(sc, []byte(catalogueScenario), 0o644))
	out := func(k string) string { return filepath.Join(dir, "k"+k) }
	for _, k := range []string{"1", "2", "3"} {
		r := runCLI(t, "-quiet", "-plots=false", "-partitions", k, "-out", out(k), sc)
		require.Equal(t, exitOK, r.code, r.stderr)
	}
	_, rows := readCSV(t, filepath.Join(out("1"), "spikes.csv"))
	pops := map[string]int{}
	for _, r := range rows {
		pops[r[1]]++
	}
	for _, p := range []string{"adex", "iaf", "gif", "izh"} {
		assert.Greater(t, pops[p], 0, "population %s must spike for the comparison to mean something", p)
	}
	for _, f := range []string{"spikes.csv", "state.csv"} {
		want, err := os.ReadFile(filepath.Join(out("1"), f))
		require.NoError(t, err)
		for _, k := range []string{"2", "3"} {
			got, err := os.ReadFile(filepath.Join(out(k), f))
			require.NoError(t, err)
			assert.True(t, bytes.Equal(want, got), "%s differs with %s partitions", f, k)
		}
	}
}

// TestMicrocircuitTooLargeIsRefusedWithTheEstimate: a microcircuit 40
// times the full scale (3.1 M neurons, 12 G synapses, about 110 GiB) is
// refused before anything is built, with the estimate in the message, and
// leaves no output directory.
func TestMicrocircuitTooLargeIsRefusedWithTheEstimate(t *testing.T) {
	out := filepath.Join(t.TempDir(), "mc")
	r := runCLI(t, "-quiet", "-set", "microcircuit.scale=40", "-out", out, "microcircuit")
	require.Equal(t, exitRun, r.code, r.stderr)
	for _, want := range []string{"needs more memory than is available", "3086760 neurons", "synapses", "GiB", "available"} {
		assert.Contains(t, r.stderr, want)
	}
	assert.NoDirExists(t, out)
}
