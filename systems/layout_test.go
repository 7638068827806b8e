package systems_test

import (
	"testing"

	"github.com/mlange-42/arche/generic"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	aecs "github.com/mlange-42/arche/ecs"

	"github.com/spikecs/spikecs/components"
	"github.com/spikecs/spikecs/ecs"
	"github.com/spikecs/spikecs/systems"
)

// tagged is a user component that splits a population over two archetypes.
type tagged struct{}

// TestFastPathEqualsPerEntityIteration splits a population over two
// archetypes (a user tag on every third neuron), which disables the
// contiguous-column fast path, and checks that the per-entity fallback gives
// exactly the same trajectories as the fast path.
func TestFastPathEqualsPerEntityIteration(t *testing.T) {
	build := func(split bool) (*ecs.Sim, int) {
		sim, err := systems.NewSim(ecs.Options{Seed: 3, BlockSize: 64})
		require.NoError(t, err)
		spec := ecs.LIFRef("p", 300)
		spec.Membrane.Tau = ecs.Normal(10, 2)
		spec.Membrane.VInit = ecs.Uniform(0, 1)
		spec.Refractory.TauRef = ecs.Scalar(2.05)
		id, err := sim.AddPopulation(spec)
		require.NoError(t, err)
		cur := make([]float64, 300)
		for i := range cur {
			cur[i] = 1.5 + float64(i%7)*0.2
		}
		in, err := systems.NewCurrentInput(sim, "p", components.PerNeuron(cur), 0, posInf)
		require.NoError(t, err)
		require.NoError(t, sim.AddNeuronSystem(ecs.StageInput, in))
		if split {
			w := sim.World()
			f := generic.NewFilter1[components.InPop]().WithRelation(generic.T[components.InPop]())
			q := f.Query(w, sim.PopulationEntity(id))
			var es []aecs.Entity
			for q.Next() {
				if q.Get().Index%3 == 0 {
					es = append(es, q.Entity())
				}
			}
			tag := aecs.ComponentID[tagged](w)
			for _, e := range es {
				w.Add(e, tag)
			}
		}
		return sim, id
	}
	fast, id := build(false)
	slow, _ := build(true)
	lay, err := fast.CheckLayout()
	require.NoError(t, err)
	assert.True(t, lay["p"], "an untouched population is contiguous")
	lay, err = slow.CheckLayout()
	require.NoError(t, err)
	assert.False(t, lay["p"], "a split population is not contiguous")

	a := record(t, fast, id, 200)
	b := record(t, slow, id, 200)
	assert.NotEmpty(t, a.spikeSteps(0))
	assert.Equal(t, a, b, "fallback equals fast path")

	v, err := slow.Bind(id)
	require.NoError(t, err)
	assert.False(t, v.Contiguous)
	require.NoError(t, slow.Unbind(v))
	v, err = fast.Bind(id)
	require.NoError(t, err)
	assert.True(t, v.Contiguous)
	require.NoError(t, fast.Unbind(v))
}

// TestRemovedNeuronIsAnError: a population that lost a neuron is reported,
// not silently simulated with a wrong layout.
func TestRemovedNeuronIsAnError(t *testing.T) {
	sim, err := systems.NewSim(ecs.Options{})
	require.NoError(t, err)
	id, err := sim.AddPopulation(ecs.LIF("p", 10))
	require.NoError(t, err)
	w := sim.World()
	f := generic.NewFilter1[components.InPop]().WithRelation(generic.T[components.InPop]())
	q := f.Query(w, sim.PopulationEntity(id))
	q.Next()
	e := q.Entity()
	q.Close()
	w.RemoveEntity(e)
	err = sim.Step()
	require.Error(t, err)
	assert.Contains(t, err.Error(), `population "p": 9 neurons in the world, expected 10`)
	assert.False(t, w.IsLocked(), "the world is unlocked after the error")
}

// TestBindFollowsStructuralChanges changes a running population's storage
// between steps — after the views were bound (and remembered) many times
// — and checks that the next step sees the change: a population moved as
// a whole or split over two archetypes runs on exactly as an untouched
// one, a removed neuron is an error.
func TestBindFollowsStructuralChanges(t *testing.T) {
	build := func() (*ecs.Sim, int) {
		sim, err := systems.NewSim(ecs.Options{Seed: 5, BlockSize: 64})
		require.NoError(t, err)
		spec := ecs.LIFRef("p", 300)
		spec.Membrane.VInit = ecs.Uniform(0, 1)
		id, err := sim.AddPopulation(spec)
		require.NoError(t, err)
		in, err := systems.NewCurrentInput(sim, "p", components.Shared(1.6), 0, posInf)
		require.NoError(t, err)
		require.NoError(t, sim.AddNeuronSystem(ecs.StageInput, in))
		return sim, id
	}
	neurons := func(sim *ecs.Sim, id int, keep func(idx int32) bool) []aecs.Entity {
		f := generic.NewFilter1[components.InPop]().WithRelation(generic.T[components.InPop]())
		q := f.Query(sim.World(), sim.PopulationEntity(id))
		var es []aecs.Entity
		for q.Next() {
			if keep(q.Get().Index) {
				es = append(es, q.Entity())
			}
		}
		return es
	}
	tag := func(sim *ecs.Sim, id int, every int32) {
		tg := aecs.ComponentID[tagged](sim.World())
		for _, e := range neurons(sim, id, func(i int32) bool { return i%every == 0 }) {
			sim.World().Add(e, tg)
		}
	}
	ref, id := build()
	want := record(t, ref, id, 200)
	require.NotEmpty(t, want.spikeSteps(0))
	for _, c := range []struct {
		name   string
		change func(sim *ecs.Sim, id int)
		fast   bool // the view is contiguous after the change
	}{
		{"every neuron tagged: the population moves", func(sim *ecs.Sim, id int) { tag(sim, id, 1) }, true},
		{"every third neuron tagged: split", func(sim *ecs.Sim, id int) { tag(sim, id, 3) }, false},
	} {
		t.Run(c.name, func(t *testing.T) {
			sim, id := build()
			got := record(t, sim, id, 50)
			c.change(sim, id)
			rest := record(t, sim, id, 150)
			got.V, got.S = append(got.V, rest.V...), append(got.S, rest.S...)
			assert.Equal(t, want.V, got.V)
			assert.Equal(t, want.S, got.S)
			v, err := sim.Bind(id)
			require.NoError(t, err)
			assert.Equal(t, c.fast, v.Contiguous)
			require.NoError(t, sim.Unbind(v))
		})
	}
	t.Run("a middle neuron removed", func(t *testing.T) {
		sim, id := build()
		record(t, sim, id, 50)
		sim.World().RemoveEntity(neurons(sim, id, func(i int32) bool { return i == 150 })[0])
		err := sim.Step()
		require.Error(t, err)
		assert.Contains(t, err.Error(), `population "p": 299 neurons in the world, expected 300`)
	})
}
