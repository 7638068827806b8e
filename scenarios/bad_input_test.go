package scenarios_test

import (
	"fmt"
	"slices"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/spikecs/spikecs/scenarios"
)

// badCase is one user mistake: the file, where the error must point and
// words its message must contain.
type badCase struct {
	name  string
	yaml  string
	line  int      // expected 1-based line
	key   string   // expected key path
	hints []string // substrings of the message
	build bool     // the mistake is found by Check (build time), not Parse
}

// lif3 is the start of a file with one LIF population of 3 neurons; the
// params mapping begins on line 5, so its first parameter is on line 6.
const lif3 = `populations:
  - name: exc
    size: 3
    model: LIF
    params:
`

// twoPops is a valid file of two populations (3 LIF, 2 ALIF neurons);
// the next section starts on line 4.
const twoPops = `populations:
  - {name: exc, size: 3, model: LIF}
  - {name: inh, size: 2, model: ALIF}
`

var badCases = []badCase{
	// YAML syntax.
	{name: "mapping value inside a value", yaml: "name: demo\ndt: 0.1 ms: 2\npopulations: []\n",
		line: 2, hints: []string{"malformed YAML", "mapping values are not allowed"}},
	{name: "unclosed flow list", yaml: "name: demo\npopulations:\n  - name: exc\n    size: [3\n",
		line: 4, hints: []string{"malformed YAML", "did not find expected ',' or ']'"}},
	{name: "unclosed flow mapping", yaml: "name: demo\npopulations:\n  - {name: exc, size: 3\n",
		line: 3, hints: []string{"malformed YAML", "'}'"}},
	{name: "tab indentation", yaml: "name: demo\npopulations:\n  - name: exc\n\tsize: 3\n",
		line: 4, hints: []string{"malformed YAML", "tab", "spaces"}},
	{name: "empty file", yaml: "",
		line: 1, hints: []string{"empty", "populations"}},
	{name: "only comments", yaml: "# nothing here\n# yet\n",
		line: 1, hints: []string{"empty"}},
	{name: "unknown alias", yaml: "populations:\n  - name: a\n    size: 1\n    model: LIF\n    params: *neuron\n",
		line: 5, hints: []string{"malformed YAML", "unknown anchor 'neuron'"}},
	{name: "top level is a list", yaml: "- a\n- b\n",
		line: 1, hints: []string{"expected a mapping", "got a list"}},

	// Top-level keys.
	{name: "unknown top-level key", yaml: "name: demo\ndurration: 50 ms\n",
		line: 2, key: "durration", hints: []string{`unknown key "durration"`, "valid: name, dt, duration, seed, populations"}},
	{name: "duplicate top-level key", yaml: "dt: 0.1 ms\npopulations:\n  - {name: exc, size: 1, model: LIF}\ndt: 0.2 ms\n",
		line: 4, key: "dt", hints: []string{"duplicate key", "first at line 1"}},
	{name: "no populations", yaml: "name: demo\n",
		line: 1, key: "populations", hints: []string{"at least one population"}},
	{name: "empty populations", yaml: "name: demo\npopulations: []\n",
		line: 2, key: "populations", hints: []string{"at least one population"}},
	{name: "name with a slash", yaml: "name: a/b\npopulations:\n  - {name: exc, size: 1, model: LIF}\n",
		line: 1, key: "name", hints: []string{"plain name", `"a/b"`}},
	{name: "name dot-dot", yaml: "name: ..\npopulations:\n  - {name: exc, size: 1, model: LIF}\n",
		line: 1, key: "name", hints: []string{"plain name"}},
	{name: "dt zero", yaml: "dt: 0 ms\n" + twoPops,
		line: 1, key: "dt", hints: []string{"must be > 0"}},
	{name: "dt negative", yaml: "dt: -0.1 ms\n" + twoPops,
		line: 1, key: "dt", hints: []string{"must be > 0", `"-0.1 ms"`}},
	{name: "dt without unit", yaml: "dt: 0.1\n" + twoPops,
		line: 1, key: "dt", hints: []string{"expected a time", "a unit is required"}},
	{name: "negative duration", yaml: "duration: -5 ms\n" + twoPops,
		line: 1, key: "duration", hints: []string{"must be >= 0", `"-5 ms"`}},
	{name: "duration of a voltage", yaml: "duration: 5 mV\n" + twoPops,
		line: 1, key: "duration", hints: []string{"expected a time", "voltage"}},
	{name: "too many steps", yaml: "dt: 1 ns\nduration: 1e300 s\n" + twoPops,
		line: 2, key: "duration", hints: []string{"too many steps"}},
	{name: "negative seed", yaml: "seed: -1\n" + twoPops,
		line: 1, key: "seed", hints: []string{"whole number >= 0", `"-1"`}},
	{name: "fractional seed", yaml: "seed: 1.5\n" + twoPops,
		line: 1, key: "seed", hints: []string{"whole number >= 0"}},
	{name: "word seed", yaml: "seed: lucky\n" + twoPops,
		line: 1, key: "seed", hints: []string{"whole number >= 0", `"lucky"`}},

	// Populations.
	{name: "parameter of another model", yaml: "populations:\n  - name: exc\n    size: 3\n    model: AdEx\n    params: {tau_a: 5 ms}\n",
		line: 5, key: "populations[0].params.tau_a", hints: []string{`unknown parameter "tau_a" for model AdEx`, "tau_w"}},
	{name: "model parameter of the wrong unit", yaml: "populations:\n  - name: exc\n    size: 3\n    model: AdEx\n    params: {b: 5 nS}\n",
		line: 5, key: "populations[0].params.b", hints: []string{"expected a current"}},
	{name: "model parameter out of range", yaml: "populations:\n  - name: exc\n    size: 3\n    model: iaf_psc_exp\n    params: {tau_m: [10 ms, 0 ms, 10 ms]}\n",
		line: 5, key: "populations[0].params.tau_m", hints: []string{"neuron 1", "tau_m = 0 ms; must be > 0"}, build: true},
	{name: "model with a part it lacks", yaml: "populations:\n  - name: exc\n    size: 3\n    model: iaf_psc_exp\n    components: [refractory]\n",
		line: 5, key: "populations[0].components[0]", hints: []string{`cannot add component "refractory"`}},
	{name: "unknown model method", yaml: "populations:\n  - name: exc\n    size: 3\n    model: ExpIF\n    params: {method: rk45}\n",
		line: 5, key: "populations[0].params.method", hints: []string{`unknown method "rk45"`, "rk4, euler"}},
	{name: "unknown model", yaml: "populations:\n  - name: exc\n    size: 3\n    model: LIFF\n",
		line: 4, key: "populations[0].model", hints: []string{`unknown model "LIFF"`, "IF, LIF, LIFRef, ALIF"}},
	{name: "unknown component", yaml: "populations:\n  - name: exc\n    size: 3\n    components:\n      - membrane\n      - adaption\n",
		line: 6, key: "populations[0].components[1]", hints: []string{`unknown component "adaption"`, "membrane, adaptation, refractory"}},
	{name: "component twice", yaml: "populations:\n  - name: exc\n    size: 3\n    components: [membrane, refractory, refractory]\n",
		line: 4, key: "populations[0].components[2]", hints: []string{"listed twice"}},
	{name: "components without membrane", yaml: "populations:\n  - name: exc\n    size: 3\n    components: [adaptation]\n",
		line: 4, key: "populations[0].components", hints: []string{"membrane is required"}},
	{name: "model and components", yaml: "populations:\n  - name: exc\n    size: 3\n    model: LIF\n    components: [membrane]\n",
		line: 5, key: "populations[0].components", hints: []string{"either model or components"}},
	{name: "neither model nor components", yaml: "populations:\n  - name: exc\n    size: 3\n",
		line: 2, key: "populations[0]", hints: []string{"needs a model", "IF, LIF, LIFRef, ALIF", "membrane, adaptation, refractory"}},
	{name: "missing name", yaml: "populations:\n  - size: 3\n    model: LIF\n",
		line: 2, key: "populations[0].name", hints: []string{"is required"}},
	{name: "missing size", yaml: "populations:\n  - name: exc\n    model: LIF\n",
		line: 2, key: "populations[0].size", hints: []string{"is required"}},
	{name: "size zero", yaml: "populations:\n  - name: exc\n    size: 0\n    model: LIF\n",
		line: 3, key: "populations[0].size", hints: []string{"at least 1", "got 0"}},
	{name: "negative size", yaml: "populations:\n  - name: exc\n    size: -2\n    model: LIF\n",
		line: 3, key: "populations[0].size", hints: []string{"whole number"}},
	{name: "population name with a comma", yaml: "populations:\n  - name: a,b\n    size: 1\n    model: LIF\n",
		line: 2, key: "populations[0].name", hints: []string{"no comma"}},
	{name: "duplicate population name", yaml: twoPops + "  - {name: exc, size: 1, model: IF}\n",
		line: 4, key: "populations[2].name", hints: []string{`duplicate population name "exc"`}},
	{name: "unknown key in a population", yaml: "populations:\n  - name: exc\n    size: 3\n    modle: LIF\n",
		line: 4, key: "populations[0].modle", hints: []string{"valid: name, size, model, components, params"}},

	// Parameters.
	{name: "tau_ref on LIF", yaml: lif3 + "      tau: 10 ms\n      tau_ref: 2 ms\n",
		line: 7, key: "populations[0].params.tau_ref", hints: []string{`unknown parameter "tau_ref" for model LIF`, "valid: R, tau, V_th, V_reset, V_rest, V_init, spk_reset, surrogate"}},
	{name: "V_reset on IF", yaml: "populations:\n  - name: exc\n    size: 3\n    model: IF\n    params:\n      V_reset: -1 mV\n",
		line: 6, key: "populations[0].params.V_reset", hints: []string{"for model IF", "valid: R, tau, V_th, V_init, spk_reset, surrogate"}},
	{name: "tau_a on a composition without adaptation", yaml: "populations:\n  - name: exc\n    size: 3\n    components: [membrane, refractory]\n    params:\n      tau_a: 100 ms\n",
		line: 6, key: "populations[0].params.tau_a", hints: []string{"this composition", "tau_ref"}},
	{name: "duplicate parameter", yaml: lif3 + "      tau: 10 ms\n      tau: 20 ms\n",
		line: 7, key: "populations[0].params.tau", hints: []string{"duplicate parameter", "first at line 6"}},
	{name: "tau of a voltage", yaml: lif3 + "      tau: 10 mV\n",
		line: 6, key: "populations[0].params.tau", hints: []string{"expected a time", "got a voltage"}},
	{name: "tau without unit", yaml: lif3 + "      tau: 10\n",
		line: 6, key: "populations[0].params.tau", hints: []string{"expected a time", "a unit is required"}},
	{name: "tau with an unknown unit", yaml: lif3 + "      tau: 10 mx\n",
		line: 6, key: "populations[0].params.tau", hints: []string{`unknown unit "mx"`}},
	{name: "beta with a unit where none belongs", yaml: "populations:\n  - name: exc\n    size: 1\n    model: ALIF\n    params:\n      a_init: 1 mV\n",
		line: 6, key: "populations[0].params.a_init", hints: []string{"expected a plain number"}},
	{name: "tau zero (build time)", yaml: lif3 + "      V_th: 2 mV\n      tau: 0 ms\n", build: true,
		line: 7, key: "populations[0].params.tau", hints: []string{"tau", "must be > 0"}},
	{name: "tau negative in a list (build time)", yaml: lif3 + "      tau: [10 ms, -1 ms, 5 ms]\n", build: true,
		line: 6, key: "populations[0].params.tau", hints: []string{"neuron 1", "must be > 0"}},
	{name: "V_th equal to V_reset (build time)", yaml: lif3 + "      V_th: 0.5 mV\n      V_reset: 0.5 mV\n", build: true,
		line: 6, key: "populations[0].params.V_th", hints: []string{"V_th (0.5 mV) must be greater than V_reset (0.5 mV)"}},
	{name: "V_th below V_reset for one neuron (build time)", yaml: lif3 + "      V_th: [1 mV, -1 mV, 2 mV]\n", build: true,
		line: 6, key: "populations[0].params.V_th", hints: []string{"neuron 1", "V_th (-1 mV) must be greater than V_reset (0 mV)"}},
	{name: "V_reset above the default V_th (build time)", yaml: lif3 + "      tau: 10 ms\n      V_reset: 2 mV\n", build: true,
		line: 7, key: "populations[0].params.V_reset", hints: []string{"V_th (1 mV) must be greater than V_reset (2 mV)"}},
	{name: "list shorter than the population", yaml: lif3 + "      V_th: [1 mV, 2 mV]\n",
		line: 6, key: "populations[0].params.V_th", hints: []string{"list has 2 values, expected 3"}},
	{name: "list item without unit", yaml: lif3 + "      V_th: [1 mV, 2, 3 mV]\n",
		line: 6, key: "populations[0].params.V_th[1]", hints: []string{"a unit is required"}},
	{name: "unknown distribution", yaml: lif3 + "      tau:\n        mean: 10 ms\n        dist: gamma\n",
		line: 8, key: "populations[0].params.tau.dist", hints: []string{`unknown distribution "gamma"`, "constant, normal, uniform, truncnormal"}},
	{name: "missing distribution", yaml: lif3 + "      tau: {mean: 10 ms, sd: 1 ms}\n",
		line: 6, key: "populations[0].params.tau.dist", hints: []string{"is required", "constant, normal, uniform, truncnormal"}},
	{name: "normal without sd", yaml: lif3 + "      tau: {dist: normal, mean: 10 ms}\n",
		line: 6, key: "populations[0].params.tau.sd", hints: []string{"is required for dist normal", "mean, sd"}},
	{name: "sd on uniform", yaml: lif3 + "      V_init:\n        dist: uniform\n        low: 0 mV\n        high: 1 mV\n        sd: 1 mV\n",
		line: 10, key: "populations[0].params.V_init.sd", hints: []string{"not a parameter of dist uniform", "low, high"}},
	{name: "misspelt initializer key", yaml: lif3 + "      tau: {dist: normal, mean: 10 ms, sdev: 1 ms}\n",
		line: 6, key: "populations[0].params.tau.sdev", hints: []string{"unknown key", "dist, value, mean, sd, low, high"}},
	{name: "negative sd", yaml: lif3 + "      tau: {dist: normal, mean: 10 ms, sd: -1 ms}\n",
		line: 6, key: "populations[0].params.tau", hints: []string{"sd finite and >= 0"}},
	{name: "uniform with low > high", yaml: lif3 + "      tau: {dist: uniform, low: 10 ms, high: 5 ms}\n",
		line: 6, key: "populations[0].params.tau", hints: []string{"lo <= hi"}},
	{name: "initializer of the wrong dimension", yaml: lif3 + "      tau: {dist: normal, mean: 10 mV, sd: 1 ms}\n",
		line: 6, key: "populations[0].params.tau.mean", hints: []string{"expected a time"}},
	{name: "initializer drawing a negative tau (build time)", yaml: lif3 + "      tau: {dist: uniform, low: -10 ms, high: -5 ms}\n", build: true,
		line: 6, key: "populations[0].params.tau", hints: []string{"neuron 0", "must be > 0"}},
	{name: "bad spk_reset", yaml: lif3 + "      spk_reset: medium\n",
		line: 6, key: "populations[0].params.spk_reset", hints: []string{`unknown reset "medium"`, "soft, hard"}},
	{name: "bad refractory_mode", yaml: strings.Replace(lif3, "LIF", "LIFRef", 1) + "      tau_ref: 2 ms\n      refractory_mode: suppress\n",
		line: 7, key: "populations[0].params.refractory_mode", hints: []string{`unknown refractory mode "suppress"`, "hold, block"}},
	{name: "refractory_mode without a refractory period", yaml: lif3 + "      refractory_mode: block\n",
		line: 6, key: "populations[0].params.refractory_mode", hints: []string{`unknown parameter "refractory_mode" for model LIF`}},

	// Surrogates.
	{name: "unknown surrogate kind", yaml: lif3 + "      surrogate:\n        alpha: 4\n        kind: sigmod\n",
		line: 8, key: "populations[0].params.surrogate.kind", hints: []string{`unknown surrogate kind "sigmod"`, "sigmoid, piecewise_quadratic", "slayer_grad"}},
	{name: "surrogate without kind", yaml: lif3 + "      surrogate: {alpha: 4}\n",
		line: 6, key: "populations[0].params.surrogate.kind", hints: []string{"is required", "relu_grad"}},
	{name: "unknown surrogate parameter", yaml: lif3 + "      surrogate:\n        kind: sigmoid\n        width: 2\n",
		line: 8, key: "populations[0].params.surrogate.width", hints: []string{`unknown parameter "width"`, "valid: alpha"}},
	{name: "surrogate parameter out of domain", yaml: lif3 + "      surrogate:\n        kind: relu_grad\n        alpha: 0.3\n        width: -1\n",
		line: 9, key: "populations[0].params.surrogate.width", hints: []string{"width", "must be > 0"}},
	{name: "surrogate parameter with a unit", yaml: lif3 + "      surrogate: {kind: sigmoid, alpha: 4 mV}\n",
		line: 6, key: "populations[0].params.surrogate.alpha", hints: []string{"expected a plain number"}},
	{name: "fixed on a family without a fix", yaml: lif3 + "      surrogate:\n        kind: sigmoid\n        fixed: true\n",
		line: 8, key: "populations[0].params.surrogate.fixed", hints: []string{"no corrected variant", "piecewise_quadratic"}},
	{name: "fixed not a boolean", yaml: lif3 + "      surrogate: {kind: arctan, fixed: maybe}\n",
		line: 6, key: "populations[0].params.surrogate.fixed", hints: []string{"true or false"}},
	{name: "duplicate surrogate key", yaml: lif3 + "      surrogate:\n        kind: sigmoid\n        kind: erf\n",
		line: 8, key: "populations[0].params.surrogate.kind", hints: []string{"duplicate key", "first at line 7"}},
	{name: "surrogate list of wrong length", yaml: lif3 + "      surrogate: [{kind: sigmoid}, {kind: arctan}]\n",
		line: 6, key: "populations[0].params.surrogate", hints: []string{"list has 2 surrogates, expected 3"}},
	{name: "bad entry of a surrogate list", yaml: lif3 + "      surrogate:\n        - {kind: sigmoid}\n        - {kind: nope}\n        - {kind: erf}\n",
		line: 8, key: "populations[0].params.surrogate[1].kind", hints: []string{`unknown surrogate kind "nope"`}},
	{name: "surrogate as a plain word", yaml: lif3 + "      surrogate: sigmoid\n",
		line: 6, key: "populations[0].params.surrogate", hints: []string{"expected a mapping like {kind: sigmoid, alpha: 4}"}},

	// Inputs.
	{name: "input to an unknown population", yaml: twoPops + "inputs:\n  - current: 2 mA\n    population: ihn\n",
		line: 6, key: "inputs[0].population", hints: []string{`unknown population "ihn"`, "valid: exc, inh"}},
	{name: "input without population", yaml: twoPops + "inputs:\n  - current: 2 mA\n",
		line: 5, key: "inputs[0].population", hints: []string{"is required"}},
	{name: "input without current", yaml: twoPops + "inputs:\n  - population: exc\n",
		line: 5, key: "inputs[0].current", hints: []string{"is required"}},
	{name: "input current list too short", yaml: twoPops + "inputs:\n  - population: exc\n    current: [1 mA, 2 mA]\n",
		line: 6, key: "inputs[0].current", hints: []string{"list has 2 values, expected 3", `"exc"`}},
	{name: "input current list of one for three neurons", yaml: twoPops + "inputs:\n  - population: exc\n    current: [1 mA]\n",
		line: 6, key: "inputs[0].current", hints: []string{"list has 1 values, expected 3"}},
	{name: "input current of a voltage", yaml: twoPops + "inputs:\n  - population: exc\n    current: 2 mV\n",
		line: 6, key: "inputs[0].current", hints: []string{"expected a current", "voltage"}},
	{name: "input start after stop", yaml: twoPops + "inputs:\n  - population: exc\n    current: 2 mA\n    start: 30 ms\n    stop: 10 ms\n",
		line: 8, key: "inputs[0].stop", hints: []string{"must not be before start (30 ms)", `"10 ms"`}},
	{name: "input negative start", yaml: twoPops + "inputs:\n  - population: exc\n    current: 2 mA\n    start: -1 ms\n",
		line: 7, key: "inputs[0].start", hints: []string{"must be >= 0"}},
	{name: "unknown input key", yaml: twoPops + "inputs:\n  - population: exc\n    amplitude: 2 mA\n",
		line: 6, key: "inputs[0].amplitude", hints: []string{"valid: population, current, poisson, noise, start, stop"}},

	// Records.
	{name: "unknown population in record.spikes", yaml: twoPops + "record:\n  spikes:\n    - exc\n    - ihn\n",
		line: 7, key: "record.spikes[1]", hints: []string{`unknown population "ihn"`, "valid: exc, inh"}},
	{name: "unknown population in record.spikes (flow list)", yaml: twoPops + "record:\n  spikes: [ihn]\n",
		line: 5, key: "record.spikes[0]", hints: []string{`unknown population "ihn"`, "valid: exc, inh"}},
	{name: "unknown population in record.state", yaml: twoPops + "record:\n  state:\n    - vars: [V]\n      population: ihn\n",
		line: 7, key: "record.state[0].population", hints: []string{`unknown population "ihn"`, "valid: exc, inh"}},
	{name: "unknown state variable", yaml: twoPops + "record:\n  state:\n    - population: exc\n      vars:\n        - V\n        - voltage\n",
		line: 9, key: "record.state[0].vars[1]", hints: []string{`unknown variable "voltage"`, "valid: I0, I1, I2, I3, V, ", ", a, ", ", g0, "}},
	// "a" without adaptation is accepted (recorded as 0; see
	// TestContractExampleParsesAndBuilds); last_spike has no such value.
	{name: "variable last_spike without refractory period", yaml: twoPops + "record:\n  state:\n    - population: inh\n      vars:\n        - V\n        - last_spike\n",
		line: 9, key: "record.state[0].vars[1]", hints: []string{`"inh" has no refractory period`, "LIFRef"}},
	{name: "membrane variable of a spike source", yaml: "populations:\n  - name: src\n    size: 2\n    source: {kind: poisson, rate: 10 Hz}\nrecord:\n  state:\n    - population: src\n      vars: [spike, V]\n",
		line: 8, key: "record.state[0].vars[1]", hints: []string{`"src" is a spike source`, "only variable is spike"}},
	{name: "poisson rate above 1/dt (build time)", yaml: "populations:\n  - name: src\n    size: 2\n    source: {kind: poisson, rate: 20 kHz}\n", build: true,
		line: 4, key: "populations[0].source.rate", hints: []string{"at most 1/dt (10000 Hz)"}},
	{name: "state record without vars", yaml: twoPops + "record:\n  state:\n    - population: exc\n",
		line: 6, key: "record.state[0].vars", hints: []string{"is required", "spike_grad"}},
	{name: "neuron index out of range", yaml: twoPops + "record:\n  state:\n    - population: inh\n      vars: [V]\n      neurons:\n        - 0\n        - 2\n",
		line: 10, key: "record.state[0].neurons[1]", hints: []string{"neuron 2 is out of range", `"inh" has 2 neurons (0..1)`}},
	{name: "negative neuron index", yaml: twoPops + "record:\n  state:\n    - {population: exc, vars: [V], neurons: [-1]}\n",
		line: 6, key: "record.state[0].neurons[0]", hints: []string{"whole number"}},
	{name: "empty neuron list", yaml: twoPops + "record:\n  state:\n    - {population: exc, vars: [V], neurons: []}\n",
		line: 6, key: "record.state[0].neurons", hints: []string{"the list is empty", "leave neurons out"}},
	{name: "unknown record key", yaml: twoPops + "record:\n  spike: [exc]\n",
		line: 5, key: "record.spike", hints: []string{"valid: spikes, state"}},
}

