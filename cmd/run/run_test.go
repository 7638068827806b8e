package main

import (
	"bytes"
	"encoding/csv"
	"encoding/json"
	"fmt"
	"math"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/spikecs/spikecs/scenarios"
)

// result is what one invocation of the runner produced.
type result struct {
	code           int
	stdout, stderr string
}

// runCLI calls run as main would, capturing its output.
func runCLI(t *testing.T, args ...string) result {
	t.Helper()
	var out, errb bytes.Buffer
	code := run(args, &out, &errb)
	return result{code: code, stdout: out.String(), stderr: errb.String()}
}

// writeScenario writes a scenario file into its own temporary directory.
func writeScenario(t *testing.T, name, yaml string) string {
	t.Helper()
	path := filepath.Join(t.TempDir(), name)
	require.NoError(t, os.WriteFile(path, []byte(yaml), 0o644))
	return path
}

// readCSV reads a CSV file: its header and rows.
func readCSV(t *testing.T, path string) ([]string, [][]string) {
	t.Helper()
	f, err := os.Open(path)
	require.NoError(t, err)
	defer f.Close()
	rows, err := csv.NewReader(f).ReadAll()
	require.NoError(t, err, "%s is valid CSV", path)
	require.NotEmpty(t, rows, "%s has a header", path)
	return rows[0], rows[1:]
}

// summaryFile is the part of summary.json the contract fixes.
type summaryFile struct {
	Scenario    string  `json:"scenario"`
	Seed        uint64  `json:"seed"`
	Steps       int     `json:"steps"`
	DtMs        float64 `json:"dt_ms"`
	DurationMs  float64 `json:"duration_ms"`
	WallS       float64 `json:"wall_s"`
	Populations []struct {
		Name   string  `json:"name"`
		Size   int     `json:"size"`
		Spikes int64   `json:"spikes"`
		RateHz float64 `json:"rate_hz"`
	} `json:"populations"`
}

// readSummary reads summary.json, checking that the contract's keys exist.
func readSummary(t *testing.T, dir string) summaryFile {
	t.Helper()
	data, err := os.ReadFile(filepath.Join(dir, "summary.json"))
	require.NoError(t, err)
	var raw map[string]any
	require.NoError(t, json.Unmarshal(data, &raw))
	for _, k := range []string{"scenario", "steps", "dt_ms", "populations", "wall_s"} {
		assert.Contains(t, raw, k, "summary.json must have %q (runner contract)", k)
	}
	for i, p := range raw["populations"].([]any) {
		for _, k := range []string{"name", "size", "spikes", "rate_hz"} {
			assert.Contains(t, p, k, "summary.json populations[%d] must have %q", i, k)
		}
	}
	var s summaryFile
	require.NoError(t, json.Unmarshal(data, &s))
	return s
}

// entries lists a directory's names (but the runner's output marker).
func entries(t *testing.T, dir string) []string {
	t.Helper()
	es, err := os.ReadDir(dir)
	require.NoError(t, err)
	var names []string
	for _, e := range es {
		if e.Name() != outputMarker {
			names = append(names, e.Name())
		}
	}
	return names
}

// requireOneLine checks that stderr holds exactly one line.
func requireOneLine(t *testing.T, stderr string) {
	t.Helper()
	require.True(t, strings.HasSuffix(stderr, "\n"), "stderr ends with a newline: %q", stderr)
	require.Equal(t, 1, strings.Count(stderr, "\n"), "exactly one line on stderr, got %q", stderr)
}

