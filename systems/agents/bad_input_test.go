package agents_test

import (
	"math"
	"testing"

	aecs "github.com/mlange-42/arche/ecs"
	"github.com/stretchr/testify/require"

	"github.com/spikecs/spikecs/components"
	"github.com/spikecs/spikecs/ecs"
	"github.com/spikecs/spikecs/systems/agents"
)

// nopSense is a sensor function that does nothing.
func nopSense(*aecs.World, aecs.Entity, []float64) {}

// nopAct is a motor function that does nothing.
func nopAct(*aecs.World, aecs.Entity, []float64) {}

func TestSensorAndMotorBindingErrorsNameTheProblem(t *testing.T) {
	three, err := agents.NewLinearSensor(func(*aecs.World, aecs.Entity, []float64) {}, []float64{1, 1, 1}, nil)
	require.NoError(t, err)
	wheels3, err := agents.NewLinearMotor([][]float64{{1, 1, 1}}, nil, func(*aecs.World, aecs.Entity, []float64) {})
	require.NoError(t, err)
	cases := []struct {
		name   string
		sensor *agents.SensorSpec
		motor  *agents.MotorSpec
		want   string
	}{
		{"sensor on a missing brain", &agents.SensorSpec{Name: "eyes", Brain: "nobody", Neurons: []int{0}, Sensor: agents.SenseFunc(nopSense)}, nil, `sensor "eyes": no brain kind "nobody"; valid: [vehicle]`},
		{"sensor on a plain population", &agents.SensorSpec{Name: "eyes", Brain: "plain", Neurons: []int{0}, Sensor: agents.SenseFunc(nopSense)}, nil, `"plain" is a population, not a brain kind`},
		{"motor on a missing brain", nil, &agents.MotorSpec{Name: "wheels", Brain: "nobody", Neurons: []int{0}, Motor: agents.ActFunc(nopAct)}, `motor "wheels": no brain kind "nobody"`},
		{"sensor neuron outside the brain", &agents.SensorSpec{Name: "eyes", Brain: "vehicle", Neurons: []int{0, 4}, Sensor: agents.SenseFunc(nopSense)}, nil, "neuron 4 (entry 1) is outside the brain's 4 neurons (0..3)"},
		{"motor neuron outside the brain", nil, &agents.MotorSpec{Name: "wheels", Brain: "vehicle", Neurons: []int{-1}, Motor: agents.ActFunc(nopAct)}, "neuron -1 (entry 0) is outside the brain's 4 neurons"},
		{"sensor size differs from its neurons", &agents.SensorSpec{Name: "eyes", Brain: "vehicle", Neurons: []int{0, 1}, Sensor: three}, nil, "the sensor produces 3 values but is bound to 2 neurons"},
		{"motor size differs from its neurons", nil, &agents.MotorSpec{Name: "wheels", Brain: "vehicle", Neurons: []int{2, 3}, Motor: wheels3}, "the motor reads 3 rates but is bound to 2 neurons"},
		{"neuron listed twice", &agents.SensorSpec{Name: "eyes", Brain: "vehicle", Neurons: []int{1, 1}, Sensor: agents.SenseFunc(nopSense)}, nil, "neuron 1 is listed twice"},
		{"no neurons", &agents.SensorSpec{Name: "eyes", Brain: "vehicle", Sensor: agents.SenseFunc(nopSense)}, nil, "no neurons given"},
		{"no sensor function", &agents.SensorSpec{Name: "eyes", Brain: "vehicle", Neurons: []int{0}}, nil, "no Sensor function"},
		{"no motor function", nil, &agents.MotorSpec{Name: "wheels", Brain: "vehicle", Neurons: []int{0}}, "no Motor function"},
		{"Poisson sensor without weight", &agents.SensorSpec{Name: "eyes", Brain: "vehicle", Neurons: []int{0}, Kind: agents.PoissonSensor, Sensor: agents.SenseFunc(nopSense)}, nil, "needs a finite, non-zero WeightMV"},
		{"negative window", nil, &agents.MotorSpec{Name: "wheels", Brain: "vehicle", Neurons: []int{2}, WindowTicks: -2, Motor: agents.ActFunc(nopAct)}, "window must be >= 1 tick, got -2"},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			r := newRig(t, true, nil)
			_, err := r.host.Sim().AddPopulation(ecs.LIF("plain", 3))
			require.NoError(t, err)
			if c.sensor != nil {
				err = r.host.AddSensor(*c.sensor)
			} else {
				err = r.host.AddMotor(*c.motor)
			}
			require.Error(t, err, "binding should fail: %s", c.name)
			require.Contains(t, err.Error(), c.want)
		})
	}
}