// TestBadInputIsReportedAtItsLineAndKey pins, for each mistake a user can
// make in a scenario file, the *scenarios.Error it produces: the line and
// key where it is, and a message that says what would be valid.
func TestBadInputIsReportedAtItsLineAndKey(t *testing.T) {
	for _, c := range slices.Concat(badCases, learningBadCases) {
		t.Run(c.name, func(t *testing.T) {
			err := loadErr(t, c)
			var se *scenarios.Error
			require.ErrorAs(t, err, &se, "every mistake must be a *scenarios.Error, got %T: %v", err, err)
			assert.Equal(t, "bad.yaml", se.File, "the file name is kept")
			assert.Equal(t, c.line, se.Line, "line of %q\nfile:\n%s", se.Error(), numbered(c.yaml))
			assert.Equal(t, c.key, se.Key, "key of %q", se.Error())
			for _, h := range c.hints {
				assert.Contains(t, se.Msg, h, "the message should tell the user %q", h)
			}
			want := fmt.Sprintf("bad.yaml:%d: ", c.line)
			if c.key != "" {
				want += c.key + ": "
			}
			assert.True(t, strings.HasPrefix(se.Error(), want), "Error() = %q, want prefix %q (file:line: key: message)", se.Error(), want)
		})
	}
}

// loadErr parses the case's file and, for build-time mistakes, checks it.
func loadErr(t *testing.T, c badCase) error {
	t.Helper()
	sc, err := scenarios.Parse([]byte(c.yaml), "bad.yaml")
	if !c.build {
		require.Error(t, err, "Parse should reject the file")
		require.Nil(t, sc)
		return err
	}
	require.NoError(t, err, "this mistake is only visible when building; Parse should accept it")
	err = sc.Check()
	require.Error(t, err, "Check should reject the scenario")
	return err
}

