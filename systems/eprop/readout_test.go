package eprop

import (
	"math"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/spikecs/spikecs/ecs"
	"github.com/spikecs/spikecs/systems"
)

// TestReadoutsFollowTheirEquations: the rate readout is
// y ← κ·y + c·W·z (c = 1 or 1 − κ) and the spiking readout resets, then
// integrates, as reference §6.6 says; driven inside a Sim by a spike-time
// source through ReadoutSystem, they give the values computed by hand.
func TestReadoutsFollowTheirEquations(t *testing.T) {
	sim, err := systems.NewSim(ecs.Options{DtMs: 1, Seed: 1})
	require.NoError(t, err)
	_, err = sim.AddPopulation(ecs.PopulationSpec{Name: "src", Size: 2, Source: &ecs.SourceSpec{
		TimesMs: []float64{0, 1, 1, 3}, Neurons: []int{0, 0, 1, 1}}})
	require.NoError(t, err)
	rate, err := NewRateReadout(1, 2, 10, 1, true)
	require.NoError(t, err)
	copy(rate.W, []float64{2, -1})
	spk, err := NewSpikeReadout(1, 2, 5, 1, 1, false)
	require.NoError(t, err)
	copy(spk.W, []float64{30, 30})
	rs, err := NewReadoutSystem(sim, "src", rate, spk)
	require.NoError(t, err)
	require.NoError(t, sim.AddSystem(ecs.StageRecord, rs))

	kappa := math.Exp(-1.0 / 10)
	z := [][2]float64{{1, 0}, {1, 1}, {0, 0}, {0, 1}}
	y, v := 0.0, 0.0
	d := -math.Expm1(-1.0 / 5)
	for n, zz := range z {
		require.NoError(t, sim.Step())
		y = kappa*y + (1-kappa)*(2*zz[0]-zz[1])
		assert.InDelta(t, y, rate.Y[0], 1e-15, "rate readout, step %d", n)
		if v >= 1 {
			v -= 1
		}
		v += d * (30*(zz[0]+zz[1]) - v)
		assert.InDelta(t, v, spk.V[0], 1e-12, "spiking readout V, step %d", n)
		want := 0.0
		if v >= 1 {
			want = 1
		}
		assert.Equal(t, want, spk.Out[0], "spiking readout output, step %d", n)
	}

	_, err = NewReadoutSystem(sim, "src", &RateReadout{N: 3}, nil)
	require.ErrorContains(t, err, "has 3 inputs, population \"src\" has 2 neurons")
	_, err = NewReadoutSystem(sim, "nope", rate, nil)
	require.ErrorContains(t, err, "unknown population")
}
