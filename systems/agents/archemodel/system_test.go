package archemodel_test

import (
	"testing"

	"github.com/mlange-42/arche-model/model"
	"github.com/mlange-42/arche-model/system"
	aecs "github.com/mlange-42/arche/ecs"
	"github.com/stretchr/testify/require"

	"github.com/spikecs/spikecs/systems/agents"
	"github.com/spikecs/spikecs/systems/agents/archemodel"
)

func TestAFailingTickStopsTheModelAndKeepsTheError(t *testing.T) {
	m := model.New()
	host, sys, err := archemodel.Install(m, agents.Options{})
	require.NoError(t, err)
	brains, err := host.AddBrains(agents.BrainSpec{Name: "tiny", Neurons: 1})
	require.NoError(t, err)
	car := m.World.NewEntity()
	require.NoError(t, brains.Add(car))
	// Removing the bank's population entity breaks the next tick.
	m.World.RemoveEntity(host.Sim().PopulationEntity(brains.Populations()[0]))
	m.AddSystem(&system.FixedTermination{Steps: 50})
	require.NotPanics(t, m.Run)
	require.ErrorContains(t, sys.Err(), "archemodel: model tick 0")
	require.ErrorContains(t, sys.Err(), "its entity was removed from the world")
	require.Zero(t, host.Ticks(), "the model stopped at the failing tick")
	require.False(t, m.World.IsLocked())
}

func TestAHostFromAnotherWorldIsRejected(t *testing.T) {
	m := model.New()
	other := aecs.NewWorld()
	host, err := agents.New(&other, agents.Options{})
	require.NoError(t, err)
	sys := &archemodel.System{Host: host}
	m.AddSystem(sys)
	m.AddSystem(&system.FixedTermination{Steps: 5})
	m.Run()
	require.ErrorContains(t, sys.Err(), "the Host lives in another world than the model's")
	require.Zero(t, host.Ticks())
}

func TestInstallNeedsAModel(t *testing.T) {
	_, _, err := archemodel.Install(nil, agents.Options{})
	require.ErrorContains(t, err, "needs a model")
}
