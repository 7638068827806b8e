package main

import (
	"encoding/json"
	"image/png"
	"math"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"

	"codeberg.org/sbinet/npyio/npy"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// readNPY reads a .npy column with npyio.
func readNPY[T any](t *testing.T, path string) []T {
	t.Helper()
	f, err := os.Open(path)
	require.NoError(t, err)
	defer f.Close()
	var xs []T
	require.NoError(t, npy.Read(f, &xs), "%s is a valid .npy file of the expected type", path)
	return xs
}

// fullSummary is summary.json with the keys beyond the contract.
type fullSummary struct {
	Steps          int     `json:"steps"`
	StepsPlanned   int     `json:"steps_planned"`
	Interrupted    bool    `json:"interrupted"`
	DurationMs     float64 `json:"duration_ms"`
	SynapticEvents int64   `json:"synaptic_events"`
	WallS          float64 `json:"wall_s"`
	StepsPerS      float64 `json:"steps_per_s"`
	SimSPerWallS   float64 `json:"sim_s_per_wall_s"`
	Format         string  `json:"format"`
	Files          []string
	Codes          struct {
		Population []string `json:"population"`
		Var        []string `json:"var"`
	} `json:"codes"`
	Populations []struct {
		Name   string   `json:"name"`
		Size   int      `json:"size"`
		Spikes int64    `json:"spikes"`
		RateHz float64  `json:"rate_hz"`
		CVISI  *float64 `json:"cv_isi"`
	} `json:"populations"`
}

func readFullSummary(t *testing.T, dir string) fullSummary {
	t.Helper()
	data, err := os.ReadFile(filepath.Join(dir, "summary.json"))
	require.NoError(t, err)
	var s fullSummary
	require.NoError(t, json.Unmarshal(data, &s))
	return s
}

func TestNPYColumnsHoldTheRowsOfTheCSV(t *testing.T) {
	out := filepath.Join(t.TempDir(), "both")
	r := runCLI(t, "-quiet", "-plots=false", "-format", "both", "-out", out)
	require.Equal(t, exitOK, r.code, r.stderr)
	sum := readFullSummary(t, out)
	assert.Equal(t, "both", sum.Format)

	_, rows := readCSV(t, filepath.Join(out, "spikes.csv"))
	ts := readNPY[float64](t, filepath.Join(out, "spikes_t_ms.npy"))
	pops := readNPY[int32](t, filepath.Join(out, "spikes_population.npy"))
	neurons := readNPY[int32](t, filepath.Join(out, "spikes_neuron.npy"))
	require.Len(t, ts, len(rows), "one npy row per spikes.csv row")
	require.Len(t, pops, len(rows))
	require.Len(t, neurons, len(rows))
	for i, row := range rows {
		want, err := strconv.ParseFloat(row[0], 64)
		require.NoError(t, err)
		assert.InDelta(t, want, ts[i], 1e-9, "spike %d: t_ms (the CSV prints 12 digits)", i)
		assert.Equal(t, row[1], sum.Codes.Population[pops[i]], "spike %d: population code", i)
		assert.Equal(t, row[2], strconv.Itoa(int(neurons[i])), "spike %d: neuron", i)
	}

	_, rows = readCSV(t, filepath.Join(out, "state.csv"))
	cols := map[string]any{}
	for _, c := range []string{"t_ms", "value"} {
		cols[c] = readNPY[float64](t, filepath.Join(out, "state_"+c+".npy"))
	}
	for _, c := range []string{"population", "neuron", "var"} {
		cols[c] = readNPY[int32](t, filepath.Join(out, "state_"+c+".npy"))
	}
	for c, xs := range cols {
		switch xs := xs.(type) {
		case []float64:
			require.Len(t, xs, len(rows), "state_%s.npy has a row per state.csv row", c)
		case []int32:
			require.Len(t, xs, len(rows), "state_%s.npy has a row per state.csv row", c)
		}
	}
	for i, row := range rows {
		want, err := strconv.ParseFloat(row[4], 64)
		require.NoError(t, err)
		assert.Equal(t, want, cols["value"].([]float64)[i], "state row %d: value is the same float64", i)
		assert.Equal(t, row[1], sum.Codes.Population[cols["population"].([]int32)[i]], "state row %d: population", i)
		assert.Equal(t, row[2], strconv.Itoa(int(cols["neuron"].([]int32)[i])), "state row %d: neuron", i)
		assert.Equal(t, row[3], sum.Codes.Var[cols["var"].([]int32)[i]], "state row %d: var code", i)
	}
}

func TestFormatAndPlotsChooseTheFiles(t *testing.T) {
	cases := []struct {
		args []string
		want []string
	}{
		{[]string{"-format", "npy", "-plots=false"}, []string{"summary.json", "report.html",
			"spikes_t_ms.npy", "spikes_population.npy", "spikes_neuron.npy", "spikes_exc_t.npy", "spikes_exc_i.npy",
			"state_t_ms.npy", "state_population.npy", "state_neuron.npy", "state_var.npy", "state_value.npy",
			"times.npy", "state_exc_neurons.npy", "state_exc_V.npy", "state_exc_a.npy", "state_exc_spike_grad.npy"}},
		{[]string{"-plots=false"}, []string{"summary.json", "report.html", "spikes.csv", "state.csv"}},
		{[]string{"-plots", "none"}, []string{"summary.json", "report.html", "spikes.csv", "state.csv"}},
		{[]string{"-format", "csv"}, []string{"summary.json", "report.html", "spikes.csv", "state.csv", "raster.png", "traces.png", "rate.png"}},
		{[]string{"-plots", "svg"}, []string{"summary.json", "report.html", "spikes.csv", "state.csv", "raster.svg", "traces.svg", "rate.svg"}},
		{[]string{"-plots=pdf"}, []string{"summary.json", "report.html", "spikes.csv", "state.csv", "raster.pdf", "traces.pdf", "rate.pdf"}},
	}
	for _, c := range cases {
		t.Run(strings.Join(c.args, " "), func(t *testing.T) {
			out := filepath.Join(t.TempDir(), "o")
			r := runCLI(t, append(append([]string{"-quiet", "-out", out}, c.args...), "lif-demo")...)
			require.Equal(t, exitOK, r.code, r.stderr)
			assert.ElementsMatch(t, c.want, entries(t, out))
			sum := readFullSummary(t, out)
			assert.ElementsMatch(t, c.want[1:], sum.Files, "summary.json lists the other files")
		})
	}
	r := runCLI(t, "-format", "parquet", "lif-demo")
	assert.Equal(t, exitUsage, r.code)
	requireOneLine(t, r.stderr)
	assert.Contains(t, r.stderr, "-format")
	assert.Contains(t, r.stderr, "csv, npy, both")
}

func TestFiguresArePNGsOfTheExpectedWidth(t *testing.T) {
	out := filepath.Join(t.TempDir(), "o")
	require.Equal(t, exitOK, runCLI(t, "-quiet", "-out", out).code)
	for _, name := range []string{"raster.png", "traces.png", "rate.png"} {
		f, err := os.Open(filepath.Join(out, name))
		require.NoError(t, err)
		cfg, err := png.DecodeConfig(f)
		f.Close()
		require.NoError(t, err, "%s decodes as PNG", name)
		assert.Equal(t, 1100, cfg.Width, "%s is 10 in at 110 dpi", name)
		assert.Greater(t, cfg.Height, 300, name)
	}
}

// TestSummaryStatisticsMatchTheSpikes recomputes rate and CV(ISI) from
// spikes.csv: for each neuron with >= 3 spikes, sd/mean of its intervals
// (divisor n), averaged over those neurons.
func TestSummaryStatisticsMatchTheSpikes(t *testing.T) {
	out := filepath.Join(t.TempDir(), "o")
	require.Equal(t, exitOK, runCLI(t, "-quiet", "-plots=false", "-out", out).code)
	sum := readFullSummary(t, out)
	_, rows := readCSV(t, filepath.Join(out, "spikes.csv"))
	times := map[string]map[string][]float64{}
	for _, row := range rows {
		tms, err := strconv.ParseFloat(row[0], 64)
		require.NoError(t, err)
		if times[row[1]] == nil {
			times[row[1]] = map[string][]float64{}
		}
		times[row[1]][row[2]] = append(times[row[1]][row[2]], tms)
	}
	for _, p := range sum.Populations {
		var cvs []float64
		for _, ts := range times[p.Name] {
			if len(ts) < 3 {
				continue
			}
			var isis []float64
			for i := 1; i < len(ts); i++ {
				isis = append(isis, ts[i]-ts[i-1])
			}
			var mean, ss float64
			for _, x := range isis {
				mean += x
			}
			mean /= float64(len(isis))
			for _, x := range isis {
				ss += (x - mean) * (x - mean)
			}
			cvs = append(cvs, math.Sqrt(ss/float64(len(isis)))/mean)
		}
		if len(cvs) == 0 {
			assert.Nil(t, p.CVISI, "%s: no neuron with 3 spikes: cv_isi is null", p.Name)
			continue
		}
		var want float64
		for _, c := range cvs {
			want += c
		}
		want /= float64(len(cvs))
		require.NotNil(t, p.CVISI, p.Name)
		assert.InDelta(t, want, *p.CVISI, 1e-6, "%s: cv_isi = mean over neurons of sd/mean of the ISIs", p.Name)
	}
	assert.False(t, sum.Interrupted)
	assert.Equal(t, sum.StepsPlanned, sum.Steps)
	assert.Zero(t, sum.SynapticEvents, "the default scenario has no projections")
	assert.InDelta(t, sum.DurationMs*1e-3/sum.WallS, sum.SimSPerWallS, 1e-9*sum.SimSPerWallS, "simulated s per wall s")
	assert.InDelta(t, float64(sum.Steps)/sum.WallS, sum.StepsPerS, 1e-9*sum.StepsPerS)
}

func TestSynapticEventsAreCounted(t *testing.T) {
	out := filepath.Join(t.TempDir(), "o")
	r := runCLI(t, "-quiet", "-plots=false", "-duration", "20ms", "-out", out, "coba")
	require.Equal(t, exitOK, r.code, r.stderr)
	sum := readFullSummary(t, out)
	assert.Positive(t, sum.SynapticEvents, "coba delivers synaptic events")
	var spikes int64
	for _, p := range sum.Populations {
		spikes += p.Spikes
	}
	// Every spike reaches about 2% of 4000 neurons (80 synapses); the spikes
	// of the last step are not delivered yet.
	assert.InDelta(t, 80*float64(spikes), float64(sum.SynapticEvents), 0.2*80*float64(spikes)+200,
		"about 80 events per spike")
}

// parseFloat parses a CSV number.
func parseFloat(t *testing.T, s string) float64 {
	t.Helper()
	x, err := strconv.ParseFloat(s, 64)
	require.NoError(t, err)
	return x
}

// rateAndStride records rates in 1 ms bins and V of neuron 0 every 10th
// step, of neuron 1 every step.
const rateAndStride = `dt: 0.1 ms
duration: 10.5 ms
populations: [{name: p, size: 2, model: LIF, params: {tau: 10 ms}}]
inputs: [{population: p, current: 2 mA}]
record:
  rate: {populations: [p], bin: 1 ms}
  state:
    - {population: p, vars: [V], neurons: [0], stride: 10}
    - {population: p, vars: [V], neurons: [1]}
`

func TestRecordRateAndStateStride(t *testing.T) {
	file := writeScenario(t, "rs.yaml", rateAndStride)
	out := filepath.Join(t.TempDir(), "o")
	r := runCLI(t, "-quiet", "-format", "both", "-out", out, file)
	require.Equal(t, exitOK, r.code, r.stderr)

	header, rows := readCSV(t, filepath.Join(out, "rates.csv"))
	assert.Equal(t, []string{"t_ms", "bin_ms", "population", "rate_hz"}, header)
	require.Len(t, rows, 11, "ten 1 ms bins and the last half bin")
	assert.Equal(t, []string{"0", "1", "p"}, rows[0][:3])
	assert.Equal(t, []string{"10", "0.5", "p"}, rows[10][:3], "the partial last bin is flushed")
	hz := readNPY[float64](t, filepath.Join(out, "rates_hz.npy"))
	require.Len(t, hz, 11)
	for i, row := range rows {
		assert.Equal(t, parseFloat(t, row[3]), hz[i], "rates_hz.npy row %d", i)
	}

	_, rows = readCSV(t, filepath.Join(out, "state.csv"))
	perNeuron := map[string]int{}
	for _, row := range rows {
		perNeuron[row[2]]++
		if row[2] == "0" {
			step := int(math.Round(parseFloat(t, row[0]) / 0.1))
			assert.Zero(t, step%10, "neuron 0 is recorded every 10th step, got step %d", step)
		}
	}
	assert.Equal(t, map[string]int{"0": 11, "1": 105}, perNeuron, "105 steps: 11 with stride 10, 105 without")
	assert.FileExists(t, filepath.Join(out, "traces.png"))
}
