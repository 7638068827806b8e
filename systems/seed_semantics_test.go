package systems_test

import (
	"math"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/spikecs/spikecs/components"
	"github.com/spikecs/spikecs/ecs"
	"github.com/spikecs/spikecs/systems"
)

// The three network cases where spikecs follows brainstate 0.1.10 by
// default and keeps its former behaviour as an option (docs/networks.md):
// STP timing, MgBlock's linearisation point and DualExpon's input.

// stpSource builds the spike-time source pre (one neuron, spikes at the
// given times) projecting with weight 1 S through STP (U 0.5, tau_f 20 ms,
// tau_d 100 ms) and an Expon CUBA channel onto one LIF neuron.
func stpSource(t *testing.T, timesMs []float64, delay ecs.Value, atEmission bool) (*ecs.Sim, *systems.Network, int) {
	t.Helper()
	sim, err := systems.NewSim(ecs.Options{DtMs: 0.1})
	require.NoError(t, err)
	_, err = sim.AddPopulation(ecs.PopulationSpec{Name: "pre", Size: 1, Source: &ecs.SourceSpec{TimesMs: timesMs, Neurons: make([]int, len(timesMs))}})
	require.NoError(t, err)
	id, err := sim.AddPopulation(ecs.LIF("post", 1))
	require.NoError(t, err)
	net, err := systems.NewNetwork(sim)
	require.NoError(t, err)
	_, err = net.Connect(systems.ProjectionSpec{Pre: "pre", Post: "post", Conn: systems.Connectivity{Kind: systems.AllToAll},
		Weight: ecs.Scalar(1), DelayMs: delay,
		Channel:   components.ChannelParams{Kind: components.SynExpon, TauMs: 5, Out: components.OutCUBA, ScaleMV: 1},
		ShortTerm: &systems.ShortTermSpec{Kind: components.STP, U: 0.5, TauFMs: 20, TauDMs: 100, AtEmission: atEmission}})
	require.NoError(t, err)
	return sim, net, id
}

// seedSTP is an independent transcription of the reference's STP (§6.2)
// driven as its projections drive it (§6.4): the update runs in every step
// k = 0, 1, …, with the spikes that reach the synapse in step k (ours of
// step k − latency). It returns the efficacy of each spike in order.
func seedSTP(u0, tauF, tauD, dt float64, spikeSteps []int, latency, steps int) []float64 {
	df, dd := math.Exp(-dt/tauF), math.Exp(-dt/tauD)
	arrives := map[int]bool{}
	for _, s := range spikeSteps {
		arrives[s+latency] = true
	}
	u, x := u0, 1.0
	var eff []float64
	for k := 0; k < steps; k++ {
		u1, x1 := u*df, 1-(1-x)*dd
		if arrives[k] {
			u1 += u0 * (1 - u)
			x1 -= u1 * x
			eff = append(eff, u1*x1)
		}
		u, x = u1, x1
	}
	return eff
}

