package foraging

import (
	"math"

	aecs "github.com/mlange-42/arche/ecs"

	"github.com/spikecs/spikecs/ecs"
	"github.com/spikecs/spikecs/systems/agents"
)

// The forager brain: a Braitenberg vehicle with spiking neurons.
//
//	neuron 0: left sensor     neuron 2: left motor
//	neuron 1: right sensor    neuron 3: right motor
//
// Each sensor excites the opposite motor and inhibits its own side's
// motor, so a motor fires in proportion to how much more food its
// opposite sensor smells; turn = TurnGain·(rate_right − rate_left): more
// food on the left spins the right motor and turns the agent left.
const (
	brainName     = "forager"
	brainNeurons  = 4
	sensorLeft    = 0
	sensorRight   = 1
	motorLeft     = 2
	motorRight    = 3
	sensorDist    = 3.0  // cells ahead of the agent
	sensorAngle   = 0.7  // rad left and right of the heading
	sensorGainMA  = 3.0  // mA per unit of smell (mean food of 3×3 cells, 0..1)
	sensorBiasMA  = 1.0  // mA: a sensor at threshold smells the faintest food
	crossWeightS  = 2.0  // S: sensor → opposite motor (excitatory)
	ipsiWeightS   = -2.0 // S: sensor → same-side motor (inhibitory)
	motorRestMV   = 0.9  // mV: motors idle just below threshold (1 mV)
	turnPerHz     = 0.004
	maxTurnRad    = 0.6 // rad per tick
	decoderWindow = 3   // ticks
)

// brainSpec returns the forager brain: 4 LIF neurons (tau = 10 ms) and
// 4 current-based synapses (exponential, tau = 5 ms), or no synapses for
// the control experiment.
func brainSpec(cut bool) agents.BrainSpec {
	lif := ecs.LIF("", 0)
	lif.Membrane.Tau = ecs.Scalar(10)                             // ms
	lif.Membrane.VRest = ecs.List(0, 0, motorRestMV, motorRestMV) // mV, per brain neuron
	spec := agents.BrainSpec{
		Name: brainName, Neurons: brainNeurons, Neuron: lif,
		Synapses: []agents.Synapse{
			{Pre: sensorLeft, Post: motorRight, WeightS: crossWeightS},
			{Pre: sensorRight, Post: motorLeft, WeightS: crossWeightS},
			{Pre: sensorLeft, Post: motorLeft, WeightS: ipsiWeightS},
			{Pre: sensorRight, Post: motorRight, WeightS: ipsiWeightS},
		},
	}
	if cut {
		spec.Synapses = nil
	}
	return spec
}

// wire adds the food sensor and the steering motor of the forager brain.
func wire(host *agents.Host, f *field, bodyID aecs.ID) error {
	nose, err := agents.NewLinearSensor(func(w *aecs.World, a aecs.Entity, x []float64) {
		b := (*Body)(w.Get(a, bodyID))
		for k, side := range [2]float64{sensorAngle, -sensorAngle} {
			h := b.Heading + side
			x[k] = f.smell(b.X+sensorDist*math.Cos(h), b.Y+sensorDist*math.Sin(h))
		}
	}, []float64{sensorGainMA, sensorGainMA}, []float64{sensorBiasMA, sensorBiasMA})
	if err != nil {
		return err
	}
	if err := host.AddSensor(agents.SensorSpec{Name: "nose", Brain: brainName, Neurons: []int{sensorLeft, sensorRight}, Sensor: nose}); err != nil {
		return err
	}
	steer, err := agents.NewLinearMotor([][]float64{{-turnPerHz, turnPerHz}}, nil, func(w *aecs.World, a aecs.Entity, act []float64) {
		(*Body)(w.Get(a, bodyID)).Heading += math.Max(-maxTurnRad, math.Min(maxTurnRad, act[0]))
	})
	if err != nil {
		return err
	}
	return host.AddMotor(agents.MotorSpec{Name: "steer", Brain: brainName, Neurons: []int{motorLeft, motorRight}, WindowTicks: decoderWindow, Motor: steer})
}