// numbered prefixes each line with its number, for failure messages.
func numbered(s string) string {
	var b strings.Builder
	for i, l := range strings.Split(s, "\n") {
		fmt.Fprintf(&b, "%3d| %s\n", i+1, l)
	}
	return b.String()
}

func TestErrorFormatOmitsUnknownParts(t *testing.T) {
	assert.Equal(t, "f.yaml: boom", (&scenarios.Error{File: "f.yaml", Msg: "boom"}).Error(), "no line, no key")
	assert.Equal(t, "f.yaml:3: boom", (&scenarios.Error{File: "f.yaml", Line: 3, Msg: "boom"}).Error(), "no key")
	assert.Equal(t, "f.yaml: dt: boom", (&scenarios.Error{File: "f.yaml", Key: "dt", Msg: "boom"}).Error(), "no line")
}

func TestLoadUnknownNameListsBuiltins(t *testing.T) {
	_, err := scenarios.Load("no-such-scenario")
	var se *scenarios.Error
	require.ErrorAs(t, err, &se)
	for _, b := range scenarios.Builtins() {
		assert.Contains(t, se.Msg, b.Name, "the message lists every built-in")
	}
	_, err = scenarios.Load("missing/file.yaml")
	require.ErrorAs(t, err, &se)
	assert.Equal(t, "missing/file.yaml", se.File)
	assert.Contains(t, se.Msg, "cannot read")
}
