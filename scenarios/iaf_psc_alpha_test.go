package scenarios_test

import (
	"math"
	"testing"

	"github.com/stretchr/testify/require"

	"github.com/spikecs/spikecs/ecs"
	"github.com/spikecs/spikecs/scenarios"
)

// iafAlphaScenario drives three iaf_psc_alpha neurons with a constant I_e
// and excitatory (tau 2 ms) and inhibitory (tau 0.5 ms) alpha current
// synapses from a spike-time source; neuron 1 crosses threshold, so the
// clamp is tested. Weights 0.3 and −0.2 nS with CUBA scale 1000 mV are
// PSC amplitudes of 300 and −200 pA.
const iafAlphaScenario = `
name: iaf-alpha-exact
dt: 0.1 ms
duration: 60 ms
seed: 3
populations:
  - name: src
    size: 2
    source: {kind: spike_times, times: [1 ms, 3 ms, 3.05 ms, 7 ms, 20 ms, 21 ms, 40 ms], neurons: [0, 1, 0, 0, 0, 1, 0]}
  - name: iaf
    size: 3
    model: iaf_psc_alpha
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
  - {name: ex, pre: src, post: iaf, synapse: {kind: alpha, tau: 2 ms}, output: {kind: cuba}, connect: {rule: all_to_all}, weight: 0.3 nS}
  - {name: in, pre: src, post: iaf, synapse: {kind: alpha, tau: 0.5 ms}, output: {kind: cuba}, connect: {rule: all_to_all}, weight: -0.2 nS}
`

// nestAlphaChannel is the reference's state of one alpha synapse (NEST's
// dI and I, in mA) and its propagators.
type nestAlphaChannel struct {
	tau, wS        float64 // ms; weight, S
	dI, I          []float64
	p11, p21, jump float64
	p31, p32       float64
}

