package systems_test

import (
	"fmt"
	"math"

	"github.com/spikecs/spikecs/components"
	"github.com/spikecs/spikecs/ecs"
	"github.com/spikecs/spikecs/systems"
)

// The Izhikevich model of docs/models.md ("Add your own model"): one
// population of four neurons with the parameters of regular spiking,
// fast spiking, chattering and intrinsically bursting cells, under a
// constant 10 mA (with R = 1 ohm: Izhikevich's I = 10) for 300 ms. The
// counts are those of the Brian2 reference (testdata/models,
// izhikevich_rk4).
func ExampleIzhikevichModel() {
	sim, err := systems.NewSim(ecs.Options{DtMs: 0.1, Seed: 1})
	if err != nil {
		panic(err)
	}
	spec := ecs.NewSpec(systems.IzhikevichModel(), "izh", 4)
	for name, v := range map[string]ecs.Value{
		"a": ecs.List(0.02, 0.1, 0.02, 0.02), // 1/ms
		"c": ecs.List(-65, -65, -50, -55),    // mV
		"d": ecs.List(8, 2, 2, 4),            // mV/ms
	} {
		if err := spec.SetParam(name, v); err != nil {
			panic(err)
		}
	}
	if err := spec.SetChoice("method", "rk4"); err != nil { // the default; "euler" also works
		panic(err)
	}
	id, err := sim.AddPopulation(spec)
	if err != nil {
		panic(err)
	}
	drive, err := systems.NewCurrentInput(sim, "izh", components.Shared(10), 0, math.Inf(1)) // mA
	if err != nil {
		panic(err)
	}
	if err := sim.AddNeuronSystem(ecs.StageInput, drive); err != nil {
		panic(err)
	}
	counts := make([]int, 4)
	for range 3000 { // 300 ms
		if err := sim.Step(); err != nil {
			panic(err)
		}
		for _, i := range sim.Fired(id) {
			counts[i]++
		}
	}
	for i, name := range []string{"RS", "FS", "CH", "IB"} {
		fmt.Printf("%s: %d spikes\n", name, counts[i])
	}
	// Output:
	// RS: 8 spikes
	// FS: 41 spikes
	// CH: 27 spikes
	// IB: 11 spikes
}
