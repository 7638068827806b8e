package systems_test

import (
	"math"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/spikecs/spikecs/components"
	"github.com/spikecs/spikecs/ecs"
	"github.com/spikecs/spikecs/systems"
)

// inputCurrents steps a Sim that has only the input stage (ecs.New: no
// neuron systems) and returns, per step, every neuron's Input.CurrentMA
// plus the population's SharedInput (cleared after reading, as the
// integrate stage would).
func inputCurrents(t *testing.T, sim *ecs.Sim, id, steps int) [][]float64 {
	t.Helper()
	out := make([][]float64, steps)
	for s := range out {
		require.NoError(t, sim.Step())
		v, err := sim.Bind(id)
		require.NoError(t, err)
		row := make([]float64, v.N)
		for i := range v.Input {
			row[i] = v.Input[i].CurrentMA + v.SharedInput.CurrentMA
			v.Input[i].CurrentMA = 0
		}
		v.SharedInput.CurrentMA = 0
		require.NoError(t, sim.Unbind(v))
		out[s] = row
	}
	return out
}

// noiseSim returns a Sim of n LIF neurons (dt 0.1 ms) with a noise input.
func noiseSim(t *testing.T, n int, kind systems.NoiseKind, mean, sigma, tau float64) *ecs.Sim {
	t.Helper()
	sim, err := ecs.New(ecs.Options{DtMs: 0.1, Seed: 42})
	require.NoError(t, err)
	_, err = sim.AddPopulation(ecs.LIF("p", n))
	require.NoError(t, err)
	nc, err := systems.NewNoiseCurrent(sim, "p", kind, components.Shared(mean), components.Shared(sigma), components.Shared(tau), 0, posInf)
	require.NoError(t, err)
	require.NoError(t, sim.AddNeuronSystem(ecs.StageInput, nc))
	return sim
}

// TestOUNoiseStationaryMoments: 100 neurons × 10,000 steps = 1e6 samples
// of an OU current (μ = 1 mA, σ = 0.3 mA, τ = 0.2 ms, dt = 0.1 ms, seed
// 42) have the stationary mean μ and variance σ² within 2 %, and a lag-1
// autocorrelation e^(−dt/τ).
//
// Tolerance: successive samples are correlated with ρ = e^(−0.5) = 0.61,
// so the 1e6 samples count as N_eff = N(1 − ρ)/(1 + ρ) ≈ 2.4e5 independent
// ones. The standard error of the variance is then σ²·sqrt(2/N_eff) ≈
// 0.29 % and that of the mean σ/sqrt(N_eff)/μ ≈ 0.06 %: 2 % is about 7
// standard errors, so a correct update passes for any seed while a wrong
// one does not — Euler–Maruyama at dt/τ = 0.5 has a stationary variance
// of σ²/(1 − dt/(2τ)) = 1.33 σ², 33 % off.
func TestOUNoiseStationaryMoments(t *testing.T) {
	const mu, sigma, tau, dt = 1.0, 0.3, 0.2, 0.1
	cur := inputCurrents(t, noiseSim(t, 100, systems.NoiseOU, mu, sigma, tau), 0, 10_000)
	var xs []float64
	var lag, n float64
	for s, row := range cur {
		xs = append(xs, row...)
		if s > 0 {
			for i, x := range row {
				lag += (x - mu) * (cur[s-1][i] - mu)
				n++
			}
		}
	}
	require.Len(t, xs, 1_000_000)
	m, v := meanVar(xs)
	assert.InEpsilon(t, mu, m, 0.02, "stationary mean")
	assert.InEpsilon(t, sigma*sigma, v, 0.02, "stationary variance")
	rho := lag / n / (sigma * sigma)
	assert.InDelta(t, math.Exp(-dt/tau), rho, 0.01, "lag-1 autocorrelation e^(-dt/tau)")
	t.Logf("OU: mean %.5f (want %v), variance %.5f (want %v), rho %.4f (want %.4f)", m, mu, v, sigma*sigma, rho, math.Exp(-dt/tau))
}