func TestDefaultScenarioWritesTheContractOutputs(t *testing.T) {
	out := filepath.Join(t.TempDir(), "default")
	r := runCLI(t, "-quiet", "-out", out)
	require.Equal(t, exitOK, r.code, "stderr: %s", r.stderr)
	assert.Empty(t, r.stdout, "-quiet prints nothing on success")
	assert.Empty(t, r.stderr)
	assert.ElementsMatch(t, []string{"spikes.csv", "state.csv", "summary.json", "raster.png", "traces.png", "rate.png", "report.html"}, entries(t, out),
		"the contract's files, the figures (written by default) and the report")

	sum := readSummary(t, out)
	assert.Equal(t, "default", sum.Scenario)
	assert.Equal(t, 0.1, sum.DtMs)
	assert.Equal(t, 2000, sum.Steps, "200 ms at 0.1 ms")
	assert.GreaterOrEqual(t, sum.WallS, 0.0)

	header, rows := readCSV(t, filepath.Join(out, "spikes.csv"))
	assert.Equal(t, []string{"t_ms", "population", "neuron"}, header)
	require.NotEmpty(t, rows, "the default scenario spikes")
	perPop := map[string]int64{}
	sizes := map[string]int{}
	for _, p := range sum.Populations {
		sizes[p.Name] = p.Size
	}
	for _, row := range rows {
		tms, err := strconv.ParseFloat(row[0], 64)
		require.NoError(t, err)
		n := math.Round(tms / sum.DtMs)
		assert.InDelta(t, n*sum.DtMs, tms, 1e-9, "t_ms is a multiple of dt")
		assert.True(t, n >= 0 && int(n) < sum.Steps, "t_ms %v within the run", tms)
		i, err := strconv.Atoi(row[2])
		require.NoError(t, err)
		assert.True(t, i >= 0 && i < sizes[row[1]], "neuron %d of %q in range", i, row[1])
		perPop[row[1]]++
	}
	for _, p := range sum.Populations {
		assert.Equal(t, p.Spikes, perPop[p.Name], "summary spikes of %q = its rows in spikes.csv (every population is recorded)", p.Name)
		want := float64(p.Spikes) / float64(p.Size) / (sum.DurationMs * 1e-3)
		assert.InDelta(t, want, p.RateHz, 1e-9*want, "rate_hz of %q = spikes / size / duration in s", p.Name)
	}

	header, rows = readCSV(t, filepath.Join(out, "state.csv"))
	assert.Equal(t, []string{"t_ms", "population", "neuron", "var", "value"}, header)
	require.NotEmpty(t, rows)
	for _, row := range rows {
		v, err := strconv.ParseFloat(row[4], 64)
		require.NoError(t, err)
		assert.Equal(t, strconv.FormatFloat(v, 'g', -1, 64), row[4], "value %q round-trips a float64 in the shortest form", row[4])
	}
}

func TestSameSeedGivesIdenticalFiles(t *testing.T) {
	a, b := filepath.Join(t.TempDir(), "a"), filepath.Join(t.TempDir(), "b")
	require.Equal(t, exitOK, runCLI(t, "-quiet", "-out", a).code)
	require.Equal(t, exitOK, runCLI(t, "-quiet", "-out", b).code)
	for _, f := range []string{"spikes.csv", "state.csv"} {
		x, err := os.ReadFile(filepath.Join(a, f))
		require.NoError(t, err)
		y, err := os.ReadFile(filepath.Join(b, f))
		require.NoError(t, err)
		assert.True(t, bytes.Equal(x, y), "%s differs between two runs with the same seed", f)
	}
}

func TestSeedAndDurationFlagsOverrideTheFile(t *testing.T) {
	base, other := filepath.Join(t.TempDir(), "base"), filepath.Join(t.TempDir(), "other")
	require.Equal(t, exitOK, runCLI(t, "-quiet", "-out", base, "-duration", "20ms").code)
	r := runCLI(t, "-quiet", "-out", other, "-seed", "5", "-duration", "0.02 s")
	require.Equal(t, exitOK, r.code, r.stderr)

	sum := readSummary(t, other)
	assert.Equal(t, uint64(5), sum.Seed, "-seed replaces the file's seed 1")
	assert.Equal(t, 200, sum.Steps, "steps = duration/dt = 20 ms / 0.1 ms")
	assert.Equal(t, 20.0, sum.DurationMs)
	_, rows := readCSV(t, filepath.Join(other, "state.csv"))
	last, err := strconv.ParseFloat(rows[len(rows)-1][0], 64)
	require.NoError(t, err)
	assert.Equal(t, 19.9, last, "the last step is 199, stamped 19.9 ms")

	x, err := os.ReadFile(filepath.Join(base, "state.csv"))
	require.NoError(t, err)
	y, err := os.ReadFile(filepath.Join(other, "state.csv"))
	require.NoError(t, err)
	assert.NotEqual(t, x, y, "another seed draws other initial values (default has random initializers)")

	for _, bad := range [][]string{{"-seed", "-3"}, {"-seed", "x"}, {"-duration", "20"}, {"-duration", "5 mV"}, {"-duration", "-1 ms"}} {
		r := runCLI(t, append(bad, "-out", filepath.Join(t.TempDir(), "x"))...)
		assert.Equal(t, exitUsage, r.code, "%v is a usage error", bad)
		requireOneLine(t, r.stderr)
		assert.Contains(t, r.stderr, bad[0], "the message names the flag")
	}
}

