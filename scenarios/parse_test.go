package scenarios_test

import (
	"math"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/spikecs/spikecs/components"
	"github.com/spikecs/spikecs/ecs"
	"github.com/spikecs/spikecs/scenarios"
	"github.com/spikecs/spikecs/systems/surrogate"
)

// contractExample is the scenario file of the runner contract
// (runner-contract.md, "Scenario file"), verbatim.
const contractExample = `name: lif-demo
dt: 0.1 ms
duration: 50 ms
seed: 1
populations:
  - name: exc
    size: 3
    model: LIF                 # preset: IF | LIF | LIFRef | ALIF (reference defaults)
    # or, instead of model, an explicit composition (order-free):
    # components: [membrane, adaptation, refractory]
    params:                    # reference names; a scalar, or a list with one value per neuron
      tau: 10 ms
      V_th: [1 mV, 1.2 mV, 0.8 mV]
      spk_reset: hard          # soft (default) | hard
      surrogate: {kind: sigmoid, alpha: 4}
inputs:
  - population: exc
    current: 2 mA              # a scalar or one value per neuron
    start: 0 ms                # optional; active while start <= t < stop
    stop: 30 ms                # optional; default: the end of the run
record:
  spikes: [exc]
  state:
    - population: exc
      vars: [V, a, spike_grad] # any state variable; spike_grad = surrogate dS/dV
      neurons: [0, 2]          # optional; default all
`

// parse parses a valid file or fails the test.
func parse(t *testing.T, yaml, file string) *scenarios.Scenario {
	t.Helper()
	sc, err := scenarios.Parse([]byte(yaml), file)
	require.NoError(t, err)
	return sc
}

// view builds the scenario and returns the resolved view of a population.
func view(t *testing.T, sc *scenarios.Scenario, pop string) *ecs.PopView {
	t.Helper()
	sim, err := sc.Build(ecs.Options{})
	require.NoError(t, err)
	id, ok := sim.Population(pop)
	require.True(t, ok, "population %q exists", pop)
	v, err := sim.Bind(id)
	require.NoError(t, err)
	t.Cleanup(func() { _ = sim.Unbind(v) })
	return v
}

func TestContractExampleParsesAndBuilds(t *testing.T) {
	sc := parse(t, contractExample, "contract.yaml")
	require.NoError(t, sc.Check())

	assert.Equal(t, "lif-demo", sc.Name)
	assert.Equal(t, 0.1, sc.DtMs)
	assert.Equal(t, 50.0, sc.DurationMs)
	assert.Equal(t, uint64(1), sc.Seed)

	require.Len(t, sc.Populations, 1)
	spec := sc.Populations[0].Spec
	assert.Equal(t, "exc", spec.Name)
	assert.Equal(t, 3, spec.Size)
	assert.Equal(t, "LIF", spec.Model)
	assert.Equal(t, ecs.Scalar(10), spec.Membrane.Tau)
	assert.Equal(t, ecs.List(1, 1.2, 0.8), spec.Membrane.VTh)
	assert.Equal(t, components.ResetHard, spec.Membrane.Reset)
	sig, err := surrogate.New("sigmoid", map[string]float64{"alpha": 4}, false)
	require.NoError(t, err)
	assert.Equal(t, sig, spec.Surrogate)

	require.Len(t, sc.Inputs, 1)
	in := sc.Inputs[0]
	assert.Equal(t, "exc", in.Population)
	assert.Equal(t, []float64{2}, in.CurrentMA.Values)
	assert.Equal(t, 0.0, in.StartMs)
	assert.Equal(t, 30.0, in.StopMs)

	assert.Equal(t, []string{"exc"}, sc.Record.Spikes)
	require.Len(t, sc.Record.State, 1)
	st := sc.Record.State[0]
	assert.Equal(t, "exc", st.Population)
	assert.Equal(t, []string{"V", "a", "spike_grad"}, st.Vars,
		"the contract records a for a LIF; the runner writes it as 0")
	assert.Equal(t, []int{0, 2}, st.Neurons)
}

