package scenarios_test

import (
	"testing"

	"github.com/stretchr/testify/require"

	"github.com/spikecs/spikecs/ecs"
	"github.com/spikecs/spikecs/scenarios"
)

// TestCatalogueModelsIgnoreTheBlockSize runs every catalogue model in a
// population larger than a block (neuron systems run block by block: a
// model's reset of a later block must not see state the spike stage of an
// earlier block already rewrote) and requires the spikes to equal those of
// one block per population.
func TestCatalogueModelsIgnoreTheBlockSize(t *testing.T) {
	const y = `
dt: 0.1 ms
seed: 9
populations:
  - {name: drive, size: 30, source: {kind: poisson, rate: 200 Hz}}
  - {name: adex, size: 11, model: AdEx, params: {R: 100 Mohm, tau: 20 ms, V_rest: -70 mV, V_reset: -58 mV, V_T: -50 mV, delta_T: 2 mV, V_th: 0 mV, a: 2 nS, b: 0.06 nA, tau_w: 30 ms, V_init: {dist: uniform, low: -70 mV, high: -52 mV}}}
  - {name: iaf, size: 13, model: iaf_psc_exp, params: {I_e: 370 pA, V_init: {dist: uniform, low: -70 mV, high: -56 mV}}}
  - {name: izh, size: 9, model: Izhikevich, params: {V_init: {dist: uniform, low: -70 mV, high: -50 mV}}}
  - {name: qif, size: 7, model: AdQIF}
  - {name: gif, size: 10, model: GIF, params: {lambda_0: 80 Hz, delta_V: 2 mV, V_T_star: -52 mV, R: 100 Mohm}}
  - {name: hh, size: 5, model: HH}
inputs:
  - {population: adex, current: 0.4 nA}
  - {population: izh, current: 9 mA}
  - {population: qif, current: 25 mA}
  - {population: gif, current: 0.25 nA}
  - {population: hh, current: 0.01 mA}
projections:
  - {name: d-iaf, pre: drive, post: iaf, synapse: {kind: expon, tau: 0.5 ms}, output: {kind: cuba}, connect: {rule: fixed_prob, p: 0.5}, weight: 60 pS, delay: {dist: uniform, low: 0.1 ms, high: 2 ms}}
  - {name: iaf-adex, pre: iaf, post: adex, synapse: {kind: expon, tau: 3 ms}, output: {kind: coba, E: 0 mV}, connect: {rule: all_to_all}, weight: 0.5 nS}
`
	run := func(block int) [][]int32 {
		sc, err := scenarios.Parse([]byte(y), "blocks.yaml")
		require.NoError(t, err)
		sim, _, err := sc.BuildNetwork(ecs.Options{BlockSize: block})
		require.NoError(t, err)
		var out [][]int32
		for s := 0; s < 3000; s++ {
			require.NoError(t, sim.Step())
			for id := range sim.Populations() {
				out = append(out, append([]int32(nil), sim.Fired(id)...))
			}
		}
		return out
	}
	whole := run(0)
	n := 0
	for _, f := range whole {
		n += len(f)
	}
	require.Greater(t, n, 200, "the populations must spike for the comparison to mean something")
	require.Equal(t, whole, run(4), "blocks of 4 neurons give the spikes of one block per population")
}
