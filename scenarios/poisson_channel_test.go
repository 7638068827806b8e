package scenarios_test

import (
	"math"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/spikecs/spikecs/ecs"
	"github.com/spikecs/spikecs/scenarios"
)

// TestPoissonChannelInputCounts recovers each step's arrivals x_n = G_n −
// e^{−dt/tau}·G_{n−1} of an expon channel driven by a Poisson input of
// 2000 sources at 8 Hz (λ = 1.6 per step, NEST's PD14 background) and
// checks that x/w are whole numbers whose mean and variance are λ (a
// Poisson count) within 5 standard errors over 500 neurons × 2000 steps,
// for a LIF population (channel update) and iaf_psc_exp (owned channel).
func TestPoissonChannelInputCounts(t *testing.T) {
	for _, model := range []string{"LIF", "iaf_psc_exp"} {
		t.Run(model, func(t *testing.T) {
			y := `
dt: 0.1 ms
seed: 4
populations:
  - {name: p, size: 500, model: ` + model + `}
inputs:
  - {population: p, poisson: {count: 2000, rate: 8 Hz, weight: 87.8 pS, synapse: {kind: expon, tau: 5 ms}, output: {kind: cuba}}}
`
			sc, err := scenarios.Parse([]byte(y), "pc.yaml")
			require.NoError(t, err)
			sim, _, err := sc.BuildNetwork(ecs.Options{})
			require.NoError(t, err)
			id, _ := sim.Population("p")
			const w, lambda, steps = 87.8e-12, 1.6, 2000
			d := math.Exp(-0.1 / 5)
			prev := make([]float64, 500)
			var n, sum, sum2 float64
			for s := 0; s < steps; s++ {
				require.NoError(t, sim.Step())
				v, err := sim.Bind(id)
				require.NoError(t, err)
				g := v.SynG[0]
				for k := range g {
					x := (g[k] - d*prev[k]) / w
					c := math.Round(x)
					require.InDelta(t, c, x, 1e-6, "step %d neuron %d: arrivals are whole spikes", s, k)
					prev[k] = g[k]
					n++
					sum += c
					sum2 += c * c
				}
				require.NoError(t, sim.Unbind(v))
			}
			mean := sum / n
			variance := sum2/n - mean*mean
			se := math.Sqrt(lambda / n)
			assert.InDelta(t, lambda, mean, 5*se, "mean count per step")
			// var of the sample variance of a Poisson(λ): (λ + 2λ²)/n
			assert.InDelta(t, lambda, variance, 5*math.Sqrt((lambda+2*lambda*lambda)/n), "variance of the count (Poisson: equal to the mean)")
		})
	}
}
