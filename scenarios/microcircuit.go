package scenarios

import (
	"fmt"
	"math"
	"strings"

	"github.com/spikecs/spikecs/systems"
)

// The cortical microcircuit of Potjans & Diesmann (2014), "The cell-type
// specific cortical microcircuit", Cereb. Cortex 24(3):785–806,
// doi:10.1093/cercor/bhs358, with the parameters of its published PyNEST
// reference implementation (nest-simulator, pynest/examples/Potjans_2014:
// network_params.py, helpers.py, network.py). Numbers only are taken from
// there; the code is ours.

// MicrocircuitPopulations are the eight populations, in the tables' order.
var microcircuitPopulations = [8]string{"L23E", "L23I", "L4E", "L4I", "L5E", "L5I", "L6E", "L6I"}

// microcircuitSizes is the number of neurons per population at full scale
// (network_params.py full_num_neurons; paper Table 5).
var microcircuitSizes = [8]int{20683, 5834, 21915, 5479, 4850, 1065, 14395, 2948}

// microcircuitProbs is the connection probability [target][source]
// (network_params.py conn_probs; paper Table 5).
var microcircuitProbs = [8][8]float64{
	{0.1009, 0.1689, 0.0437, 0.0818, 0.0323, 0.0, 0.0076, 0.0},
	{0.1346, 0.1371, 0.0316, 0.0515, 0.0755, 0.0, 0.0042, 0.0},
	{0.0077, 0.0059, 0.0497, 0.1350, 0.0067, 0.0003, 0.0453, 0.0},
	{0.0691, 0.0029, 0.0794, 0.1597, 0.0033, 0.0, 0.1057, 0.0},
	{0.1004, 0.0622, 0.0505, 0.0057, 0.0831, 0.3726, 0.0204, 0.0},
	{0.0548, 0.0269, 0.0257, 0.0022, 0.0600, 0.3158, 0.0086, 0.0},
	{0.0156, 0.0066, 0.0211, 0.0166, 0.0572, 0.0197, 0.0396, 0.2252},
	{0.0364, 0.0010, 0.0034, 0.0005, 0.0277, 0.0080, 0.0658, 0.1443},
}

// microcircuitKExt is the external (background) in-degree per population
// (network_params.py K_ext).
var microcircuitKExt = [8]float64{1600, 1500, 2100, 1900, 2000, 1900, 2900, 2100}

// microcircuitRates are the full-scale mean rates (Hz) the reference uses to
// compensate a reduced in-degree (network_params.py full_mean_rates).
var microcircuitRates = [8]float64{0.903, 2.965, 4.414, 5.876, 7.569, 8.633, 1.105, 7.829}

// microcircuitV0 are the "optimized" initial membrane potentials, mean and
// sd per population, mV (network_params.py V0_mean/V0_std optimized).
var microcircuitV0 = [2][8]float64{
	{-68.28, -63.16, -63.33, -63.45, -63.11, -61.66, -66.72, -61.43},
	{5.36, 4.57, 4.74, 4.94, 4.94, 4.55, 5.46, 4.48},
}

// The neuron and synapse constants of the reference (network_params.py).
const (
	mcCmPF       = 250.0 // membrane capacitance, pF
	mcTauMMs     = 10.0  // membrane time constant, ms
	mcTauSynMs   = 0.5   // synaptic time constant, ms
	mcELMV       = -65.0 // resting potential, mV
	mcVthMV      = -50.0 // threshold, mV
	mcVresetMV   = -65.0 // reset, mV
	mcTRefMs     = 2.0   // refractory period, ms
	mcPSPExcMV   = 0.15  // mean excitatory PSP amplitude, mV
	mcG          = -4.0  // relative inhibitory strength
	mcWeightRel  = 0.1   // relative sd of the weights
	mcDelayExcMs = 1.5   // mean excitatory delay, ms
	mcDelayInhMs = 0.75  // mean inhibitory delay, ms
	mcDelayRel   = 0.5   // relative sd of the delays
	mcBgRateHz   = 8.0   // background rate per external input, Hz
)

// MicrocircuitSynapseCounts returns the number of synapses per projection
// [target][source] of the microcircuit with neuron numbers scaled by scale
// and in-degrees by kScale, as the reference does: the full-scale count
// from the connection probability (systems.TotalFromProbability with the
// full-scale sizes), times scale·kScale, rounded. At scale = kScale = 1
// the total is 298,880,968 (NEST reports 298,958,137 connections: these
// plus one per neuron to its spike recorder, 77,169).
func MicrocircuitSynapseCounts(scale, kScale float64) [8][8]int64 {
	var out [8][8]int64
	for i := range out {
		for j := range out[i] {
			k := systems.TotalFromProbability(microcircuitProbs[i][j], microcircuitSizes[j], microcircuitSizes[i])
			out[i][j] = int64(math.Round(k * scale * kScale))
		}
	}
	return out
}

