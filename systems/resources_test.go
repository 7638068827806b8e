package systems_test

import (
	"errors"
	"math"
	"runtime"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/spikecs/spikecs/components"
	"github.com/spikecs/spikecs/ecs"
	"github.com/spikecs/spikecs/systems"
)

// TestTickDoesNotAllocate: after the first step, a tick of LIF, ALIF,
// LIFRef and a heterogeneous composition with per-neuron surrogates
// allocates nothing.
func TestTickDoesNotAllocate(t *testing.T) {
	sim, err := systems.NewSim(ecs.Options{Seed: 1})
	require.NoError(t, err)
	for _, m := range ecs.Models() {
		spec, _ := ecs.Preset(m, m, 5000)
		spec.Membrane.VInit = ecs.Uniform(0, 1)
		_, err := sim.AddPopulation(spec)
		require.NoError(t, err)
		in, err := systems.NewCurrentInput(sim, m, components.Shared(2), 0, math.Inf(1))
		require.NoError(t, err)
		require.NoError(t, sim.AddNeuronSystem(ecs.StageInput, in))
	}
	het := ecs.ALIF("het", 3000)
	het.Refractory = &ecs.RefractorySpec{TauRef: ecs.Uniform(1, 3)}
	het.Membrane.Tau = ecs.Normal(10, 1)
	het.Surrogates = make([]components.SurrogateSpec, 3000)
	for i := range het.Surrogates {
		het.Surrogates[i] = components.SurrogateSpec{Kind: components.SurrogateSigmoid, P: [4]float64{4}}
	}
	_, err = sim.AddPopulation(het)
	require.NoError(t, err)
	rec, err := systems.NewSpikeRecorder(sim, nil, nil)
	require.NoError(t, err)
	require.NoError(t, sim.AddSystem(ecs.StageRecord, rec))
	require.NoError(t, sim.Run(3))
	allocs := testing.AllocsPerRun(50, func() {
		if err := sim.Step(); err != nil {
			t.Fatal(err)
		}
	})
	assert.Zero(t, allocs, "allocations per tick")
	assert.Positive(t, rec.Counts[0], "the LIF population spiked")
}

// TestMemoryPerLIFNeuron measures the heap growth of creating 1M LIF neurons
// (components, arche's entity bookkeeping and column capacity included)
// and checks the budget of 120 bytes per neuron.
func TestMemoryPerLIFNeuron(t *testing.T) {
	if testing.Short() {
		t.Skip("allocates ~100 MB")
	}
	for _, n := range []int{100_000, 1_000_000} {
		before := heapAlloc()
		sim, err := systems.NewSim(ecs.Options{})
		require.NoError(t, err)
		_, err = sim.AddPopulation(ecs.LIF("p", n))
		require.NoError(t, err)
		require.NoError(t, sim.Step())
		after := heapAlloc()
		perNeuron := float64(after-before) / float64(n)
		t.Logf("%d LIF neurons: %.1f bytes per neuron", n, perNeuron)
		assert.LessOrEqual(t, perNeuron, 120.0, "bytes per LIF neuron at n = %d", n)
		runtime.KeepAlive(sim)
	}
}

func heapAlloc() uint64 {
	runtime.GC()
	runtime.GC()
	var m runtime.MemStats
	runtime.ReadMemStats(&m)
	return m.HeapAlloc
}

// TestNonFiniteStateStopsTheRun: an overflowing V names population, neuron
// and step, and the step is not counted.
func TestNonFiniteStateStopsTheRun(t *testing.T) {
	sim, err := systems.NewSim(ecs.Options{})
	require.NoError(t, err)
	spec := ecs.LIF("p", 4)
	spec.Membrane.R = ecs.Scalar(1e300)
	_, err = sim.AddPopulation(spec)
	require.NoError(t, err)
	in, err := systems.NewCurrentInput(sim, "p", components.PerNeuron([]float64{0, 0, 1e300, 0}), 0.2, math.Inf(1))
	require.NoError(t, err)
	require.NoError(t, sim.AddNeuronSystem(ecs.StageInput, in))
	err = sim.Run(10)
	var nf *ecs.NonFiniteError
	require.True(t, errors.As(err, &nf), "want a NonFiniteError, got %v", err)
	assert.Equal(t, ecs.NonFiniteError{Population: "p", Neuron: 2, Step: 2, Var: "V", Value: math.Inf(1)}, *nf)
	assert.Contains(t, err.Error(), `population "p" neuron 2: V became +Inf at step 2`)
	assert.Equal(t, int64(2), sim.Clock().Step, "the failing step is not completed")
	assert.False(t, sim.World().IsLocked())
}