// TestSTPSeedTiming pins the default STP timing: a spike's u/x update
// belongs to the step the spike reaches the synapse. For U = 0.5,
// tau_f = 20 ms, dt = 0.1 ms (df = e^(−0.005)) and a spike at our step 0
// (reference step 1):
//
//	seed:     u = U·df before the step; u2 = U·df² + U·(1 − U·df) = 0.74627…,
//	          efficacy u2·(1 − u2) = 0.18935020196475383
//	emission: u = U;    u2 = U·df + U·(1 − U) = 0.74750…,
//	          efficacy 0.18874066136087853
//
// With a 2 ms delay (20 steps) the seed's u has decayed 20 steps before
// the update: efficacy 0.19984509554293295. Later spikes follow the
// independent transcription seedSTP.
func TestSTPSeedTiming(t *testing.T) {
	cases := []struct {
		name       string
		delay      ecs.Value
		atEmission bool
		latency    int     // steps from our spike to the reference's update
		first      float64 // hand-computed first efficacy (see above)
	}{
		{"seed, no delay", ecs.Value{}, false, 1, 0.18935020196475383},
		{"seed, 2 ms delay", ecs.Scalar(2), false, 20, 0.19984509554293295},
		{"emission (option)", ecs.Value{}, true, 0, 0.18874066136087853},
	}
	times := []float64{0, 3, 3.5, 10}
	spikeSteps := []int{0, 30, 35, 100}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			sim, net, id := stpSource(t, times, tc.delay, tc.atEmission)
			arrival := max(1, tc.latency) // our arrival step of the spike of step 0
			var got []float64
			for n := 0; n <= 100; n++ {
				require.NoError(t, sim.Step())
				if len(got) < len(spikeSteps) && n == spikeSteps[len(got)] {
					got = append(got, net.Projections()[0].Plasticity.Efficacy[0])
				}
				if n == arrival {
					v, err := sim.Bind(id)
					require.NoError(t, err)
					assert.InDelta(t, tc.first, v.SynG[0][0], 1e-15, "the first arrival carries weight·efficacy")
					require.NoError(t, sim.Unbind(v))
				}
			}
			require.Len(t, got, len(spikeSteps))
			assert.InDelta(t, tc.first, got[0], 1e-15)
			want := seedSTP(0.5, 20, 100, 0.1, spikeSteps, tc.latency, 200)
			for i := range want {
				assert.InDelta(t, want[i], got[i], 1e-14, "spike %d", i)
			}
		})
	}
}

// TestSTDTimingIndependent: STD's x rests at 1, which decay keeps, so its
// efficacies do not depend on the timing option.
func TestSTDTimingIndependent(t *testing.T) {
	eff := func(atEmission bool) float64 {
		sim, err := systems.NewSim(ecs.Options{DtMs: 0.1})
		require.NoError(t, err)
		_, err = sim.AddPopulation(ecs.PopulationSpec{Name: "pre", Size: 1, Source: &ecs.SourceSpec{TimesMs: []float64{1, 2}, Neurons: []int{0, 0}}})
		require.NoError(t, err)
		_, err = sim.AddPopulation(ecs.LIF("post", 1))
		require.NoError(t, err)
		net, err := systems.NewNetwork(sim)
		require.NoError(t, err)
		_, err = net.Connect(systems.ProjectionSpec{Pre: "pre", Post: "post", Conn: systems.Connectivity{Kind: systems.AllToAll}, Weight: ecs.Scalar(1),
			Channel:   components.ChannelParams{Kind: components.SynExpon, TauMs: 5, Out: components.OutCUBA, ScaleMV: 1},
			ShortTerm: &systems.ShortTermSpec{Kind: components.STD, U: 0.2, TauDMs: 50, AtEmission: atEmission}})
		require.NoError(t, err)
		require.NoError(t, sim.Run(25))
		return net.Projections()[0].Plasticity.Efficacy[0]
	}
	// Second spike, 10 steps (1 ms) after the first, which left x = 0.8:
	// x_old = 1 − 0.2·e^(−0.9/50) after 9 steps, x1 = 1 − 0.2·e^(−1/50),
	// efficacy x1 − U·x_old.
	xOld, x1 := 1-0.2*math.Exp(-0.9/50), 1-0.2*math.Exp(-1.0/50)
	assert.InDelta(t, x1-0.2*xOld, eff(false), 1e-12)
	assert.Equal(t, eff(false), eff(true))
}