// MicrocircuitOptions selects a version of the microcircuit.
type MicrocircuitOptions struct {
	// Scale multiplies the neuron numbers (1: 77,169 neurons).
	Scale float64
	// KScale multiplies the in-degrees (1: the full ~3,900 synapses per
	// neuron); below 1 the weights grow by 1/sqrt(KScale) and a DC current
	// makes up the mean input lost (the reference's compensation).
	KScale float64
	// DurationMs and Seed go into the scenario.
	DurationMs float64
	Seed       uint64
	// Float64Weights keeps the weights in float64 (default float32, 4
	// bytes per synapse fewer).
	Float64Weights bool
	// WarmUpMs is record.start: the spikes of the first WarmUpMs are not
	// recorded and the summary's rates cover the rest (default 0; the
	// built-in uses 500 ms of a 1500 ms run, as the reference).
	WarmUpMs float64
	// Poisson gives every neuron K_ext independent Poisson inputs of 8 Hz
	// into its synaptic current instead of the equivalent DC (the
	// reference's poisson_input: True).
	Poisson bool
	// SpikeSample, when > 0, writes the spikes of only the first
	// SpikeSample neurons per population (record.spike_sample).
	SpikeSample int
}

// background names the background drive.
func (o MicrocircuitOptions) background() string {
	if o.Poisson {
		return "poisson"
	}
	return "dc"
}

// psc returns the PSC amplitude (pA) that gives a PSP of 1 mV in
// iaf_psc_exp (helpers.py postsynaptic_potential_to_current).
func mcPSCPerPSP() float64 {
	sub := 1 / (mcTauSynMs - mcTauMMs)
	pre := mcTauMMs * mcTauSynMs / mcCmPF * sub
	frac := math.Pow(mcTauMMs/mcTauSynMs, sub)
	return 1 / (pre * (math.Pow(frac, mcTauMMs) - math.Pow(frac, mcTauSynMs)))
}

