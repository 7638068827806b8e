package scenarios_test

import (
	"slices"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/spikecs/spikecs/ecs"
	"github.com/spikecs/spikecs/scenarios"
)

// TestFusedEqualsSeparateSystems runs the VA benchmarks and variants with
// FusedLIFRef and with the separate systems and checks that every V,
// conductance, spike and last-spike time is the same bit for bit, and
// which path ran.
func TestFusedEqualsSeparateSystems(t *testing.T) {
	soft := func(y string) string { return strings.ReplaceAll(y, "spk_reset: hard", "spk_reset: soft") }
	shared := func(y string) string { // a shared step current: fusion still applies
		return y + "inputs:\n  - {population: exc, current: 0.5 nA, start: 10 ms, stop: 20 ms}\n"
	}
	block := func(y string) string { // refractory_mode: block: fusion declines (its kernels hold V)
		return strings.ReplaceAll(y, "tau_ref: 5 ms", "tau_ref: 5 ms\n      refractory_mode: block")
	}
	perNeuron := func(y string) string { // a per-neuron input system: fusion declines
		list := strings.TrimSuffix(strings.Repeat("0.5 nA, ", 3200), ", ")
		return y + "inputs:\n  - {population: exc, current: [" + list + "], start: 10 ms, stop: 20 ms}\n"
	}
	cases := []struct {
		name, base string
		edit       func(string) string
		plan       string // the neuron systems that run for exc
		leak       bool   // add a global system giving some neurons a V-dependent input
	}{
		{"coba", "coba", nil, "fused-lifref", false},
		{"cuba", "cuba", nil, "fused-lifref", false},
		{"coba soft reset", "coba", soft, "fused-lifref", false},
		{"cuba soft reset", "cuba", soft, "fused-lifref", false},
		{"cuba shared current", "cuba", shared, "fused-lifref", false},
		{"cuba per-neuron current", "cuba", perNeuron, "channels current-input reset integrate spike sources refractory", false},
		{"cuba V-dependent input", "cuba", nil, "fused-lifref", true},
		{"coba V-dependent input", "coba", nil, "fused-lifref", true},
		{"cuba block refractory", "cuba", block, "channels reset integrate spike sources refractory", false},
		{"coba block refractory", "coba", block, "channels reset integrate spike sources refractory", false},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			src, ok := scenarios.BuiltinSource(c.base)
			require.True(t, ok)
			y := string(src)
			if c.edit != nil {
				y = c.edit(y)
			}
			sims := make([]*ecs.Sim, 2)
			for i, off := range []bool{false, true} {
				sc, err := scenarios.Parse([]byte(y), c.name)
				require.NoError(t, err)
				sims[i], err = sc.Build(ecs.Options{NoSurrogateGrad: true, DisableFusion: off})
				require.NoError(t, err)
				if c.leak {
					require.NoError(t, sims[i].AddSystem(ecs.StageDelivery, leak{}))
				}
			}
			plan, err := sims[0].NeuronPlan(0)
			require.NoError(t, err)
			require.Len(t, plan, 1)
			assert.Equal(t, c.plan, strings.Join(plan[0], " "), "systems run for exc")
			spikes := lockstep(t, sims[0], sims[1], 300, func(step int, a, b *ecs.PopView) {
				require.True(t, slices.Equal(*a.Fired, *b.Fired), "fired %s at step %d: %v vs %v", a.Name, step, *a.Fired, *b.Fired)
				if step%10 != 9 { // the full state every 10 steps (the fired lists every step)
					return
				}
				for i := range a.Membrane {
					require.Equal(t, a.Membrane[i].V, b.Membrane[i].V, "V of %s[%d] at step %d", a.Name, i, step)
					require.Equal(t, a.Spike[i], b.Spike[i], "spike of %s[%d] at step %d", a.Name, i, step)
					require.Equal(t, a.Refractory[i], b.Refractory[i], "last spike of %s[%d] at step %d", a.Name, i, step)
					require.Equal(t, a.Syn[0][i], b.Syn[0][i], "channel 0 of %s[%d] at step %d", a.Name, i, step)
					require.Equal(t, a.Syn[1][i], b.Syn[1][i], "channel 1 of %s[%d] at step %d", a.Name, i, step)
				}
			})
			assert.Greater(t, spikes, 100, "the comparison must include spikes")
		})
	}
}

// TestFusionNeedsNoGrad checks that FusedLIFRef declines when the
// surrogate derivative is on (it does not compute it).
func TestFusionNeedsNoGrad(t *testing.T) {
	sc, err := scenarios.Load("coba")
	require.NoError(t, err)
	sim, err := sc.Build(ecs.Options{})
	require.NoError(t, err)
	plan, err := sim.NeuronPlan(0)
	require.NoError(t, err)
	assert.Equal(t, [][]string{{"channels", "reset", "integrate", "spike", "sources", "refractory"}}, plan)
}

// TestFusedTickDoesNotAllocate checks that a step of the VA benchmarks
// allocates nothing with the runner's options (FusedLIFRef running).
func TestFusedTickDoesNotAllocate(t *testing.T) {
	for _, name := range []string{"coba", "cuba"} {
		sc, err := scenarios.Load(name)
		require.NoError(t, err)
		sim, err := sc.Build(ecs.Options{NoSurrogateGrad: true})
		require.NoError(t, err)
		require.NoError(t, sim.Run(200)) // warm: fired lists and scratch at size
		plan, err := sim.NeuronPlan(0)
		require.NoError(t, err)
		require.Equal(t, [][]string{{"fused-lifref"}}, plan)
		allocs := testing.AllocsPerRun(50, func() { require.NoError(t, sim.Step()) })
		assert.Zero(t, allocs, "%s: allocations per step", name)
	}
}

// leak is a global system that gives every 97th neuron of population 0 a
// leak towards -70 mV for the next step through Input (a V-dependent
// input, DIdV != 0), as an embedding model's system might.
type leak struct{}

func (leak) Name() string { return "leak" }

func (leak) Update(s *ecs.Sim, _ ecs.Tick) error {
	v, err := s.Bind(0)
	if err != nil {
		return err
	}
	for i := 5; i < v.N; i += 97 {
		v.Input[i].CurrentMA += 1e-3 * -70
		v.Input[i].DIdV -= 1e-3
	}
	return s.Unbind(v)
}
