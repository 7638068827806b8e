package scenarios_test

import (
	"math"
	"strings"
	"testing"

	"github.com/stretchr/testify/require"

	"github.com/spikecs/spikecs/ecs"
	"github.com/spikecs/spikecs/scenarios"
)

// iafExpScenario drives three iaf_psc_exp neurons with a constant I_e and
// excitatory (tau 2 ms) and inhibitory (tau 0.5 ms) current synapses from
// a spike-time source; neuron 1 crosses threshold, so the clamp is tested.
const iafExpScenario = `
name: iaf-exact
dt: 0.1 ms
duration: 60 ms
seed: 3
populations:
  - name: src
    size: 2
    source: {kind: spike_times, times: [1 ms, 3 ms, 3.05 ms, 7 ms, 20 ms, 21 ms, 40 ms], neurons: [0, 1, 0, 0, 0, 1, 0]}
  - name: iaf
    size: 3
    model: iaf_psc_exp
    params:
      C_m: 250 pF
      tau_m: 10 ms
      t_ref: 2 ms
      E_L: -65 mV
      V_reset: -70 mV
      V_th: -55 mV
      I_e: [300 pA, 420 pA, 0 pA]
      V_init: [-65 mV, -60 mV, -58 mV]
projections:
  - {name: ex, pre: src, post: iaf, synapse: {kind: expon, tau: 2 ms}, output: {kind: cuba}, connect: {rule: all_to_all}, weight: 0.9 nS}
  - {name: in, pre: src, post: iaf, synapse: {kind: expon, tau: 0.5 ms}, output: {kind: cuba}, connect: {rule: all_to_all}, weight: -0.3 nS}
`

// TestIafPscExpMatchesNESTPropagators runs iaf_psc_exp and, step by step,
// an independent implementation of NEST's update (plain propagator
// formulas, V relative to E_L, refractory counter) fed with the channel
// currents the simulation holds at the start of each step. V must agree to
// 1e-9 mV at every step, and the spike steps exactly.
func TestIafPscExpMatchesNESTPropagators(t *testing.T) {
	// Two channels (tau 2 and 0.5 ms: the general path) and one shared
	// channel (both projections at tau 2 ms: the one-pass path).
	for name, yml := range map[string]string{
		"two channels": iafExpScenario,
		"one channel":  strings.Replace(iafExpScenario, "tau: 0.5 ms", "tau: 2 ms", 1),
	} {
		t.Run(name, func(t *testing.T) { checkIafPscExp(t, yml) })
	}
}

// checkIafPscExp runs one iaf_psc_exp scenario against the reference.
func checkIafPscExp(t *testing.T, yml string) {
	sc, err := scenarios.Parse([]byte(yml), "iaf.yaml")
	require.NoError(t, err)
	sim, _, err := sc.BuildNetwork(ecs.Options{DtMs: sc.DtMs, Seed: sc.Seed})
	require.NoError(t, err)
	id, ok := sim.Population("iaf")
	require.True(t, ok)

	const (
		h, cm, tauM, eL, vReset, vTh = 0.1, 250e-9, 10.0, -65.0, -70.0, -55.0
		refSteps                     = 20 // t_ref / h
	)
	iE := []float64{300e-9, 420e-9, 0}
	y := []float64{0, 5, 7} // V_init − E_L
	r := make([]int, 3)
	p22 := math.Exp(-h / tauM)
	p20 := tauM / cm * (1 - p22)
	p21 := func(tauS float64) float64 {
		return tauS * tauM / (cm * (tauM - tauS)) * (math.Exp(-h/tauM) - math.Exp(-h/tauS))
	}
	// Channel currents (mA) at the start of the step, per slot: G·scale.
	prev := [2][]float64{make([]float64, 3), make([]float64, 3)}
	taus := [2]float64{}
	spikes, maxI := 0, [2]float64{}
	for step := 0; step < 600; step++ {
		// The reference step, from the currents at the start of the step.
		for k := range y {
			if r[k] == 0 {
				v := p22*y[k] + p20*iE[k]
				for c := range prev {
					if taus[c] > 0 {
						v += p21(taus[c]) * prev[c][k]
					}
				}
				y[k] = v
			} else {
				r[k]--
			}
		}
		require.NoError(t, sim.Step())
		v, err := sim.Bind(id)
		require.NoError(t, err)
		for c, ch := range v.Channels.List {
			taus[ch.Slot] = ch.Params.TauMs
			for k := range prev[c] {
				prev[ch.Slot][k] = v.SynG[ch.Slot][k] * ch.Params.ScaleMV
				maxI[ch.Slot] = max(maxI[ch.Slot], math.Abs(prev[ch.Slot][k]))
			}
		}
		for k := range y {
			require.InDelta(t, eL+y[k], v.Membrane[k].V, 1e-9, "step %d neuron %d: V", step, k)
			fired := y[k] >= vTh-eL
			require.Equal(t, fired, v.Spike[k].S == 1, "step %d neuron %d: spike", step, k)
			if fired {
				spikes++
				y[k], r[k] = vReset-eL, refSteps
			}
		}
		require.NoError(t, sim.Unbind(v))
	}
	require.Greater(t, spikes, 3, "the fixture must make neurons spike to test the reset and clamp")
	require.Greater(t, maxI[0], 1e-7, "excitatory synaptic current must reach the neurons")
	if len(taus) > 1 && taus[1] > 0 {
		require.Greater(t, maxI[1], 1e-7, "inhibitory synaptic current must reach the neurons")
	}
}