func TestBuiltinLifDemoIsTheContractExample(t *testing.T) {
	want := parse(t, contractExample, "contract.yaml")
	got, err := scenarios.Load("lif-demo")
	require.NoError(t, err)
	assert.Equal(t, want.Name, got.Name)
	assert.Equal(t, want.DtMs, got.DtMs)
	assert.Equal(t, want.DurationMs, got.DurationMs)
	assert.Equal(t, want.Seed, got.Seed)
	require.Len(t, got.Populations, 1)
	assert.Equal(t, want.Populations[0].Spec, got.Populations[0].Spec)
	assert.Equal(t, want.Inputs[0].CurrentMA, got.Inputs[0].CurrentMA)
	assert.Equal(t, want.Inputs[0].StopMs, got.Inputs[0].StopMs)
	assert.Equal(t, want.Record.Spikes, got.Record.Spikes)
	assert.Equal(t, want.Record.State[0].Vars, got.Record.State[0].Vars)
	assert.Equal(t, want.Record.State[0].Neurons, got.Record.State[0].Neurons)
}

func TestDefaultsApplyWhenKeysAreLeftOut(t *testing.T) {
	sc := parse(t, "populations:\n  - {name: p, size: 2, model: LIF}\n", "some/dir/my-net.yaml")
	assert.Equal(t, "my-net", sc.Name, "the name defaults to the file name without directory and extension")
	assert.Equal(t, 0.1, sc.DtMs, "dt defaults to 0.1 ms")
	assert.Equal(t, 100.0, sc.DurationMs, "duration defaults to 100 ms")
	assert.Equal(t, uint64(0), sc.Seed, "seed defaults to 0")
	assert.Empty(t, sc.Inputs)
	assert.Empty(t, sc.Record.Spikes, "nothing is recorded unless asked")
	assert.Empty(t, sc.Record.State)

	spec := sc.Populations[0].Spec
	assert.Equal(t, ecs.Scalar(5), spec.Membrane.Tau, "a preset starts from the reference defaults")
	assert.Equal(t, components.ResetSoft, spec.Membrane.Reset, "spk_reset defaults to soft")

	v := view(t, sc, "p")
	mp := v.MembraneParams
	assert.Equal(t, []float64{1}, mp.ROhm.Values, "R = 1 ohm")
	assert.Equal(t, []float64{5}, mp.TauMs.Values, "tau = 5 ms")
	assert.Equal(t, []float64{1}, mp.VThMV.Values, "V_th = 1 mV")
	assert.Equal(t, []float64{0}, mp.VResetMV.Values, "V_reset = 0 mV")
	assert.Equal(t, []float64{0}, mp.VRestMV.Values, "V_rest = 0 mV")
	assert.Equal(t, 0.0, v.Membrane[1].V, "V_init = 0 mV")
	assert.Equal(t, components.SurrogateUnset, spec.Surrogate.Kind, "no surrogate given: the engine uses the reference default, relu_grad")
	assert.Nil(t, v.Surrogate, "no per-neuron surrogates")

	assert.Equal(t, "default", parse(t, "populations:\n  - {name: p, size: 1, model: IF}\n", "builtin:default").Name,
		"a built-in is named after itself")
}

func TestPresetDefaults(t *testing.T) {
	sc := parse(t, "populations:\n  - {name: alif, size: 1, model: ALIF}\n  - {name: ref, size: 1, model: LIFRef}\n", "p.yaml")
	a := view(t, sc, "alif")
	assert.Equal(t, []float64{100}, a.AdaptationParams.TauAMs.Values, "tau_a = 100 ms")
	assert.Equal(t, []float64{0.1}, a.AdaptationParams.BetaMV.Values, "beta = 0.1 mV")
	assert.Equal(t, 0.0, a.Adaptation[0].A, "a_init = 0")
	r := view(t, sc, "ref")
	assert.Equal(t, []float64{5}, r.RefractoryParams.TauRefMs.Values, "tau_ref = 5 ms")
	assert.Equal(t, components.RefractoryHold, r.RefractoryParams.Mode, "refractory_mode = hold (the reference LIFRef)")
}

