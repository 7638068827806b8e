package agents_test

import (
	"math"
	"testing"

	aecs "github.com/mlange-42/arche/ecs"
	"github.com/stretchr/testify/require"

	"github.com/spikecs/spikecs/ecs"
	"github.com/spikecs/spikecs/systems/agents"
)

func TestLinearSensorScalesAndShiftsEachObservation(t *testing.T) {
	s, err := agents.NewLinearSensor(func(_ *aecs.World, _ aecs.Entity, x []float64) { x[0], x[1] = 2, -1 }, []float64{3, 0.5}, []float64{1, 10})
	require.NoError(t, err)
	require.Equal(t, 2, s.Size())
	out := make([]float64, 2)
	s.Sense(nil, aecs.Entity{}, out)
	require.Equal(t, []float64{1 + 3*2, 10 + 0.5*-1}, out)
}

func TestLinearMotorIsAffineInTheRates(t *testing.T) {
	var got []float64
	m, err := agents.NewLinearMotor([][]float64{{-0.01, 0.01}, {0.001, 0.001}}, []float64{0, 0.2}, func(_ *aecs.World, _ aecs.Entity, a []float64) {
		got = append([]float64(nil), a...)
	})
	require.NoError(t, err)
	require.Equal(t, 2, m.Size())
	m.Act(nil, aecs.Entity{}, []float64{100, 300})
	require.InDeltaSlice(t, []float64{2, 0.6}, got, 1e-12, "turn = 0.01·(300 − 100), speed = 0.2 + 0.001·400")
}

func TestLinearBuildersRejectInconsistentShapes(t *testing.T) {
	read := func(*aecs.World, aecs.Entity, []float64) {}
	apply := func(*aecs.World, aecs.Entity, []float64) {}
	cases := []struct {
		name string
		err  func() error
		want string
	}{
		{"sensor without read", func() error { _, err := agents.NewLinearSensor(nil, []float64{1}, nil); return err }, "no read function"},
		{"sensor without gains", func() error { _, err := agents.NewLinearSensor(read, nil, nil); return err }, "no gains"},
		{"sensor offsets of another length", func() error { _, err := agents.NewLinearSensor(read, []float64{1, 2}, []float64{0}); return err }, "2 gains but 1 offsets"},
		{"sensor NaN gain", func() error { _, err := agents.NewLinearSensor(read, []float64{math.NaN()}, nil); return err }, "gain 0 is NaN"},
		{"motor without apply", func() error { _, err := agents.NewLinearMotor([][]float64{{1}}, nil, nil); return err }, "no apply function"},
		{"motor ragged weights", func() error { _, err := agents.NewLinearMotor([][]float64{{1, 2}, {1}}, nil, apply); return err }, "action 1 has 1 weights, action 0 has 2"},
		{"motor bias of another length", func() error { _, err := agents.NewLinearMotor([][]float64{{1}}, []float64{0, 0}, apply); return err }, "1 actions but 2 biases"},
		{"motor no weights", func() error { _, err := agents.NewLinearMotor(nil, nil, apply); return err }, "at least one action"},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			require.ErrorContains(t, c.err(), c.want)
		})
	}
}

func TestRateDecoderAveragesTheLastTicksOfItsWindow(t *testing.T) {
	r := newRig(t, true, nil)
	// A ramp of current makes every tick's count different.
	drive := 1.5
	require.NoError(t, r.host.AddSensor(agents.SensorSpec{Name: "ramp", Brain: "vehicle", Neurons: []int{0},
		Sensor: agents.SenseFunc(func(_ *aecs.World, _ aecs.Entity, out []float64) { out[0] = drive })}))
	var perTick, windowed []float64
	require.NoError(t, r.host.AddMotor(agents.MotorSpec{Name: "tick", Brain: "vehicle", Neurons: []int{0},
		Motor: agents.ActFunc(func(_ *aecs.World, _ aecs.Entity, hz []float64) { perTick = append(perTick, hz[0]) })}))
	require.NoError(t, r.host.AddMotor(agents.MotorSpec{Name: "window", Brain: "vehicle", Neurons: []int{0}, WindowTicks: 4,
		Motor: agents.ActFunc(func(_ *aecs.World, _ aecs.Entity, hz []float64) { windowed = append(windowed, hz[0]) })}))
	r.addCars(t, 1)
	for range 12 {
		require.NoError(t, r.host.Update())
		drive += 0.4
	}
	require.NotEqual(t, perTick[2], perTick[10], "the ramp changes the rate")
	for k := range perTick {
		lo := max(0, k-3)
		mean := 0.0
		for _, x := range perTick[lo : k+1] {
			mean += x
		}
		mean /= float64(k + 1 - lo)
		require.InDelta(t, mean, windowed[k], 1e-9, "tick %d: the window rate is the mean of the last min(4, age) per-tick rates", k)
	}
}

