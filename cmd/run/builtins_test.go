package main

import (
	"math"
	"path/filepath"
	"strconv"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/spikecs/spikecs/scenarios"
)

func TestEveryBuiltinRunsThroughTheRunner(t *testing.T) {
	for _, b := range scenarios.Builtins() {
		t.Run(b.Name, func(t *testing.T) {
			out := filepath.Join(t.TempDir(), b.Name)
			args := []string{"-quiet", "-format", "both", "-duration", "20ms", "-out", out}
			if b.Name == "microcircuit" { // 0.3 G synapses at full scale: 2 % of it here
				args = append(args, "-set", "microcircuit.scale=0.02", "-set", "microcircuit.warm_up=0ms")
			}
			r := runCLI(t, append(args, b.Name)...)
			require.Equal(t, exitOK, r.code, r.stderr)
			assert.FileExists(t, filepath.Join(out, "rate.png"))
			if strings.HasPrefix(b.Name, "fi-curve") {
				assert.FileExists(t, filepath.Join(out, "fi.png"), "an f–I scenario gets fi.png")
			}
		})
	}
}

// neuronRates runs a built-in and returns each neuron's rate (Hz) of
// population pop, from spikes.csv.
func neuronRates(t *testing.T, name, pop string, size int, durationS float64) []float64 {
	t.Helper()
	out := filepath.Join(t.TempDir(), name)
	r := runCLI(t, "-quiet", "-out", out, name)
	require.Equal(t, exitOK, r.code, r.stderr)
	_, rows := readCSV(t, filepath.Join(out, "spikes.csv"))
	rates := make([]float64, size)
	for _, row := range rows {
		require.Equal(t, pop, row[1])
		i, err := strconv.Atoi(row[2])
		require.NoError(t, err)
		rates[i] += 1 / durationS
	}
	return rates
}

// TestFICurvesRiseFromZeroAtTheRheobase checks the f–I built-ins: 20
// neurons at I = 0.1 + 0.2·i mA with tau = 10 ms, R = 1 ohm, V_th = 1 mV,
// whose rheobase is V_th/R = 1 mA. Below it no neuron fires; above it the
// rate grows with the current. For LIF (and IF, which leaks the same way,
// §8.1) the rate is 1/T with T = tau·ln(RI/(RI − V_th)); LIFRef adds its
// 5 ms refractory period to T. Counting whole spikes in 1 s at dt = 0.1 ms
// keeps the measured rate within 3 Hz of that.
func TestFICurvesRiseFromZeroAtTheRheobase(t *testing.T) {
	const tau, tauRef = 10.0, 5.0
	period := func(model string, i float64) float64 {
		p := tau * math.Log(i/(i-1))
		if model == "lifref" {
			p += tauRef
		}
		return p
	}
	lif := neuronRates(t, "fi-curve-lif", "lif", 20, 1)
	for _, model := range []string{"if", "lif", "lifref", "alif"} {
		t.Run(model, func(t *testing.T) {
			rates := neuronRates(t, "fi-curve-"+model, model, 20, 1)
			for i, rate := range rates {
				current := 0.1 + 0.2*float64(i)
				if current < 1 {
					assert.Zero(t, rate, "%s at %.1f mA (below the rheobase): no spikes", model, current)
					continue
				}
				assert.Positive(t, rate, "%s at %.1f mA (above the rheobase) fires", model, current)
				if i > 0 && rates[i-1] > 0 {
					assert.Greater(t, rate, rates[i-1], "%s: the rate grows with the current (%.1f mA)", model, current)
				}
				switch model {
				case "alif":
					assert.Less(t, rate, lif[i], "adaptation lowers the rate below LIF's at %.1f mA", current)
				default:
					want := 1000 / period(model, current)
					assert.InDelta(t, want, rate, 3, "%s at %.1f mA: 1/T = %.1f Hz", model, current, want)
				}
			}
		})
	}
}

// TestALIFAdaptationSlowsTheRate checks the alif-adaptation built-in: in
// the first 50 ms of the step the population fires at least twice as fast
// as in its last 200 ms, and a grows during the step and decays after.
func TestALIFAdaptationSlowsTheRate(t *testing.T) {
	out := filepath.Join(t.TempDir(), "alif")
	r := runCLI(t, "-quiet", "-out", out, "alif-adaptation")
	require.Equal(t, exitOK, r.code, r.stderr)
	_, rows := readCSV(t, filepath.Join(out, "spikes.csv"))
	var early, late, after int
	for _, row := range rows {
		tms := parseFloat(t, row[0])
		switch {
		case tms >= 50 && tms < 100:
			early++
		case tms >= 350 && tms < 550:
			late++
		case tms >= 560:
			after++
		}
	}
	earlyHz, lateHz := float64(early)/100/0.05, float64(late)/100/0.2
	assert.Greater(t, earlyHz, 2*lateHz, "onset rate %.1f Hz vs adapted rate %.1f Hz", earlyHz, lateHz)
	assert.Positive(t, lateHz, "adapted neurons still fire")
	assert.Zero(t, after, "no input after 550 ms: no spikes")

	_, rows = readCSV(t, filepath.Join(out, "state.csv"))
	a := map[float64]float64{}
	for _, row := range rows {
		if row[2] == "0" && row[3] == "a" {
			a[parseFloat(t, row[0])] = parseFloat(t, row[4])
		}
	}
	assert.Zero(t, a[40], "a = 0 before the step")
	assert.Greater(t, a[540], 1.0, "a has grown during the step")
	assert.Less(t, a[699.9], a[550], "a decays after the step")
	assert.FileExists(t, filepath.Join(out, "traces.png"))
}
