package scenarios_test

import (
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"codeberg.org/sbinet/npyio"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/spikecs/spikecs/scenarios"
	"github.com/spikecs/spikecs/systems"
)

// stimulusHead is a file with a 3-neuron LIF population and a 2-neuron
// source; the inputs key is line 4, so its first entry is line 5.
const stimulusHead = `populations:
  - {name: exc, size: 3, model: LIF}
  - {name: src, size: 2, source: {kind: poisson, rate: 1 Hz}}
inputs:
`

// writeFiles writes name → content into a temporary directory and returns
// the path of the scenario file scenario.yaml in it.
func writeFiles(t *testing.T, files map[string]string) string {
	t.Helper()
	dir := t.TempDir()
	for name, content := range files {
		require.NoError(t, os.WriteFile(filepath.Join(dir, name), []byte(content), 0o644))
	}
	return filepath.Join(dir, "scenario.yaml")
}

// TestStimulusBadInput: every mistake in a stimulus is one *Error naming
// the file, the line and the key, and saying what was expected.
func TestStimulusBadInput(t *testing.T) {
	cases := []struct {
		name  string
		entry string // the inputs entry (line 6), or a replacement file
		files map[string]string
		line  int
		key   string
		hints []string
		build bool
	}{
		{name: "wrong unit in a sine current", entry: "  - {population: exc, current: {kind: sine, amplitude: 1 mV, frequency: 5 Hz}}\n",
			line: 5, key: "inputs[0].current.amplitude", hints: []string{"expected a current", "mV"}},
		{name: "frequency without unit", entry: "  - {population: exc, current: {kind: sine, amplitude: 1 mA, frequency: 5}}\n",
			line: 5, key: "inputs[0].current.frequency", hints: []string{"unit is required"}},
		{name: "unknown time course kind", entry: "  - {population: exc, current: {kind: square, amplitude: 1 mA}}\n",
			line: 5, key: "inputs[0].current.kind", hints: []string{`"square"`, "sine, steps, ramp, series"}},
		{name: "key of another kind", entry: "  - {population: exc, current: {kind: sine, amplitude: 1 mA, frequency: 1 Hz, from: 0 mA}}\n",
			line: 5, key: "inputs[0].current.from", hints: []string{"not a key of a sine", "offset, amplitude, frequency, phase"}},
		{name: "missing series file", entry: "  - {population: exc, current: {kind: series, file: nope.csv, unit: mA, dt: 1 ms}}\n",
			line: 5, key: "inputs[0].current.file", hints: []string{"cannot read series file", "nope.csv"}},
		{name: "series file without unit", entry: "  - {population: exc, current: {kind: series, file: a.csv, dt: 1 ms}}\n",
			files: map[string]string{"a.csv": "1\n2\n"}, line: 5, key: "inputs[0].current.unit", hints: []string{"is required with file", `"mA"`}},
		{name: "series file unit of the wrong dimension", entry: "  - {population: exc, poisson: {count: 5, weight: 1 mV, rate: {kind: series, file: a.csv, unit: mV, dt: 1 ms}}}\n",
			files: map[string]string{"a.csv": "1\n2\n"}, line: 5, key: "inputs[0].poisson.rate.unit", hints: []string{`"mV" is not a unit of frequency`, `"Hz"`}},
		{name: "ragged CSV series", entry: "  - {population: exc, current: {kind: series, file: a.csv, unit: mA, dt: 1 ms}}\n",
			files: map[string]string{"a.csv": "i0,i1,i2\n1,2,3\n4,5\n"}, line: 5, key: "inputs[0].current.file", hints: []string{"a.csv line 3: 2 columns, expected 3", "ragged"}},
		{name: "text in a CSV series", entry: "  - {population: exc, current: {kind: series, file: a.csv, unit: mA, dt: 1 ms}}\n",
			files: map[string]string{"a.csv": "1\n2 mA\n"}, line: 5, key: "inputs[0].current.file", hints: []string{"a.csv line 2, column 1", "plain number", "unit is given by unit:"}},
		{name: "ragged inline series", entry: "  - population: exc\n    current:\n      kind: series\n      dt: 1 ms\n      values:\n        - [1 mA, 2 mA, 3 mA]\n        - [1 mA, 2 mA]\n",
			line: 11, key: "inputs[0].current.values[1]", hints: []string{"has 2 values, expected 3", "ragged"}},
		{name: "CSV width is not the population", entry: "  - {population: exc, current: {kind: series, file: a.csv, unit: mA, dt: 1 ms}}\n",
			files: map[string]string{"a.csv": "1,2\n3,4\n"}, line: 5, key: "inputs[0].current.file", hints: []string{"has 2 values, expected 1 or 3", `"exc"`}},
		{name: "negative rate inline", entry: "  - {population: exc, poisson: {count: 5, weight: 1 mV, rate: {kind: series, dt: 1 ms, values: [1 Hz, -2 Hz]}}}\n",
			line: 5, key: "inputs[0].poisson.rate.values[1]", hints: []string{"a rate must be >= 0", "-2 Hz"}},
		{name: "negative rate in a file", entry: "",
			files: map[string]string{"r.csv": "t,rate\n3\n-1\n"}, line: 6, key: "populations[2].source.rate.file", hints: []string{"sample 1, column 0", "a rate must be >= 0", "-1 Hz"}},
		{name: "rate above 1/dt", entry: "  - {population: exc, poisson: {count: 5, weight: 1 mV, rate: {kind: sine, offset: 9 kHz, amplitude: 2 kHz, frequency: 1 Hz}}}\n",
			line: 5, key: "inputs[0]", hints: []string{"[7000, 11000] Hz", "1/dt (10000 Hz)"}, build: true},
		{name: "ramp without stop", entry: "  - {population: exc, current: {kind: ramp, from: 0 mA, to: 1 mA}}\n",
			line: 5, key: "inputs[0].stop", hints: []string{"required with a ramp"}},
		{name: "steps times and values differ", entry: "  - {population: exc, current: {kind: steps, times: [1 ms, 2 ms], values: [1 mA]}}\n",
			line: 5, key: "inputs[0].current.values", hints: []string{"1 entries but times has 2"}},
		{name: "steps times decrease", entry: "  - {population: exc, current: {kind: steps, times: [2 ms, 1 ms], values: [1 mA, 2 mA]}}\n",
			line: 5, key: "inputs[0].current.times[1]", hints: []string{"times must increase"}},
		{name: "OU without tau", entry: "  - {population: exc, noise: {kind: ou, mean: 1 mA, sigma: 0.1 mA}}\n",
			line: 5, key: "inputs[0].noise.tau", hints: []string{"is required for ou noise", "mean, sigma, tau"}},
		{name: "white noise with tau", entry: "  - {population: exc, noise: {kind: white, sigma: 0.1 mA, tau: 1 ms}}\n",
			line: 5, key: "inputs[0].noise.tau", hints: []string{"goes with kind ou"}},
		{name: "negative sigma", entry: "  - {population: exc, noise: {kind: ou, sigma: -1 mA, tau: 1 ms}}\n",
			line: 5, key: "inputs[0].noise.sigma", hints: []string{"must be >= 0"}},
		{name: "noise sigma of the wrong unit", entry: "  - {population: exc, noise: {kind: ou, sigma: 1 mV, tau: 1 ms}}\n",
			line: 5, key: "inputs[0].noise.sigma", hints: []string{"expected a current"}},
		{name: "per-neuron noise of the wrong length", entry: "  - {population: exc, noise: {kind: ou, sigma: [1 mA, 2 mA], tau: 1 ms}}\n",
			line: 5, key: "inputs[0].noise.sigma", hints: []string{"has 2 values, expected 1 or 3"}},
		{name: "noise and current together", entry: "  - {population: exc, current: 1 mA, noise: {kind: white, sigma: 1 mA}}\n",
			line: 5, key: "inputs[0]", hints: []string{"one of current, poisson or noise"}},
		{name: "noise into a source", entry: "  - {population: src, noise: {kind: white, sigma: 1 mA}}\n",
			line: 5, key: "inputs[0]", hints: []string{"spike source"}, build: true},
		{name: "npy of the wrong type", entry: "  - {population: exc, current: {kind: series, file: a.npy, unit: mA, dt: 1 ms}}\n",
			files: map[string]string{"a.npy": "npy:int32"}, line: 5, key: "inputs[0].current.file", hints: []string{"expected little-endian float64", `got "<i4"`}},
		{name: "bad file extension", entry: "  - {population: exc, current: {kind: series, file: a.txt, unit: mA, dt: 1 ms}}\n",
			line: 5, key: "inputs[0].current.file", hints: []string{"expected a .csv or .npy file"}},
		{name: "inhomogeneous source with a constant rate", entry: "",
			files: map[string]string{}, line: 8, key: "populations[2].source.rate", hints: []string{"needs a rate time course"}},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			doc := stimulusHead + c.entry
			switch {
			case strings.HasPrefix(c.name, "negative rate in a file"):
				doc = replaceOnce(t, stimulusHead, "inputs:\n", "  - name: drv\n    size: 2\n    source: {kind: inhomogeneous_poisson, rate: {kind: series, file: r.csv, unit: Hz, dt: 1 ms}}\n")
			case strings.HasPrefix(c.name, "inhomogeneous source with a constant"):
				doc = replaceOnce(t, stimulusHead, "inputs:\n", "  - name: drv\n    size: 2\n    source:\n      kind: inhomogeneous_poisson\n      rate: 5 Hz\n")
			}
			files := map[string]string{"scenario.yaml": doc}
			for k, v := range c.files {
				files[k] = v
			}
			path := writeFiles(t, files)
			if strings.HasSuffix(path, ".yaml") {
				writeNPYFixtures(t, filepath.Dir(path), c.files)
			}
			sc, err := scenarios.Load(path)
			if c.build {
				require.NoError(t, err)
				err = sc.Check()
			}
			var se *scenarios.Error
			require.ErrorAs(t, err, &se, "a *scenarios.Error, got %T: %v", err, err)
			assert.Equal(t, path, se.File)
			assert.Equal(t, c.line, se.Line, "line of %q\n%s", se.Error(), numbered(doc))
			assert.Equal(t, c.key, se.Key, "key of %q", se.Error())
			for _, h := range c.hints {
				assert.Contains(t, se.Msg, h)
			}
			assert.True(t, strings.HasPrefix(se.Error(), fmt.Sprintf("%s:%d: %s: ", path, c.line, c.key)), "file:line: key: message, got %q", se.Error())
		})
	}
}

