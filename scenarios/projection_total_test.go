package scenarios_test

import (
	"fmt"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/spikecs/spikecs/ecs"
	"github.com/spikecs/spikecs/scenarios"
)

// totalProj returns a file of twoPops with one projection exc→exc whose
// flow mapping ends with extra; the projection is on line 5.
func totalProj(extra string) string {
	return twoPops + "projections:\n  - {pre: exc, post: exc, synapse: {kind: expon, tau: 1 ms}, output: {kind: cuba}, " + extra + "}\n"
}

// TestTotalNumberAndRedrawBadInput: mistakes in the keys of
// fixed_total_number, redrawn normals, weight_storage and delay_rounding
// are reported at their line and key.
func TestTotalNumberAndRedrawBadInput(t *testing.T) {
	cases := []badCase{
		{name: "n and p", yaml: totalProj("connect: {rule: fixed_total_number, n: 5, p: 0.1}, weight: 1 nS"),
			line: 5, key: "projections[0].connect", hints: []string{"n", "p", "not both"}},
		{name: "neither n nor p", yaml: totalProj("connect: {rule: fixed_total_number}, weight: 1 nS"),
			line: 5, key: "projections[0].connect.n", hints: []string{"required"}},
		{name: "k_scale with n", yaml: totalProj("connect: {rule: fixed_total_number, n: 5, k_scale: 0.5}, weight: 1 nS"),
			line: 5, key: "projections[0].connect.k_scale", hints: []string{"goes with p"}},
		{name: "k_scale with another rule", yaml: totalProj("connect: {rule: fixed_prob, p: 0.1, k_scale: 0.5}, weight: 1 nS"),
			line: 5, key: "projections[0].connect.k_scale", hints: []string{"fixed_total_number"}},
		{name: "k_scale not positive", yaml: totalProj("connect: {rule: fixed_total_number, p: 0.1, k_scale: 0}, weight: 1 nS"),
			line: 5, key: "projections[0].connect.k_scale", hints: []string{"> 0"}},
		{name: "p = 1", yaml: totalProj("connect: {rule: fixed_total_number, p: 1}, weight: 1 nS"),
			line: 5, key: "projections[0].connect.p", hints: []string{"< 1"}},
		{name: "no multapses", yaml: totalProj("connect: {rule: fixed_total_number, n: 5, multapses: false}, weight: 1 nS"),
			line: 5, key: "projections[0].connect.multapses", hints: []string{"always allows multapses", "fixed_total"}},
		{name: "redraw min above max", yaml: totalProj("connect: {rule: fixed_total_number, n: 5}, weight: {dist: normal, mean: 1 nS, sd: 1 nS, min: 2 nS, max: 1 nS}"),
			line: 5, key: "projections[0].weight", hints: []string{"min < max"}},
		{name: "redraw without sd", yaml: totalProj("connect: {rule: fixed_total_number, n: 5}, weight: {dist: normal, mean: 1 nS, min: 0 nS}"),
			line: 5, key: "projections[0].weight.sd", hints: []string{"required"}},
		{name: "redraw with no mass", yaml: totalProj("connect: {rule: fixed_total_number, n: 5}, weight: 1 nS, delay: {dist: normal, mean: 1 ms, sd: 0.1 ms, min: 3 ms}"),
			line: 5, key: "projections[0].delay", hints: []string{"inside the bounds"}},
		{name: "redraw unknown key", yaml: totalProj("connect: {rule: fixed_total_number, n: 5}, weight: {dist: normal, mean: 1 nS, sd: 1 nS, min: 0 nS, low: 1 nS}"),
			line: 5, key: "projections[0].weight.low"},
		{name: "redraw wrong unit", yaml: totalProj("connect: {rule: fixed_total_number, n: 5}, weight: 1 nS, delay: {dist: normal, mean: 1 mV, sd: 1 ms, min: 0.1 ms}"),
			line: 5, key: "projections[0].delay.mean"},
		{name: "weight_storage", yaml: totalProj("connect: {rule: fixed_prob, p: 0.1}, weight: 1 nS, weight_storage: float16"),
			line: 5, key: "projections[0].weight_storage", hints: []string{"float64 or float32", "float16"}},
		{name: "delay_rounding", yaml: totalProj("connect: {rule: fixed_prob, p: 0.1}, weight: 1 nS, delay_rounding: floor"),
			line: 5, key: "projections[0].delay_rounding", hints: []string{"ceil", "nearest", "floor"}},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			err := loadErr(t, c)
			var se *scenarios.Error
			require.ErrorAs(t, err, &se, "got %T: %v", err, err)
			assert.Equal(t, c.line, se.Line, "%v", se)
			assert.Equal(t, c.key, se.Key, "%v", se)
			for _, h := range c.hints {
				assert.Contains(t, se.Msg, h)
			}
		})
	}
}

// TestTotalNumberYAML: a fixed_total_number projection with redrawn
// weights and delays, float32 weights and nearest rounding parses and
// builds with the count derived from p and k_scale.
func TestTotalNumberYAML(t *testing.T) {
	y := twoPops + "projections:\n  - {pre: exc, post: exc, synapse: {kind: expon, tau: 1 ms}, output: {kind: cuba}, connect: {rule: fixed_total_number, p: 0.5, k_scale: 2, autapses: false}, weight: {dist: normal, mean: -1 nS, sd: 0.5 nS, max: 0 nS}, delay: {dist: normal, mean: 0.2 ms, sd: 0.1 ms, min: 0.1 ms}, weight_storage: float32, delay_rounding: nearest}\n"
	sc, err := scenarios.Parse([]byte(y), "ok.yaml")
	require.NoError(t, err)
	_, net, err := sc.BuildNetwork(ecs.Options{})
	require.NoError(t, err)
	pr := net.Projections()[0]
	// 3 neurons: K = log(0.5)/log(8/9) = 5.885, times 2 = 11.77 → 12.
	require.Len(t, pr.Targets, 12, "count from p and k_scale")
	for k, w := range pr.Weights32 {
		assert.LessOrEqual(t, w, float32(0), "synapse %d keeps its sign", k)
		assert.GreaterOrEqual(t, pr.Delays8[k], uint8(1), "synapse %d: delay >= dt", k)
	}
	assert.True(t, strings.Contains(fmt.Sprint(sc.Projections[0].Spec.Weight), "redrawn"))
}