func TestListPrintsEveryBuiltinWithItsSummary(t *testing.T) {
	r := runCLI(t, "-list")
	require.Equal(t, exitOK, r.code)
	lines := strings.Split(strings.TrimSuffix(r.stdout, "\n"), "\n")
	require.Len(t, lines, len(scenarios.Builtins())+1+len(epropSummaries()), "one line per built-in, then foraging and the training scenarios")
	assert.True(t, strings.HasPrefix(lines[len(scenarios.Builtins())], "foraging "))
	for i, e := range epropSummaries() {
		assert.True(t, strings.HasPrefix(lines[len(scenarios.Builtins())+1+i], e[0]+" "))
	}
	for i, b := range scenarios.Builtins() {
		assert.True(t, strings.HasPrefix(lines[i], b.Name+" "), "line %q starts with the name %q", lines[i], b.Name)
		assert.Contains(t, lines[i], b.Summary)
		assert.NotEmpty(t, b.Summary)
	}
}

func TestValidateChecksWithoutRunning(t *testing.T) {
	dir := t.TempDir()
	t.Chdir(dir) // a run would write out/<name> here
	good := writeScenario(t, "good.yaml", "populations:\n  - {name: p, size: 2, model: LIF}\n")
	r := runCLI(t, "-validate", good)
	require.Equal(t, exitOK, r.code, r.stderr)
	assert.Contains(t, r.stdout, "ok")

	bad := writeScenario(t, "bad.yaml", "populations:\n  - name: p\n    size: 2\n    model: LIF\n    params:\n      tau: -1 ms\n")
	r = runCLI(t, "-validate", bad)
	assert.Equal(t, exitUsage, r.code)
	requireOneLine(t, r.stderr)
	assert.Contains(t, r.stderr, bad+":6: populations[0].params.tau: ", "a build-time error names file:line: key")
	assert.Empty(t, entries(t, dir), "-validate writes nothing")
}

func TestBadScenarioLeavesNoOutput(t *testing.T) {
	bad := writeScenario(t, "bad.yaml", "populations:\n  - name: p\n    size: 2\n    model: LIFF\n")
	parent := t.TempDir()
	r := runCLI(t, "-out", filepath.Join(parent, "out"), bad)
	assert.Equal(t, exitUsage, r.code)
	requireOneLine(t, r.stderr)
	assert.Contains(t, r.stderr, bad+":4: populations[0].model: unknown model")
	assert.Empty(t, r.stdout)
	assert.Empty(t, entries(t, parent), "no output directory and no .partial- directory")
}

func TestOutputDirectoryIsReplacedOnlyOnSuccess(t *testing.T) {
	parent := t.TempDir()
	out := filepath.Join(parent, "out")
	require.NoError(t, os.Mkdir(out, 0o755))
	stale := filepath.Join(out, "stale.txt")
	require.NoError(t, os.WriteFile(stale, []byte("old run"), 0o644))
	require.NoError(t, os.WriteFile(filepath.Join(out, outputMarker), nil, 0o644)) // a previous runner output

	bad := writeScenario(t, "bad.yaml", "populations:\n  - {name: p, size: 0, model: LIF}\n")
	r := runCLI(t, "-out", out, bad)
	require.Equal(t, exitUsage, r.code)
	data, err := os.ReadFile(stale)
	require.NoError(t, err, "a failed run leaves the old output alone")
	assert.Equal(t, "old run", string(data))
	assert.Equal(t, []string{"out"}, entries(t, parent), "no temporary directory is left")

	r = runCLI(t, "-quiet", "-out", out, "lif-demo")
	require.Equal(t, exitOK, r.code, r.stderr)
	assert.NoFileExists(t, stale, "a successful run replaces the whole directory")
	assert.FileExists(t, filepath.Join(out, "spikes.csv"))
	assert.Equal(t, []string{"out"}, entries(t, parent), "no temporary or .old directory is left")
}

func TestOutputThatIsAFileIsAnError(t *testing.T) {
	out := filepath.Join(t.TempDir(), "out")
	require.NoError(t, os.WriteFile(out, []byte("x"), 0o644))
	r := runCLI(t, "-out", out, "lif-demo")
	assert.Equal(t, exitUsage, r.code, "a bad -out is refused before the run")
	requireOneLine(t, r.stderr)
	assert.Contains(t, r.stderr, "not a directory")
	data, err := os.ReadFile(out)
	require.NoError(t, err)
	assert.Equal(t, "x", string(data))
}

