package eprop

import (
	"math"
	"math/rand/v2"
	"testing"

	"github.com/stretchr/testify/require"

	"github.com/spikecs/spikecs/ecs"
)

// randomNet sets the trainer's weights from a seeded stream: input weights
// N(winMean, winSD), recurrent N(0, wrecSD) (no autapses), readout
// N(0, 1/sqrt(N)), random feedback N(0, 1).
func randomNet(t *Trainer, seed uint64, winMean, winSD, wrecSD float64) {
	r := ecs.Stream(seed, "test", "weights")
	l, p := t.L, t.L.P()
	for j := range l.N {
		for i := range p {
			if i < l.In {
				t.W[j*p+i] = winMean + winSD*r.NormFloat64()
			} else {
				t.W[j*p+i] = wrecSD * r.NormFloat64()
			}
		}
	}
	for i := range t.Out.W {
		t.Out.W[i] = r.NormFloat64() / math.Sqrt(float64(l.N))
	}
	for i := range t.B {
		t.B[i] = r.NormFloat64()
	}
	t.Sync()
}

// randomTrial draws Bernoulli(prob) input spikes and a target: random
// values (MSE) or a random class over the last window steps (CE).
func randomTrial(r *rand.Rand, steps, in, k int, prob float64, kind LossKind, window int) *Trial {
	tr := &Trial{Steps: steps, X: make([]float64, steps*in), Target: make([]float64, steps*k), Label: -1}
	for i := range tr.X {
		if r.Float64() < prob {
			tr.X[i] = 1
		}
	}
	if kind == MSE {
		for i := range tr.Target {
			tr.Target[i] = r.NormFloat64()
		}
		return tr
	}
	tr.Label = r.IntN(k)
	tr.Weight = make([]float64, steps)
	for s := steps - window; s < steps; s++ {
		tr.Weight[s] = 1 / float64(window)
		tr.Target[s*k+tr.Label] = 1
	}
	return tr
}

// relErr returns max|a − b| / max|b|.
func relErr(t *testing.T, a, b []float64) float64 {
	t.Helper()
	require.Len(t, a, len(b))
	num, den := 0.0, 0.0
	for i := range a {
		num = max(num, math.Abs(a[i]-b[i]))
		den = max(den, math.Abs(b[i]))
	}
	require.Greater(t, den, 0.0, "the reference gradient is zero: the test network is silent")
	return num / den
}