func TestRefractoryModeKey(t *testing.T) {
	for _, mode := range []components.RefractoryMode{components.RefractoryHold, components.RefractoryBlock} {
		sc := parse(t, "populations:\n  - {name: ref, size: 2, model: LIFRef, params: {refractory_mode: "+mode.String()+"}}\n"+
			"  - {name: comp, size: 1, components: [membrane, adaptation, refractory], params: {refractory_mode: "+mode.String()+"}}\n", "p.yaml")
		for i, name := range []string{"ref", "comp"} {
			assert.Equal(t, mode, sc.Populations[i].Spec.Refractory.Mode, "%s: the spec carries the mode", name)
			assert.Equal(t, mode, view(t, sc, name).RefractoryParams.Mode, "%s: the built population has it", name)
		}
	}
}

func TestQuantitiesConvertToCanonicalUnits(t *testing.T) {
	sc := parse(t, `dt: 100 us
duration: 0.5 s
populations:
  - name: p
    size: 2
    model: ALIF
    params:
      tau: 0.01 s
      R: 100 Mohm
      V_th: "0.02 V"
      V_reset: -1000 uV
      V_init: 5mV
      tau_a: 1e2 ms
      beta: 2 mV
      a_init: 0.5
inputs:
  - population: p
    current: [1.62 nA, 2 pA]
    start: 1000 us
    stop: 0.02 s
`, "u.yaml")
	assert.Equal(t, 0.1, sc.DtMs, "100 us = 0.1 ms")
	assert.Equal(t, 500.0, sc.DurationMs, "0.5 s = 500 ms")
	m := sc.Populations[0].Spec.Membrane
	assert.Equal(t, ecs.Scalar(10), m.Tau, "tau: 0.01 s = 10 ms")
	assert.Equal(t, ecs.Scalar(1e8), m.R, "100 Mohm = 1e8 ohm")
	assert.Equal(t, ecs.Scalar(20), m.VTh, "a quoted quantity: 0.02 V = 20 mV")
	assert.Equal(t, ecs.Scalar(-1), m.VReset, "-1000 uV = -1 mV")
	assert.Equal(t, ecs.Scalar(5), m.VInit, "no space between number and unit")
	a := sc.Populations[0].Spec.Adaptation
	assert.Equal(t, ecs.Scalar(100), a.TauA)
	assert.Equal(t, ecs.Scalar(2), a.Beta)
	assert.Equal(t, ecs.Scalar(0.5), a.AInit, "a_init is a plain number")
	in := sc.Inputs[0]
	assert.Equal(t, []float64{1.62e-6, 2e-9}, in.CurrentMA.Values, "nA and pA in mA, exactly")
	assert.Equal(t, 1.0, in.StartMs)
	assert.Equal(t, 20.0, in.StopMs)
	require.NoError(t, sc.Check())
}

func TestInitializersResolvePerNeuron(t *testing.T) {
	const file = `seed: 7
populations:
  - name: p
    size: 200
    model: ALIF
    params:
      tau: {dist: constant, value: 12 ms}
      V_init: {dist: uniform, low: 0 mV, high: 1 mV}
      beta: {dist: normal, mean: 0.1 mV, sd: 0.02 mV}
      tau_a: {dist: truncnormal, mean: 100 ms, sd: 50 ms, low: 80 ms, high: 120 ms}
`
	sc := parse(t, file, "init.yaml")
	spec := sc.Populations[0].Spec
	assert.Equal(t, ecs.Scalar(12), spec.Membrane.Tau, "constant is a scalar")
	assert.Equal(t, ecs.Uniform(0, 1), spec.Membrane.VInit)
	assert.Equal(t, ecs.Normal(0.1, 0.02), spec.Adaptation.Beta)
	assert.Equal(t, ecs.TruncNormal(100, 50, 80, 120), spec.Adaptation.TauA)

	v := view(t, sc, "p")
	assert.Equal(t, []float64{12}, v.MembraneParams.TauMs.Values, "a constant stays shared")
	for i := range v.N {
		assert.GreaterOrEqual(t, v.Membrane[i].V, 0.0, "uniform V_init of neuron %d in [0, 1) mV", i)
		assert.Less(t, v.Membrane[i].V, 1.0, "uniform V_init of neuron %d in [0, 1) mV", i)
		ta := v.AdaptationParams.TauAMs.Values[i]
		assert.True(t, ta >= 80 && ta <= 120, "truncnormal tau_a of neuron %d = %v, want within [80, 120] ms", i, ta)
	}
	betas := v.AdaptationParams.BetaMV.Values
	require.Len(t, betas, 200, "a random initializer gives one value per neuron")
	mean := 0.0
	for _, b := range betas {
		mean += b / float64(len(betas))
	}
	assert.InDelta(t, 0.1, mean, 4*0.02/math.Sqrt(200), "normal beta: sample mean within 4 standard errors of 0.1 mV")

	again := view(t, parse(t, file, "init.yaml"), "p")
	assert.Equal(t, betas, again.AdaptationParams.BetaMV.Values, "the same seed draws the same values")
}

