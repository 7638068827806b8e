package main

import (
	"path/filepath"
	"slices"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// patternSpikes runs a firing-pattern built-in and returns each
// population's spike times (ms).
func patternSpikes(t *testing.T, name string) map[string][]float64 {
	t.Helper()
	out := filepath.Join(t.TempDir(), name)
	r := runCLI(t, "-quiet", "-out", out, name)
	require.Equal(t, exitOK, r.code, r.stderr)
	_, rows := readCSV(t, filepath.Join(out, "spikes.csv"))
	sp := map[string][]float64{}
	for _, row := range rows {
		sp[row[1]] = append(sp[row[1]], parseFloat(t, row[0]))
	}
	assert.FileExists(t, filepath.Join(out, "traces.png"))
	return sp
}

// isis returns the inter-spike intervals of ts (ms).
func isis(ts []float64) []float64 {
	var out []float64
	for i := 1; i < len(ts); i++ {
		out = append(out, ts[i]-ts[i-1])
	}
	return out
}

// TestAdExFiringPatternsBuiltin checks the signature of each Naud et al.
// (2008) pattern in the adex-firing-patterns built-in: tonic firing is
// regular, adapting ISIs lengthen, bursting neurons alternate short and
// long ISIs, delayed ones start late, transient fires once.
func TestAdExFiringPatternsBuiltin(t *testing.T) {
	sp := patternSpikes(t, "adex-firing-patterns")
	tonic := isis(sp["tonic"])
	require.Greater(t, len(tonic), 20)
	assert.InDelta(t, tonic[len(tonic)-1], tonic[len(tonic)/2], 0.5, "tonic: regular ISIs")
	ad := isis(sp["adapting"])
	require.Greater(t, len(ad), 4)
	assert.Greater(t, ad[len(ad)-1], 3*ad[0], "adapting: ISIs lengthen")
	for _, name := range []string{"initial-burst", "regular-bursting", "delayed-regular-bursting"} {
		d := isis(sp[name])
		require.NotEmpty(t, d, name)
		assert.Greater(t, slices.Max(d), 5*slices.Min(d), "%s: short ISIs within bursts, long between", name)
	}
	assert.Len(t, sp["transient"], 1, "transient: one spike at the onset")
	for _, name := range []string{"delayed-accelerating", "delayed-regular-bursting"} {
		require.NotEmpty(t, sp[name], name)
		assert.Greater(t, sp[name][0], sp["tonic"][0]+5, "%s: first spike delayed", name)
	}
	da := isis(sp["delayed-accelerating"])
	assert.Less(t, da[len(da)-1], da[0], "delayed accelerating: ISIs shorten")
	assert.NotEmpty(t, sp["irregular"])
}

// TestIzhikevichPatternsBuiltin checks the izhikevich-patterns built-in:
// FS fires fastest, RS adapts, CH bursts (ISIs under 10 ms and over
// 30 ms), IB starts with a burst and then fires singly.
func TestIzhikevichPatternsBuiltin(t *testing.T) {
	sp := patternSpikes(t, "izhikevich-patterns")
	assert.Greater(t, len(sp["FS"]), 3*len(sp["RS"]), "FS fires fastest")
	rs := isis(sp["RS"])
	require.Greater(t, len(rs), 2)
	assert.Greater(t, rs[1], rs[0], "RS adapts")
	ch := isis(sp["CH"])
	require.NotEmpty(t, ch)
	assert.Less(t, slices.Min(ch), 10.0, "CH: ISIs within bursts")
	assert.Greater(t, slices.Max(ch), 30.0, "CH: pauses between bursts")
	ib := isis(sp["IB"])
	require.Greater(t, len(ib), 3)
	assert.Less(t, ib[0], 10.0, "IB: initial burst")
	assert.Greater(t, ib[len(ib)-1], 20.0, "IB: then single spikes")
}
