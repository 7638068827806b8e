package systems_test

import (
	"math"
	"testing"

	"github.com/stretchr/testify/require"

	"github.com/spikecs/spikecs/components"
	"github.com/spikecs/spikecs/ecs"
	"github.com/spikecs/spikecs/systems"
)

// gifSim builds a GIF population of n neurons with the given parameters
// and a constant shared current (mA).
func gifSim(t *testing.T, n int, set map[string]float64, currentMA float64, opts ecs.Options) (*ecs.Sim, int) {
	spec := ecs.NewSpec(systems.GIFModel(), "gif", n)
	for k, v := range set {
		require.NoError(t, spec.SetParam(k, ecs.Scalar(v)))
	}
	sim, err := systems.NewSim(opts)
	require.NoError(t, err)
	id, err := sim.AddPopulation(spec)
	require.NoError(t, err)
	if currentMA != 0 {
		in, err := systems.NewCurrentInput(sim, "gif", components.Shared(currentMA), 0, posInf)
		require.NoError(t, err)
		require.NoError(t, sim.AddNeuronSystem(ecs.StageInput, in))
	}
	return sim, id
}

// TestGIFMatchesClosedForm drives one deterministic GIF neuron (defaults:
// R 1 ohm, tau 20 ms, V_rest −70, V_reset −55, V_T_star −35 mV, tau_eta
// 50 ms, a_eta 5 mA, tau_gamma 100 ms, a_gamma 10 mV) with 40 mA from rest.
// Up to the first spike V(t) = V_rest + R·I·(1 − e^{−t/tau}); the first
// spike is the first step whose end value reaches V_T_star. After it (reset
// at the start of the next step, t0) the closed forms are
//
//	η(t) = a_eta·e^{−(t−t0)/tau_eta},  γ(t) = a_gamma·e^{−(t−t0)/tau_gamma}
//	V(t) = V_rest + R·I + (V_reset − V_rest − R·I)·e^{−s/tau}
//	       − R·a_eta·tau_eta/(tau_eta − tau)·(e^{−s/tau_eta} − e^{−s/tau}),  s = t − t0
//
// and the second spike is the first step with V ≥ V_T_star + γ. Every
// step must agree to 1e-9 mV (mA).
func TestGIFMatchesClosedForm(t *testing.T) {
	const (
		dt, iMA                        = 0.1, 40.0
		r, tau, rest, reset, vts       = 1.0, 20.0, -70.0, -55.0, -35.0
		tauEta, aEta, tauGamma, aGamma = 50.0, 5.0, 100.0, 10.0
	)
	sim, id := gifSim(t, 1, nil, iMA, ecs.Options{DtMs: dt, Seed: 1})
	spikes := []int{}
	t0 := -1.0 // time of the last reset (start of the step after a spike)
	for n := 0; n < 5000 && len(spikes) < 2; n++ {
		require.NoError(t, sim.Step())
		v, err := sim.Bind(id)
		require.NoError(t, err)
		st := ecs.Column[components.GIFState](v, 0)[0]
		end := float64(n+1) * dt // the state is the end of step n
		var wantV, wantEta, wantGamma float64
		if t0 < 0 {
			wantV = rest + r*iMA*(1-math.Exp(-end/tau))
		} else {
			s := end - t0
			wantEta, wantGamma = aEta*math.Exp(-s/tauEta), aGamma*math.Exp(-s/tauGamma)
			wantV = rest + r*iMA + (reset-rest-r*iMA)*math.Exp(-s/tau) -
				r*aEta*tauEta/(tauEta-tau)*(math.Exp(-s/tauEta)-math.Exp(-s/tau))
		}
		require.InDelta(t, wantV, v.Membrane[0].V, 1e-9, "step %d: V", n)
		require.InDelta(t, wantEta, st.Eta, 1e-12, "step %d: eta", n)
		require.InDelta(t, wantGamma, st.Gamma, 1e-12, "step %d: gamma", n)
		fired := v.Membrane[0].V >= vts+st.Gamma
		require.Equal(t, fired, v.Spike[0].S == 1, "step %d: spike", n)
		if fired {
			spikes = append(spikes, n)
			t0 = end
		}
		require.NoError(t, sim.Unbind(v))
	}
	// First spike: V_rest + R·I·(1 − e^{−t/tau}) = V_T_star at t = −tau·ln(1 − 35/40).
	tFirst := -tau * math.Log(1-(vts-rest)/(r*iMA))
	require.Len(t, spikes, 2)
	require.Equal(t, int(math.Ceil(tFirst/dt))-1, spikes[0], "first spike step (t* = %.4f ms)", tFirst)
	require.Greater(t, spikes[1]-spikes[0], spikes[0], "adaptation: the second interval is longer")
}

// TestGIFEscapeNoiseStatistics checks the escape noise against its
// formula: 40 000 neurons with V_init spread over ±2 mV around the
// threshold and lambda_0 = 200 Hz; after one step each fires with
// P = 1 − exp(−lambda_0·exp((V − θ)/delta_V)·dt) at its end-of-step V.
// The spike count must be within 4 standard deviations of Σ P, and per
// band of (V − θ) too. A second run with block size 1000 and a partitioned
// offset-independent stream must give the same spikes.
func TestGIFEscapeNoiseStatistics(t *testing.T) {
	const n = 40000
	run := func(block int) ([]float64, []float64) {
		spec := ecs.NewSpec(systems.GIFModel(), "gif", n)
		vInit := make([]float64, n)
		for i := range vInit {
			vInit[i] = -37 + 4*float64(i)/n // V_T_star = −35 mV
		}
		require.NoError(t, spec.SetParam("V_init", ecs.List(vInit...)))
		require.NoError(t, spec.SetParam("lambda_0", ecs.Scalar(200)))
		require.NoError(t, spec.SetParam("delta_V", ecs.Scalar(1)))
		sim, err := systems.NewSim(ecs.Options{DtMs: 0.1, Seed: 7, BlockSize: block})
		require.NoError(t, err)
		id, err := sim.AddPopulation(spec)
		require.NoError(t, err)
		require.NoError(t, sim.Step())
		v, err := sim.Bind(id)
		require.NoError(t, err)
		s, p := make([]float64, n), make([]float64, n)
		for i := range s {
			s[i] = v.Spike[i].S
			x := v.Membrane[i].V - (-35)
			p[i] = -math.Expm1(-200 * math.Exp(x/1) * 0.1e-3)
		}
		require.NoError(t, sim.Unbind(v))
		return s, p
	}
	s, p := run(0)
	for band := 0; band < 4; band++ {
		sum, mean, variance := 0.0, 0.0, 0.0
		for i := band * n / 4; i < (band+1)*n/4; i++ {
			sum += s[i]
			mean += p[i]
			variance += p[i] * (1 - p[i])
		}
		t.Logf("band %d: %v spikes, expected %.1f ± %.1f", band, sum, mean, math.Sqrt(variance))
		require.InDelta(t, mean, sum, 4*math.Sqrt(variance), "band %d", band)
	}
	s2, _ := run(1000)
	require.Equal(t, s, s2, "the draws must not depend on the block size")
}
