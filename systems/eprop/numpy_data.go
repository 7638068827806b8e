package eprop

import (
	"math"

	"github.com/spikecs/spikecs/components"
)

// numpySineData draws eprop-sine's initial weights, frozen input and
// target with numpy's legacy generator seeded with seed, in the order
// and the shapes of NEST's eprop_supervised_regression_sine-waves
// example (the same as Bellec's tutorial_pattern_generation):
//
//	W_in  = float32(randn(In, N)ᵀ/sqrt(In))     W_rec = float32(randn(N, N)ᵀ/sqrt(N)), diagonal 0
//	W_out = float32(randn(N, K)ᵀ/sqrt(N))       B     = float32(randn(N, K)/sqrt(N))
//	input = rand(steps, In) < prob, no spikes in step 0
//	target: amplitudes uniform(0.5, 2, 4), phases uniform(0, 2π, 4)
//
// It sets the trainer's weights and returns the trial.
func numpySineData(t *Trainer, seed uint32, steps int, prob float64) *Trial {
	r := newNPRandom(seed)
	l, p, k := t.L, t.L.P(), t.Cfg.Outputs
	f32 := func(x float64) float64 { return float64(float32(x)) }
	sIn, sRec := math.Sqrt(float64(l.In)), math.Sqrt(float64(l.N))
	for i := range l.In { // randn(In, N): row i is input i
		for j := range l.N {
			t.W[j*p+i] = f32(r.NormFloat64() / sIn)
		}
	}
	for i := range l.N { // randn(N, N)ᵀ: row i is the presynaptic neuron
		for j := range l.N {
			w := f32(r.NormFloat64() / sRec)
			if i == j {
				w = 0
			}
			t.W[j*p+l.In+i] = w
		}
	}
	for j := range l.N { // randn(N, K)ᵀ
		for kk := range k {
			t.Out.W[kk*l.N+j] = f32(r.NormFloat64() / sRec)
		}
	}
	for j := range l.N { // randn(N, K)
		for kk := range k {
			t.B[j*k+kk] = f32(r.NormFloat64() / sRec)
		}
	}
	t.Sync()
	trial := &Trial{Steps: steps, X: make([]float64, steps*l.In), Target: make([]float64, steps), Label: -1}
	for n := range steps {
		for i := range l.In {
			if r.Float64() < prob && n > 0 {
				trial.X[n*l.In+i] = 1
			}
		}
	}
	periods := []int{1000, 500, 333, 200}
	amp, phase := make([]float64, 4), make([]float64, 4)
	for i := range amp {
		amp[i] = r.Uniform(0.5, 2)
	}
	for i := range phase {
		phase[i] = r.Uniform(0, 2*math.Pi)
	}
	for s, period := range periods {
		// np.linspace(φ, φ + 2π·cycles, steps): start + n·step, the last
		// point exactly the stop value.
		start, stop := phase[s], phase[s]+2*math.Pi*float64(steps/period)
		step := (stop - start) / float64(max(steps-1, 1))
		for n := range steps {
			x := start + float64(n)*step
			if n == steps-1 && steps > 1 {
				x = stop
			}
			trial.Target[n] += amp[s] * math.Sin(x)
		}
	}
	first, peak := trial.Target[0], 0.0
	for n := range trial.Target {
		trial.Target[n] -= first
		peak = max(peak, math.Abs(trial.Target[n]))
	}
	peak = max(peak, 1e-6)
	for n := range trial.Target {
		trial.Target[n] /= peak
	}
	return trial
}

// bellecLIF returns g (a soft-reset LIF with V_reset = V_rest = 0 and
// Bellec's ψ) re-parametrised so that spikecs's dynamics equal those of
// Bellec's LightLIF and NEST's eprop_iaf_bsshslm_2020. spikecs resets
// before the leak, V^n = α·(V^{n−1} − span·z^{n−1}) + K·R·I^n; they
// subtract the threshold after it, V^n = α·V^{n−1} + K·R·I^n −
// V_th·z^{n−1}. With span = V_th/α (V_reset = V_th − V_th/α) the two
// agree; v_scaled then is α·(V − V_th)/V_th, so relu_grad with width α and
// alpha 0.3/α² gives ψ = 0.3/V_th·max(0, 1 − |V − V_th|/V_th), Bellec's.
// For an ALIF group the same holds with V_th + β·a in place of V_th.
func bellecLIF(g Group, dtMs float64) Group {
	alpha := math.Exp(-dtMs / g.TauMs)
	g.VResetMV = g.VThMV - g.VThMV/alpha
	g.Surrogate = components.SurrogateSpec{Kind: components.SurrogateReluGrad, P: [4]float64{0.3 / (alpha * alpha), alpha}}
	return g
}