// TestIafPscAlphaMatchesNESTPropagators runs iaf_psc_alpha and, step by
// step, an independent implementation of NEST's update: its own alpha
// channels (dI, I) fed with the source's spikes one step later (the
// scenario's delay-free latency), the propagators written out from their
// definitions (plain exponentials, no expm1), V relative to E_L and the
// refractory counter. V must agree to 1e-9 mV at every step, the channel
// currents to 1e-12 relative, and the spike steps exactly.
func TestIafPscAlphaMatchesNESTPropagators(t *testing.T) {
	sc, err := scenarios.Parse([]byte(iafAlphaScenario), "iaf.yaml")
	require.NoError(t, err)
	sim, _, err := sc.BuildNetwork(ecs.Options{DtMs: sc.DtMs, Seed: sc.Seed})
	require.NoError(t, err)
	id, ok := sim.Population("iaf")
	require.True(t, ok)
	srcID, ok := sim.Population("src")
	require.True(t, ok)

	const (
		h, cm, tauM, eL, vReset, vTh = 0.1, 250e-9, 10.0, -65.0, -70.0, -55.0
		refSteps                     = 20 // t_ref / h
		scaleMV                      = 1000.0
	)
	iE := []float64{300e-9, 420e-9, 0}
	y := []float64{0, 5, 7} // V_init − E_L
	r := make([]int, 3)
	p33 := math.Exp(-h / tauM)
	p30 := tauM / cm * (1 - p33)
	chans := []*nestAlphaChannel{{tau: 2, wS: 0.3e-9}, {tau: 0.5, wS: -0.2e-9}}
	for _, c := range chans {
		a := 1/c.tau - 1/tauM
		em, es := math.Exp(-h/tauM), math.Exp(-h/c.tau)
		c.p11, c.p21, c.jump = es, h*es, math.E/c.tau
		c.p32 = 1 / cm * (em - es) / a
		c.p31 = 1/cm*(em-es)/(a*a) - h*es/(cm*a)
		c.dI, c.I = make([]float64, 3), make([]float64, 3)
	}
	arriving := 0 // source spikes of the previous step (all-to-all: each reaches every neuron)
	spikes, maxI := 0, [2]float64{}
	for step := 0; step < 600; step++ {
		for k := range y {
			if r[k] == 0 {
				v := p30*iE[k] + p33*y[k]
				for _, c := range chans {
					v += c.p31*c.dI[k] + c.p32*c.I[k]
				}
				y[k] = v
			} else {
				r[k]--
			}
			for _, c := range chans {
				c.I[k] = c.p21*c.dI[k] + c.p11*c.I[k]
				c.dI[k] = c.p11*c.dI[k] + c.jump*float64(arriving)*c.wS*scaleMV
			}
		}
		require.NoError(t, sim.Step())
		src, err := sim.Bind(srcID)
		require.NoError(t, err)
		arriving = len(*src.Fired)
		require.NoError(t, sim.Unbind(src))
		v, err := sim.Bind(id)
		require.NoError(t, err)
		require.Len(t, v.Channels.List, 2)
		for _, ch := range v.Channels.List {
			require.Equal(t, scaleMV, ch.Params.ScaleMV)
			c := chans[0]
			if ch.Params.TauMs != c.tau {
				c = chans[1]
			}
			for k := range c.I {
				require.InDelta(t, c.I[k], v.SynG[ch.Slot][k]*scaleMV, 1e-12*max(1e-9, math.Abs(c.I[k])), "step %d neuron %d: I (tau %v)", step, k, c.tau)
				require.InDelta(t, c.dI[k], v.SynH[ch.Slot][k]*scaleMV, 1e-12*max(1e-9, math.Abs(c.dI[k])), "step %d neuron %d: dI (tau %v)", step, k, c.tau)
			}
		}
		for ci, c := range chans {
			for _, x := range c.I {
				maxI[ci] = max(maxI[ci], math.Abs(x))
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
	// A single spike's current peaks at the weight (300 pA) after tau; two
	// near-coincident spikes (3 and 3.05 ms) reach about twice that.
	require.Greater(t, maxI[0], 0.29e-6, "excitatory PSC amplitude")
	require.Greater(t, maxI[1], 0.19e-6, "inhibitory PSC amplitude")
}

// TestIafPscAlphaPeakIsTheWeight checks NEST's normalisation directly: one
// presynaptic spike through an alpha synapse with tau 2 ms gives a current
// whose maximum over the steps is the weight (300 pA), reached tau after
// the arrival (sampled at 0.1 ms, so exactly at the peak).
func TestIafPscAlphaPeakIsTheWeight(t *testing.T) {
	const yaml = `
name: alpha-peak
dt: 0.1 ms
duration: 20 ms
populations:
  - name: src
    size: 1
    source: {kind: spike_times, times: [1 ms], neurons: [0]}
  - name: iaf
    size: 1
    model: iaf_psc_alpha
projections:
  - {name: ex, pre: src, post: iaf, synapse: {kind: alpha, tau: 2 ms}, output: {kind: cuba}, connect: {rule: all_to_all}, weight: 0.3 nS}
`
	sc, err := scenarios.Parse([]byte(yaml), "peak.yaml")
	require.NoError(t, err)
	sim, _, err := sc.BuildNetwork(ecs.Options{DtMs: sc.DtMs, Seed: 1})
	require.NoError(t, err)
	id, _ := sim.Population("iaf")
	peak, peakStep := 0.0, 0
	for step := 0; step < 200; step++ {
		require.NoError(t, sim.Step())
		v, err := sim.Bind(id)
		require.NoError(t, err)
		ch := v.Channels.List[0]
		if i := v.SynG[ch.Slot][0] * ch.Params.ScaleMV; i > peak {
			peak, peakStep = i, step
		}
		require.NoError(t, sim.Unbind(v))
	}
	require.InDelta(t, 0.3e-6, peak, 1e-18, "peak current, mA")
	// spike at step 10, arrival (dI jump) at the end of step 11, I = 0 for
	// that step; tau = 20 steps later the current peaks.
	require.Equal(t, 31, peakStep)
}
