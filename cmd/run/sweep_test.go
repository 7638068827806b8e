package main

import (
	"bytes"
	"encoding/json"
	"io/fs"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// timingKeys are the summary.json keys that measure wall-clock time, the
// only outputs allowed to differ between executions.
var timingKeys = []string{"wall_s", "steps_per_s", "sim_s_per_wall_s"}

// treeFiles reads every file under dir by relative path, with the timing
// fields of summary.json and the wall_s column of sweep.csv blanked.
func treeFiles(t *testing.T, dir string) map[string][]byte {
	t.Helper()
	files := map[string][]byte{}
	require.NoError(t, filepath.WalkDir(dir, func(path string, d fs.DirEntry, err error) error {
		require.NoError(t, err)
		if d.IsDir() {
			return nil
		}
		data, err := os.ReadFile(path)
		require.NoError(t, err)
		rel, _ := filepath.Rel(dir, path)
		switch d.Name() {
		case "summary.json":
			var m map[string]any
			require.NoError(t, json.Unmarshal(data, &m))
			for _, k := range timingKeys {
				require.Contains(t, m, k)
				delete(m, k)
			}
			data, _ = json.Marshal(m)
		case "sweep.csv":
			var b bytes.Buffer
			for _, line := range strings.Split(strings.TrimSuffix(string(data), "\n"), "\n") {
				i := strings.LastIndexByte(line, ',')
				require.Positive(t, i)
				b.WriteString(line[:i] + "\n") // wall_s is the last column
			}
			data = b.Bytes()
		}
		files[rel] = data
		return nil
	}))
	return files
}

func TestSweepOutputsDoNotDependOnTheWorkers(t *testing.T) {
	args := []string{"-quiet", "-format", "both", "-duration", "30ms",
		"-sweep", "populations.exc.params.tau=15ms,20ms", "-sweep", "projections.ee.weight=5nS,7nS"}
	one, two := filepath.Join(t.TempDir(), "one"), filepath.Join(t.TempDir(), "two")
	r := runCLI(t, append(args, "-workers", "1", "-out", one, "coba")...)
	require.Equal(t, exitOK, r.code, r.stderr)
	r = runCLI(t, append(args, "-workers", "2", "-out", two, "coba")...)
	require.Equal(t, exitOK, r.code, r.stderr)

	a, b := treeFiles(t, one), treeFiles(t, two)
	require.Len(t, a, len(b))
	for name, data := range a {
		assert.True(t, bytes.Equal(data, b[name]), "%s differs between -workers 1 and 2", name)
	}
	assert.Equal(t, []string{
		"000_tau=15ms_weight=5nS", "001_tau=15ms_weight=7nS", "002_tau=20ms_weight=5nS", "003_tau=20ms_weight=7nS", "sweep.csv",
	}, entries(t, one), "one directory per run, named by index and values, and sweep.csv")

	header, rows := readCSV(t, filepath.Join(one, "sweep.csv"))
	assert.Equal(t, []string{"run", "populations.exc.params.tau", "projections.ee.weight", "trial", "seed", "steps",
		"interrupted", "rate_hz.exc", "rate_hz.inh", "wall_s"}, header)
	require.Len(t, rows, 4)
	for i, row := range rows {
		sum := readSummary(t, filepath.Join(one, row[0]))
		assert.Equal(t, strconv.FormatFloat(sum.Populations[0].RateHz, 'g', -1, 64), row[7], "run %d: rate_hz.exc is the run's summary rate", i)
		assert.Equal(t, "300", row[5])
	}
	assert.Equal(t, []string{"15ms", "5nS"}, rows[0][1:3])
	assert.Equal(t, []string{"20ms", "7nS"}, rows[3][1:3])
	assert.NotEqual(t, rows[0][7], rows[3][7], "the swept parameters change the rates")
}

func TestTrialsUseDerivedSeeds(t *testing.T) {
	plain, trials := filepath.Join(t.TempDir(), "plain"), filepath.Join(t.TempDir(), "trials")
	require.Equal(t, exitOK, runCLI(t, "-quiet", "-plots=false", "-seed", "5", "-out", plain).code)
	r := runCLI(t, "-quiet", "-plots=false", "-seed", "5", "-trials", "3", "-out", trials)
	require.Equal(t, exitOK, r.code, r.stderr)
	_, rows := readCSV(t, filepath.Join(trials, "sweep.csv"))
	require.Len(t, rows, 3)
	for k, row := range rows {
		assert.Equal(t, "00"+strconv.Itoa(k)+"_trial="+strconv.Itoa(k), row[0])
		assert.Equal(t, strconv.FormatUint(trialSeed(5, k), 10), row[2], "trial %d seed", k)
	}
	spikes := func(dir string) []byte {
		data, err := os.ReadFile(filepath.Join(dir, "spikes.csv"))
		require.NoError(t, err)
		return data
	}
	assert.Equal(t, spikes(plain), spikes(filepath.Join(trials, rows[0][0])), "trial 0 is the plain run")
	assert.NotEqual(t, spikes(plain), spikes(filepath.Join(trials, rows[1][0])), "trial 1 draws other random values")
}

func TestTrialSeedIsSplitMix64(t *testing.T) {
	// SplitMix64 seeded with 0: its first outputs (Vigna's reference
	// implementation).
	assert.Equal(t, uint64(0xE220A8397B1DCDAF), trialSeed(0, 1))
	assert.Equal(t, uint64(0x6E789E6AA1B965F4), trialSeed(0, 2))
	assert.Equal(t, uint64(42), trialSeed(42, 0), "trial 0 keeps the seed")
}

func TestSetOverridesAValueOfOneRun(t *testing.T) {
	base, set := filepath.Join(t.TempDir(), "base"), filepath.Join(t.TempDir(), "set")
	require.Equal(t, exitOK, runCLI(t, "-quiet", "-plots=false", "-out", base, "lif-demo").code)
	r := runCLI(t, "-quiet", "-plots=false", "-out", set, "-set", "populations.exc.params.tau=20ms", "-set", "inputs.0.current=3mA", "lif-demo")
	require.Equal(t, exitOK, r.code, r.stderr)
	a, b := readSummary(t, base), readSummary(t, set)
	assert.NotEqual(t, a.Populations[0].Spikes, b.Populations[0].Spikes, "another tau and current give other spikes")
}

func TestExperimentMistakesAreUsageErrors(t *testing.T) {
	cases := []struct {
		args  []string
		hints []string
	}{
		{[]string{"-set", "populations.exd.params.tau=1ms", "coba"}, []string{"-set populations.exd.params.tau=1ms", `no entry named "exd"`, "exc, inh"}},
		{[]string{"-set", "tau", "coba"}, []string{"-set", "path=value"}},
		{[]string{"-set", "populations.exc.params.tau=1mV", "coba"}, []string{"builtin:coba", "populations[0].params.tau", "expected a time", "from -set"}},
		{[]string{"-sweep", "populations.exc.params.tau=1ms,2mV", "coba"}, []string{"populations[0].params.tau", "from -sweep populations.exc.params.tau=2mV"}},
		{[]string{"-sweep", "dt=0.1ms,,0.2ms", "coba"}, []string{"-sweep", "empty value"}},
		{[]string{"-trials", "0", "coba"}, []string{"-trials", "at least 1"}},
		{[]string{"-workers", "0", "-trials", "2", "coba"}, []string{"-workers", "at least 1"}},
	}
	for _, c := range cases {
		t.Run(strings.Join(c.args, " "), func(t *testing.T) {
			parent := t.TempDir()
			r := runCLI(t, append([]string{"-out", filepath.Join(parent, "o")}, c.args...)...)
			assert.Equal(t, exitUsage, r.code)
			requireOneLine(t, r.stderr)
			for _, h := range c.hints {
				assert.Contains(t, r.stderr, h)
			}
			assert.Empty(t, entries(t, parent), "nothing is written")
		})
	}
}

func TestSweepHelpers(t *testing.T) {
	vals, err := splitValues("[1 mV, 2 mV],{dist: normal, mean: 1 ms, sd: 2 ms}, 3ms")
	require.NoError(t, err)
	assert.Equal(t, []string{"[1 mV, 2 mV]", "{dist: normal, mean: 1 ms, sd: 2 ms}", "3ms"}, vals)
	assert.Equal(t, []string{"tau", "weight"}, axisLabels([]sweepAxis{{path: "populations.exc.params.tau"}, {path: "projections.ee.weight"}}))
	assert.Equal(t, []string{"exc.params.tau", "inh.params.tau"}, axisLabels([]sweepAxis{{path: "populations.exc.params.tau"}, {path: "populations.inh.params.tau"}}))
	assert.Equal(t, "1mV_2mV", dirSafe("[1 mV, 2 mV]"))
}

// TestSweepPathGivenTwiceIsRefused: the same path in two -sweep flags, or
// in -sweep and -set, is a usage error (the later value would win while
// the runs were labelled with the earlier one).
func TestSweepPathGivenTwiceIsRefused(t *testing.T) {
	for _, tc := range []struct {
		args []string
		want string
	}{
		{[]string{"-sweep", "populations.exc.params.tau=1ms,2ms", "-sweep", "populations.exc.params.tau=3ms"}, "-sweep populations.exc.params.tau is given twice"},
		{[]string{"-set", "populations.exc.params.tau=5ms", "-sweep", "populations.exc.params.tau=1ms,2ms"}, "given to both -set and -sweep"},
	} {
		out := filepath.Join(t.TempDir(), "sw")
		r := runCLI(t, append(append([]string{"-quiet", "-out", out}, tc.args...), "lif-demo")...)
		assert.Equal(t, exitUsage, r.code, "%v", tc.args)
		requireOneLine(t, r.stderr)
		assert.Contains(t, r.stderr, tc.want)
		assert.NoDirExists(t, out)
	}
	// Different paths are fine.
	out := filepath.Join(t.TempDir(), "sw")
	r := runCLI(t, "-quiet", "-out", out, "-sweep", "populations.exc.params.tau=1ms,2ms", "-sweep", "duration=10ms,20ms", "lif-demo")
	assert.Equal(t, exitOK, r.code, r.stderr)
}
