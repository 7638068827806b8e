package ecs_test

import (
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/spikecs/spikecs/ecs"
)

// logNeuron and logGlobal append their name to a shared log when they run.
type logNeuron struct {
	name string
	log  *[]string
}

func (l logNeuron) Name() string { return l.name }
func (l logNeuron) UpdateBlock(_ ecs.Tick, p *ecs.PopView, lo, hi int) error {
	*l.log = append(*l.log, l.name)
	return nil
}

type logGlobal struct {
	name string
	log  *[]string
}

func (l logGlobal) Name() string { return l.name }
func (l logGlobal) Update(*ecs.Sim, ecs.Tick) error {
	*l.log = append(*l.log, l.name)
	return nil
}

// TestScheduleOrder: systems run in stage order, and a global system
// between neuron systems splits the block-wise segments so that it sees
// all earlier neuron stages done and no later one started.
func TestScheduleOrder(t *testing.T) {
	var log []string
	sim, err := ecs.New(ecs.Options{BlockSize: 2})
	require.NoError(t, err)
	_, err = sim.AddPopulation(ecs.LIF("p", 3)) // two blocks: [0,2) and [2,3)
	require.NoError(t, err)
	require.NoError(t, sim.AddNeuronSystem(ecs.StageSpike, logNeuron{"spike", &log}))
	require.NoError(t, sim.AddNeuronSystem(ecs.StageReset, logNeuron{"reset", &log}))
	require.NoError(t, sim.AddSystem(ecs.StageRecord, logGlobal{"record", &log}))
	require.NoError(t, sim.AddSystem(ecs.StageIntegrate, logGlobal{"between", &log}))
	require.NoError(t, sim.AddNeuronSystem(ecs.StageIntegrate, logNeuron{"integrate", &log}))
	require.NoError(t, sim.Step())
	assert.Equal(t, []string{"reset", "reset", "between", "integrate", "spike", "integrate", "spike", "record"}, log)
	assert.Equal(t, int64(1), sim.Clock().Step)
	assert.InDelta(t, 0.1, sim.Clock().TMs(), 1e-15)
}