func TestBrainSpecErrorsNameTheProblem(t *testing.T) {
	cases := []struct {
		name string
		mod  func(*agents.BrainSpec)
		want string
	}{
		{"no name", func(s *agents.BrainSpec) { s.Name = "" }, "a brain kind needs a name"},
		{"no neurons", func(s *agents.BrainSpec) { s.Neurons = 0 }, `brain "vehicle": neurons must be >= 1, got 0`},
		{"synapse outside the brain", func(s *agents.BrainSpec) { s.Synapses[1].Post = 9 }, "synapse 1 (1 → 9) is out of range: neurons 0..3"},
		{"non-finite weight", func(s *agents.BrainSpec) { s.Synapses[0].WeightS = math.NaN() }, "synapse 0 has weight NaN S"},
		{"negative delay", func(s *agents.BrainSpec) { s.Synapses[0].DelayMs = -1 }, "synapse 0 has delay -1 ms"},
		{"per-neuron list of the wrong size", func(s *agents.BrainSpec) { s.Neuron.Membrane.VRest = ecs.List(0, 0, 1) }, "V_rest: list has 3 values, expected 4 (one per neuron)"},
		{"spike source neurons", func(s *agents.BrainSpec) { s.Neuron.Source = &ecs.SourceSpec{RateHz: ecs.Scalar(5)} }, "neurons cannot be spike sources"},
		{"bad membrane time constant", func(s *agents.BrainSpec) { s.Neuron.Membrane.Tau = ecs.Scalar(-2) }, `population "vehicle#0": tau = -2 ms; must be > 0`},
		{"bad channel", func(s *agents.BrainSpec) {
			s.Channel = components.ChannelParams{Kind: components.SynExpon, Out: components.OutCUBA}
		}, "channel: synapse tau must be > 0 ms"},
		{"negative conductance weight", func(s *agents.BrainSpec) {
			s.Channel = components.ChannelParams{Kind: components.SynExpon, Out: components.OutCOBA, TauMs: 5}
		}, "conductance weights (COBA, MgBlock) must be >= 0"},
		{"surrogates of the wrong size", func(s *agents.BrainSpec) { s.Neuron.Surrogates = []components.SurrogateSpec{{}} }, "1 surrogates, expected 4"},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			w := aecs.NewWorld()
			host, err := agents.New(&w, agents.Options{})
			require.NoError(t, err)
			spec := vehicleBrain()
			c.mod(&spec)
			_, err = host.AddBrains(spec)
			require.Error(t, err, "AddBrains should reject: %s", c.name)
			require.Contains(t, err.Error(), c.want)
		})
	}
}

func TestBadOptionsAndDuplicatesAreErrors(t *testing.T) {
	w := aecs.NewWorld()
	_, err := agents.New(&w, agents.Options{Substeps: -1})
	require.ErrorContains(t, err, "substeps must be >= 1, got -1")
	_, err = agents.New(&w, agents.Options{DtMs: math.Inf(1)})
	require.ErrorContains(t, err, "dt must be a positive finite time")

	host, err := agents.New(&w, agents.Options{})
	require.NoError(t, err)
	_, err = agents.New(&w, agents.Options{})
	require.ErrorContains(t, err, "already hosts a simulation", "a world hosts one Host")
	_, err = host.AddBrains(vehicleBrain())
	require.NoError(t, err)
	_, err = host.AddBrains(vehicleBrain())
	require.ErrorContains(t, err, `brain "vehicle": a brain kind with this name already exists`)
}

func TestAddAndRemoveRejectBadAgents(t *testing.T) {
	r := newRig(t, false, nil)
	cars := r.addCars(t, 1)
	require.ErrorContains(t, r.brains.Add(cars[0]), "already has a brain of this kind")
	other := r.world.NewEntity(r.bodyID)
	require.ErrorContains(t, r.brains.Remove(other), "has no brain of this kind")
	r.world.RemoveEntity(other)
	require.ErrorContains(t, r.brains.Add(other), "is not alive")
}

