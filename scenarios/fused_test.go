package scenarios_test

import (
	"fmt"
	"math"
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
	odd := func(y string) string { // sizes that leave tails after the kernels' groups
		return strings.Replace(strings.Replace(y, "size: 3200", "size: 3203", 1), "size: 800", "size: 797", 1)
	}
	perNeuron := func(y string) string { // a per-neuron input system: fusion declines
		list := strings.TrimSuffix(strings.Repeat("0.5 nA, ", 3200), ", ")
		return y + "inputs:\n  - {population: exc, current: [" + list + "], start: 10 ms, stop: 20 ms}\n"
	}
	cases := []struct {
		name, base string
		edit       func(string) string
		plan       string     // the neuron systems that run for exc
		extra      ecs.System // a global system acting on exc at the end of each step
	}{
		{"coba", "coba", nil, "fused-lifref", nil},
		{"cuba", "cuba", nil, "fused-lifref", nil},
		{"coba soft reset", "coba", soft, "fused-lifref", nil},
		{"cuba soft reset", "cuba", soft, "fused-lifref", nil},
		{"cuba shared current", "cuba", shared, "fused-lifref", nil},
		{"cuba per-neuron current", "cuba", perNeuron, "channels current-input reset integrate spike sources refractory", nil},
		{"cuba V-dependent input", "cuba", nil, "fused-lifref", leak{}},
		{"coba V-dependent input", "coba", nil, "fused-lifref", leak{}},
		{"coba zero conductance", "coba", nil, "fused-lifref", silence{}},
		{"cuba zero conductance", "cuba", nil, "fused-lifref", silence{}},
		{"coba large dt·A", "coba", nil, "fused-lifref", kick{}},
		{"cuba odd sizes", "cuba", odd, "fused-lifref", nil},
		{"coba odd sizes", "coba", odd, "fused-lifref", leak{}},
		{"cuba block refractory", "cuba", block, "channels reset integrate spike sources refractory", nil},
		{"coba block refractory", "coba", block, "channels reset integrate spike sources refractory", nil},
	}
	for _, c := range cases {
		for _, level := range simdLevels {
			t.Run(c.name+"/"+level.name, func(t *testing.T) {
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
					sims[i], err = sc.Build(ecs.Options{NoSurrogateGrad: true, DisableFusion: off, SIMD: level.level})
					require.NoError(t, err)
					if c.extra != nil {
						require.NoError(t, sims[i].AddSystem(ecs.StageDelivery, c.extra))
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
						require.Equal(t, a.SynG[0][i], b.SynG[0][i], "channel 0 of %s[%d] at step %d", a.Name, i, step)
						require.Equal(t, a.SynG[1][i], b.SynG[1][i], "channel 1 of %s[%d] at step %d", a.Name, i, step)
					}
				})
				assert.Greater(t, spikes, 100, "the comparison must include spikes")
			})
		}
	}
}

// simdLevels are the vector levels the fused tests run FusedLIFRef at
// (on a CPU without AVX-512 or AVX2 the lower levels run instead).
var simdLevels = []struct {
	name  string
	level ecs.SIMDLevel
}{{"auto", ecs.SIMDAuto}, {"avx2", ecs.SIMDAVX2}, {"go", ecs.SIMDNone}}

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

// silence is a global system that clears both channels of every 101st
// neuron of population 0 (state and next arrivals), so that its total
// conductance is 0 in the next step: dI/dV = 0, the other branch of the
// integration (and a group the AVX2 kernels leave to Go).
type silence struct{}

func (silence) Name() string { return "silence" }

func (silence) Update(s *ecs.Sim, t ecs.Tick) error {
	v, err := s.Bind(0)
	if err != nil {
		return err
	}
	for c := range v.Channels.List {
		ch := &v.Channels.List[c]
		next := int((t.Step+1)%int64(ch.Slots)) * v.N
		for i := 7; i < v.N; i += 101 {
			v.SynG[ch.Slot][i] = 0
			ch.Ring[next+i] = 0
		}
	}
	return s.Unbind(v)
}

// kick is a global system that, every 7th step, makes channel 0 of every
// 89th neuron of population 0 receive a conductance so large that
// |dt·A| > 1/2 (exprel's Expm1 branch).
type kick struct{}

func (kick) Name() string { return "kick" }

func (kick) Update(s *ecs.Sim, t ecs.Tick) error {
	if t.Step%7 != 0 {
		return nil
	}
	v, err := s.Bind(0)
	if err != nil {
		return err
	}
	ch := &v.Channels.List[0]
	next := int((t.Step+1)%int64(ch.Slots)) * v.N
	for i := 3; i < v.N; i += 89 {
		ch.Ring[next+i] += 2e-6 // S: R·g ≈ 200 with R = 100 Mohm
	}
	return s.Unbind(v)
}

