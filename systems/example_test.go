package systems_test

import (
	"fmt"
	"math"

	aecs "github.com/mlange-42/arche/ecs"

	"github.com/spikecs/spikecs/components"
	"github.com/spikecs/spikecs/ecs"
	"github.com/spikecs/spikecs/systems"
)

// Two heterogeneous populations composed in Go: LIF neurons with
// per-neuron time constants, and adaptive neurons with a refractory period
// (a composition no preset has) and their own surrogate gradient.
func ExampleNewSim() {
	sim, err := systems.NewSim(ecs.Options{DtMs: 0.1, Seed: 7})
	if err != nil {
		panic(err)
	}
	lif := ecs.LIF("lif", 100)
	lif.Membrane.Tau = ecs.Normal(10, 2)       // ms, one draw per neuron
	lif.Membrane.VInit = ecs.Uniform(0, 1)     // mV
	adaptive := ecs.ALIF("adaptive", 50)       // membrane + adaptation ...
	adaptive.Refractory = &ecs.RefractorySpec{ // ... + refractory period
		TauRef: ecs.Scalar(2), // ms
	}
	adaptive.Membrane.VTh = ecs.TruncNormal(1, 0.1, 0.8, 1.2) // mV
	adaptive.Surrogate = components.SurrogateSpec{Kind: components.SurrogateSigmoid, P: [4]float64{4}}
	for _, spec := range []ecs.PopulationSpec{lif, adaptive} {
		if _, err := sim.AddPopulation(spec); err != nil {
			panic(err)
		}
		drive, err := systems.NewCurrentInput(sim, spec.Name, components.Shared(2), 0, math.Inf(1)) // 2 mA
		if err != nil {
			panic(err)
		}
		if err := sim.AddNeuronSystem(ecs.StageInput, drive); err != nil {
			panic(err)
		}
	}
	spikes, _ := systems.NewSpikeRecorder(sim, nil, nil) // counts only
	_ = sim.AddSystem(ecs.StageRecord, spikes)
	if err := sim.RunFor(100); err != nil { // ms
		panic(err)
	}
	for id, name := range sim.Populations() {
		fmt.Printf("%s: %d spikes\n", name, spikes.Counts[id])
	}
	// Output:
	// lif: 1426 spikes
	// adaptive: 637 spikes
}

// A Sim inside a world the caller owns: the world keeps its own entities
// and the caller steps the neural systems from its own loop.
func ExampleNewSimOn() {
	type Position struct{ X, Y float64 }
	world := aecs.NewWorld()
	posID := aecs.ComponentID[Position](&world)
	agent := world.NewEntity(posID)

	sim, err := systems.NewSimOn(&world, ecs.Options{})
	if err != nil {
		panic(err)
	}
	brain, _ := sim.AddPopulation(ecs.LIF("brain", 8))
	drive, _ := systems.NewCurrentInput(sim, "brain", components.Shared(2), 0, math.Inf(1))
	_ = sim.AddNeuronSystem(ecs.StageInput, drive)

	for tick := 0; tick < 10; tick++ { // the model's own loop
		if err := sim.Run(10); err != nil { // 10 neural steps per tick
			panic(err)
		}
		v, _ := sim.Bind(brain)
		pos := (*Position)(world.Get(agent, posID))
		pos.X += v.Membrane[0].V // e.g. a motor read-out
		_ = sim.Unbind(v)
	}
	fmt.Printf("steps %d, agent alive %v, x = %.3f\n", sim.Clock().Step, world.Alive(agent), (*Position)(world.Get(agent, posID)).X)
	// Output:
	// steps 100, agent alive true, x = 6.391
}

// A network in Go: a Poisson source drives an excitatory population through
// conductance-based synapses with short-term depression; the excitatory
// population drives an inhibitory one, which inhibits it back after a
// 1 ms delay. Units: weights in S, times in ms, voltages in mV.
func ExampleNewNetwork() {
	sim, _ := systems.NewSim(ecs.Options{Seed: 3})
	_, _ = sim.AddPopulation(ecs.PopulationSpec{Name: "input", Size: 200,
		Source: &ecs.SourceSpec{RateHz: ecs.Scalar(20)}})
	for _, name := range []string{"exc", "inh"} {
		spec := ecs.LIFRef(name, 100)
		spec.Membrane.Tau, spec.Membrane.R = ecs.Scalar(20), ecs.Scalar(1e8) // 100 Mohm
		spec.Membrane.VRest, spec.Membrane.VReset, spec.Membrane.VTh = ecs.Scalar(-60), ecs.Scalar(-60), ecs.Scalar(-50)
		spec.Membrane.VInit = ecs.Uniform(-60, -50)
		_, _ = sim.AddPopulation(spec)
	}
	net, _ := systems.NewNetwork(sim)
	exc := components.ChannelParams{Kind: components.SynExpon, TauMs: 5, Out: components.OutCOBA, EMV: 0}
	inh := components.ChannelParams{Kind: components.SynExpon, TauMs: 10, Out: components.OutCOBA, EMV: -80}
	for _, p := range []systems.ProjectionSpec{
		{Pre: "input", Post: "exc", Channel: exc, Weight: ecs.Scalar(3e-9), Conn: systems.Connectivity{Kind: systems.FixedProb, P: 0.2},
			ShortTerm: &systems.ShortTermSpec{Kind: components.STD, U: 0.2, TauDMs: 200}},
		{Pre: "exc", Post: "inh", Channel: exc, Weight: ecs.Scalar(2e-9), Conn: systems.Connectivity{Kind: systems.FixedProb, P: 0.2}},
		{Pre: "inh", Post: "exc", Channel: inh, Weight: ecs.Scalar(5e-9), Conn: systems.Connectivity{Kind: systems.FixedProb, P: 0.2}, DelayMs: ecs.Scalar(1)},
	} {
		if _, err := net.Connect(p); err != nil {
			panic(err)
		}
	}
	spikes, _ := systems.NewSpikeRecorder(sim, nil, nil)
	_ = sim.AddSystem(ecs.StageRecord, spikes)
	if err := sim.RunFor(500); err != nil {
		panic(err)
	}
	fmt.Printf("synapses %d, events %d\n", net.Synapses(), net.Events())
	for id, name := range sim.Populations() {
		fmt.Printf("%s: %.1f Hz\n", name, float64(spikes.Counts[id])/float64(sim.PopulationSize(id))/0.5)
	}
	// Output:
	// synapses 8032, events 68711
	// input: 20.5 Hz
	// exc: 9.8 Hz
	// inh: 18.1 Hz
}
