package systems_test

import (
	"math"
	"testing"
	"time"

	"github.com/stretchr/testify/require"

	"github.com/spikecs/spikecs/components"
	"github.com/spikecs/spikecs/ecs"
	"github.com/spikecs/spikecs/systems"
)

// modelBenchSim builds n neurons of spec driven by a constant shared
// current (mA) at step dtMs (ms), without surrogate derivatives (as the runner does).
func modelBenchSim(tb testing.TB, spec ecs.PopulationSpec, currentMA, dtMs float64) *ecs.Sim {
	sim, err := systems.NewSim(ecs.Options{Seed: 1, DtMs: dtMs, NoSurrogateGrad: true})
	require.NoError(tb, err)
	_, err = sim.AddPopulation(spec)
	require.NoError(tb, err)
	in, err := systems.NewCurrentInput(sim, spec.Name, components.Shared(currentMA), 0, math.Inf(1))
	require.NoError(tb, err)
	require.NoError(tb, sim.AddNeuronSystem(ecs.StageInput, in))
	return sim
}

// nsPerNeuronStep runs sim for steps steps and returns the time per
// neuron and step (ns).
func nsPerNeuronStep(tb testing.TB, sim *ecs.Sim, n, steps int) float64 {
	require.NoError(tb, sim.Run(20)) // warm up
	start := time.Now()
	require.NoError(tb, sim.Run(steps))
	return float64(time.Since(start).Nanoseconds()) / float64(n*steps)
}

// BenchmarkModelTickCost reports the tick cost of HH (both methods) and
// GIF (deterministic and with escape noise) per neuron and step, and its
// ratio to LIF measured in the same process (10 000 neurons, dt 0.1 ms
// except HH rk4 at 0.025 ms (cost per step does not depend on dt),
// firing: LIF ~1 spike per 7 ms, HH at 10 µA, GIF at 40 mA).
func BenchmarkModelTickCost(b *testing.B) {
	const n, steps = 10000, 200
	lif := func() *ecs.Sim {
		spec, _ := ecs.Preset("LIF", "p", n)
		spec.Membrane.Tau = ecs.Scalar(10)
		spec.Membrane.VInit = ecs.Uniform(0, 1)
		return modelBenchSim(b, spec, 2, 0.1)
	}
	hh := func(method string, dt float64) func() *ecs.Sim {
		return func() *ecs.Sim {
			spec := ecs.NewSpec(systems.HHModel(), "p", n)
			require.NoError(b, spec.SetChoice("method", method))
			return modelBenchSim(b, spec, 0.01, dt)
		}
	}
	gif := func(lambda float64) func() *ecs.Sim {
		return func() *ecs.Sim {
			spec := ecs.NewSpec(systems.GIFModel(), "p", n)
			require.NoError(b, spec.SetParam("lambda_0", ecs.Scalar(lambda)))
			return modelBenchSim(b, spec, 40, 0.1)
		}
	}
	for _, m := range []struct {
		name string
		sim  func() *ecs.Sim
	}{
		{"HH-exponential_euler", hh("exponential_euler", 0.1)},
		{"HH-rk4", hh("rk4", 0.025)}, // rk4 diverges at 0.1 ms
		{"GIF", gif(0)},
		{"GIF-escape", gif(10)},
	} {
		b.Run(m.name, func(b *testing.B) {
			ms, ls := m.sim(), lif()
			var mt, lt float64
			for range b.N {
				mt += nsPerNeuronStep(b, ms, n, steps)
				lt += nsPerNeuronStep(b, ls, n, steps)
			}
			b.ReportMetric(mt/float64(b.N), "ns/neuron/step")
			b.ReportMetric(lt/float64(b.N), "LIF-ns/neuron/step")
			b.ReportMetric(mt/lt, "x-LIF")
		})
	}
}