// TestWhiteNoiseScalesWithDt: the per-step white-noise current has mean μ
// and variance σ²/dt (1e6 independent samples: standard error of the
// variance 0.14 %, tolerance 2 %), at two time steps.
func TestWhiteNoiseScalesWithDt(t *testing.T) {
	const mu, sigma = 0.5, 0.2
	for _, dt := range []float64{0.1, 0.025} {
		sim, err := ecs.New(ecs.Options{DtMs: dt, Seed: 7})
		require.NoError(t, err)
		_, err = sim.AddPopulation(ecs.LIF("p", 100))
		require.NoError(t, err)
		nc, err := systems.NewNoiseCurrent(sim, "p", systems.NoiseWhite, components.Shared(mu), components.Shared(sigma), components.Param{}, 0, posInf)
		require.NoError(t, err)
		require.NoError(t, sim.AddNeuronSystem(ecs.StageInput, nc))
		var xs []float64
		for _, row := range inputCurrents(t, sim, 0, 10_000) {
			xs = append(xs, row...)
		}
		m, v := meanVar(xs)
		assert.InDelta(t, mu, m, 4*sigma/math.Sqrt(dt)/1000, "mean at dt %v", dt)
		assert.InEpsilon(t, sigma*sigma/dt, v, 0.02, "variance sigma^2/dt at dt %v", dt)
	}
}

// TestNoiseIsPartitionIndependent: the same neurons get the same noise
// whether the population is whole or split in two.
func TestNoiseIsPartitionIndependent(t *testing.T) {
	build := func(p ecs.Partition) (*ecs.Sim, *systems.NoiseCurrent) {
		sim, err := ecs.New(ecs.Options{DtMs: 0.1, Seed: 3, Partition: p})
		require.NoError(t, err)
		_, err = sim.AddPopulation(ecs.LIF("p", 11))
		require.NoError(t, err)
		sig := make([]float64, 11)
		for i := range sig {
			sig[i] = 0.1 * float64(i+1)
		}
		nc, err := systems.NewNoiseCurrent(sim, "p", systems.NoiseOU, components.Shared(0.2), components.PerNeuron(sig), components.Shared(3), 1, posInf)
		require.NoError(t, err)
		require.NoError(t, sim.AddNeuronSystem(ecs.StageInput, nc))
		return sim, nc
	}
	whole, _ := build(ecs.Partition{})
	want := inputCurrents(t, whole, 0, 50)
	for idx := range 2 {
		sim, _ := build(ecs.Partition{Index: idx, Count: 2})
		got := inputCurrents(t, sim, 0, 50)
		off := sim.Offset(0)
		for s := range got {
			for i, x := range got[s] {
				require.Equal(t, want[s][off+i], x, "step %d neuron %d (partition %d)", s, off+i, idx)
			}
		}
	}
	assert.Zero(t, want[9][0], "inactive before start (1 ms = step 10)")
	assert.NotZero(t, want[10][0], "active from start")
}

// sineRate is the rate profile of the inhomogeneous Poisson tests:
// 50 + 40·sin(2π·5 Hz·t + 0.3) Hz.
func sineRate(t float64) float64 { return 50 + 40*math.Sin(2*math.Pi*5*t*1e-3+0.3) }

// TestInhomogeneousPoissonSourceFollowsProfile: 2000 source neurons with
// a sinusoidal rate (50 ± 40 Hz at 5 Hz) for 1 s; the spike count of each
// 10 ms bin matches N·Σ rate(t_n)·dt within 4 standard deviations of the
// binomial count (sqrt of the expected count, ≈ 32 for a mean of about
// 1000), and the bins' χ² over their 100 degrees of freedom stays below
// 100 + 5·sqrt(200) (five standard deviations of χ²).
func TestInhomogeneousPoissonSourceFollowsProfile(t *testing.T) {
	const n, dt, steps, bin = 2000, 0.1, 10_000, 100
	sim, err := systems.NewSim(ecs.Options{DtMs: dt, Seed: 11})
	require.NoError(t, err)
	id, err := sim.AddPopulation(ecs.PopulationSpec{Name: "src", Size: n, Source: &ecs.SourceSpec{RateHz: ecs.Scalar(0)}})
	require.NoError(t, err)
	spec := systems.ProfileSpec{Kind: systems.ProfileSine, Offset: components.Shared(50), Amplitude: components.Shared(40),
		FrequencyHz: components.Shared(5), PhaseRad: components.Shared(0.3), ClipAtZero: true}
	d, err := systems.NewRateDriver(sim, "src", spec)
	require.NoError(t, err)
	require.NoError(t, sim.AddSystem(ecs.StageInput, d))
	counts := make([]float64, steps/bin)
	for s := range steps {
		require.NoError(t, sim.Step())
		counts[s/bin] += float64(len(sim.Fired(id)))
	}
	chi2 := 0.0
	for b, c := range counts {
		want := 0.0
		for s := b * bin; s < (b+1)*bin; s++ {
			p := sineRate(float64(s)*dt) * dt * 1e-3
			want += n * p
		}
		sd := math.Sqrt(want)
		assert.InDelta(t, want, c, 4*sd, "bin %d (%v–%v ms)", b, float64(b*bin)*dt, float64((b+1)*bin)*dt)
		chi2 += (c - want) * (c - want) / want
	}
	assert.Less(t, chi2, 100+5*math.Sqrt(200), "chi-square of 100 bins")
	t.Logf("chi2 = %.1f over %d bins", chi2, len(counts))
}

