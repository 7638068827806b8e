package eprop

import (
	"fmt"
	"math"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/spikecs/spikecs/ecs"
)

// TestAdamIsTensorFlowsForm: the first Adam step is
// w − η·sqrt(1 − β2)/(1 − β1)·m/(sqrt(v) + ε) with m = (1 − β1)·g,
// v = (1 − β2)·g², and the second step uses the bias correction of t = 2.
func TestAdamIsTensorFlowsForm(t *testing.T) {
	cfg := Config{Optimizer: Adam, LearningRate: 0.01, Beta1: 0.9, Beta2: 0.999, Epsilon: 1e-8}
	o := newOptimizer(&cfg, 2)
	w := []float64{1, -2}
	g := []float64{0.5, -3}
	o.step(w, g, nil, nil, 0, 0)
	for i, gi := range g {
		m, v := 0.1*gi, 0.001*gi*gi
		want := []float64{1, -2}[i] - 0.01*math.Sqrt(0.001)/0.1*m/(math.Sqrt(v)+1e-8)
		assert.InDelta(t, want, w[i], 1e-15, "weight %d after one step", i)
	}
	w2 := append([]float64(nil), w...)
	o.step(w, g, nil, nil, 0, 0)
	for i, gi := range g {
		m := 0.9*0.1*gi + 0.1*gi
		v := 0.999*0.001*gi*gi + 0.001*gi*gi
		lr := 0.01 * math.Sqrt(1-0.999*0.999) / (1 - 0.9*0.9)
		assert.InDelta(t, w2[i]-lr*m/(math.Sqrt(v)+1e-8), w[i], 1e-15, "weight %d after two steps", i)
	}
}

// TestClippingMaskAndAdaptiveFeedback: updates keep weights inside
// [WMin, WMax], leave masked synapses (autapses) at 0, and adaptive
// feedback gives B exactly the change of W_outᵀ.
func TestClippingMaskAndAdaptiveFeedback(t *testing.T) {
	l, err := NewLayer(1, 3, LIFGroup("lif", 5, 10, 1))
	require.NoError(t, err)
	tr, err := NewTrainer(Config{Layer: l, Outputs: 2, TauOutMs: 10, Loss: MSE, Feedback: AdaptiveFeedback,
		Optimizer: GradientDescent, LearningRate: 5, WMin: -0.5, WMax: 0.5})
	require.NoError(t, err)
	randomNet(tr, 4, 0.3, 0.2, 0.2)
	for i := range tr.W {
		tr.W[i] = min(max(tr.W[i], -0.5), 0.5)
	}
	tr.Sync()
	outBefore, bBefore := append([]float64(nil), tr.Out.W...), append([]float64(nil), tr.B...)
	trial := randomTrial(ecs.Stream(4, "clip"), 60, 3, 2, 0.4, MSE, 0)
	_, err = tr.RunTrial(trial, true, nil)
	require.NoError(t, err)
	require.Equal(t, 1, tr.Iteration)
	p := l.P()
	for j := range l.N {
		assert.Zero(t, tr.W[j*p+l.In+j], "autapse %d stays 0", j)
	}
	changed := 0
	for i, w := range tr.W {
		assert.True(t, w >= -0.5 && w <= 0.5, "weight %d = %v inside the clip range", i, w)
		if w == 0.5 || w == -0.5 {
			changed++
		}
	}
	assert.Greater(t, changed, 0, "the large learning rate must hit the clip bounds")
	for k := range 2 {
		for j := range l.N {
			dOut := tr.Out.W[k*l.N+j] - outBefore[k*l.N+j]
			dB := tr.B[j*2+k] - bBefore[j*2+k]
			assert.InDelta(t, dOut, dB, 1e-15, "B[%d][%d] follows W_out[%d][%d]", j, k, k, j)
		}
	}
}

// TestUpdateEveryStep: online e-prop (UpdateEvery = T, the trial length)
// applies the same update as one update per trial, and UpdateEvery = 1
// changes the weights during the trial.
func TestUpdateEveryStep(t *testing.T) {
	l, err := NewLayer(1, 4, LIFGroup("lif", 4, 10, 1), ALIFGroup("alif", 3, 10, 1, 50, 0.2))
	require.NoError(t, err)
	const steps = 50
	mk := func(every int) *Trainer {
		tr, err := NewTrainer(Config{Layer: l, Outputs: 1, TauOutMs: 10, Loss: MSE, CReg: 20, FTargetHz: 10,
			Optimizer: GradientDescent, LearningRate: 1e-3, UpdateEvery: every})
		require.NoError(t, err)
		randomNet(tr, 5, 2.5, 1.5, 1.0)
		return tr
	}
	trial := randomTrial(ecs.Stream(5, "online"), steps, 4, 1, 0.3, MSE, 0)
	batch, whole := mk(0), mk(steps)
	_, err = batch.RunTrial(trial, true, nil)
	require.NoError(t, err)
	_, err = whole.RunTrial(trial, true, nil)
	require.NoError(t, err)
	assert.Equal(t, 1, whole.Iteration)
	assert.LessOrEqual(t, relErr(t, whole.W, batch.W), 1e-15)

	online := mk(1)
	w0 := append([]float64(nil), online.W...)
	_, err = online.RunTrial(trial, true, nil)
	require.NoError(t, err)
	assert.Equal(t, steps, online.Iteration, "one update per step")
	assert.NotEqual(t, w0, online.W)
}

// ExampleTrainer trains a 10-neuron LIF network with e-prop to follow a
// slow sine and prints whether 100 iterations lowered the loss.
func ExampleTrainer() {
	layer, err := NewLayer(1, 5, LIFGroup("rec", 10, 20, 1)) // dt 1 ms, 5 inputs, tau 20 ms, V_th 1 mV
	if err != nil {
		panic(err)
	}
	tr, err := NewTrainer(Config{Layer: layer, Outputs: 1, TauOutMs: 20, OneMinusKappa: true, Loss: MSE,
		Feedback: SymmetricFeedback, Optimizer: Adam, LearningRate: 0.01})
	if err != nil {
		panic(err)
	}
	r := ecs.Stream(1, "example")
	for i := range tr.W {
		tr.W[i] = 1.5 * r.NormFloat64() * tr.Mask[i] // mA
	}
	for i := range tr.Out.W {
		tr.Out.W[i] = 0.3 * r.NormFloat64()
	}
	tr.Sync() // masks W and, with symmetric feedback, sets B = W_outᵀ
	trial := &Trial{Steps: 200, X: make([]float64, 200*5), Target: make([]float64, 200), Label: -1}
	for n := range trial.Steps {
		for i := range 5 {
			if r.Float64() < 0.2 {
				trial.X[n*5+i] = 1
			}
		}
		trial.Target[n] = 0.3 + 0.2*math.Sin(2*math.Pi*float64(n)/200)
	}
	first, _ := tr.RunTrial(trial, true, nil)
	var last TrialResult
	for range 100 {
		last, _ = tr.RunTrial(trial, true, nil)
	}
	fmt.Println("loss lowered:", last.Loss < first.Loss/2)
	// Output: loss lowered: true
}
