package partition_test

import (
	"fmt"

	"github.com/spikecs/spikecs/components"
	"github.com/spikecs/spikecs/ecs"
	"github.com/spikecs/spikecs/systems"
	"github.com/spikecs/spikecs/systems/partition"
)

// buildNet builds one partition (or, with the zero Partition, the whole)
// of a small recurrent network: 400 LIF neurons with random initial
// potentials, a Poisson source and 5 % random connectivity with a delay.
func buildNet(p ecs.Partition) (*ecs.Sim, *systems.Network, error) {
	sim, err := systems.NewSim(ecs.Options{Seed: 3, Partition: p})
	if err != nil {
		return nil, nil, err
	}
	src := ecs.PopulationSpec{Name: "src", Size: 100, Source: &ecs.SourceSpec{RateHz: ecs.Scalar(50)}}
	lif := ecs.LIF("lif", 400)
	lif.Membrane.VInit = ecs.Uniform(0, 1) // mV
	for _, spec := range []ecs.PopulationSpec{src, lif} {
		if _, err := sim.AddPopulation(spec); err != nil {
			return nil, nil, err
		}
	}
	net, err := systems.NewNetwork(sim)
	if err != nil {
		return nil, nil, err
	}
	ch := components.ChannelParams{Kind: components.SynExpon, TauMs: 5, Out: components.OutCUBA, ScaleMV: 1000}
	for _, pr := range []systems.ProjectionSpec{
		{Pre: "src", Post: "lif", Channel: ch, Conn: systems.Connectivity{Kind: systems.FixedProb, P: 0.05}, Weight: ecs.Scalar(0.4e-3), DelayMs: ecs.Scalar(1.5)},
		{Pre: "lif", Post: "lif", Channel: ch, Conn: systems.Connectivity{Kind: systems.FixedProb, P: 0.05}, Weight: ecs.Scalar(0.02e-3), DelayMs: ecs.Scalar(1)},
	} {
		if _, err := net.Connect(pr); err != nil {
			return nil, nil, err
		}
	}
	return sim, net, nil
}

// One network split into 3 partitions on goroutines: partition 0 records
// the spikes of the whole network, and the counts equal those of the
// network run in one world. The spikes are exchanged every 10 steps, the
// shortest delay (1 ms at dt = 0.1 ms).
func ExampleRunLocal() {
	whole, _, err := buildNet(ecs.Partition{})
	if err != nil {
		panic(err)
	}
	counts, _ := systems.NewSpikeRecorder(whole, nil, nil)
	_ = whole.AddSystem(ecs.StageRecord, counts)
	if err := whole.RunFor(200); err != nil { // ms
		panic(err)
	}

	parts, err := partition.BuildLocal(3, buildNet)
	if err != nil {
		panic(err)
	}
	spikes, _ := systems.NewSpikeRecorder(parts[0].Sim, nil, nil)
	rec := &partition.Recorder{Exchange: parts[0].Exchange, Spikes: spikes}
	_ = parts[0].Sim.AddSystem(ecs.StageRecord, rec)
	if _, err := partition.RunLocal(parts, 2000); err != nil { // 200 ms
		panic(err)
	}
	if err := rec.Drain(parts[0].Sim); err != nil {
		panic(err)
	}
	fmt.Println("exchange every", parts[0].Exchange.Interval(), "steps")
	for id, name := range whole.Populations() {
		fmt.Printf("%s: %d spikes in one world, %d in 3 partitions\n", name, counts.Counts[id], spikes.Counts[id])
	}
	// Output:
	// exchange every 10 steps
	// src: 994 spikes in one world, 994 in 3 partitions
	// lif: 928 spikes in one world, 928 in 3 partitions
}
