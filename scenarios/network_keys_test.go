package scenarios_test

import (
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/spikecs/spikecs/components"
	"github.com/spikecs/spikecs/ecs"
	"github.com/spikecs/spikecs/scenarios"
	"github.com/spikecs/spikecs/systems"
)

const networkYAML = `
name: net
duration: 5 ms
populations:
  - {name: src, size: 4, source: {kind: poisson, rate: 100 Hz}}
  - {name: times, size: 2, source: {kind: spike_times, times: [1 ms, 2 ms], neurons: [0, 1]}}
  - {name: post, size: 3, model: LIF}
projections:
  - name: ampa
    pre: src
    post: post
    synapse: {kind: ampa, alpha: 0.9 /ms/mM, beta: 0.2 /ms, T: 0.5 mM, T_dur: 0.4 ms}
    output: {kind: coba, E: 0 mV}
    connect: {rule: all_to_all}
    weight: 1 mS
  - name: dual
    pre: times
    post: post
    synapse: {kind: dual_expon, tau_rise: 2 ms, tau_decay: 8 ms, faithful: true}
    output: {kind: cuba, scale: 500 mV}
    connect: {rule: pairs, pairs: [[0, 1], [1, 2]]}
    weight: [1 nS, 2 nS]
    delay: [0.5 ms, 1 ms]
    plasticity: {kind: stp, U: 0.2, tau_f: 500 ms, tau_d: 100 ms}
inputs:
  - {population: post, poisson: {count: 100, rate: 20 Hz, weight: 0.01 mV, mode: binomial}, start: 1 ms}
record:
  rate: {populations: [src, post], bin: 2 ms}
  state: [{population: post, vars: [V], stride: 5}]
`

// TestNetworkKeysParse: every network key reaches the spec it describes.
func TestNetworkKeysParse(t *testing.T) {
	sc, err := scenarios.Parse([]byte(networkYAML), "net.yaml")
	require.NoError(t, err)
	require.Len(t, sc.Projections, 2)
	ampa := sc.Projections[0].Spec
	require.NotNil(t, ampa.PreSynapse)
	assert.Equal(t, systems.PreSynapseSpec{Kind: components.PreAMPA, Alpha: 0.9, Beta: 0.2, TmM: 0.5, TDurMs: 0.4}, *ampa.PreSynapse)
	assert.Equal(t, components.OutCOBA, ampa.Channel.Out)
	dual := sc.Projections[1].Spec
	assert.Equal(t, components.SynDualExpon, dual.Channel.Kind)
	assert.False(t, dual.Channel.DualExponBoth, "faithful: true is the default, input: rise")
	assert.Equal(t, 500.0, dual.Channel.ScaleMV)
	assert.Equal(t, []int{0, 1}, dual.Conn.PreIdx)
	assert.Equal(t, &systems.ShortTermSpec{Kind: components.STP, U: 0.2, TauFMs: 500, TauDMs: 100}, dual.ShortTerm)
	require.NotNil(t, sc.Inputs[0].Poisson)
	assert.Equal(t, scenarios.PoissonInput{Count: 100, RateHz: 20, WeightMV: 0.01, Mode: systems.PoissonBinomial}, *sc.Inputs[0].Poisson)
	assert.Equal(t, 1.0, sc.Inputs[0].StartMs)
	assert.Equal(t, &scenarios.RateRecord{Populations: []string{"src", "post"}, BinMs: 2, Line: sc.Record.Rate.Line}, sc.Record.Rate)
	assert.Equal(t, int64(5), sc.Record.State[0].Stride)
	sim, err := sc.Build(ecs.Options{})
	require.NoError(t, err)
	require.NoError(t, sim.Run(50))
}

// TestNetworkKeyErrors: mistakes in network keys name their line and key.
func TestNetworkKeyErrors(t *testing.T) {
	cases := []struct {
		name, old, new, key, msg string
	}{
		{"bad rate unit", "alpha: 0.9 /ms/mM", "alpha: 0.9 /ms", "projections[0].synapse.alpha", "/ms/mM"},
		{"unknown synapse", "kind: ampa", "kind: nmda", "projections[0].synapse.kind", "valid: expon, dual_expon, alpha, ampa, gaba_a, bio_nmda"},
		{"tau on ampa", "T_dur: 0.4 ms}", "tau: 2 ms}", "projections[0].synapse.tau", "valid: alpha, beta, T, T_dur"},
		{"unknown plasticity", "kind: stp", "kind: stdp", "projections[1].plasticity.kind", "valid: stp, std"},
		{"poisson mode", "mode: binomial", "mode: exact", "inputs[0].poisson.mode", "valid: auto, binomial, reference"},
		{"rate population", "populations: [src, post], bin", "populations: [src, nope], bin", "record.rate.populations[1]", `unknown population "nope"`},
		{"weight list without pairs", "connect: {rule: all_to_all}\n    weight: 1 mS", "connect: {rule: all_to_all}\n    weight: [1 mS]", "projections[0].weight", "needs connect rule pairs"},
		{"stride 0", "stride: 5", "stride: 0", "record.state[0].stride", "at least 1"},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			y := replaceOnce(t, networkYAML, tc.old, tc.new)
			sc, err := scenarios.Parse([]byte(y), "net.yaml")
			if err == nil {
				err = sc.Check()
			}
			var se *scenarios.Error
			require.True(t, errors.As(err, &se), "want a *scenarios.Error, got %v", err)
			assert.Equal(t, tc.key, se.Key)
			assert.Positive(t, se.Line)
			assert.Contains(t, se.Msg, tc.msg)
		})
	}
}

