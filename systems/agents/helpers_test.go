package agents_test

import (
	"testing"

	aecs "github.com/mlange-42/arche/ecs"
	"github.com/stretchr/testify/require"

	"github.com/spikecs/spikecs/systems/agents"
)

// rig is a test world with a Host and one brain kind of vehicles.
type rig struct {
	world  *aecs.World
	bodyID aecs.ID
	host   *agents.Host
	brains *agents.Brains
}

// newRig builds a world, a Host and the vehicle brain (with its eyes and
// wheels unless bare is set); mod may change the brain spec.
func newRig(t *testing.T, bare bool, mod func(*agents.BrainSpec)) *rig {
	t.Helper()
	w := aecs.NewWorld()
	r := &rig{world: &w}
	r.bodyID = aecs.ComponentID[Vehicle](r.world)
	host, err := agents.New(r.world, agents.Options{DtMs: 0.5, Substeps: 20, Seed: 3})
	require.NoError(t, err)
	r.host = host
	spec := vehicleBrain()
	if mod != nil {
		mod(&spec)
	}
	r.brains, err = host.AddBrains(spec)
	require.NoError(t, err)
	if !bare {
		require.NoError(t, wireVehicle(host, r.bodyID))
	}
	return r
}

// addCars creates n vehicles around the lamp and gives each a brain.
func (r *rig) addCars(t *testing.T, n int) []aecs.Entity {
	t.Helper()
	out := make([]aecs.Entity, n)
	for i := range out {
		out[i] = r.world.NewEntity(r.bodyID)
		*(*Vehicle)(r.world.Get(out[i], r.bodyID)) = Vehicle{X: 10 + float64(i), Y: 5, Heading: float64(i)}
		require.NoError(t, r.brains.Add(out[i]))
	}
	return out
}

// body returns a vehicle's component.
func (r *rig) body(e aecs.Entity) *Vehicle { return (*Vehicle)(r.world.Get(e, r.bodyID)) }

// voltages returns the membrane potentials of an agent's brain.
func (r *rig) voltages(t *testing.T, agent aecs.Entity) []float64 {
	t.Helper()
	pop, first, ok := r.brains.Locate(agent)
	require.True(t, ok, "agent %v should have a brain", agent)
	v, err := r.host.Sim().Bind(pop)
	require.NoError(t, err)
	out := make([]float64, r.brains.Neurons())
	for i := range out {
		out[i] = v.Membrane[first+i].V
	}
	require.NoError(t, r.host.Sim().Unbind(v))
	return out
}
