package main

import (
	"encoding/json"
	"os"
	"path/filepath"
	"strconv"
	"testing"

	"codeberg.org/sbinet/npyio/npy"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// readMatrix reads a 2-D float64 .npy file with npyio: its shape and
// values in C order.
func readMatrix(t *testing.T, path string) (rows, cols int, vals []float64) {
	t.Helper()
	f, err := os.Open(path)
	require.NoError(t, err)
	defer f.Close()
	r, err := npy.NewReader(f)
	require.NoError(t, err)
	shape := r.Header.Descr.Shape
	require.Len(t, shape, 2, "%s is 2-D", path)
	assert.False(t, r.Header.Descr.Fortran, "C order")
	require.NoError(t, r.Read(&vals))
	require.Len(t, vals, shape[0]*shape[1])
	return shape[0], shape[1], vals
}

// twoStrides records the same population twice with different strides
// and neurons: every entry gets its own times file.
const twoStrides = `name: strides
dt: 0.1 ms
duration: 5 ms
populations:
  - {name: exc, size: 4, model: LIF, params: {tau: 10 ms, R: 1 ohm, V_rest: 0 mV, V_th: 1 mV, V_reset: 0 mV}}
inputs:
  - {population: exc, current: [0.5 mA, 1.2 mA, 2 mA, 3 mA]}
record:
  spikes: [exc]
  state:
    - {population: exc, vars: [V], neurons: [3, 1]}
    - {population: exc, vars: [V, spike], stride: 4}
`

func TestDenseStateArraysHoldStateCSV(t *testing.T) {
	cases := []struct {
		name, scenario string
		args           []string
	}{
		{"lif-demo", "lif-demo", nil},
		{"two strides", "", nil},
		{"two strides, 2 partitions", "", []string{"-partitions", "2"}},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			sc := c.scenario
			if sc == "" {
				sc = writeScenario(t, "strides.yaml", twoStrides)
			}
			out := filepath.Join(t.TempDir(), "o")
			args := append([]string{"-quiet", "-plots=false", "-format", "both", "-out", out}, c.args...)
			r := runCLI(t, append(args, sc)...)
			require.Equal(t, exitOK, r.code, r.stderr)
			var sum struct {
				StateArrays []stateArrays `json:"state_arrays"`
			}
			readJSON(t, filepath.Join(out, "summary.json"), &sum)
			require.NotEmpty(t, sum.StateArrays)
			_, rows := readCSV(t, filepath.Join(out, "state.csv"))
			seen := 0
			for _, sa := range sum.StateArrays {
				times := readNPY[float64](t, filepath.Join(out, sa.Times))
				neurons := readNPY[int32](t, filepath.Join(out, sa.Neurons))
				require.NotEmpty(t, times)
				for v, file := range sa.Vars {
					nt, nn, vals := readMatrix(t, filepath.Join(out, file))
					require.Equal(t, len(times), nt, "%s: a row per time of %s", file, sa.Times)
					require.Equal(t, len(neurons), nn, "%s: a column per neuron", file)
					// Every value of the array is a row of state.csv (an
					// entry's rows are the CSV rows of its stride's steps).
					want := map[[2]string]string{}
					for _, row := range rows {
						if row[1] == sa.Population && row[3] == v {
							want[[2]string{row[0], row[2]}] = row[4]
						}
					}
					for i, tMs := range times {
						for j, n := range neurons {
							key := [2]string{strconv.FormatFloat(tMs, 'g', 12, 64), strconv.Itoa(int(n))}
							csv, ok := want[key]
							require.True(t, ok, "%s[%d,%d]: state.csv has t=%s neuron %s", file, i, j, key[0], key[1])
							got := vals[i*nn+j]
							assert.Equal(t, csv, strconv.FormatFloat(got, 'g', -1, 64), "%s[%d,%d]", file, i, j)
							seen++
						}
					}
				}
			}
			assert.Equal(t, len(rows), seen, "every state.csv row is in exactly one dense array")
		})
	}
}

func TestDenseStateStridesGetTheirOwnTimes(t *testing.T) {
	out := filepath.Join(t.TempDir(), "o")
	r := runCLI(t, "-quiet", "-plots=false", "-format", "npy", "-out", out, writeScenario(t, "strides.yaml", twoStrides))
	require.Equal(t, exitOK, r.code, r.stderr)
	assert.NoFileExists(t, filepath.Join(out, "times.npy"), "strides differ: no shared times.npy")
	t0 := readNPY[float64](t, filepath.Join(out, "state_exc_0_times.npy"))
	t1 := readNPY[float64](t, filepath.Join(out, "state_exc_1_times.npy"))
	assert.Len(t, t0, 50, "5 ms of 0.1 ms steps")
	assert.Len(t, t1, 13, "every 4th of 50 steps: 0, 4, ..., 48")
	assert.InDelta(t, 0.4, t1[1], 1e-12)
	assert.Equal(t, []int32{3, 1}, readNPY[int32](t, filepath.Join(out, "state_exc_0_neurons.npy")))
	rows, cols, _ := readMatrix(t, filepath.Join(out, "state_exc_1_spike.npy"))
	assert.Equal(t, [2]int{13, 4}, [2]int{rows, cols})
}

func TestPerPopulationSpikeArraysHoldSpikesCSV(t *testing.T) {
	out := filepath.Join(t.TempDir(), "o")
	r := runCLI(t, "-quiet", "-plots=false", "-format", "both", "-duration", "100ms", "-out", out, "coba")
	require.Equal(t, exitOK, r.code, r.stderr)
	_, rows := readCSV(t, filepath.Join(out, "spikes.csv"))
	sum := readFullSummary(t, out)
	total := 0
	for _, p := range sum.Populations {
		ts := readNPY[float64](t, filepath.Join(out, "spikes_"+p.Name+"_t.npy"))
		is := readNPY[int32](t, filepath.Join(out, "spikes_"+p.Name+"_i.npy"))
		require.Len(t, is, len(ts))
		assert.Equal(t, p.Spikes, int64(len(ts)), "%s: the count of summary.json", p.Name)
		var want [][]string
		for _, row := range rows {
			if row[1] == p.Name {
				want = append(want, row)
			}
		}
		require.Len(t, ts, len(want))
		for k := range ts {
			assert.Equal(t, want[k][0], strconv.FormatFloat(ts[k], 'g', 12, 64), "%s spike %d: t", p.Name, k)
			assert.Equal(t, want[k][2], strconv.Itoa(int(is[k])), "%s spike %d: neuron", p.Name, k)
		}
		total += len(ts)
	}
	assert.Equal(t, len(rows), total)
	assert.Positive(t, total)
}

// readJSON decodes a JSON file into v.
func readJSON(t *testing.T, path string, v any) {
	t.Helper()
	data, err := os.ReadFile(path)
	require.NoError(t, err)
	require.NoError(t, json.Unmarshal(data, v), path)
}
