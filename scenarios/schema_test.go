package scenarios_test

import (
	"bytes"
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"sort"
	"testing"

	"github.com/santhosh-tekuri/jsonschema/v6"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
	"go.yaml.in/yaml/v3"

	"github.com/spikecs/spikecs/scenarios"
	"github.com/spikecs/spikecs/systems"
	"github.com/spikecs/spikecs/systems/surrogate"
)

// schemaPath is the JSON Schema of the scenario format.
const schemaPath = "../docs/scenario.schema.json"

// compileSchema compiles docs/scenario.schema.json (draft 2020-12).
func compileSchema(t *testing.T) *jsonschema.Schema {
	t.Helper()
	f, err := os.Open(schemaPath)
	require.NoError(t, err)
	defer f.Close()
	doc, err := jsonschema.UnmarshalJSON(f)
	require.NoError(t, err, "the schema is valid JSON")
	c := jsonschema.NewCompiler()
	require.NoError(t, c.AddResource("scenario.schema.json", doc))
	sch, err := c.Compile("scenario.schema.json")
	require.NoError(t, err, "the schema is a valid draft 2020-12 schema")
	return sch
}

// yamlToJSON reads YAML as a JSON value the way a YAML-aware validator
// would: mappings become objects, aliases are expanded, bare numbers and
// booleans keep their type. ok is false for YAML that has no JSON form
// (a syntax error, a duplicate key).
func yamlToJSON(data []byte) (v any, ok bool) {
	var x any
	if err := yaml.Unmarshal(data, &x); err != nil {
		return nil, false
	}
	j, err := json.Marshal(x)
	if err != nil {
		return nil, false
	}
	v, err = jsonschema.UnmarshalJSON(bytes.NewReader(j))
	return v, err == nil
}

func TestEveryBuiltinValidatesAgainstTheSchema(t *testing.T) {
	sch := compileSchema(t)
	for _, b := range scenarios.Builtins() {
		t.Run(b.Name, func(t *testing.T) {
			data, ok := scenarios.BuiltinSource(b.Name)
			require.True(t, ok)
			v, ok := yamlToJSON(data)
			require.True(t, ok, "the built-in converts to JSON")
			assert.NoError(t, sch.Validate(v), "built-in %s must validate against %s", b.Name, schemaPath)
		})
	}
	data, err := os.ReadFile(filepath.Join("testdata", "schema", "every_key.yaml"))
	require.NoError(t, err)
	v, ok := yamlToJSON(data)
	require.True(t, ok)
	assert.NoError(t, sch.Validate(v), "a file using every key validates (the schema is not stricter than the loader)")
	sc, err := scenarios.Parse(data, "every_key.yaml")
	require.NoError(t, err)
	require.NoError(t, sc.Check(), "and the loader accepts it")
}

// schemaCannotExpress are the parse-time bad cases of bad_input_test.go
// whose mistake the schema cannot see: references between sections, list
// lengths that depend on a size, value ranges and relations. (Build-time
// cases are left out too.) Every other bad case with a JSON form must be
// rejected by the schema as well; when a new one is not, tighten the
// schema or, if it cannot express the rule, list the case here.
var schemaCannotExpress = []string{
	"too many steps",
	"duplicate population name",
	"list shorter than the population",
	"negative sd",
	"uniform with low > high",
	"surrogate parameter out of domain",
	"surrogate list of wrong length",
	"input to an unknown population",
	"input current list too short",
	"input current list of one for three neurons",
	"input start after stop",
	"unknown population in record.spikes",
	"unknown population in record.spikes (flow list)",
	"unknown population in record.state",
	"variable last_spike without refractory period",
	"membrane variable of a spike source",
	"neuron index out of range",
}

