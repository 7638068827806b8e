package agents_test

import (
	"math"
	"testing"

	aecs "github.com/mlange-42/arche/ecs"
	"github.com/stretchr/testify/require"

	"github.com/spikecs/spikecs/ecs"
	"github.com/spikecs/spikecs/systems/agents"
)

// withVInit gives the brain distinct initial potentials per neuron (mV).
func withVInit(s *agents.BrainSpec) { s.Neuron.Membrane.VInit = ecs.List(0.1, 0.2, 0.3, 0.4) }

func TestEveryBrainStartsFromThePerNeuronInitialState(t *testing.T) {
	r := newRig(t, false, func(s *agents.BrainSpec) { withVInit(s); s.InitialSlots = 2 })
	cars := r.addCars(t, 5) // three banks: 2 + 2 + 4 slots
	require.Len(t, r.brains.Populations(), 3)
	require.Equal(t, 8, r.brains.Capacity())
	for _, c := range cars {
		require.Equal(t, []float64{0.1, 0.2, 0.3, 0.4}, r.voltages(t, c), "a List value gives each brain neuron its value, in every brain")
	}
}

func TestRemovingAnAgentEntityFreesItsBrainAtTheNextTick(t *testing.T) {
	r := newRig(t, false, withVInit)
	cars := r.addCars(t, 3)
	for range 5 {
		require.NoError(t, r.host.Update())
	}
	pop, first, _ := r.brains.Locate(cars[1])
	r.world.RemoveEntity(cars[1])
	require.True(t, r.brains.Has(cars[1]), "the brain lives until the next Sense notices")

	require.NoError(t, r.host.Update())
	require.False(t, r.brains.Has(cars[1]))
	require.Equal(t, 2, r.brains.Len())
	require.Equal(t, []aecs.Entity{cars[0], cars[2]}, r.brains.Agents())

	newcomer := r.world.NewEntity(r.bodyID)
	require.NoError(t, r.brains.Add(newcomer))
	pop2, first2, _ := r.brains.Locate(newcomer)
	require.Equal(t, [2]int{pop, first}, [2]int{pop2, first2}, "a new agent reuses the freed slot")
	require.Equal(t, []float64{0.1, 0.2, 0.3, 0.4}, r.voltages(t, newcomer), "and starts from the initial state")
	require.NoError(t, r.host.Update())
}

func TestRemoveResetsTheBrainAtOnce(t *testing.T) {
	r := newRig(t, false, withVInit)
	cars := r.addCars(t, 2)
	for range 5 {
		require.NoError(t, r.host.Update())
	}
	require.NotEqual(t, []float64{0.1, 0.2, 0.3, 0.4}, r.voltages(t, cars[0]), "the eyes were driven for 5 ticks")
	pop, first, _ := r.brains.Locate(cars[0])
	require.NoError(t, r.brains.Remove(cars[0]))
	require.True(t, r.world.Alive(cars[0]), "Remove frees the brain, not the agent")

	v, err := r.host.Sim().Bind(pop)
	require.NoError(t, err)
	for i, want := range []float64{0.1, 0.2, 0.3, 0.4} {
		require.Equal(t, want, v.Membrane[first+i].V, "V is back at V_init")
		require.Zero(t, v.Spike[first+i].S)
		require.Zero(t, v.SynG[0][first+i], "synaptic state is cleared")
	}
	require.NoError(t, r.host.Sim().Unbind(v))
}