// TestFusedNonFiniteErrorEqualsSeparate checks that FusedLIFRef stops with
// the error of the separate systems when a conductance or a potential
// becomes infinite or NaN: the same step, neuron and projection (only the
// name of the system that reports it differs).
func TestFusedNonFiniteErrorEqualsSeparate(t *testing.T) {
	for _, base := range []string{"coba", "cuba"} {
		for _, what := range []string{"ring", "V"} {
			for _, level := range simdLevels {
				t.Run(base+" "+what+"/"+level.name, func(t *testing.T) {
					var errs [2]string
					for i, off := range []bool{false, true} {
						sc, err := scenarios.Load(base)
						require.NoError(t, err)
						sim, err := sc.Build(ecs.Options{NoSurrogateGrad: true, DisableFusion: off, SIMD: level.level})
						require.NoError(t, err)
						require.NoError(t, sim.AddSystem(ecs.StageDelivery, poison{step: 40, neuron: 1234, what: what}))
						err = sim.Run(100)
						require.Error(t, err)
						// "step N, system NAME: ...": the system's name differs
						_, msg, ok := strings.Cut(err.Error(), "system ")
						require.True(t, ok, err.Error())
						_, errs[i], _ = strings.Cut(msg, ": ")
					}
					assert.Equal(t, errs[1], errs[0])
					assert.Contains(t, errs[0], "neuron 1234")
					assert.Contains(t, errs[0], "at step 41")
				})
			}
		}
	}
}

// poison is a global system that, at the end of one step, makes one
// neuron of population 0 receive an infinite conductance (what = "ring")
// or sets its V to NaN (what = "V").
type poison struct {
	step   int64
	neuron int
	what   string
}

func (poison) Name() string { return "poison" }

func (p poison) Update(s *ecs.Sim, t ecs.Tick) error {
	if t.Step != p.step {
		return nil
	}
	v, err := s.Bind(0)
	if err != nil {
		return err
	}
	if p.what == "V" {
		v.Membrane[p.neuron].V = math.NaN()
	} else {
		ch := &v.Channels.List[1]
		ch.Ring[int((t.Step+1)%int64(ch.Slots))*v.N+p.neuron] = math.Inf(1)
	}
	return s.Unbind(v)
}

// TestSimFiredEqualsViewFired: Sim.Fired is the fired list a bound view
// holds, after every step (Deliver reads it without binding).
func TestSimFiredEqualsViewFired(t *testing.T) {
	sc, err := scenarios.Load("cuba")
	require.NoError(t, err)
	sim, err := sc.Build(ecs.Options{NoSurrogateGrad: true})
	require.NoError(t, err)
	total := 0
	for range 200 {
		require.NoError(t, sim.Step())
		for id := range sim.Populations() {
			v, err := sim.Bind(id)
			require.NoError(t, err)
			assert.Equal(t, *v.Fired, sim.Fired(id))
			total += len(sim.Fired(id))
			require.NoError(t, sim.Unbind(v))
		}
	}
	assert.Positive(t, total, "some neurons fired")
}

// TestFusedBlockSizes: blocks whose sizes are not multiples of the
// kernels' groups (and a population that does not fill its last block)
// give the separate systems' bits at every SIMD level.
func TestFusedBlockSizes(t *testing.T) {
	for _, base := range []string{"cuba", "coba"} {
		for _, bs := range []int{7, 100, 1001} {
			for _, level := range simdLevels {
				t.Run(fmt.Sprintf("%s/block %d/%s", base, bs, level.name), func(t *testing.T) {
					sims := make([]*ecs.Sim, 2)
					for i, off := range []bool{false, true} {
						sc, err := scenarios.Load(base)
						require.NoError(t, err)
						sims[i], err = sc.Build(ecs.Options{NoSurrogateGrad: true, DisableFusion: off, SIMD: level.level, BlockSize: bs})
						require.NoError(t, err)
					}
					spikes := lockstep(t, sims[0], sims[1], 100, func(step int, a, b *ecs.PopView) {
						require.True(t, slices.Equal(*a.Fired, *b.Fired), "fired %s at step %d", a.Name, step)
						if step%25 != 24 {
							return
						}
						for i := range a.Membrane {
							require.Equal(t, a.Membrane[i].V, b.Membrane[i].V, "V of %s[%d] at step %d", a.Name, i, step)
							require.Equal(t, a.SynG[0][i], b.SynG[0][i], "channel 0 of %s[%d] at step %d", a.Name, i, step)
						}
					})
					assert.Positive(t, spikes)
				})
			}
		}
	}
}