func TestSensorValuesOutOfRangeStopTheTickWithAnError(t *testing.T) {
	cases := []struct {
		name  string
		kind  agents.SensorKind
		value float64
		want  string
	}{
		{"NaN current", agents.CurrentSensor, math.NaN(), "drive NaN is not valid (a finite current in mA)"},
		{"infinite current", agents.CurrentSensor, math.Inf(-1), "drive -Inf is not valid"},
		{"negative rate", agents.PoissonSensor, -1, "drive -1 is not valid (a rate in Hz between 0 and 1/dt = 2000 Hz)"},
		{"rate above 1/dt", agents.PoissonSensor, 2500, "drive 2500 is not valid"},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			r := newRig(t, true, nil)
			require.NoError(t, r.host.AddSensor(agents.SensorSpec{Name: "bad", Brain: "vehicle", Neurons: []int{0}, Kind: c.kind, WeightMV: 1,
				Sensor: agents.SenseFunc(func(_ *aecs.World, _ aecs.Entity, out []float64) { out[0] = c.value })}))
			r.addCars(t, 1)
			err := r.host.Update()
			require.Error(t, err)
			require.Contains(t, err.Error(), `sensor "bad", agent`)
			require.Contains(t, err.Error(), c.want)
			require.False(t, r.world.IsLocked(), "an error must not leave the world locked")
			require.NoError(t, r.brains.Add(r.world.NewEntity(r.bodyID)), "the Host stays usable after the error")
		})
	}
}

func TestBrainsCannotChangeFromInsideSensorsOrMotors(t *testing.T) {
	r := newRig(t, true, nil)
	var senseErr, actErr error
	require.NoError(t, r.host.AddSensor(agents.SensorSpec{Name: "greedy", Brain: "vehicle", Neurons: []int{0},
		Sensor: agents.SenseFunc(func(w *aecs.World, _ aecs.Entity, _ []float64) {
			senseErr = r.brains.Add(w.NewEntity())
		})}))
	require.NoError(t, r.host.AddMotor(agents.MotorSpec{Name: "greedy", Brain: "vehicle", Neurons: []int{2},
		Motor: agents.ActFunc(func(_ *aecs.World, a aecs.Entity, _ []float64) {
			actErr = r.brains.Remove(a)
		})}))
	r.addCars(t, 1)
	require.NoError(t, r.host.Update())
	require.ErrorContains(t, senseErr, "called from inside a sensor or motor function")
	require.ErrorContains(t, actErr, "called from inside a sensor or motor function")
	require.Equal(t, 1, r.brains.Len())
}

func TestUpdateInsideAnOpenQueryIsAnErrorNotAPanic(t *testing.T) {
	r := newRig(t, false, nil)
	r.addCars(t, 2)
	q := r.world.Query(aecs.All(r.bodyID))
	var err error
	require.NotPanics(t, func() { err = r.host.Update() })
	require.ErrorContains(t, err, "the world is locked")
	q.Close()
	require.False(t, r.world.IsLocked())
	require.NoError(t, r.host.Update(), "after the query closes, ticks run again")
}

func TestAddingInsideAQueryUsesReservedSlotsAndOtherwiseFailsCleanly(t *testing.T) {
	r := newRig(t, false, func(s *agents.BrainSpec) { s.InitialSlots = 2 })
	for range 3 {
		r.world.NewEntity(r.bodyID)
	}
	require.NoError(t, r.brains.Reserve(2))
	var errs []error
	q := r.world.Query(aecs.All(r.bodyID))
	for q.Next() {
		errs = append(errs, r.brains.Add(q.Entity())) // free slots: no structural change needed
	}
	require.False(t, r.world.IsLocked())
	require.NoError(t, errs[0])
	require.NoError(t, errs[1])
	require.ErrorContains(t, errs[2], "the world is locked", "a third brain needs a new bank, which is a structural change")
	require.Equal(t, 2, r.brains.Len())
	require.NoError(t, r.host.Update())
}

func TestARemovedBankPopulationIsAClearError(t *testing.T) {
	r := newRig(t, false, nil)
	r.addCars(t, 2)
	pop := r.brains.Populations()[0]
	r.world.RemoveEntity(r.host.Sim().PopulationEntity(pop))
	var err error
	require.NotPanics(t, func() { err = r.host.Update() })
	require.ErrorContains(t, err, `population "vehicle#0": its entity was removed from the world`)
	require.False(t, r.world.IsLocked())
}