func TestAFreedBrainGetsNoInputAndDrivesNoMotor(t *testing.T) {
	r := newRig(t, true, nil)
	sensed := map[aecs.Entity]int{}
	acted := map[aecs.Entity]int{}
	require.NoError(t, r.host.AddSensor(agents.SensorSpec{Name: "count", Brain: "vehicle", Neurons: []int{0},
		Sensor: agents.SenseFunc(func(_ *aecs.World, a aecs.Entity, out []float64) { sensed[a]++; out[0] = 5 })}))
	require.NoError(t, r.host.AddMotor(agents.MotorSpec{Name: "count", Brain: "vehicle", Neurons: []int{0},
		Motor: agents.ActFunc(func(_ *aecs.World, a aecs.Entity, _ []float64) { acted[a]++ })}))
	cars := r.addCars(t, 2)
	require.NoError(t, r.host.Update())
	require.NoError(t, r.brains.Remove(cars[0]))
	for range 3 {
		require.NoError(t, r.host.Update())
	}
	require.Equal(t, 1, sensed[cars[0]])
	require.Equal(t, 1, acted[cars[0]])
	require.Equal(t, 4, sensed[cars[1]])
	require.Equal(t, 4, acted[cars[1]])
	// The freed slot restarted from V_init = 0 and relaxes toward V_rest
	// without input: the eyes stay at 0 mV, the wheels approach 0.9 mV
	// with tau = 10 ms over the 3 ticks of 10 ms since.
	v := r.voltagesAt(t, 0, 0)
	wheel := 0.9 * (1 - math.Exp(-3))
	require.InDeltaSlice(t, []float64{0, 0, wheel, wheel}, v, 1e-12, "freed slot: no sensor input, no spikes")
}

// voltagesAt returns the potentials of slot slot of the kind's bank b.
func (r *rig) voltagesAt(t *testing.T, b, slot int) []float64 {
	t.Helper()
	v, err := r.host.Sim().Bind(r.brains.Populations()[b])
	require.NoError(t, err)
	out := make([]float64, r.brains.Neurons())
	for i := range out {
		out[i] = v.Membrane[slot*len(out)+i].V
	}
	require.NoError(t, r.host.Sim().Unbind(v))
	return out
}

func TestAMotorMayRemoveItsAgent(t *testing.T) {
	r := newRig(t, true, nil)
	require.NoError(t, r.host.AddMotor(agents.MotorSpec{Name: "starve", Brain: "vehicle", Neurons: []int{0},
		Motor: agents.ActFunc(func(w *aecs.World, a aecs.Entity, _ []float64) { w.RemoveEntity(a) })}))
	cars := r.addCars(t, 3)
	require.NotPanics(t, func() { require.NoError(t, r.host.Update()) })
	for _, c := range cars {
		require.False(t, r.world.Alive(c))
	}
	require.NoError(t, r.host.Update())
	require.Zero(t, r.brains.Len(), "the brains of removed agents are freed at the next Sense")
}

func TestBankLayoutDoesNotChangeResults(t *testing.T) {
	run := func(initialSlots int) []Vehicle {
		r := newRig(t, false, func(s *agents.BrainSpec) { s.InitialSlots = initialSlots })
		cars := r.addCars(t, 7)
		for range 30 {
			require.NoError(t, r.host.Update())
		}
		out := make([]Vehicle, len(cars))
		for i, c := range cars {
			out[i] = *r.body(c)
		}
		return out
	}
	one, three := run(16), run(2)
	require.Equal(t, one, three, "7 brains in one bank and in banks of 2+2+4 slots must move identically")
	require.NotEqual(t, one[0], one[1])
}

func TestReserveCreatesExactlyTheMissingSlots(t *testing.T) {
	r := newRig(t, true, func(s *agents.BrainSpec) { s.MaxBankSlots = 32 })
	require.NoError(t, r.brains.Reserve(37))
	require.Equal(t, 37, r.brains.Capacity(), "banks of 32 + 5")
	require.Len(t, r.brains.Populations(), 2)
	require.NoError(t, r.brains.Reserve(10))
	require.Equal(t, 37, r.brains.Capacity(), "reserving less than the capacity changes nothing")
	r.addCars(t, 38) // the 38th brain needs a bank: Add doubles, capped at 32
	require.Equal(t, 37+32, r.brains.Capacity())
}