// writeNPYFixtures replaces files whose content is "npy:int32" by a real
// .npy file of that type.
func writeNPYFixtures(t *testing.T, dir string, files map[string]string) {
	t.Helper()
	for name, content := range files {
		if content != "npy:int32" {
			continue
		}
		f, err := os.Create(filepath.Join(dir, name))
		require.NoError(t, err)
		require.NoError(t, npyio.Write(f, []int32{1, 2, 3}))
		require.NoError(t, f.Close())
	}
}

// TestStimulusFilesLoad: a CSV with a header and an .npy matrix (samples ×
// neurons) load with their unit, relative to the scenario file, and build.
func TestStimulusFilesLoad(t *testing.T) {
	dir := t.TempDir()
	require.NoError(t, os.WriteFile(filepath.Join(dir, "rate.csv"), []byte("rate_hz\n0\n0.5\n2\n"), 0o644))
	f, err := os.Create(filepath.Join(dir, "drive.npy"))
	require.NoError(t, err)
	require.NoError(t, npyio.Write(f, []float64{1, 2, 3, 4, 5, 6})) // 1-D: shared
	require.NoError(t, f.Close())
	doc := stimulusHead + `  - {population: exc, current: {kind: series, file: drive.npy, unit: nA, dt: 2 ms}}
  - {population: exc, poisson: {count: 10, weight: 0.1 mV, rate: {kind: series, file: rate.csv, unit: kHz, dt: 10 ms}}}
  - {population: exc, noise: {kind: ou, mean: [1 mA, 2 mA, 3 mA], sigma: 0.5 mA, tau: 4 ms}}
`
	path := filepath.Join(dir, "s.yaml")
	require.NoError(t, os.WriteFile(path, []byte(doc), 0o644))
	sc, err := scenarios.Load(path)
	require.NoError(t, err)
	require.NoError(t, sc.Check())
	cur := sc.Inputs[0].Profile
	require.NotNil(t, cur)
	assert.Equal(t, systems.ProfileSeries, cur.Kind)
	assert.InDeltaSlice(t, []float64{1e-6, 2e-6, 3e-6, 4e-6, 5e-6, 6e-6}, cur.Values, 1e-18, "nA → mA")
	assert.Equal(t, 2.0, cur.SampleMs)
	rate := sc.Inputs[1].Poisson.Rate
	require.NotNil(t, rate)
	assert.Equal(t, []float64{0, 500, 2000}, rate.Values, "kHz → Hz, header skipped")
	nz := sc.Inputs[2].Noise
	require.NotNil(t, nz)
	assert.Equal(t, []float64{1, 2, 3}, nz.MeanMA.Values)
	assert.Equal(t, systems.NoiseOU, nz.Kind)
}
