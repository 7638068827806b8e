package agents_test

import (
	"fmt"
	"math"

	aecs "github.com/mlange-42/arche/ecs"

	"github.com/spikecs/spikecs/ecs"
	"github.com/spikecs/spikecs/systems/agents"
)

// Vehicle is an agent's body in the examples: position and heading.
type Vehicle struct {
	X, Y    float64 // position, model units
	Heading float64 // rad
}

// lightAt is the light intensity (0..1) at (x, y) from a lamp at the origin.
func lightAt(x, y float64) float64 { return 1 / (1 + (x*x+y*y)/100) }

// vehicleBrain is a Braitenberg vehicle 2b: neurons 0 and 1 sense light on
// the left and right, neurons 2 and 3 drive the left and right wheels, and
// each sensor excites the opposite wheel, so the vehicle turns toward the
// light.
func vehicleBrain() agents.BrainSpec {
	lif := ecs.LIF("", 0)
	lif.Membrane.Tau = ecs.Scalar(10)             // ms
	lif.Membrane.VRest = ecs.List(0, 0, 0.9, 0.9) // mV, per brain neuron: wheels idle near threshold
	return agents.BrainSpec{
		Name: "vehicle", Neurons: 4, Neuron: lif,
		Synapses: []agents.Synapse{
			{Pre: 0, Post: 3, WeightS: 1.5}, // left eye → right wheel
			{Pre: 1, Post: 2, WeightS: 1.5}, // right eye → left wheel
			{Pre: 0, Post: 2, WeightS: -1.5},
			{Pre: 1, Post: 3, WeightS: -1.5},
		},
	}
}

// wireVehicle adds the light sensor and the steering motor to host.
func wireVehicle(host *agents.Host, bodyID aecs.ID) error {
	eyes, err := agents.NewLinearSensor(func(w *aecs.World, a aecs.Entity, x []float64) {
		v := (*Vehicle)(w.Get(a, bodyID))
		for k, side := range []float64{+0.5, -0.5} { // left, right eye: ±0.5 rad, 2 units ahead
			x[k] = lightAt(v.X+2*math.Cos(v.Heading+side), v.Y+2*math.Sin(v.Heading+side))
		}
	}, []float64{20, 20}, []float64{1, 1}) // mA per unit of light; 1 mA puts the eyes at threshold
	if err != nil {
		return err
	}
	if err := host.AddSensor(agents.SensorSpec{Name: "eyes", Brain: "vehicle", Neurons: []int{0, 1}, Sensor: eyes}); err != nil {
		return err
	}
	wheels, err := agents.NewLinearMotor([][]float64{{-0.002, 0.002}}, nil, func(w *aecs.World, a aecs.Entity, act []float64) {
		v := (*Vehicle)(w.Get(a, bodyID))
		v.Heading += max(-0.3, min(0.3, act[0])) // rad per tick: right wheel faster turns left
		v.X += 0.5 * math.Cos(v.Heading)
		v.Y += 0.5 * math.Sin(v.Heading)
	})
	if err != nil {
		return err
	}
	return host.AddMotor(agents.MotorSpec{Name: "wheels", Brain: "vehicle", Neurons: []int{2, 3}, WindowTicks: 3, Motor: wheels})
}

// A user's own arche world with agent entities: three vehicles get spiking
// brains, and the model's loop steps them — 20 neural steps of 0.5 ms per
// model tick.
func ExampleHost() {
	world := aecs.NewWorld()
	bodyID := aecs.ComponentID[Vehicle](&world)
	host, err := agents.New(&world, agents.Options{DtMs: 0.5, Substeps: 20, Seed: 1})
	if err != nil {
		panic(err)
	}
	brains, err := host.AddBrains(vehicleBrain())
	if err != nil {
		panic(err)
	}
	if err := wireVehicle(host, bodyID); err != nil {
		panic(err)
	}
	var cars []aecs.Entity
	for i := range 3 {
		car := world.NewEntity(bodyID)
		r, angle := 10+10*float64(i), 2*float64(i) // start r units out, driving tangentially
		*(*Vehicle)(world.Get(car, bodyID)) = Vehicle{X: r * math.Cos(angle), Y: r * math.Sin(angle), Heading: angle + math.Pi/2}
		if err := brains.Add(car); err != nil {
			panic(err)
		}
		cars = append(cars, car)
	}
	for tick := 0; tick < 200; tick++ { // the model's own loop
		if err := host.Update(); err != nil { // sense, 20 neural steps, act
			panic(err)
		}
	}
	for i, car := range cars {
		v := (*Vehicle)(world.Get(car, bodyID))
		fmt.Printf("vehicle %d: distance to the lamp %.1f (started at %d)\n", i, math.Hypot(v.X, v.Y), 10+10*i)
	}
	fmt.Printf("%d brains, %d ms of neural time\n", brains.Len(), int(float64(host.Ticks())*host.TickMs()))
	// Output:
	// vehicle 0: distance to the lamp 2.0 (started at 10)
	// vehicle 1: distance to the lamp 4.6 (started at 20)
	// vehicle 2: distance to the lamp 2.7 (started at 30)
	// 3 brains, 2000 ms of neural time
}