// moreBadCases are mistakes in the network, input and record keys, each
// rejected by both the loader and the schema.
var moreBadCases = []struct{ name, yaml string }{
	{"unknown dual_expon input", twoPops + "projections:\n  - {pre: exc, post: inh, synapse: {kind: dual_expon, input: decay}, output: {kind: cuba}, connect: {rule: all_to_all}, weight: 1 nS}\n"},
	{"unknown mg_block evaluate_at", twoPops + "projections:\n  - {pre: exc, post: inh, synapse: {kind: expon}, output: {kind: mg_block, evaluate_at: reset}, connect: {rule: all_to_all}, weight: 1 nS}\n"},
	{"update_at on std", twoPops + "projections:\n  - {pre: exc, post: inh, synapse: {kind: expon}, output: {kind: cuba}, connect: {rule: all_to_all}, weight: 1 nS, plasticity: {kind: std, update_at: emission}}\n"},
	{"unknown synapse kind", twoPops + "projections:\n  - {pre: exc, post: inh, synapse: {kind: expo}, output: {kind: cuba}, connect: {rule: all_to_all}, weight: 1 nS}\n"},
	{"coba without E", twoPops + "projections:\n  - {pre: exc, post: inh, synapse: {kind: expon}, output: {kind: coba}, connect: {rule: all_to_all}, weight: 1 nS}\n"},
	{"synapse parameter of another kind", twoPops + "projections:\n  - {pre: exc, post: inh, synapse: {kind: expon, tau_rise: 1 ms}, output: {kind: cuba}, connect: {rule: all_to_all}, weight: 1 nS}\n"},
	{"unknown connect rule", twoPops + "projections:\n  - {pre: exc, post: inh, synapse: {kind: expon}, output: {kind: cuba}, connect: {rule: random}, weight: 1 nS}\n"},
	{"pairs without rule pairs", twoPops + "projections:\n  - {pre: exc, post: inh, synapse: {kind: expon}, output: {kind: cuba}, connect: {rule: all_to_all, pairs: [[0, 1]]}, weight: 1 nS}\n"},
	{"projection without weight", twoPops + "projections:\n  - {pre: exc, post: inh, synapse: {kind: expon}, output: {kind: cuba}, connect: {rule: all_to_all}}\n"},
	{"weight of a voltage", twoPops + "projections:\n  - {pre: exc, post: inh, synapse: {kind: expon}, output: {kind: cuba}, connect: {rule: all_to_all}, weight: 1 mV}\n"},
	{"unknown plasticity", twoPops + "projections:\n  - {pre: exc, post: inh, synapse: {kind: expon}, output: {kind: cuba}, connect: {rule: all_to_all}, weight: 1 nS, plasticity: {kind: ltp}}\n"},
	{"unknown projection key", twoPops + "projections:\n  - {pre: exc, post: inh, synapse: {kind: expon}, output: {kind: cuba}, connect: {rule: all_to_all}, weight: 1 nS, weigth: 2 nS}\n"},
	{"ampa rate without its unit", twoPops + "projections:\n  - {pre: exc, post: inh, synapse: {kind: ampa, beta: 0.18}, output: {kind: coba, E: 0 mV}, connect: {rule: all_to_all}, weight: 1 nS}\n"},
	{"unknown learning rule", twoPops + "projections:\n  - {pre: exc, post: inh, synapse: {kind: expon}, output: {kind: cuba}, connect: {rule: all_to_all}, weight: 1 nS, learning: {rule: hebb, a_plus: 1 pS, a_minus: 1 pS, w_max: 2 nS}}\n"},
	{"learning without w_max", twoPops + "projections:\n  - {pre: exc, post: inh, synapse: {kind: expon}, output: {kind: cuba}, connect: {rule: all_to_all}, weight: 1 nS, learning: {rule: stdp, a_plus: 1 pS, a_minus: 1 pS}}\n"},
	{"triplet parameter on the pair rule", twoPops + "projections:\n  - {pre: exc, post: inh, synapse: {kind: expon}, output: {kind: cuba}, connect: {rule: all_to_all}, weight: 1 nS, learning: {rule: stdp, tau_x: 100 ms, a_plus: 1 pS, a_minus: 1 pS, w_max: 2 nS}}\n"},
	{"triplet without a3_minus", twoPops + "projections:\n  - {pre: exc, post: inh, synapse: {kind: expon}, output: {kind: cuba}, connect: {rule: all_to_all}, weight: 1 nS, learning: {rule: triplet, a_plus: 1 pS, a_minus: 1 pS, a3_plus: 1 pS, w_max: 2 nS}}\n"},
	{"learning tau of zero", twoPops + "projections:\n  - {pre: exc, post: inh, synapse: {kind: expon}, output: {kind: cuba}, connect: {rule: all_to_all}, weight: 1 nS, learning: {rule: stdp, tau_plus: 0 ms, a_plus: 1 pS, a_minus: 1 pS, w_max: 2 nS}}\n"},
	{"learning amplitude of a voltage", twoPops + "projections:\n  - {pre: exc, post: inh, synapse: {kind: expon}, output: {kind: cuba}, connect: {rule: all_to_all}, weight: 1 nS, learning: {rule: stdp, a_plus: 1 mV, a_minus: 1 pS, w_max: 2 nS}}\n"},
	{"unknown interaction", twoPops + "projections:\n  - {pre: exc, post: inh, synapse: {kind: expon}, output: {kind: cuba}, connect: {rule: all_to_all}, weight: 1 nS, learning: {rule: stdp, a_plus: 1 pS, a_minus: 1 pS, w_max: 2 nS, interaction: first}}\n"},
	{"poisson input without count", twoPops + "inputs:\n  - {population: exc, poisson: {rate: 10 Hz, weight: 0.1 mV}}\n"},
	{"current and poisson", twoPops + "inputs:\n  - {population: exc, current: 1 mA, poisson: {count: 1, rate: 10 Hz, weight: 0.1 mV}}\n"},
	{"unknown poisson mode", twoPops + "inputs:\n  - {population: exc, poisson: {count: 1, rate: 10 Hz, weight: 0.1 mV, mode: exact}}\n"},
	{"rate record without populations", twoPops + "record:\n  rate: {bin: 1 ms}\n"},
	{"state stride zero", twoPops + "record:\n  state:\n    - {population: exc, vars: [V], stride: 0}\n"},
	{"source with params", "populations:\n  - {name: s, size: 1, source: {kind: poisson, rate: 1 Hz}, params: {tau: 1 ms}}\n"},
	{"unknown source kind", "populations:\n  - {name: s, size: 1, source: {kind: gamma, rate: 1 Hz}}\n"},
	{"poisson source without rate", "populations:\n  - {name: s, size: 1, source: {kind: poisson}}\n"},
	{"single component other than membrane", "populations:\n  - {name: p, size: 1, components: adaptation}\n"},
	{"dt of zero seconds", "dt: 0.0 s\n" + twoPops},
	{"unknown time course kind", twoPops + "inputs:\n  - {population: exc, current: {kind: square, amplitude: 1 mA}}\n"},
	{"sine current of a voltage", twoPops + "inputs:\n  - {population: exc, current: {kind: sine, amplitude: 1 mV, frequency: 1 Hz}}\n"},
	{"series without dt", twoPops + "inputs:\n  - {population: exc, current: {kind: series, values: [1 mA]}}\n"},
	{"series file without unit", twoPops + "inputs:\n  - {population: exc, current: {kind: series, file: a.csv, dt: 1 ms}}\n"},
	{"ou noise without tau", twoPops + "inputs:\n  - {population: exc, noise: {kind: ou, sigma: 1 mA}}\n"},
	{"white noise with tau", twoPops + "inputs:\n  - {population: exc, noise: {kind: white, sigma: 1 mA, tau: 1 ms}}\n"},
	{"noise and current", twoPops + "inputs:\n  - {population: exc, current: 1 mA, noise: {kind: white, sigma: 1 mA}}\n"},
	{"inhomogeneous source with a constant rate", "populations:\n  - {name: s, size: 1, source: {kind: inhomogeneous_poisson, rate: 1 Hz}}\n"},
}

