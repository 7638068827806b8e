package archemodel_test

import (
	"fmt"
	"math"

	"github.com/mlange-42/arche-model/model"
	"github.com/mlange-42/arche-model/system"
	aecs "github.com/mlange-42/arche/ecs"
	"github.com/mlange-42/arche/generic"

	"github.com/spikecs/spikecs/ecs"
	"github.com/spikecs/spikecs/systems/agents"
	"github.com/spikecs/spikecs/systems/agents/archemodel"
)

// Vehicle is an agent's body: position and heading (rad).
type Vehicle struct {
	X, Y, Heading float64
}

// Spawner is the model's own system: it creates the vehicles and gives
// each a brain.
type Spawner struct {
	Brains *agents.Brains
	Count  int
}

// Initialize creates the vehicles, 10 to 30 units from a lamp at the
// origin, driving tangentially.
func (s *Spawner) Initialize(w *aecs.World) {
	cars := generic.NewMap1[Vehicle](w)
	for i := range s.Count {
		r, angle := 10+10*float64(i), 2*float64(i)
		car := cars.NewWith(&Vehicle{X: r * math.Cos(angle), Y: r * math.Sin(angle), Heading: angle + math.Pi/2})
		if err := s.Brains.Add(car); err != nil {
			panic(err) // a real model would report it
		}
	}
}

// Update does nothing: the brains steer.
func (s *Spawner) Update(*aecs.World) {}

// Finalize does nothing.
func (s *Spawner) Finalize(*aecs.World) {}

// The vehicles of ExampleHost (package agents) inside an arche-model
// model: the brains are one ordinary system among the model's own.
func ExampleInstall() {
	m := model.New()
	host, brains, err := install(m)
	if err != nil {
		panic(err)
	}
	m.AddSystem(&Spawner{Brains: brains, Count: 3}) // the model's own system: spawns the vehicles
	m.AddSystem(&system.FixedTermination{Steps: 200})
	m.Run() // 200 model ticks, 20 neural steps of 0.5 ms each

	q := generic.NewFilter1[Vehicle]().Query(&m.World)
	for i := 0; q.Next(); i++ {
		v := q.Get()
		fmt.Printf("vehicle %d: distance to the lamp %.1f (started at %d)\n", i, math.Hypot(v.X, v.Y), 10+10*i)
	}
	fmt.Printf("%d brains, %d ms of neural time\n", brains.Len(), int(float64(host.Ticks())*host.TickMs()))
	// Output:
	// vehicle 0: distance to the lamp 2.0 (started at 10)
	// vehicle 1: distance to the lamp 4.6 (started at 20)
	// vehicle 2: distance to the lamp 2.7 (started at 30)
	// 3 brains, 2000 ms of neural time
}

// install adds the brains to m: a Host with the vehicle brain, its eyes
// and its wheels (the same as in package agents' ExampleHost).
func install(m *model.Model) (*agents.Host, *agents.Brains, error) {
	host, _, err := archemodel.Install(m, agents.Options{DtMs: 0.5, Substeps: 20, Seed: 1})
	if err != nil {
		return nil, nil, err
	}
	lif := ecs.LIF("", 0)
	lif.Membrane.Tau = ecs.Scalar(10)             // ms
	lif.Membrane.VRest = ecs.List(0, 0, 0.9, 0.9) // mV: wheels idle near threshold
	brains, err := host.AddBrains(agents.BrainSpec{
		Name: "vehicle", Neurons: 4, Neuron: lif,
		Synapses: []agents.Synapse{
			{Pre: 0, Post: 3, WeightS: 1.5}, {Pre: 1, Post: 2, WeightS: 1.5}, // eyes excite the opposite wheel
			{Pre: 0, Post: 2, WeightS: -1.5}, {Pre: 1, Post: 3, WeightS: -1.5}, // and inhibit their own side
		},
	})
	if err != nil {
		return nil, nil, err
	}
	cars := generic.NewMap1[Vehicle](&m.World)
	eyes, err := agents.NewLinearSensor(func(_ *aecs.World, a aecs.Entity, x []float64) {
		v := cars.Get(a)
		for k, side := range []float64{+0.5, -0.5} {
			px, py := v.X+2*math.Cos(v.Heading+side), v.Y+2*math.Sin(v.Heading+side)
			x[k] = 1 / (1 + (px*px+py*py)/100) // light of a lamp at the origin
		}
	}, []float64{20, 20}, []float64{1, 1})
	if err != nil {
		return nil, nil, err
	}
	if err := host.AddSensor(agents.SensorSpec{Name: "eyes", Brain: "vehicle", Neurons: []int{0, 1}, Sensor: eyes}); err != nil {
		return nil, nil, err
	}
	wheels, err := agents.NewLinearMotor([][]float64{{-0.002, 0.002}}, nil, func(_ *aecs.World, a aecs.Entity, act []float64) {
		v := cars.Get(a)
		v.Heading += max(-0.3, min(0.3, act[0]))
		v.X += 0.5 * math.Cos(v.Heading)
		v.Y += 0.5 * math.Sin(v.Heading)
	})
	if err != nil {
		return nil, nil, err
	}
	err = host.AddMotor(agents.MotorSpec{Name: "wheels", Brain: "vehicle", Neurons: []int{2, 3}, WindowTicks: 3, Motor: wheels})
	return host, brains, err
}
