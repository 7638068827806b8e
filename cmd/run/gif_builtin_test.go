package main

import (
	"fmt"
	"math"
	"path/filepath"
	"strconv"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// neuronSpikes runs a built-in and returns the spike times (ms) of every
// neuron, keyed by population and then neuron index, and the output
// directory.
func neuronSpikes(t *testing.T, name string) (map[string]map[int][]float64, string) {
	t.Helper()
	out := filepath.Join(t.TempDir(), name)
	r := runCLI(t, "-quiet", "-out", out, name)
	require.Equal(t, exitOK, r.code, r.stderr)
	_, rows := readCSV(t, filepath.Join(out, "spikes.csv"))
	sp := map[string]map[int][]float64{}
	for _, row := range rows {
		i, err := strconv.Atoi(row[2])
		require.NoError(t, err)
		if sp[row[1]] == nil {
			sp[row[1]] = map[int][]float64{}
		}
		sp[row[1]][i] = append(sp[row[1]][i], parseFloat(t, row[0]))
	}
	return sp, out
}

// isiCV returns the coefficient of variation of the inter-spike intervals
// of all neurons of a population pooled (spikes in [fromMs, toMs) only)
// and the number of intervals.
func isiCV(trains map[int][]float64, fromMs, toMs float64) (cv float64, n int) {
	var d []float64
	for _, ts := range trains {
		var in []float64
		for _, x := range ts {
			if x >= fromMs && x < toMs {
				in = append(in, x)
			}
		}
		d = append(d, isis(in)...)
	}
	if len(d) < 2 {
		return math.NaN(), len(d)
	}
	var mean, ss float64
	for _, x := range d {
		mean += x
	}
	mean /= float64(len(d))
	for _, x := range d {
		ss += (x - mean) * (x - mean)
	}
	return math.Sqrt(ss/float64(len(d))) / mean, len(d)
}

// distinctTrains returns the number of different spike trains among a
// population's neurons (silent neurons included).
func distinctTrains(trains map[int][]float64, size int) int {
	seen := map[string]bool{}
	for i := range size {
		seen[fmt.Sprint(trains[i])] = true
	}
	return len(seen)
}

// TestGIFEscapeNoiseBuiltin checks the signature of the gif-escape-noise
// built-in (a 100–500 ms current step): the deterministic populations fire
// identical trains in all their neurons, tonic ones regularly (ISI CV
// < 0.01); η, γ or both make the ISIs lengthen and the count fall below
// tonic's; the moving threshold lets V of the γ neuron climb above
// V_T_star = −35 mV; the deterministic neuron below the rheobase stays
// silent at V_rest + R·I = −37 mV while its escape-noise twins fire
// irregularly (pooled ISI CV > 0.25; 0.38 measured); with escape noise
// every neuron's train differs and the rate stays near the deterministic
// one.
func TestGIFEscapeNoiseBuiltin(t *testing.T) {
	const on, off = 100.0, 500.0
	sp, out := neuronSpikes(t, "gif-escape-noise")
	count := func(pop string) int {
		n := 0
		for _, ts := range sp[pop] {
			n += len(ts)
		}
		return n
	}
	for _, pop := range []string{"tonic", "eta", "gamma", "adapting"} {
		assert.Equal(t, 1, distinctTrains(sp[pop], 5), "%s: deterministic neurons fire identical trains", pop)
		require.NotEmpty(t, sp[pop][0], pop)
		assert.GreaterOrEqual(t, sp[pop][0][0], on, pop)
		assert.Less(t, sp[pop][0][len(sp[pop][0])-1], off, pop)
	}
	cv, n := isiCV(sp["tonic"], on, off)
	require.Greater(t, n, 50)
	assert.Less(t, cv, 0.01, "tonic: regular")
	for _, pop := range []string{"eta", "gamma", "adapting"} {
		d := isis(sp[pop][0])
		require.Greater(t, len(d), 2, pop)
		assert.Greater(t, d[len(d)-1], 1.2*d[0], "%s: ISIs lengthen", pop)
		assert.Less(t, count(pop), count("tonic"), "%s: adaptation lowers the count", pop)
	}
	assert.Less(t, count("adapting"), min(count("eta"), count("gamma")), "both mechanisms adapt more than either")

	_, rows := readCSV(t, filepath.Join(out, "state.csv"))
	maxV := map[string]float64{}
	var subV float64
	for _, row := range rows {
		if row[3] != "V" {
			continue
		}
		v := parseFloat(t, row[4])
		if _, ok := maxV[row[1]]; !ok || v > maxV[row[1]] {
			maxV[row[1]] = v
		}
		if row[1] == "sub" && parseFloat(t, row[0]) == 499.9 {
			subV = v
		}
	}
	assert.Greater(t, maxV["gamma"], -30.0, "gamma: V climbs with the moving threshold")
	assert.Less(t, maxV["tonic"], -34.9, "tonic: the threshold stays at V_T_star")

	assert.Zero(t, count("sub"), "below the rheobase the deterministic neuron is silent")
	assert.InDelta(t, -37, subV, 0.01, "sub: V settles at V_rest + R·I")
	cv, n = isiCV(sp["escape-sub"], on, off)
	require.Greater(t, n, 30)
	assert.Greater(t, cv, 0.25, "escape-sub: irregular firing")

	assert.Greater(t, distinctTrains(sp["escape"], 40), 35, "escape noise: every neuron its own train")
	perNeuron := float64(count("escape")) / 40
	assert.InDelta(t, float64(count("adapting"))/5, perNeuron, 0.5*float64(count("adapting"))/5, "escape: rate near the deterministic one")
}