// TestInhomogeneousPoissonInputFollowsSeries: a Poisson input into V with
// a per-neuron series rate (neuron 0: 0, 200, 400 Hz; neuron 1: 400, 0,
// 200 Hz in 20 ms samples) gives, per neuron and sample, a mean kick of
// count·rate·dt (count 50, weight 1 mV): the sums over each sample's 200
// steps × 100 repetitions match within 4 standard deviations.
func TestInhomogeneousPoissonInputFollowsSeries(t *testing.T) {
	const count, dt = 50, 0.1
	rates := [][2]float64{{0, 400}, {200, 0}, {400, 200}}
	vals := []float64{}
	for _, r := range rates {
		vals = append(vals, r[0], r[1])
	}
	spec := systems.ProfileSpec{Kind: systems.ProfileSeries, Values: vals, Width: 2, SampleMs: 20}
	sim, err := ecs.New(ecs.Options{DtMs: dt, Seed: 5})
	require.NoError(t, err)
	_, err = sim.AddPopulation(ecs.LIF("p", 200))
	require.NoError(t, err)
	// 200 neurons: columns repeat the two profiles 100 times
	wide := systems.ProfileSpec{Kind: systems.ProfileSeries, SampleMs: 20, Width: 200}
	for k := range rates {
		for i := range 200 {
			wide.Values = append(wide.Values, spec.Values[k*2+i%2])
		}
	}
	pi, err := systems.NewPoissonInputProfile(sim, "p", count, wide, 1, systems.PoissonBinomial, 0, posInf)
	require.NoError(t, err)
	require.NoError(t, sim.AddNeuronSystem(ecs.StageInput, pi))
	prev := make([]float64, 200)
	sums := make([][2]float64, len(rates))
	for s := range 600 {
		require.NoError(t, sim.Step())
		v, err := sim.Bind(0)
		require.NoError(t, err)
		for i := range v.Membrane {
			sums[s/200][i%2] += v.Membrane[i].V - prev[i]
			prev[i] = v.Membrane[i].V
		}
		require.NoError(t, sim.Unbind(v))
	}
	for k, r := range rates {
		for j := range 2 {
			p := r[j] * dt * 1e-3
			want := 200 * 100 * count * p
			sd := math.Sqrt(200 * 100 * count * p * (1 - p))
			assert.InDelta(t, want, sums[k][j], 4*sd+1e-9, "sample %d, profile %d (rate %v Hz)", k, j, r[j])
		}
	}
}