func TestUsageErrors(t *testing.T) {
	for _, args := range [][]string{
		{"-nope"},
		{"default", "lif-demo"},
		{"default", "-out", "x"},
		{"no-such-builtin"},
	} {
		t.Run(strings.Join(args, " "), func(t *testing.T) {
			t.Chdir(t.TempDir())
			r := runCLI(t, args...)
			assert.Equal(t, exitUsage, r.code)
			requireOneLine(t, r.stderr)
			assert.True(t, strings.HasPrefix(r.stderr, "run: "), "stderr = %q", r.stderr)
			assert.NoDirExists(t, "out", "nothing is written")
		})
	}
	r := runCLI(t, "default", "-out", "x")
	assert.Contains(t, r.stderr, "flags go before the scenario")
	r = runCLI(t, "no-such-builtin")
	assert.Contains(t, r.stderr, "lif-demo", "an unknown name lists the built-ins")

	r = runCLI(t, "-h")
	assert.Equal(t, exitOK, r.code, "-h is not an error")
	assert.Contains(t, r.stderr, "usage: run")
	assert.Contains(t, r.stderr, "-duration")
}

// overflow is a scenario whose neuron 1 of "boom" gets a current so large
// that R·I overflows to +Inf when the input switches on at 1 ms (step 10).
const overflow = `dt: 0.1 ms
duration: 5 ms
populations:
  - name: calm
    size: 2
    model: LIF
  - name: boom
    size: 3
    model: LIF
    params:
      R: 1e300 ohm
inputs:
  - population: calm
    current: 1 mA
  - population: boom
    current: [0 mA, 1e300 mA, 0 mA]
    start: 1 ms
record:
  spikes: [calm, boom]
  state:
    - {population: boom, vars: [V]}
`

func TestNonFiniteStateStopsTheRunWithoutOutput(t *testing.T) {
	file := writeScenario(t, "overflow.yaml", overflow)
	parent := t.TempDir()
	out := filepath.Join(parent, "a", "b", "out")
	r := runCLI(t, "-out", out, file)
	assert.Equal(t, exitRun, r.code, "a failed simulation exits 1")
	requireOneLine(t, r.stderr)
	for _, want := range []string{file, `population "boom"`, "neuron 1", "step 10", "V became"} {
		assert.Contains(t, r.stderr, want, "the message names the file, population, neuron and step")
	}
	assert.Empty(t, entries(t, parent), "no output, no temporary directory, and no parent directories made for it")

	// An existing output survives the failure.
	out = filepath.Join(parent, "out")
	require.NoError(t, os.Mkdir(out, 0o755))
	require.NoError(t, os.WriteFile(filepath.Join(out, "keep.txt"), nil, 0o644))
	require.NoError(t, os.WriteFile(filepath.Join(out, outputMarker), nil, 0o644))
	r = runCLI(t, "-out", out, file)
	assert.Equal(t, exitRun, r.code)
	assert.Equal(t, []string{"keep.txt"}, entries(t, out))
	assert.Equal(t, []string{"out"}, entries(t, parent))
}

func TestAdaptationOfANonAdaptiveNeuronIsRecordedAsZero(t *testing.T) {
	out := filepath.Join(t.TempDir(), "demo")
	require.Equal(t, exitOK, runCLI(t, "-quiet", "-out", out, "lif-demo").code)
	_, rows := readCSV(t, filepath.Join(out, "state.csv"))
	count := map[string]int{}
	for _, row := range rows {
		assert.Equal(t, "exc", row[1])
		assert.Contains(t, []string{"0", "2"}, row[2], "only neurons 0 and 2 are recorded")
		count[row[3]]++
		if row[3] == "a" {
			assert.Equal(t, "0", row[4], "a LIF has no adaptation: a = 0")
		}
	}
	assert.Equal(t, map[string]int{"V": 1000, "a": 1000, "spike_grad": 1000}, count, "500 steps x 2 neurons per variable")
}

// Semantics §1.6: the reference trajectories, through the runner.

