package systems_test

import (
	"math"
	"testing"
	"time"

	"github.com/spikecs/spikecs/components"
	"github.com/spikecs/spikecs/ecs"
	"github.com/spikecs/spikecs/systems"
)

// benchNeurons is the population size of BenchmarkModelTick.
const benchNeurons = 4096

// benchModelSim returns a Sim with one population of spec under a constant
// current (mA), warmed up for 100 steps.
func benchModelSim(b *testing.B, spec ecs.PopulationSpec, currentMA float64) *ecs.Sim {
	b.Helper()
	sim, err := systems.NewSim(ecs.Options{DtMs: 0.1, Seed: 1})
	if err != nil {
		b.Fatal(err)
	}
	if _, err := sim.AddPopulation(spec); err != nil {
		b.Fatal(err)
	}
	drive, err := systems.NewCurrentInput(sim, spec.Name, components.Shared(currentMA), 0, math.Inf(1))
	if err != nil {
		b.Fatal(err)
	}
	if err := sim.AddNeuronSystem(ecs.StageInput, drive); err != nil {
		b.Fatal(err)
	}
	if err := sim.Run(100); err != nil {
		b.Fatal(err)
	}
	return sim
}

// BenchmarkModelTick measures one tick (input, reset, integrate, spike,
// refractory) of a population of 4096 neurons of each catalogue model
// under a constant current that makes it fire (10–115 Hz), and reports
// ns/neuron/step and the ratio to a LIF population stepped alternately in
// the same loop (xLIF), so that a shared machine's load affects both.
func BenchmarkModelTick(b *testing.B) {
	cases := []struct {
		name, model, method string
		currentMA           float64
	}{
		{"ExpIF", "ExpIF", "rk4", 10},
		{"ExpIF/euler", "ExpIF", "euler", 10},
		{"AdEx", "AdEx", "rk4", 10},
		{"AdEx/euler", "AdEx", "euler", 10},
		{"QIF", "QIF", "rk4", 10},
		{"QIF/euler", "QIF", "euler", 10},
		{"AdQIF", "AdQIF", "rk4", 20},
		{"AdQIF/euler", "AdQIF", "euler", 20},
		{"Izhikevich", "Izhikevich", "rk4", 10},
		{"Izhikevich/euler", "Izhikevich", "euler", 10},
	}
	for _, c := range cases {
		b.Run(c.name, func(b *testing.B) {
			var model *ecs.Model
			for _, m := range systems.Models() {
				if m.Name == c.model {
					model = m
				}
			}
			spec := ecs.NewSpec(model, "m", benchNeurons)
			if err := spec.SetChoice("method", c.method); err != nil {
				b.Fatal(err)
			}
			sim := benchModelSim(b, spec, c.currentMA)
			lif := ecs.LIF("lif", benchNeurons)
			lif.Membrane.Tau = ecs.Scalar(10)
			base := benchModelSim(b, lif, 2)
			var tModel, tLIF time.Duration
			b.ResetTimer()
			for b.Loop() {
				t0 := time.Now()
				if err := sim.Step(); err != nil {
					b.Fatal(err)
				}
				t1 := time.Now()
				if err := base.Step(); err != nil {
					b.Fatal(err)
				}
				tModel += t1.Sub(t0)
				tLIF += time.Since(t1)
			}
			b.ReportMetric(float64(tModel.Nanoseconds())/float64(b.N)/benchNeurons, "ns/neuron/step")
			b.ReportMetric(float64(tModel)/float64(tLIF), "xLIF")
		})
	}
}