// TestProfileCurrentShapes: step, ramp, sine and series currents take the
// documented values at chosen steps (dt 0.5 ms).
func TestProfileCurrentShapes(t *testing.T) {
	cases := []struct {
		name          string
		spec          systems.ProfileSpec
		start, stop   float64
		step          []int
		want          []float64
		perNeuronWant [][]float64
	}{
		{"steps", systems.ProfileSpec{Kind: systems.ProfileSteps, TimesMs: []float64{1, 2.5}, Values: []float64{2, -1}, Width: 1}, 0, posInf,
			[]int{0, 1, 2, 4, 5, 6, 100}, []float64{0, 0, 2, 2, -1, -1, -1}, nil},
		{"ramp", systems.ProfileSpec{Kind: systems.ProfileRamp, From: components.Shared(1), To: components.Shared(3)}, 1, 3,
			[]int{1, 2, 3, 4, 5, 6}, []float64{0, 1, 1.5, 2, 2.5, 0}, nil},
		{"sine", systems.ProfileSpec{Kind: systems.ProfileSine, Offset: components.Shared(1), Amplitude: components.Shared(2), FrequencyHz: components.Shared(500), PhaseRad: components.Shared(0)}, 0, posInf,
			[]int{0, 1, 2, 3, 4}, []float64{1, 3, 1, -1, 1}, nil},
		{"series held after the end", systems.ProfileSpec{Kind: systems.ProfileSeries, SampleMs: 1, Values: []float64{5, 6, 7}, Width: 1}, 0.5, posInf,
			[]int{0, 1, 2, 3, 5, 100}, []float64{0, 5, 5, 6, 7, 7}, nil},
		{"per-neuron series", systems.ProfileSpec{Kind: systems.ProfileSeries, SampleMs: 1, Values: []float64{1, 2, 3, 4}, Width: 2}, 0, posInf,
			[]int{0, 1, 2, 9}, nil, [][]float64{{1, 2}, {1, 2}, {3, 4}, {3, 4}}},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			sim, err := ecs.New(ecs.Options{DtMs: 0.5})
			require.NoError(t, err)
			_, err = sim.AddPopulation(ecs.LIF("p", 2))
			require.NoError(t, err)
			pc, err := systems.NewProfileCurrent(sim, "p", c.spec, c.start, c.stop)
			require.NoError(t, err)
			require.NoError(t, sim.AddNeuronSystem(ecs.StageInput, pc))
			cur := inputCurrents(t, sim, 0, 101)
			for k, s := range c.step {
				if c.perNeuronWant != nil {
					assert.InDeltaSlice(t, c.perNeuronWant[k], cur[s], 1e-12, "step %d", s)
					continue
				}
				assert.InDelta(t, c.want[k], cur[s][0], 1e-12, "step %d", s)
				assert.Equal(t, cur[s][0], cur[s][1], "shared: both neurons")
			}
		})
	}
}

// TestProfileErrors: mismatched widths, a ramp without a stop, bad rates.
func TestProfileErrors(t *testing.T) {
	sim, err := ecs.New(ecs.Options{DtMs: 0.1})
	require.NoError(t, err)
	_, err = sim.AddPopulation(ecs.LIF("p", 3))
	require.NoError(t, err)
	_, err = sim.AddPopulation(ecs.PopulationSpec{Name: "src", Size: 3, Source: &ecs.SourceSpec{RateHz: ecs.Scalar(0)}})
	require.NoError(t, err)
	_, err = systems.NewProfileCurrent(sim, "p", systems.ProfileSpec{Kind: systems.ProfileSeries, SampleMs: 1, Values: []float64{1, 2}, Width: 2}, 0, posInf)
	assert.ErrorContains(t, err, "expected 1 or 3")
	_, err = systems.NewProfileCurrent(sim, "p", systems.ProfileSpec{Kind: systems.ProfileRamp, From: components.Shared(0), To: components.Shared(1)}, 0, posInf)
	assert.ErrorContains(t, err, "ramp needs the input's stop")
	_, err = systems.NewRateDriver(sim, "src", systems.ProfileSpec{Kind: systems.ProfileSeries, SampleMs: 1, Values: []float64{1, -2}, Width: 1})
	assert.ErrorContains(t, err, "must stay within 0")
	_, err = systems.NewRateDriver(sim, "src", systems.ProfileSpec{Kind: systems.ProfileSteps, TimesMs: []float64{0}, Values: []float64{20000}, Width: 1})
	assert.ErrorContains(t, err, "1/dt")
	_, err = systems.NewRateDriver(sim, "p", systems.ProfileSpec{Kind: systems.ProfileSine, Amplitude: components.Shared(1), FrequencyHz: components.Shared(1)})
	assert.ErrorContains(t, err, "not a spike source")
	_, err = systems.NewNoiseCurrent(sim, "p", systems.NoiseOU, components.Shared(0), components.Shared(1), components.Shared(0), 0, posInf)
	assert.ErrorContains(t, err, "tau value 0 (0) must be > 0")
	_, err = systems.NewNoiseCurrent(sim, "src", systems.NoiseWhite, components.Shared(0), components.Shared(1), components.Param{}, 0, posInf)
	assert.ErrorContains(t, err, "spike source")
}