// mgRun simulates one LIF neuron (R 1 ohm, tau 10 ms, V_th −50, V_reset
// −60, V_rest −65, V_init −65 mV, soft reset) with a constant 20 mA and an
// MgBlock channel (E 0, defaults) whose conductance starts at 0.5 S and
// practically stays there (Expon, tau 1e9 ms), for the given steps. It
// returns V after every step and the spike steps.
func mgRun(t *testing.T, atStored bool, steps int) (vs []float64, spikes []int) {
	t.Helper()
	post := ecs.LIF("post", 1)
	mp := &post.Membrane
	mp.R, mp.Tau, mp.VTh, mp.VReset, mp.VRest, mp.VInit = ecs.Scalar(1), ecs.Scalar(10), ecs.Scalar(-50), ecs.Scalar(-60), ecs.Scalar(-65), ecs.Scalar(-65)
	sim, err := systems.NewSim(ecs.Options{DtMs: 0.1})
	require.NoError(t, err)
	_, err = sim.AddPopulation(ecs.PopulationSpec{Name: "pre", Size: 1, Source: &ecs.SourceSpec{TimesMs: []float64{1e6}, Neurons: []int{0}}})
	require.NoError(t, err)
	id, err := sim.AddPopulation(post)
	require.NoError(t, err)
	net, err := systems.NewNetwork(sim)
	require.NoError(t, err)
	_, err = net.Connect(systems.ProjectionSpec{Pre: "pre", Post: "post", Conn: systems.Connectivity{Kind: systems.AllToAll},
		Weight: ecs.Scalar(0), GInit: ecs.Scalar(0.5),
		Channel: components.ChannelParams{Kind: components.SynExpon, TauMs: 1e9, Out: components.OutMgBlock,
			MgCcMM: 1.2, MgAlphaPerMV: 0.062, MgBeta: 3.57, MgBlockAtStoredV: atStored}})
	require.NoError(t, err)
	in, err := systems.NewCurrentInput(sim, "post", components.Shared(20), 0, posInf)
	require.NoError(t, err)
	require.NoError(t, sim.AddNeuronSystem(ecs.StageInput, in))
	tr := record(t, sim, id, steps)
	for n := range tr.V {
		vs = append(vs, tr.V[n][0])
	}
	return vs, tr.spikeSteps(0)
}

// mgReference is an independent transcription of the reference's LIF step
// (§1.2: lazy soft reset, then exponential Euler, §2.1) with the MgBlock
// output (§6.3) as a current input of V, for mgRun's neuron. The current
// is linearised at `at(V0, V1)`: the reference uses the post-reset V1;
// atStored uses the stored V0. exp-Euler of f(v) = (−v + V_rest + R·I(v))/tau:
//
//	V2 = V1 + dt·φ(dt·A)·f(V1),  A = f'(V) at the linearisation point,
//	φ(z) = (e^z − 1)/z
func mgReference(atStored bool, steps int) (vs []float64, spikes []int) {
	const dt, r, tau, rest, th, rs, cur = 0.1, 1.0, 10.0, -65.0, -50.0, -60.0, 20.0
	g, d := 0.5, math.Exp(-dt/1e9)
	nmg := func(v float64) float64 { return 1 + 1.2/3.57*math.Exp(0.062*(0-v)) }
	v := -65.0
	for n := 0; n < steps; n++ {
		g *= d
		v0 := v
		v1 := v0
		if v0 >= th {
			v1 = v0 - (th - rs)
		}
		at := v1
		if atStored {
			at = v0
		}
		i0 := g * (0 - at) / nmg(at)
		di := g * (-1/nmg(at) + (0-at)*0.062*(nmg(at)-1)/(nmg(at)*nmg(at)))
		iLin := i0 + di*(v1-at) // the exact I(V1) when at = V1
		a := (-1 + r*di) / tau
		f := (-v1 + rest + r*(cur+iLin)) / tau
		z := dt * a
		v = v1 + dt*(math.Expm1(z)/z)*f
		vs = append(vs, v)
		if v >= th {
			spikes = append(spikes, n)
		}
	}
	return vs, spikes
}

