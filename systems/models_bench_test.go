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
// current (mA) at step dtMs, warmed up for 100 steps.
func benchModelSim(b *testing.B, spec ecs.PopulationSpec, currentMA, dtMs float64) *ecs.Sim {
	b.Helper()
	sim, err := systems.NewSim(ecs.Options{DtMs: dtMs, Seed: 1})
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
// under a constant current (or I_e) that makes it fire, and reports
// ns/neuron/step and the ratio to a LIF population stepped alternately in
// the same loop (xLIF), so that a shared machine's load affects both.
func BenchmarkModelTick(b *testing.B) {
	type param struct {
		name string
		v    float64
	}
	cases := []struct {
		name, model, method string
		currentMA           float64
		params              []param
	}{
		{"ExpIF", "ExpIF", "rk4", 10, nil},
		{"ExpIF/euler", "ExpIF", "euler", 10, nil},
		{"AdEx", "AdEx", "rk4", 10, nil},
		{"AdEx/euler", "AdEx", "euler", 10, nil},
		{"QIF", "QIF", "rk4", 10, nil},
		{"QIF/euler", "QIF", "euler", 10, nil},
		{"AdQIF", "AdQIF", "rk4", 20, nil},
		{"AdQIF/euler", "AdQIF", "euler", 20, nil},
		{"Izhikevich", "Izhikevich", "rk4", 10, nil},
		{"Izhikevich/euler", "Izhikevich", "euler", 10, nil},
		{"HH", "HH", "exponential_euler", 0.01, nil},
		{"HH/rk4", "HH", "rk4", 0.01, nil}, // at dt 0.025 ms: unstable at 0.1 ms (the cost per step does not depend on dt)
		{"GIF", "GIF", "", 40, nil},
		{"GIF/escape", "GIF", "", 40, []param{{"lambda_0", 100}}},
		{"iaf_psc_exp", "iaf_psc_exp", "", 0, []param{{"I_e", 400e-9}}},
		{"iaf_psc_alpha", "iaf_psc_alpha", "", 0, []param{{"I_e", 400e-9}}},
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
			if c.method != "" {
				if err := spec.SetChoice("method", c.method); err != nil {
					b.Fatal(err)
				}
			}
			for _, p := range c.params {
				if err := spec.SetParam(p.name, ecs.Scalar(p.v)); err != nil {
					b.Fatal(err)
				}
			}
			dt := 0.1
			if c.method == "rk4" && c.model == "HH" {
				dt = 0.025
			}
			sim := benchModelSim(b, spec, c.currentMA, dt)
			lif := ecs.LIF("lif", benchNeurons)
			lif.Membrane.Tau = ecs.Scalar(10)
			base := benchModelSim(b, lif, 2, 0.1)
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