// refRun runs the built-in reference scenario and reads its outputs:
// spike times by population, and state by "population.var" and step.
func refRun(t *testing.T) (spikes map[string][]string, state map[string]map[int]float64) {
	t.Helper()
	out := filepath.Join(t.TempDir(), "reference")
	r := runCLI(t, "-quiet", "-out", out, "reference")
	require.Equal(t, exitOK, r.code, r.stderr)
	_, rows := readCSV(t, filepath.Join(out, "spikes.csv"))
	spikes = map[string][]string{}
	for _, row := range rows {
		spikes[row[1]] = append(spikes[row[1]], row[0])
	}
	_, rows = readCSV(t, filepath.Join(out, "state.csv"))
	state = map[string]map[int]float64{}
	for _, row := range rows {
		tms, err := strconv.ParseFloat(row[0], 64)
		require.NoError(t, err)
		v, err := strconv.ParseFloat(row[4], 64)
		require.NoError(t, err)
		key := row[1] + "." + row[3]
		if state[key] == nil {
			state[key] = map[int]float64{}
		}
		state[key][int(math.Round(tms/0.1))] = v
	}
	return spikes, state
}

func TestReferenceTrajectoriesThroughTheRunner(t *testing.T) {
	spikes, state := refRun(t)

	// Spike steps of §1.6, printed as t_ms = n·dt with 12 significant
	// digits (69·0.1 = 6.9000000000000004 prints as 6.9). Each list is the
	// start of the population's spikes within the 35 ms run.
	wantSpikes := map[string][]string{
		"lif_soft":    {"6.9", "13.8", "20.8", "27.7"},
		"lif_hard":    {"6.9", "13.9", "20.9", "27.9"},
		"if_soft":     {"3.4", "6.9", "10.4"},
		"alif_soft":   {"6.9", "14.8", "23.2", "32.2"},
		"lifref_soft": {"6.9", "15.8", "24.8"},
		"lifref_hard": {"6.9", "15.9", "24.9"},
	}
	for pop, want := range wantSpikes {
		got := spikes[pop]
		require.GreaterOrEqual(t, len(got), len(want), "%s spikes: got %v, want %v first", pop, got, want)
		assert.Equal(t, want, got[:len(want)], "%s: spike times of §1.6", pop)
	}
	assert.Equal(t, []string{"6.9", "14.8", "23.2", "32.2"}, spikes["alif_soft"], "ALIF spikes exactly four times in 35 ms")
	assert.Empty(t, spikes["if_rest"], "IF without input never spikes")

	// V (mV) and a after step n, §1.6, to 1e-12: the engine multiplies by
	// precomputed factors where the reference divides, a few ulp apart.
	const tol = 1e-12
	type point struct {
		series string
		step   int
		want   float64
	}
	points := []point{
		{"lif_soft.V", 0, 0.019900332501664},
		{"lif_soft.V", 68, 0.996847861867889},
		{"lif_soft.V", 69, 1.006829392417181},
		{"lif_soft.V", 70, 0.026661771328902},
		{"lif_soft.V", 71, 0.046296814773301},
		{"lif_hard.V", 69, 1.006829392417181},
		{"lif_hard.V", 70, 0.019900332501664},
		{"if_soft.V", 0, 0.039602653386489},
		{"if_soft.V", 33, 0.986766015268821},
		{"if_soft.V", 34, 1.006829392417181},
		{"if_soft.V", 35, 0.046296814773301},
		{"if_rest.V", 0, 0.490099336653378},
		{"alif_soft.V", 69, 1.006829392417181},
		{"alif_soft.a", 69, 0},
		{"alif_soft.V", 70, 0.026661771328902},
		{"alif_soft.a", 70, 0.999000499833375},
		{"alif_soft.V", 148, 1.095409893638767},
		{"alif_soft.a", 148, 0.924039924445087},
		{"alif_soft.V", 149, 0.114360881836751},
		{"alif_soft.a", 149, 1.922116846220011},
		{"lifref_soft.V", 69, 1.006829392417181},
		{"lifref_soft.V", 90, 0.026661771328902},
		{"lifref_hard.V", 90, 0.019900332501664},
	}
	for n := 70; n <= 89; n++ {
		points = append(points,
			point{"lifref_soft.V", n, 0.006829392417181}, // held at the post-reset V1
			point{"lifref_hard.V", n, 0})
	}
	for _, p := range points {
		got, ok := state[p.series][p.step]
		require.True(t, ok, "state.csv has %s at step %d", p.series, p.step)
		assert.InDelta(t, p.want, got, tol, "%s after step %d (t = %s ms)", p.series, p.step, fmt.Sprint(float64(p.step)/10))
	}
	assert.Equal(t, 6.9, state["lifref_soft.last_spike"][69], "last_spike is the time of the spiking step")
}