// TestPairsCarryWeights: [pre, post, weight] pairs (YAML) and
// pre,post,weight rows (CSV) give per-pair weights; a separate weight is
// then an error.
func TestPairsCarryWeights(t *testing.T) {
	dir := t.TempDir()
	csvPath := filepath.Join(dir, "pairs.csv")
	require.NoError(t, os.WriteFile(csvPath, []byte("pre,post,weight\n0,1,2 nS\n1,0,3 nS\n"), 0o644))
	base := `
populations: [{name: a, size: 2, model: LIF}]
projections:
  - {name: p, pre: a, post: a, synapse: {kind: expon, tau: 5 ms}, output: {kind: coba, E: 0 mV}, connect: CONNECT}
`
	for _, connect := range []string{"{rule: pairs, pairs: [[0, 1, 2 nS], [1, 0, 3 nS]]}", "{rule: pairs, file: pairs.csv}"} {
		y := strings.Replace(base, "CONNECT", connect, 1)
		path := filepath.Join(dir, "s.yaml")
		require.NoError(t, os.WriteFile(path, []byte(y), 0o644))
		sc, err := scenarios.Load(path)
		require.NoError(t, err, connect)
		require.NoError(t, sc.Check())
		sim, err := sc.Build(ecs.Options{})
		require.NoError(t, err)
		_ = sim
		pr := sc.Network().Projections()[0]
		assert.Equal(t, []float64{2e-9, 3e-9}, pr.Weights, connect)
	}
	y := strings.Replace(base, "CONNECT", "{rule: pairs, pairs: [[0, 1, 2 nS]]}, weight: 1 nS", 1)
	_, err := scenarios.Parse([]byte(y), "w.yaml")
	assert.ErrorContains(t, err, "the pairs already carry their weights")
	y = strings.Replace(base, "CONNECT", "{rule: pairs, pairs: [[0, 1, 2 nS], [1, 0]]}", 1)
	_, err = scenarios.Parse([]byte(y), "w.yaml")
	assert.ErrorContains(t, err, "in every pair or in none")
}

// TestSeedSemanticsKeys: the three options whose defaults follow
// brainstate 0.1.10 (STP update_at, MgBlock evaluate_at, DualExpon input)
// reach the spec, and bad values name their key.
func TestSeedSemanticsKeys(t *testing.T) {
	const base = `
populations:
  - {name: s, size: 2, source: {kind: poisson, rate: 50 Hz}}
  - {name: p, size: 2, model: LIF}
projections:
  - {pre: s, post: p, synapse: SYN, output: OUT, connect: {rule: all_to_all}, weight: 1 nS, plasticity: PLAST}
`
	parse := func(syn, out, plast string) (systems.ProjectionSpec, error) {
		y := strings.NewReplacer("SYN", syn, "OUT", out, "PLAST", plast).Replace(base)
		sc, err := scenarios.Parse([]byte(y), "k.yaml")
		if err != nil {
			return systems.ProjectionSpec{}, err
		}
		return sc.Projections[0].Spec, nil
	}
	const dual, mg, stp = "{kind: dual_expon}", "{kind: mg_block}", "{kind: stp}"
	spec, err := parse(dual, mg, stp)
	require.NoError(t, err)
	assert.False(t, spec.Channel.DualExponBoth, "default: input reaches only the rise")
	assert.False(t, spec.Channel.MgBlockAtStoredV, "default: post-reset V")
	assert.False(t, spec.ShortTerm.AtEmission, "default: update in the arrival step")

	spec, err = parse("{kind: dual_expon, input: both}", "{kind: mg_block, evaluate_at: stored}", "{kind: stp, update_at: emission}")
	require.NoError(t, err)
	assert.True(t, spec.Channel.DualExponBoth)
	assert.True(t, spec.Channel.MgBlockAtStoredV)
	assert.True(t, spec.ShortTerm.AtEmission)
	spec, err = parse("{kind: dual_expon, faithful: false}", mg, stp)
	require.NoError(t, err)
	assert.True(t, spec.Channel.DualExponBoth, "faithful: false is input: both")

	for _, tc := range []struct{ syn, out, plast, key, msg string }{
		{"{kind: dual_expon, input: decay}", mg, stp, "projections[0].synapse.input", "expected one of rise, both"},
		{"{kind: dual_expon, input: rise, faithful: false}", mg, stp, "projections[0].synapse.faithful", "contradicts"},
		{"{kind: expon, input: both}", mg, stp, "projections[0].synapse.input", "not a parameter of expon"},
		{dual, "{kind: mg_block, evaluate_at: reset}", stp, "projections[0].output.evaluate_at", "expected one of post_reset, stored"},
		{dual, "{kind: coba, E: 0 mV, evaluate_at: stored}", stp, "projections[0].output.evaluate_at", "not a parameter of coba"},
		{dual, mg, "{kind: stp, update_at: later}", "projections[0].plasticity.update_at", "expected one of arrival, emission"},
		{dual, mg, "{kind: std, update_at: emission}", "projections[0].plasticity.update_at", "not a parameter of std"},
	} {
		_, err := parse(tc.syn, tc.out, tc.plast)
		var se *scenarios.Error
		require.True(t, errors.As(err, &se), "%s %s %s: want a *scenarios.Error, got %v", tc.syn, tc.out, tc.plast, err)
		assert.Equal(t, tc.key, se.Key)
		assert.Equal(t, 6, se.Line)
		assert.Contains(t, se.Msg, tc.msg)
	}
}
