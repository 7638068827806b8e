package systems_test

import (
	"math"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/spikecs/spikecs/ecs"
	"github.com/spikecs/spikecs/systems"
)

// poissonKicks returns the per-step V jumps a PoissonInput gives a
// population of neurons that never spike (huge V_th, no leak over one step
// is removed by reading V before and after the input stage only).
func poissonKicks(t *testing.T, mode systems.PoissonMode, count int, rate float64, steps int) []float64 {
	t.Helper()
	sim, err := ecs.New(ecs.Options{Seed: 9}) // no neuron systems: only the input acts
	require.NoError(t, err)
	spec := ecs.LIF("p", 200)
	_, err = sim.AddPopulation(spec)
	require.NoError(t, err)
	in, err := systems.NewPoissonInput(sim, "p", count, rate, 1, mode)
	require.NoError(t, err)
	require.NoError(t, sim.AddNeuronSystem(ecs.StageInput, in))
	var xs []float64
	prev := make([]float64, 200)
	for s := 0; s < steps; s++ {
		require.NoError(t, sim.Step())
		v, err := sim.Bind(0)
		require.NoError(t, err)
		for i := range v.Membrane {
			xs = append(xs, v.Membrane[i].V-prev[i])
			prev[i] = v.Membrane[i].V
		}
		require.NoError(t, sim.Unbind(v))
	}
	return xs
}

func meanVar(xs []float64) (float64, float64) {
	var m, v float64
	for _, x := range xs {
		m += x
	}
	m /= float64(len(xs))
	for _, x := range xs {
		v += (x - m) * (x - m)
	}
	return m, v / float64(len(xs)-1)
}

// TestPoissonInputStatistics: counts have mean n·p and variance n·p·(1−p);
// the reference mode's normal branch uses the variance as the standard
// deviation (§8.15), so its variance is (n·p·(1−p))².
func TestPoissonInputStatistics(t *testing.T) {
	// n = 1000, rate 100 Hz, dt 0.1 ms: p = 0.01, n·p = 10 > 5 (normal branch)
	const n, p = 1000, 0.01
	mean, variance := n*p, n*p*(1-p)
	for _, tc := range []struct {
		mode    systems.PoissonMode
		wantVar float64
	}{
		{systems.PoissonAuto, variance},
		{systems.PoissonBinomial, variance},
		{systems.PoissonReference, variance * variance},
	} {
		xs := poissonKicks(t, tc.mode, n, 100, 50)
		m, v := meanVar(xs)
		assert.InDelta(t, mean, m, 4*math.Sqrt(tc.wantVar/float64(len(xs))), "mean, mode %d", tc.mode)
		assert.InEpsilon(t, tc.wantVar, v, 0.1, "variance, mode %d", tc.mode)
	}
	xs := poissonKicks(t, systems.PoissonBinomial, n, 100, 5)
	for _, x := range xs {
		require.Equal(t, math.Round(x), x, "binomial counts are whole numbers")
	}
}

// TestRateRecorderBins: rates per bin, the partial last bin via Flush.
type rateRow struct {
	pop, start, steps int64
	rate              float64
}
type rateRows []rateRow

func (r *rateRows) WriteRate(pop, start, steps int64, dtMs, rateHz float64) error {
	*r = append(*r, rateRow{pop, start, steps, rateHz})
	return nil
}

func TestRateRecorderBins(t *testing.T) {
	sim, err := systems.NewSim(ecs.Options{})
	require.NoError(t, err)
	_, err = sim.AddPopulation(ecs.PopulationSpec{Name: "src", Size: 4, Source: &ecs.SourceSpec{
		TimesMs: []float64{0, 0.1, 0.2, 1.0, 1.05}, Neurons: []int{0, 1, 2, 3, 0}}})
	require.NoError(t, err)
	var rows rateRows
	r, err := systems.NewRateRecorder(sim, []string{"src"}, 1, &rows)
	require.NoError(t, err)
	require.NoError(t, sim.AddSystem(ecs.StageRecord, r))
	require.NoError(t, sim.Run(15))
	require.NoError(t, r.Flush(sim))
	require.Len(t, rows, 2)
	assert.Equal(t, rateRow{0, 0, 10, 3.0 / 4 / 1e-3}, rows[0], "3 spikes of 4 neurons in 1 ms = 750 Hz")
	assert.Equal(t, rateRow{0, 10, 5, 2.0 / 4 / 0.5e-3}, rows[1], "partial bin: 2 spikes in 0.5 ms")
}