func TestPoissonSensorFiresAtItsRate(t *testing.T) {
	// A jump of 1 mV from rest reaches the 1 mV threshold at once and the
	// soft reset takes it back, so each input spike is one output spike:
	// 100 brains at 200 Hz for 20 ticks of 10 ms give 4000 spikes
	// expected, sd = sqrt(40000·0.1·0.9) = 60 for the 40000 Bernoulli draws
	// with p = rate·dt = 0.1; allow 5 sd.
	r := newRig(t, true, nil)
	require.NoError(t, r.host.AddSensor(agents.SensorSpec{Name: "noise", Brain: "vehicle", Neurons: []int{1}, Kind: agents.PoissonSensor, WeightMV: 1,
		Sensor: agents.SenseFunc(func(_ *aecs.World, _ aecs.Entity, out []float64) { out[0] = 200 })}))
	total := 0.0
	require.NoError(t, r.host.AddMotor(agents.MotorSpec{Name: "count", Brain: "vehicle", Neurons: []int{1},
		Motor: agents.ActFunc(func(_ *aecs.World, _ aecs.Entity, hz []float64) { total += hz[0] * r.host.TickMs() / 1e3 })}))
	r.addCars(t, 100)
	for range 20 {
		require.NoError(t, r.host.Update())
	}
	require.InDelta(t, 4000, total, 5*60, "spikes of 100 Poisson-driven neurons at 200 Hz over 200 ms")
}

func TestPoissonSensorsOnOneNeuronMustAgreeOnTheWeight(t *testing.T) {
	r := newRig(t, true, nil)
	spec := agents.SensorSpec{Name: "a", Brain: "vehicle", Neurons: []int{1}, Kind: agents.PoissonSensor, WeightMV: 1.5, Sensor: agents.SenseFunc(nopSense)}
	require.NoError(t, r.host.AddSensor(spec))
	spec.Name, spec.WeightMV = "b", 2
	require.ErrorContains(t, r.host.AddSensor(spec), "neuron 1 already has Poisson weight 1.5 mV from another sensor, not 2 mV")
}

func TestSharedBanksMatchOnePopulationPerAgent(t *testing.T) {
	// The two designs of the benchmark compute the same network: same
	// neurons, synapses and inputs, so the vehicles must move identically.
	const nAgents, n, ticks = 30, 8, 25
	shared, err := newSharedDesign(nAgents, n, 0)
	require.NoError(t, err)
	per, err := newPerAgentDesign(nAgents, n)
	require.NoError(t, err)
	for range ticks {
		require.NoError(t, shared.tick())
		require.NoError(t, per.tick())
	}
	moved := 0
	for i := range nAgents {
		a := *(*Vehicle)(shared.world.Get(shared.cars[i], shared.bodyID))
		b := *(*Vehicle)(per.world.Get(per.cars[i], per.bodyID))
		require.Equal(t, b, a, "agent %d", i)
		if a.Heading != 2*math.Pi*float64(i)/nAgents {
			moved++
		}
	}
	require.Greater(t, moved, nAgents/2, "most brains must have steered (spiking motors)")
}

func TestSynapticDelaysPostponeTheMotorResponse(t *testing.T) {
	// Neuron 0 is driven hard from the first tick; its only synapse makes
	// neuron 1 fire. With a 25 ms delay nothing reaches neuron 1 before
	// 25 ms, so its first spikes come in the third 10 ms tick or later.
	firstTick := func(delayMs float64) int {
		r := newRig(t, true, func(s *agents.BrainSpec) {
			s.Neurons = 2
			s.Neuron.Membrane.VRest = ecs.Value{}
			s.Synapses = []agents.Synapse{{Pre: 0, Post: 1, WeightS: 3, DelayMs: delayMs}}
		})
		require.NoError(t, r.host.AddSensor(agents.SensorSpec{Name: "drive", Brain: "vehicle", Neurons: []int{0},
			Sensor: agents.SenseFunc(func(_ *aecs.World, _ aecs.Entity, out []float64) { out[0] = 5 })}))
		first := -1
		require.NoError(t, r.host.AddMotor(agents.MotorSpec{Name: "watch", Brain: "vehicle", Neurons: []int{1},
			Motor: agents.ActFunc(func(_ *aecs.World, _ aecs.Entity, hz []float64) {
				if first < 0 && hz[0] > 0 {
					first = int(r.host.Ticks())
				}
			})}))
		r.addCars(t, 1)
		for range 6 {
			require.NoError(t, r.host.Update())
		}
		return first
	}
	require.Equal(t, 0, firstTick(0), "without delay neuron 1 answers within the first tick")
	delayed := firstTick(25)
	require.GreaterOrEqual(t, delayed, 2, "no spike can arrive before 25 ms")
	require.LessOrEqual(t, delayed, 4, "but the delayed spikes do arrive")
}
