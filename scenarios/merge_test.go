package scenarios_test

import (
	"errors"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/spikecs/spikecs/ecs"
	"github.com/spikecs/spikecs/scenarios"
)

// mergeYAML uses merge keys for a population (with an override of its
// own), for parameters from two anchors (the first wins), and for a
// synapse.
const mergeYAML = `name: merged
populations:
  - &exc
    name: exc
    size: 4
    model: LIF
    params: &base {tau: 20 ms, V_th: -50 mV, V_reset: -60 mV, V_rest: -60 mV}
  - <<: *exc
    name: inh
    size: 2
  - name: slow
    size: 1
    model: LIF
    params:
      <<: [&fast {tau: 5 ms}, *base]
      V_init: -55 mV
projections:
  - {name: ee, pre: exc, post: exc, synapse: &syn {kind: expon, tau: 5 ms}, output: {kind: cuba}, connect: {rule: all_to_all}, weight: 1 nS}
  - {name: ei, pre: exc, post: inh, synapse: {<<: *syn, tau: 10 ms}, output: {kind: cuba}, connect: {rule: all_to_all}, weight: 1 nS}
`

// TestMergeKeys: << merges an anchored mapping; keys written in the
// mapping win, and of several merged mappings the first wins (YAML's
// rules); the result builds and runs.
func TestMergeKeys(t *testing.T) {
	sc, err := scenarios.Parse([]byte(mergeYAML), "merged.yaml")
	require.NoError(t, err)
	require.Len(t, sc.Populations, 3)
	exc, inh, slow := sc.Populations[0].Spec, sc.Populations[1].Spec, sc.Populations[2].Spec
	assert.Equal(t, "inh", inh.Name)
	assert.Equal(t, 2, inh.Size, "the population's own size wins over the merged one")
	assert.Equal(t, exc.Membrane, inh.Membrane, "the rest comes from exc")
	assert.Equal(t, ecs.Scalar(5), slow.Membrane.Tau, "the first merged mapping wins")
	assert.Equal(t, ecs.Scalar(-50), slow.Membrane.VTh, "keys only in the second merged mapping are merged")
	assert.Equal(t, ecs.Scalar(-55), slow.Membrane.VInit)
	assert.Equal(t, 10.0, sc.Projections[1].Spec.Channel.TauMs)
	assert.Equal(t, 5.0, sc.Projections[0].Spec.Channel.TauMs)
	assert.Equal(t, 15, sc.Populations[2].ParamLines["tau"], "a merged key keeps the line where it is written (&fast)")
	assert.Equal(t, 7, sc.Populations[2].ParamLines["V_th"], "(&base)")

	// -set reaches a merged key without touching the anchor's other users.
	sc, err = scenarios.ParseWith([]byte(mergeYAML), "merged.yaml", scenarios.Override{Path: "populations.inh.params.tau", Value: "30 ms"})
	require.NoError(t, err)
	assert.Equal(t, ecs.Scalar(30), sc.Populations[1].Spec.Membrane.Tau)
	assert.Equal(t, ecs.Scalar(20), sc.Populations[0].Spec.Membrane.Tau)

	sim, err := sc.Build(ecs.Options{})
	require.NoError(t, err)
	require.NoError(t, sim.Run(10))
}

// TestMergeKeyErrors: a mistake in a merged value names the line where it
// is written and the key path of the mapping it was merged into; a merge
// key with something other than mappings gets a hint.
func TestMergeKeyErrors(t *testing.T) {
	cases := []struct {
		name, yaml, key, msg string
		line                 int
	}{
		{"merged parameter unknown for the model", `populations:
  - name: a
    size: 1
    model: ALIF
    params: &p
      tau_a: 100 ms
  - name: b
    size: 1
    model: LIF
    params: {<<: *p}
`, "populations[1].params.tau_a", `unknown parameter "tau_a" for model LIF`, 6},
		{"merge of a scalar", `populations:
  - name: a
    <<: 3
    size: 1
    model: LIF
`, "<<", "a merge key takes a mapping or a list of mappings, e.g. `<<: *defaults`", 3},
		{"merge of a list of scalars", `populations:
  - {name: a, size: 1, model: LIF, <<: [1, 2]}
`, "<<", "got", 2},
		{"quoted << is a plain key", `populations:
  - {name: a, size: 1, model: LIF, '<<': {size: 2}}
`, "populations[0].<<", "unknown key", 2},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			_, err := scenarios.Parse([]byte(tc.yaml), "m.yaml")
			var se *scenarios.Error
			require.True(t, errors.As(err, &se), "want a *scenarios.Error, got %v", err)
			assert.Equal(t, "m.yaml", se.File)
			assert.Equal(t, tc.line, se.Line)
			assert.Equal(t, tc.key, se.Key)
			assert.Contains(t, se.Msg, tc.msg)
		})
	}
}
