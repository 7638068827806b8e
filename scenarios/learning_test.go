package scenarios_test

import (
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/spikecs/spikecs/components"
	"github.com/spikecs/spikecs/scenarios"
)

// plasticProj is a projection exc → inh whose learning: key is on line
// 10 of twoPops + plasticProj; the mapping's first key goes on line 11.
const plasticProj = `projections:
  - name: syn
    pre: exc
    post: inh
    synapse: {kind: expon}
    output: {kind: coba, E: 0 mV}
    learning:
`

// learningBadCases are the mistakes in a learning: key (checked by
// TestBadInputIsReportedAtItsLineAndKey).
var learningBadCases = []badCase{
	{name: "learning: unknown rule", yaml: twoPops + plasticProj + "      rule: hebb\n    connect: {rule: all_to_all}\n    weight: 1 nS\n",
		line: 11, key: "projections[0].learning.rule", hints: []string{`"hebb"`, "valid: stdp, triplet"}},
	{name: "learning: missing w_max", yaml: twoPops + plasticProj + "      rule: stdp\n      a_plus: 1 pS\n      a_minus: 1 pS\n    connect: {rule: all_to_all}\n    weight: 1 nS\n",
		line: 11, key: "projections[0].learning.w_max", hints: []string{"is required for rule stdp"}},
	{name: "learning: tau_plus zero", yaml: twoPops + plasticProj + "      rule: stdp\n      tau_plus: 0 ms\n      a_plus: 1 pS\n      a_minus: 1 pS\n      w_max: 2 nS\n    connect: {rule: all_to_all}\n    weight: 1 nS\n",
		line: 12, key: "projections[0].learning.tau_plus", hints: []string{"must be > 0"}},
	{name: "learning: negative amplitude", yaml: twoPops + plasticProj + "      rule: stdp\n      a_plus: 1 pS\n      a_minus: -1 pS\n      w_max: 2 nS\n    connect: {rule: all_to_all}\n    weight: 1 nS\n",
		line: 13, key: "projections[0].learning.a_minus", hints: []string{"must be >= 0", "the rule gives the sign"}},
	{name: "learning: w_max zero", yaml: twoPops + plasticProj + "      rule: stdp\n      a_plus: 1 pS\n      a_minus: 1 pS\n      w_max: 0 nS\n    connect: {rule: all_to_all}\n    weight: 1 nS\n",
		line: 14, key: "projections[0].learning.w_max", hints: []string{"must be > 0"}},
	{name: "learning: amplitude of a voltage", yaml: twoPops + plasticProj + "      rule: stdp\n      a_plus: 1 mV\n      a_minus: 1 pS\n      w_max: 2 nS\n    connect: {rule: all_to_all}\n    weight: 1 nS\n",
		line: 12, key: "projections[0].learning.a_plus", hints: []string{"conductance"}},
	{name: "learning: triplet key on the pair rule", yaml: twoPops + plasticProj + "      rule: stdp\n      tau_y: 100 ms\n",
		line: 12, key: "projections[0].learning.tau_y", hints: []string{"is not a parameter of stdp", "valid: tau_plus"}},
	{name: "learning: triplet without a3_plus", yaml: twoPops + plasticProj + "      rule: triplet\n      a_plus: 1 pS\n      a_minus: 1 pS\n      a3_minus: 1 pS\n      w_max: 2 nS\n    connect: {rule: all_to_all}\n    weight: 1 nS\n",
		line: 11, key: "projections[0].learning.a3_plus", hints: []string{"is required for rule triplet"}},
	{name: "learning: unknown interaction", yaml: twoPops + plasticProj + "      rule: stdp\n      interaction: first\n",
		line: 12, key: "projections[0].learning.interaction", hints: []string{"all_to_all or nearest"}},
	{name: "learning: weight above w_max (build time)", yaml: twoPops + plasticProj + "      rule: stdp\n      a_plus: 1 pS\n      a_minus: 1 pS\n      w_max: 2 nS\n    connect: {rule: all_to_all}\n    weight: 3 nS\n",
		build: true, line: 10, key: "projections[0].learning", hints: []string{`projection "syn"`, "weight 0 is 3e-09 S, outside [0, w_max = 2e-09 S]"}},
	{name: "learning: pre-side synapse (build time)", yaml: twoPops + "projections:\n  - name: syn\n    pre: exc\n    post: inh\n    synapse: {kind: ampa}\n    output: {kind: coba, E: 0 mV}\n    learning: {rule: stdp, a_plus: 1 pS, a_minus: 1 pS, w_max: 2 nS}\n    connect: {rule: all_to_all}\n    weight: 1 nS\n",
		build: true, line: 10, key: "projections[0].learning", hints: []string{`projection "syn"`, "pre-side synapse"}},
}

