package main

import (
	"path/filepath"
	"strconv"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/spikecs/spikecs/scenarios"
)

// TestStdpDemoWritesItsWeights runs the stdp-demo built-in briefly and
// reads back the final weights: one row per synapse (1000 inputs → 1
// neuron), the same in the .npy columns and the CSV, inside [0, w_max],
// and changed from the initial draw by learning (the initial weights are
// rebuilt from the scenario, which draws them from the same seed).
func TestStdpDemoWritesItsWeights(t *testing.T) {
	out := filepath.Join(t.TempDir(), "stdp")
	r := runCLI(t, "-quiet", "-format", "both", "-duration", "2s", "-out", out, "stdp-demo")
	require.Equal(t, exitOK, r.code, r.stderr)
	assert.FileExists(t, filepath.Join(out, "weights.png"))

	w := readNPY[float64](t, filepath.Join(out, "weights_plastic.npy"))
	pre := readNPY[int32](t, filepath.Join(out, "weights_plastic_pre.npy"))
	post := readNPY[int32](t, filepath.Join(out, "weights_plastic_post.npy"))
	require.Len(t, w, 1000)
	require.Len(t, pre, 1000)
	require.Len(t, post, 1000)
	header, rows := readCSV(t, filepath.Join(out, "weights_plastic.csv"))
	assert.Equal(t, []string{"pre", "post", "weight_s"}, header)
	require.Len(t, rows, 1000)

	sc, err := scenarios.Load("stdp-demo")
	require.NoError(t, err)
	require.NoError(t, sc.Check())
	initial := sc.Network().Plastic()[0].Weights
	wMax := sc.Projections[0].Spec.Learning.WMaxS
	changed := 0
	for k := range w {
		assert.Equal(t, int32(k), pre[k], "synapse %d comes from input %d", k, k)
		assert.Equal(t, int32(0), post[k])
		assert.GreaterOrEqual(t, w[k], 0.0)
		assert.LessOrEqual(t, w[k], wMax)
		x, err := strconv.ParseFloat(rows[k][2], 64)
		require.NoError(t, err)
		assert.Equal(t, w[k], x, "csv and npy agree exactly (shortest round-trip formatting)")
		assert.Equal(t, strconv.Itoa(int(pre[k])), rows[k][0])
		if w[k] != initial[k] {
			changed++
		}
	}
	assert.Greater(t, changed, 990, "after 2 s at 15 Hz nearly every weight has learned")
}

func TestWeightsFileNameIsSafe(t *testing.T) {
	for in, want := range map[string]string{"plastic": "weights_plastic", "in->out": "weights_in-_out", "a/b c": "weights_a_b_c", "e.1_x": "weights_e.1_x"} {
		assert.Equal(t, want, weightsFile(in), "projection %q", in)
	}
}
