//go:build hdf5

package main

import (
	"os/exec"
	"path/filepath"
	"strconv"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// readSonataPy prints, with h5py, every spike of spikes.h5 as
// "population,t_ms,node_id" (timestamps with 12 significant digits, as
// spikes.csv), then one line per population with its attributes.
const readSonataPy = `
import sys, h5py
f = h5py.File(sys.argv[1], "r")
for pop in f["spikes"]:
    g = f["spikes"][pop]
    ts, ids = g["timestamps"][()], g["node_ids"][()]
    assert ts.dtype == "float64" and ids.dtype == "uint64", (ts.dtype, ids.dtype)
    for t, i in zip(ts, ids):
        print("spike,%s,%.12g,%d" % (pop, t, i))
    print("attrs,%s,%s,%s" % (pop, g.attrs["sorting"], g["timestamps"].attrs["units"]))
`

func TestSonataSpikesOpenWithH5pyAndHoldSpikesCSV(t *testing.T) {
	py := findPython(t, "h5py")
	out := filepath.Join(t.TempDir(), "o")
	r := runCLI(t, "-quiet", "-plots=false", "-format", "csv,sonata", "-duration", "100ms", "-out", out, "coba")
	require.Equal(t, exitOK, r.code, r.stderr)
	cmd := exec.Command(py, "-c", readSonataPy, filepath.Join(out, sonataFile))
	got, err := cmd.CombinedOutput()
	require.NoError(t, err, "h5py: %s", got)

	perPop := map[string][]string{}
	attrs := map[string]string{}
	for _, line := range strings.Split(strings.TrimSpace(string(got)), "\n") {
		f := strings.Split(line, ",")
		switch f[0] {
		case "spike":
			perPop[f[1]] = append(perPop[f[1]], f[2]+","+f[3])
		case "attrs":
			attrs[f[1]] = f[2] + "," + f[3]
		}
	}
	_, rows := readCSV(t, filepath.Join(out, "spikes.csv"))
	want := map[string][]string{}
	for _, row := range rows {
		tMs, err := strconv.ParseFloat(row[0], 64)
		require.NoError(t, err)
		want[row[1]] = append(want[row[1]], strconv.FormatFloat(tMs, 'g', 12, 64)+","+row[2])
	}
	require.NotEmpty(t, want)
	assert.Equal(t, len(want), len(perPop), "a group per recorded population")
	for pop, spikes := range want {
		assert.Equal(t, spikes, perPop[pop], "%s: the spikes of spikes.csv, in the same (time) order", pop)
		assert.Equal(t, "by_time,ms", attrs[pop], "%s: sorting and units attributes", pop)
	}
}
