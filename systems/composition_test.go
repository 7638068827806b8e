package systems_test

import (
	"math"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/spikecs/spikecs/components"
	"github.com/spikecs/spikecs/ecs"
)

// TestAdaptationWithRefractoryHoldsVOnly composes membrane + adaptation +
// refractory (no preset has it): until the first spike it equals ALIF;
// afterwards V is held at the post-reset value while a keeps its own
// increment-then-decay dynamics.
func TestAdaptationWithRefractoryHoldsVOnly(t *testing.T) {
	alif := ecs.ALIF("n", 1)
	alif.Membrane.Tau = ecs.Scalar(10)
	both := alif
	ref := ecs.RefractorySpec{TauRef: ecs.Scalar(2.05)}
	both.Model, both.Refractory = "", &ref

	a := simulate(t, alif, 2, 200)
	b := simulate(t, both, 2, 200)
	const first = 69
	require.Equal(t, first, a.spikeSteps(0)[0])
	require.Equal(t, first, b.spikeSteps(0)[0], "both spike first at the same step")
	for n := 0; n <= first; n++ {
		assert.Equal(t, a.V[n][0], b.V[n][0], "identical to ALIF before the first spike (step %d)", n)
		assert.Equal(t, a.A[n][0], b.A[n][0], "identical a before the first spike (step %d)", n)
	}
	held := b.V[first][0] - 1 // soft reset: V1 = V0 − (V_th − V_reset)
	for n := first + 1; n <= 89; n++ {
		assert.InDelta(t, held, b.V[n][0], 1e-15, "V held at the post-reset value at step %d", n)
	}
	assert.NotEqual(t, held, b.V[90][0], "integration resumes at step 90 (t − 6.9 >= 2.05)")
	// a: +1 at step 70 (lazy), then pure decay by exp(−0.1/100) every step.
	assert.InDelta(t, 0.999000499833375, b.A[70][0], 1e-15)
	for n := 71; n <= 89; n++ {
		assert.InDelta(t, b.A[n-1][0]*0.999000499833375, b.A[n][0], 1e-15, "a decays while V is held (step %d)", n)
	}
}

// TestHeterogeneousEqualsSeparate runs a population with per-neuron
// parameters (a list and random initializers) and checks that each neuron
// follows exactly the trajectory of a one-neuron population with its values.
func TestHeterogeneousEqualsSeparate(t *testing.T) {
	spec := ecs.ALIF("het", 4)
	spec.Membrane.Reset = components.ResetHard
	spec.Membrane.VTh = ecs.List(1, 1.2, 0.8, 1.1)
	spec.Membrane.Tau = ecs.Normal(10, 1)
	spec.Membrane.VInit = ecs.Uniform(0, 0.5)
	spec.Adaptation.Beta = ecs.TruncNormal(0.1, 0.05, 0, 0.2)
	het := simulate(t, spec, 2, 300)

	sim, err := ecs.New(ecs.Options{Seed: 1})
	require.NoError(t, err)
	_, err = sim.AddPopulation(spec)
	require.NoError(t, err)
	v, err := sim.Bind(0)
	require.NoError(t, err)
	mp, ap := v.MembraneParams, v.AdaptationParams
	for i := 0; i < 4; i++ {
		one := ecs.ALIF("one", 1)
		one.Membrane.Reset = components.ResetHard
		one.Membrane.VTh = ecs.Scalar(mp.VThMV.At(i))
		one.Membrane.Tau = ecs.Scalar(mp.TauMs.At(i))
		one.Membrane.VInit = ecs.Scalar(v.Membrane[i].V)
		one.Adaptation.Beta = ecs.Scalar(ap.BetaMV.At(i))
		single := simulate(t, one, 2, 300)
		assert.NotEmpty(t, single.spikeSteps(0), "neuron %d should spike", i)
		assert.Equal(t, single.spikeSteps(0), het.spikeSteps(i), "neuron %d spikes", i)
		for n := range single.V {
			require.Equal(t, single.V[n][0], het.V[n][i], "neuron %d V at step %d", i, n)
			require.Equal(t, single.A[n][0], het.A[n][i], "neuron %d a at step %d", i, n)
		}
	}
	require.NoError(t, sim.Unbind(v))
	assert.NotEqual(t, mp.TauMs.At(0), mp.TauMs.At(1), "normal initializer gives per-neuron values")
	for i := 0; i < 4; i++ {
		b := ap.BetaMV.At(i)
		assert.True(t, b >= 0 && b <= 0.2, "truncated normal stays in [0, 0.2], got %v", b)
	}
}

// TestSameSeedSameResult and a different seed gives different draws.
func TestSameSeedSameResult(t *testing.T) {
	spec := ecs.LIF("p", 50)
	spec.Membrane.Tau = ecs.Normal(10, 2)
	spec.Membrane.VInit = ecs.Uniform(0, 1)
	a := simulate(t, spec, 2, 100)
	b := simulate(t, spec, 2, 100)
	c := simulate(t, spec, 2, 100, func(o *ecs.Options) { o.Seed = 2 })
	assert.Equal(t, a, b, "same seed, same trajectories")
	assert.NotEqual(t, a.V[0], c.V[0], "another seed draws other values")
}

// TestBlockSizeDoesNotChangeResults: block-wise execution of the neuron
// stages is an optimisation only.
func TestBlockSizeDoesNotChangeResults(t *testing.T) {
	spec := ecs.ALIF("p", 1000)
	spec.Membrane.Tau = ecs.Normal(10, 2)
	spec.Membrane.VInit = ecs.Uniform(0, 1)
	ref := ecs.RefractorySpec{TauRef: ecs.Uniform(0, 3)}
	spec.Refractory = &ref
	a := simulate(t, spec, 2, 150)
	for _, bs := range []int{1, 7, 333, 1000, 5000} {
		b := simulate(t, spec, 2, 150, func(o *ecs.Options) { o.BlockSize = bs })
		assert.Equal(t, a, b, "block size %d", bs)
	}
}

// TestALIFGradientWithRespectToA: dS/da = −beta·g'(v_scaled)/(V_th − V_reset)
// for the relu_grad default, checked against the formula at every step.
func TestALIFGradientWithRespectToA(t *testing.T) {
	spec := ecs.ALIF("n", 1)
	spec.Membrane.Tau = ecs.Scalar(10)
	tr := simulate(t, spec, 2, 200)
	for n := range tr.V {
		x := (tr.V[n][0] - 1 - 0.1*tr.A[n][0]) / 1
		g := math.Max(0.3-0.3*math.Abs(x), 0)
		sp := components.Spike{S: tr.S[n][0], DSdV: tr.DSdV[n][0]}
		assert.InDelta(t, g, sp.DSdV, 1e-15, "dS/dV at step %d", n)
		assert.InDelta(t, -0.1*g, sp.DSdA(0.1), 1e-15, "dS/da at step %d", n)
	}
}