// TestLoaderAndSchemaRejectTheSameMistakes checks that every bad file
// the schema can judge is rejected by both.
func TestLoaderAndSchemaRejectTheSameMistakes(t *testing.T) {
	sch := compileSchema(t)
	type bad struct{ name, yaml string }
	var cases []bad
	for _, c := range badCases {
		if !c.build && !slices.Contains(schemaCannotExpress, c.name) {
			cases = append(cases, bad{c.name, c.yaml})
		}
	}
	for _, c := range moreBadCases {
		cases = append(cases, bad{c.name, c.yaml})
	}
	checked := 0
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			sc, err := scenarios.Parse([]byte(c.yaml), "bad.yaml")
			if err == nil {
				err = sc.Check()
			}
			require.Error(t, err, "the loader rejects it")
			v, ok := yamlToJSON([]byte(c.yaml))
			if !ok {
				t.Skip("no JSON form (YAML syntax, duplicate key): only the loader can see it")
			}
			checked++
			assert.Error(t, sch.Validate(v), "the schema must reject it too (the loader says: %v); tighten the schema or list the case in schemaCannotExpress", err)
		})
	}
	assert.Greater(t, checked, 70, "most mistakes are visible to both")
	for _, name := range schemaCannotExpress {
		assert.True(t, slices.ContainsFunc(badCases, func(c badCase) bool { return c.name == name }), "schemaCannotExpress names an existing bad case: %q", name)
	}
}