// TestMgBlockPostResetV pins the default MgBlock evaluation at the
// post-reset V. The first spike is at step 110 either way; in step 111
// the seed evaluates the current at V1 = V0 − 10 mV, the option at V0, so
// from there on the trains differ (over 3000 steps: 35 spikes, 15 of them
// at another step). Hand-computed single step (soft reset from V0 = −45 mV
// to V1 = −55 mV, g = 0.5·e^(−0.02) S, R 1, tau 10, V_rest −65, no current):
// I(V1) = 0.24125124753627852 mA, dI/dV = 0.009232488693346549 S,
// V2 = −55.0971056475814 (seed) and −55.09714013647425 (linearised at V0).
func TestMgBlockPostResetV(t *testing.T) {
	const steps = 3000
	for _, atStored := range []bool{false, true} {
		vs, spikes := mgRun(t, atStored, steps)
		wantV, wantSpikes := mgReference(atStored, steps)
		assert.Equal(t, wantSpikes, spikes, "atStored=%v", atStored)
		for n := range vs {
			if !assert.InDelta(t, wantV[n], vs[n], 1e-9, "atStored=%v step %d", atStored, n) {
				break
			}
		}
	}
	_, seedSpikes := mgReference(false, steps)
	_, storedSpikes := mgReference(true, steps)
	require.Len(t, seedSpikes, 35)
	assert.Equal(t, 110, seedSpikes[0])
	require.Len(t, storedSpikes, 35)
	moved := 0
	for i := range seedSpikes {
		if seedSpikes[i] != storedSpikes[i] {
			moved++
		}
	}
	assert.Equal(t, 15, moved, "the stored-V option moves 15 of 35 spikes")

	// The single hand-computed step.
	post := ecs.LIF("post", 1)
	mp := &post.Membrane
	mp.R, mp.Tau, mp.VTh, mp.VReset, mp.VRest, mp.VInit = ecs.Scalar(1), ecs.Scalar(10), ecs.Scalar(-50), ecs.Scalar(-60), ecs.Scalar(-65), ecs.Scalar(-45)
	for _, tc := range []struct {
		atStored bool
		want     float64
	}{{false, -55.0971056475814}, {true, -55.09714013647425}} {
		sim, id := oneSource(t, post, systems.ProjectionSpec{Weight: ecs.Scalar(0), GInit: ecs.Scalar(0.05),
			Channel: components.ChannelParams{Kind: components.SynExpon, TauMs: 5, Out: components.OutMgBlock,
				MgCcMM: 1.2, MgAlphaPerMV: 0.062, MgBeta: 3.57, MgBlockAtStoredV: tc.atStored}})
		tr := record(t, sim, id, 1)
		assert.InDelta(t, tc.want, tr.V[0][0], 1e-12, "atStored=%v", tc.atStored)
	}
}

// TestDualExponSeedInput pins DualExpon's input. With weight 1 mS arriving
// at step 1 (spike at step 0), dt 0.1 ms, tau_rise 1, tau_decay 10 ms,
// a = 1.2915496650148839/ms and CUBA scale 1 V = 1000 mV:
//
//	seed (default): r = 1e-3, d = 0; output a·(d − r) → I = −1.2915496650148839 mA
//	both (option):  r = d = 1e-3;   output 0 → I = 0
//
// and the post LIF (R 1, tau 5 ms, rest 0, V 0) then has
// V = (1 − e^(−0.02))·R·I = −0.025574212903433466 mV (seed), 0 (both).
// One step later (no new input): r = 1e-3·e^(−0.1), d = 1e-3·e^(−0.01)
// (both) or 0 (seed).
func TestDualExponSeedInput(t *testing.T) {
	ch := components.ChannelParams{Kind: components.SynDualExpon, TauRiseMs: 1, TauDecayMs: 10, Out: components.OutCUBA, ScaleMV: 1000}
	for _, tc := range []struct {
		both   bool
		d2, v1 float64
	}{{false, 0, -0.025574396857510475}, {true, 1e-3 * math.Exp(-0.01), 0}} {
		ch.DualExponBoth = tc.both
		rise, decay := channelTrace(t, ch, 1e-3, 3)
		assert.Equal(t, 1e-3, rise[1])
		assert.InDelta(t, 1e-3*math.Exp(-0.1), rise[2], 1e-18)
		assert.InDelta(t, tc.d2, decay[2], 1e-18, "both=%v", tc.both)
		sim, id := oneSynapse(t, ecs.LIF("post", 1), ch, ecs.Value{})
		tr := record(t, sim, id, 2)
		assert.InDelta(t, tc.v1, tr.V[1][0], 1e-15, "both=%v", tc.both)
	}
}