func TestLearningKeysReachTheSpec(t *testing.T) {
	cases := []struct {
		name, learning string
		want           func(*testing.T, *scenarios.Projection)
	}{
		{"stdp with defaults", "{rule: stdp, a_plus: 0.01 nS, a_minus: 10.5 pS, w_max: 1 nS}", func(t *testing.T, p *scenarios.Projection) {
			l := p.Spec.Learning
			assert.Equal(t, components.STDPPair, l.Rule)
			assert.Equal(t, []float64{20, 20}, []float64{l.TauPlusMs, l.TauMinusMs}, "Song et al. 2000 time constants")
			assert.InDelta(t, 0.01e-9, l.APlusS, 1e-24)
			assert.InDelta(t, 0.0105e-9, l.AMinusS, 1e-24)
			assert.InDelta(t, 1e-9, l.WMaxS, 1e-24)
			assert.False(t, l.Nearest)
		}},
		{"triplet with every key", "{rule: triplet, tau_plus: 10 ms, tau_minus: 0.03 s, tau_x: 100 ms, tau_y: 120 ms, a_plus: 1 pS, a_minus: 2 pS, a3_plus: 3 pS, a3_minus: 4 pS, w_max: 1 nS, interaction: nearest}", func(t *testing.T, p *scenarios.Projection) {
			l := p.Spec.Learning
			assert.Equal(t, components.STDPTriplet, l.Rule)
			assert.InDeltaSlice(t, []float64{10, 30, 100, 120}, []float64{l.TauPlusMs, l.TauMinusMs, l.TauXMs, l.TauYMs}, 1e-12)
			assert.InDeltaSlice(t, []float64{1e-12, 2e-12, 3e-12, 4e-12}, []float64{l.APlusS, l.AMinusS, l.A3PlusS, l.A3MinusS}, 1e-27)
			assert.True(t, l.Nearest)
		}},
		{"triplet defaults", "{rule: triplet, a_plus: 1 pS, a_minus: 2 pS, a3_plus: 3 pS, a3_minus: 4 pS, w_max: 1 nS}", func(t *testing.T, p *scenarios.Projection) {
			l := p.Spec.Learning
			assert.Equal(t, []float64{16.8, 33.7, 101, 125}, []float64{l.TauPlusMs, l.TauMinusMs, l.TauXMs, l.TauYMs}, "Pfister & Gerstner 2006, visual cortex")
		}},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			sc, err := scenarios.Parse([]byte(twoPops+"projections:\n  - {pre: exc, post: inh, synapse: {kind: expon}, output: {kind: coba, E: 0 mV}, connect: {rule: all_to_all}, weight: 0.5 nS, learning: "+c.learning+"}\n"), "ok.yaml")
			require.NoError(t, err)
			require.NotNil(t, sc.Projections[0].Spec.Learning)
			c.want(t, &sc.Projections[0])
			require.NoError(t, sc.Check(), "and it builds")
			require.Len(t, sc.Network().Plastic(), 1)
		})
	}
}