// TestSchemaEnumsFollowTheCode pins the schema's lists to the code's, so
// that adding a model, a surrogate family, a variable or a rule fails here
// until the schema has it.
func TestSchemaEnumsFollowTheCode(t *testing.T) {
	data, err := os.ReadFile(schemaPath)
	require.NoError(t, err)
	var s map[string]any
	require.NoError(t, json.Unmarshal(data, &s))
	get := func(path ...string) any {
		var v any = s
		for _, p := range path {
			m, ok := v.(map[string]any)
			require.True(t, ok, "schema path %v", path)
			v = m[p]
		}
		return v
	}
	strs := func(v any) []string {
		var out []string
		for _, x := range v.([]any) {
			out = append(out, x.(string))
		}
		sort.Strings(out)
		return out
	}
	sorted := func(xs []string) []string {
		xs = slices.Clone(xs)
		sort.Strings(xs)
		return xs
	}
	keys := func(m any) []string {
		var out []string
		for k := range m.(map[string]any) {
			out = append(out, k)
		}
		sort.Strings(out)
		return out
	}
	var models []string
	for _, m := range systems.Models() {
		models = append(models, m.Name)
	}
	assert.Equal(t, sorted(models), strs(get("$defs", "population", "properties", "model", "enum")), "models")
	assert.Equal(t, systems.StateVars(), strs(get("$defs", "record", "properties", "state", "items", "properties", "vars", "anyOf").([]any)[0].(map[string]any)["enum"]), "state variables")
	assert.Equal(t, keys(anyMap(systems.ConnKinds())), strs(get("$defs", "connect", "properties", "rule", "enum")), "connect rules")
	assert.Equal(t, keys(anyMap(systems.PoissonModes())), strs(get("$defs", "input", "properties", "poisson", "properties", "mode", "enum")), "poisson modes")

	var fams, fixable []string
	for _, f := range surrogate.Families() {
		fams = append(fams, f.Name)
		if f.Fixable {
			fixable = append(fixable, f.Name)
		}
	}
	sur := get("$defs", "surrogate").(map[string]any)
	assert.Equal(t, sorted(fams), strs(sur["properties"].(map[string]any)["kind"].(map[string]any)["enum"]), "surrogate families")
	perKind := map[string][]string{}
	var fixableInSchema []string
	for _, c := range sur["allOf"].([]any) {
		c := c.(map[string]any)
		props := c["if"].(map[string]any)["properties"].(map[string]any)
		if k, ok := props["kind"]; ok {
			perKind[k.(map[string]any)["const"].(string)] = strs(c["then"].(map[string]any)["propertyNames"].(map[string]any)["enum"])
		} else {
			fixableInSchema = strs(c["then"].(map[string]any)["properties"].(map[string]any)["kind"].(map[string]any)["enum"])
		}
	}
	for _, f := range surrogate.Families() {
		want := sorted(append([]string{"kind", "fixed"}, f.Params...))
		assert.Equal(t, want, perKind[f.Name], "parameters of surrogate %s", f.Name)
	}
	assert.Equal(t, sorted(fixable), fixableInSchema, "families with fixed: true")
}

// anyMap turns a map's keys into a map[string]any for keys().
func anyMap[V any](m map[string]V) map[string]any {
	out := map[string]any{}
	for k, v := range m {
		out[k] = fmt.Sprint(v)
	}
	return out
}

// TestSchemaIsGenerated fails when docs/scenario.schema.json differs from
// what `go generate ./scenarios` writes: the parameter tables, model
// names and state variables come from the code.
func TestSchemaIsGenerated(t *testing.T) {
	base, err := os.ReadFile(schemaPath)
	require.NoError(t, err)
	want, err := scenarios.GenerateSchema(base)
	require.NoError(t, err)
	assert.Equal(t, string(want), string(base), "docs/scenario.schema.json is stale: run go generate ./scenarios")
}

// TestModelCatalogueIsGenerated fails when docs/model-catalogue.md differs
// from what the model descriptors generate (go generate ./scenarios).
func TestModelCatalogueIsGenerated(t *testing.T) {
	have, err := os.ReadFile("../docs/model-catalogue.md")
	require.NoError(t, err)
	assert.Equal(t, string(scenarios.GenerateModelCatalogue()), string(have), "docs/model-catalogue.md is stale: run go generate ./scenarios")
}
