package ecs_test

import (
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/spikecs/spikecs/ecs"
)

// TestPartitionRangesTileThePopulation: the K blocks of a population are
// contiguous, cover it exactly, differ in size by at most one, and Owner
// inverts Range.
func TestPartitionRangesTileThePopulation(t *testing.T) {
	for _, c := range []struct{ n, k int }{{1, 1}, {10, 1}, {10, 3}, {7, 7}, {4000, 4}, {3201, 2}, {1000003, 5}} {
		next, minSize, maxSize := 0, c.n, 0
		for r := 0; r < c.k; r++ {
			p := ecs.Partition{Index: r, Count: c.k}
			lo, hi := p.Range(c.n)
			require.Equal(t, next, lo, "n=%d k=%d r=%d: blocks must be contiguous", c.n, c.k, r)
			minSize, maxSize = min(minSize, hi-lo), max(maxSize, hi-lo)
			for _, i := range []int{lo, (lo + hi) / 2, hi - 1} {
				assert.Equal(t, r, p.Owner(c.n, i), "n=%d k=%d: owner of neuron %d", c.n, c.k, i)
			}
			next = hi
		}
		assert.Equal(t, c.n, next, "n=%d k=%d: blocks must cover the population", c.n, c.k)
		assert.LessOrEqual(t, maxSize-minSize, 1, "n=%d k=%d: block sizes", c.n, c.k)
	}
}

// TestPartitionedPopulationKeepsItsDraws: a partition holds exactly the
// initial values the whole population draws for its block.
func TestPartitionedPopulationKeepsItsDraws(t *testing.T) {
	spec := ecs.LIF("p", 101)
	spec.Membrane.VInit = ecs.Uniform(0, 1)
	spec.Membrane.Tau = ecs.Normal(10, 1)
	whole, err := ecs.New(ecs.Options{Seed: 3})
	require.NoError(t, err)
	_, err = whole.AddPopulation(spec)
	require.NoError(t, err)
	all, err := whole.Bind(0)
	require.NoError(t, err)
	for r := 0; r < 3; r++ {
		part := ecs.Partition{Index: r, Count: 3}
		sim, err := ecs.New(ecs.Options{Seed: 3, Partition: part})
		require.NoError(t, err)
		_, err = sim.AddPopulation(spec)
		require.NoError(t, err)
		lo, hi := part.Range(101)
		assert.Equal(t, hi-lo, sim.PopulationSize(0))
		assert.Equal(t, 101, sim.GlobalSize(0))
		assert.Equal(t, lo, sim.Offset(0))
		v, err := sim.Bind(0)
		require.NoError(t, err)
		assert.Equal(t, lo, v.Offset)
		for i := 0; i < hi-lo; i++ {
			require.Equal(t, all.Membrane[lo+i].V, v.Membrane[i].V, "partition %d neuron %d: V_init", r, i)
			require.Equal(t, all.MembraneParams.TauMs.At(lo+i), v.MembraneParams.TauMs.At(i), "partition %d neuron %d: tau", r, i)
		}
		require.NoError(t, sim.Unbind(v))
	}
	require.NoError(t, whole.Unbind(all))
}

// TestCounterSourceDependsOnlyOnKeyStepNeuron: the same (key, step,
// neuron) gives the same numbers; changing any of them changes them.
func TestCounterSourceDependsOnlyOnKeyStepNeuron(t *testing.T) {
	draw := func(key uint64, step int64, neuron int) [3]uint64 {
		var c ecs.CounterSource
		c.Reset(key, step, neuron)
		return [3]uint64{c.Uint64(), c.Uint64(), c.Uint64()}
	}
	base := draw(1, 2, 3)
	assert.Equal(t, base, draw(1, 2, 3))
	assert.NotEqual(t, base, draw(2, 2, 3))
	assert.NotEqual(t, base, draw(1, 3, 3))
	assert.NotEqual(t, base, draw(1, 2, 4))
	var c ecs.CounterSource
	c.Reset(9, 0, 0)
	sum := 0.0
	const n = 100000
	for i := 0; i < n; i++ {
		x := c.Float64()
		require.True(t, x >= 0 && x < 1)
		sum += x
	}
	assert.InDelta(t, 0.5, sum/n, 4*0.2887/316.2, "mean of uniform draws within 4 standard errors")
}