func TestPerNeuronSurrogateList(t *testing.T) {
	sc := parse(t, `populations:
  - name: p
    size: 3
    model: LIF
    params:
      surrogate:
        - {kind: sigmoid, alpha: 2}
        - {kind: arctan, fixed: true}
        - kind: relu_grad
          width: 0.5
`, "s.yaml")
	want := make([]components.SurrogateSpec, 3)
	var err error
	want[0], err = surrogate.New("sigmoid", map[string]float64{"alpha": 2}, false)
	require.NoError(t, err)
	want[1], err = surrogate.New("arctan", nil, true)
	require.NoError(t, err)
	want[2], err = surrogate.New("relu_grad", map[string]float64{"width": 0.5}, false)
	require.NoError(t, err)
	assert.Equal(t, want, sc.Populations[0].Spec.Surrogates)
	assert.Equal(t, want, view(t, sc, "p").Surrogate, "each neuron gets its own surrogate")
}

func TestComponentsComposeInAnyOrder(t *testing.T) {
	sc := parse(t, `populations:
  - name: full
    size: 2
    components: [refractory, membrane, adaptation]
    params: {tau: 10 ms, tau_a: 50 ms, beta: 0.2 mV, tau_ref: 3 ms}
  - name: plain
    size: 1
    components: membrane
  - name: ref
    size: 1
    components:
      - membrane
      - refractory
`, "c.yaml")
	full := sc.Populations[0].Spec
	assert.Empty(t, full.Model, "a composition is not a preset")
	require.NotNil(t, full.Adaptation)
	require.NotNil(t, full.Refractory)
	assert.Equal(t, ecs.Scalar(50), full.Adaptation.TauA)
	assert.Equal(t, ecs.Scalar(3), full.Refractory.TauRef)
	plain := sc.Populations[1].Spec
	assert.Nil(t, plain.Adaptation, "a single name is a list of one")
	assert.Nil(t, plain.Refractory)
	ref := sc.Populations[2].Spec
	assert.Nil(t, ref.Adaptation)
	assert.NotNil(t, ref.Refractory)

	v := view(t, sc, "full")
	assert.NotNil(t, v.Adaptation, "built with adaptation")
	assert.NotNil(t, v.Refractory, "built with a refractory period")
	assert.Equal(t, []float64{3}, v.RefractoryParams.TauRefMs.Values)
}

func TestRecordForms(t *testing.T) {
	sc := parse(t, `populations:
  - {name: exc, size: 4, model: LIFRef}
record:
  spikes: exc
  state:
    - population: exc
      vars: V
    - population: exc
      vars: [spike, last_spike, a]
      neurons: [3, 1]
`, "r.yaml")
	assert.Equal(t, []string{"exc"}, sc.Record.Spikes, "a single population name is a list of one")
	assert.Equal(t, []string{"V"}, sc.Record.State[0].Vars)
	assert.Nil(t, sc.Record.State[0].Neurons, "no neurons: all of them")
	assert.Equal(t, []int{3, 1}, sc.Record.State[1].Neurons, "neurons are kept in the given order")
	assert.Equal(t, []string{"spike", "last_spike", "a"}, sc.Record.State[1].Vars)
}

func TestInputWindowDefaults(t *testing.T) {
	sc := parse(t, "populations:\n  - {name: p, size: 2, model: IF}\ninputs:\n  - {population: p, current: [1 mA, 2 mA]}\n", "i.yaml")
	in := sc.Inputs[0]
	assert.Equal(t, 0.0, in.StartMs, "start defaults to 0")
	assert.True(t, math.IsInf(in.StopMs, 1), "stop defaults to the end of the run")
	assert.Equal(t, []float64{1, 2}, in.CurrentMA.Values, "one current per neuron")
	require.NoError(t, sc.Check())
}