// MicrocircuitYAML returns the microcircuit as a scenario: eight
// populations of NEST's iaf_psc_exp (exact integration; C_m 250 pF, tau_m
// 10 ms, t_ref 2 ms, E_L = V_reset = −65 mV, V_th −50 mV, optimised
// initial V per population), a projection per non-zero table entry
// (fixed_total_number, normal weights redrawn to keep their sign, normal
// delays redrawn to be >= dt and rounded to the nearest step, as NEST)
// into one expon current channel of tau_syn = 0.5 ms, and the background
// as a DC current I_e per population (K_ext · 8 Hz · PSC · tau_syn, plus
// the in-degree compensation) or, with Poisson, as K_ext Poisson inputs
// of 8 Hz per neuron into the channel. Weights are currents: a PSC of J pA
// is written as a conductance of J pS times the CUBA scale of 1 V.
func MicrocircuitYAML(o MicrocircuitOptions) (string, error) {
	if !(o.Scale > 0 && o.Scale <= 40) || !(o.KScale > 0 && o.KScale <= 1) {
		return "", fmt.Errorf("microcircuit: scale must be in (0, 40] and k_scale in (0, 1], got %v and %v", o.Scale, o.KScale)
	}
	if o.DurationMs <= 0 {
		o.DurationMs = 1500
	}
	if o.WarmUpMs < 0 || o.WarmUpMs >= o.DurationMs {
		return "", fmt.Errorf("microcircuit: warm_up (%v ms) must be >= 0 and shorter than the run (%v ms)", o.WarmUpMs, o.DurationMs)
	}
	pscPerPSP := mcPSCPerPSP()
	pscExc := mcPSPExcMV * pscPerPSP // pA
	counts := MicrocircuitSynapseCounts(o.Scale, o.KScale)
	var b strings.Builder
	fmt.Fprintf(&b, "# Potjans & Diesmann (2014) cortical microcircuit, 77,169 iaf_psc_exp neurons and 0.3 G synapses at full scale (-set scale=0.1, k_scale=0.5 down-scale it)\n")
	fmt.Fprintf(&b, "# generated by scenarios.MicrocircuitYAML: scale %g, k_scale %g, background %s; docs/networks.md#the-cortical-microcircuit\n", o.Scale, o.KScale, o.background())
	fmt.Fprintf(&b, "name: microcircuit\ndt: 0.1 ms\nduration: %g ms\nseed: %d\npopulations:\n", o.DurationMs, o.Seed)
	dc := MicrocircuitDC(o.KScale)
	for i, name := range microcircuitPopulations {
		n := max(1, int(math.Round(float64(microcircuitSizes[i])*o.Scale)))
		ie := dc[i]
		if o.Poisson { // the background arrives as Poisson spikes; only the in-degree compensation stays DC
			ie -= MicrocircuitDC(1)[i]
		}
		fmt.Fprintf(&b, "  - name: %s\n    size: %d\n    model: iaf_psc_exp\n", name, n)
		fmt.Fprintf(&b, "    params: {C_m: %g pF, tau_m: %g ms, t_ref: %g ms, E_L: %g mV, V_reset: %g mV, V_th: %g mV, I_e: %.6g pA, V_init: {dist: normal, mean: %g mV, sd: %g mV}}\n",
			mcCmPF, mcTauMMs, mcTRefMs, mcELMV, mcVresetMV, mcVthMV, ie, microcircuitV0[0][i], microcircuitV0[1][i])
	}
	b.WriteString("projections:\n")
	storage := "float32"
	if o.Float64Weights {
		storage = "float64"
	}
	sq := math.Sqrt(o.KScale)
	for i, post := range microcircuitPopulations {
		for j, pre := range microcircuitPopulations {
			if counts[i][j] == 0 {
				continue
			}
			w := mcWeightMeanPA(i, j, pscExc) / sq
			delay, bound := mcDelayExcMs, "min: 0 pS"
			if j%2 == 1 {
				delay, bound = mcDelayInhMs, "max: 0 pS"
			}
			autapses := ""
			if i == j {
				autapses = ", autapses: false"
			}
			fmt.Fprintf(&b, "  - {name: %s->%s, pre: %s, post: %s, synapse: {kind: expon, tau: %g ms}, output: {kind: cuba}, connect: {rule: fixed_total_number, n: %d%s}, weight: {dist: normal, mean: %.6g pS, sd: %.6g pS, %s}, delay: {dist: normal, mean: %g ms, sd: %g ms, min: 0.1 ms}, delay_rounding: nearest, weight_storage: %s}\n",
				pre, post, pre, post, mcTauSynMs, counts[i][j], autapses, w, math.Abs(w)*mcWeightRel, bound, delay, delay*mcDelayRel, storage)
		}
	}
	if o.Poisson {
		b.WriteString("inputs:\n")
		for i, name := range microcircuitPopulations {
			fmt.Fprintf(&b, "  - {population: %s, poisson: {count: %g, rate: %g Hz, weight: %.6g pS, synapse: {kind: expon, tau: %g ms}, output: {kind: cuba}}}\n",
				name, microcircuitKExt[i], mcBgRateHz, pscExc, mcTauSynMs)
		}
	}
	fmt.Fprintf(&b, "record:\n  start: %g ms\n", o.WarmUpMs)
	if o.SpikeSample > 0 {
		fmt.Fprintf(&b, "  spike_sample: %d\n", o.SpikeSample)
	}
	b.WriteString("  spikes: [")
	b.WriteString(strings.Join(microcircuitPopulations[:], ", "))
	b.WriteString("]\n")
	return b.String(), nil
}

// mcWeightMeanPA is the mean PSC (pA) of projection source j → target i at
// full in-degree: 0.15 mV's PSC, times g = -4 from inhibitory sources,
// doubled for L4E → L23E.
func mcWeightMeanPA(i, j int, pscExc float64) float64 {
	w := pscExc
	if j%2 == 1 {
		w *= mcG
	}
	if i == 0 && j == 2 {
		w *= 2
	}
	return w
}

// MicrocircuitDC returns the DC current (pA) per population that replaces
// the background Poisson input, K_ext · 8 Hz · PSC_ext · tau_syn, plus, for
// in-degrees scaled by kScale < 1, the reference's compensation of the
// mean recurrent input lost: 0.001 · tau_syn · (1 − sqrt(kScale)) ·
// Σ_j PSC_ij · K_ij · rate_j with the full in-degrees K_ij and full-scale
// rates (helpers.py adjust_weights_and_input_to_synapse_scaling). It does
// not depend on the neuron scale.
func MicrocircuitDC(kScale float64) [8]float64 {
	pscExc := mcPSPExcMV * mcPSCPerPSP()
	var dc [8]float64
	for i := range dc {
		dc[i] = mcBgRateHz * microcircuitKExt[i] * pscExc * mcTauSynMs * 0.001
		if kScale != 1 {
			var rec float64
			for j := range microcircuitSizes {
				k := systems.TotalFromProbability(microcircuitProbs[i][j], microcircuitSizes[j], microcircuitSizes[i]) / float64(microcircuitSizes[i])
				rec += mcWeightMeanPA(i, j, pscExc) * k * microcircuitRates[j]
			}
			dc[i] += 0.001 * mcTauSynMs * (1 - math.Sqrt(kScale)) * rec
		}
	}
	return dc
}
