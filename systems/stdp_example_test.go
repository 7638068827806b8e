package systems_test

import (
	"fmt"

	"github.com/spikecs/spikecs/components"
	"github.com/spikecs/spikecs/ecs"
	"github.com/spikecs/spikecs/systems"
)

// Pair STDP on a projection: 200 Poisson inputs drive one conductance-based
// LIF neuron through plastic synapses (weights in S, times in ms). After
// the run, Plastic lists the projections with learning; their Weights are
// the learned weights, which stay in [0, w_max]: after 10 s, starting
// from w_max/2, the weights have begun to split toward 0 and w_max.
func ExampleSTDPSpec() {
	sim, _ := systems.NewSim(ecs.Options{Seed: 1})
	_, _ = sim.AddPopulation(ecs.PopulationSpec{Name: "inputs", Size: 200,
		Source: &ecs.SourceSpec{RateHz: ecs.Scalar(20)}})
	neuron := ecs.LIF("neuron", 1)
	neuron.Membrane.Tau, neuron.Membrane.R = ecs.Scalar(10), ecs.Scalar(1e8) // 100 Mohm
	neuron.Membrane.VRest, neuron.Membrane.VInit = ecs.Scalar(-74), ecs.Scalar(-74)
	neuron.Membrane.VTh, neuron.Membrane.VReset = ecs.Scalar(-54), ecs.Scalar(-60)
	neuron.Membrane.Reset = components.ResetHard
	_, _ = sim.AddPopulation(neuron)
	net, _ := systems.NewNetwork(sim)
	stdp := systems.STDPSpec{Rule: components.STDPPair, TauPlusMs: 20, TauMinusMs: 20,
		APlusS: 10e-12, AMinusS: 10.5e-12, WMaxS: 0.5e-9}
	_, err := net.Connect(systems.ProjectionSpec{Name: "plastic", Pre: "inputs", Post: "neuron",
		Conn: systems.Connectivity{Kind: systems.AllToAll}, Weight: ecs.Scalar(0.25e-9),
		Channel:  components.ChannelParams{Kind: components.SynExpon, TauMs: 5, Out: components.OutCOBA},
		Learning: &stdp})
	if err != nil {
		fmt.Println(err)
		return
	}
	if err := sim.RunFor(10000); err != nil {
		fmt.Println(err)
		return
	}
	pr := net.Plastic()[0]
	low, high := 0, 0
	for _, w := range pr.Weights {
		if w < 0.1*stdp.WMaxS {
			low++
		}
		if w > 0.9*stdp.WMaxS {
			high++
		}
	}
	fmt.Printf("%d synapses, all started at w_max/2; now %d below 0.1·w_max and %d above 0.9·w_max\n", len(pr.Weights), low, high)
	// Output: 200 synapses, all started at w_max/2; now 25 below 0.1·w_max and 28 above 0.9·w_max
}
