package eprop

import (
	"fmt"
	"math"
	"slices"
	"testing"

	"github.com/stretchr/testify/require"

	"github.com/spikecs/spikecs/components"
	"github.com/spikecs/spikecs/ecs"
)

// TestEpropEqualsBPTT pins e-prop's central property: with the recurrent
// and reset z-paths stopped, the forward-in-time eligibility traces give
// exactly the gradient backpropagation through time computes over the
// stored states — for LIF and ALIF, soft and hard reset, with and without
// refractoriness, random and symmetric feedback, MSE and cross-entropy,
// with the rate regulariser. Tolerance 1e-9 relative (the two sum the same
// terms in different orders; measured agreement is ~1e-14).
func TestEpropEqualsBPTT(t *testing.T) {
	lif := LIFGroup("lif", 4, 10, 1)
	alif := ALIFGroup("alif", 3, 10, 1, 50, 0.3)
	hard := func(g Group) Group { g.Hard = true; g.VResetMV = -0.2; return g }
	ref := func(g Group) Group { g.TauRefMs = 2.5; return g }
	block := func(g Group) Group {
		g.TauRefMs, g.RefractoryMode = 3.5, components.RefractoryBlock
		return g
	}
	tau := func(g Group, ms float64) Group { g.TauMs = ms; return g }
	sig := func(g Group) Group {
		g.Surrogate = components.SurrogateSpec{Kind: components.SurrogateSigmoid, P: [4]float64{4}}
		return g
	}
	cases := []struct {
		name     string
		groups   []Group
		feedback FeedbackKind
		loss     LossKind
		creg     float64
		omk      bool
		steps    int
	}{
		{"LIF soft symmetric MSE", []Group{lif}, SymmetricFeedback, MSE, 0, true, 30},
		{"LIF soft random MSE reg", []Group{lif}, RandomFeedback, MSE, 300, true, 30},
		{"LIF hard symmetric CE", []Group{hard(lif)}, SymmetricFeedback, CrossEntropy, 0, false, 40},
		{"LIF refractory random MSE", []Group{ref(lif)}, RandomFeedback, MSE, 0, true, 50},
		{"LIF hard refractory symmetric CE reg", []Group{ref(hard(lif))}, SymmetricFeedback, CrossEntropy, 50, true, 50},
		{"LIF mixed tau sigmoid surrogate", []Group{lif, sig(tau(lif, 20))}, SymmetricFeedback, MSE, 10, false, 25},
		{"ALIF soft symmetric MSE", []Group{alif}, SymmetricFeedback, MSE, 0, true, 40},
		{"ALIF soft random CE reg", []Group{alif}, RandomFeedback, CrossEntropy, 100, true, 40},
		{"ALIF hard symmetric MSE", []Group{hard(alif)}, SymmetricFeedback, MSE, 0, false, 30},
		{"ALIF refractory random MSE reg", []Group{ref(alif)}, RandomFeedback, MSE, 300, true, 50},
		{"LIF+ALIF symmetric CE", []Group{lif, alif}, SymmetricFeedback, CrossEntropy, 0, true, 50},
		{"LIF+ALIF refractory symmetric MSE reg, 400 steps (lazy rows renormalise)", []Group{ref(lif), ref(alif)}, SymmetricFeedback, MSE, 300, true, 400},
		{"LIF+ALIF hard refractory random MSE reg", []Group{ref(hard(lif)), ref(hard(alif))}, RandomFeedback, MSE, 30, false, 20},
		{"LIF soft block symmetric MSE", []Group{block(lif)}, SymmetricFeedback, MSE, 0, true, 50},
		{"LIF soft block random CE reg", []Group{block(lif)}, RandomFeedback, CrossEntropy, 100, false, 50},
		{"LIF hard block symmetric MSE reg", []Group{block(hard(lif))}, SymmetricFeedback, MSE, 50, true, 50},
		{"ALIF soft block symmetric CE", []Group{block(alif)}, SymmetricFeedback, CrossEntropy, 0, true, 50},
		{"ALIF hard block random MSE reg", []Group{block(hard(alif))}, RandomFeedback, MSE, 300, false, 50},
		{"LIF+ALIF block symmetric MSE reg, 400 steps (lazy rows renormalise)", []Group{block(lif), block(alif)}, SymmetricFeedback, MSE, 300, true, 400},
		{"block and hold groups, mixed tau, sigmoid surrogate", []Group{block(tau(lif, 20)), ref(alif), sig(block(hard(alif)))}, SymmetricFeedback, CrossEntropy, 30, true, 60},
	}
	for ci, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			const in, k = 5, 2
			l, err := NewLayer(1, in, c.groups...)
			require.NoError(t, err)
			tr, err := NewTrainer(Config{Layer: l, Outputs: k, TauOutMs: 15, OneMinusKappa: c.omk, Loss: c.loss,
				Feedback: c.feedback, CReg: c.creg, FTargetHz: 10, LearningRate: 1e-3, BatchSize: 1 << 30})
			require.NoError(t, err)
			randomNet(tr, uint64(ci+1), 2.5, 1.5, 1.0)
			trial := randomTrial(ecs.Stream(uint64(ci+1), "test", "trial"), c.steps, in, k, 0.3, c.loss, 8)
			ref, err := tr.BPTT(trial)
			require.NoError(t, err)
			res, err := tr.RunTrial(trial, true, nil)
			require.NoError(t, err)
			require.Equal(t, ref.Loss, res.Loss, "e-prop's and BPTT's forward passes must be identical")
			spikes := 0.0
			for _, c := range tr.Tr.Count {
				spikes += c
			}
			require.Greater(t, spikes, float64(c.steps)/4, "the test network must spike enough to exercise resets, holds and adaptation")
			if slices.Contains(l.Block, true) {
				require.Positive(t, blockedCrossings(t, tr, trial), "blocked steps above threshold (suppressed spikes) must occur")
			}
			gW, gOut := make([]float64, len(ref.GW)), make([]float64, len(ref.GOut))
			tr.Gradient(1, gW, gOut)
			require.LessOrEqual(t, relErr(t, gW, ref.GW), 1e-9, "input+recurrent gradient")
			require.LessOrEqual(t, relErr(t, gOut, ref.GOut), 1e-9, "readout gradient")
			t.Log(fmt.Sprintf("spikes %v, rel. errors %.2g / %.2g", spikes, relErr(t, gW, ref.GW), relErr(t, gOut, ref.GOut)))
		})
	}
}

// TestBPTTTrainerLearns: the BPTT trainer lowers the loss of a short
// regression trial (gradient descent, 200 updates: −25 % at least), and
// its first update equals e-prop's with symmetric feedback (the same
// gradient through the same optimiser).
func TestBPTTTrainerLearns(t *testing.T) {
	l, err := NewLayer(1, 5, LIFGroup("lif", 6, 10, 1), ALIFGroup("alif", 4, 10, 1, 50, 0.2))
	require.NoError(t, err)
	cfg := Config{Layer: l, Outputs: 1, TauOutMs: 10, OneMinusKappa: true, Loss: MSE, Feedback: SymmetricFeedback,
		Optimizer: GradientDescent, LearningRate: 0.03}
	bp, err := NewTrainer(cfg)
	require.NoError(t, err)
	randomNet(bp, 9, 2.5, 1.5, 1.0)
	ep, err := NewTrainer(cfg)
	require.NoError(t, err)
	require.NoError(t, ep.SetWeights(bp.Weights()))
	trial := randomTrial(ecs.Stream(9, "bptt-train"), 40, 5, 1, 0.3, MSE, 0)
	for n := range trial.Steps { // a learnable target: a smooth bump
		trial.Target[n] = 0.5 + 0.4*math.Sin(2*math.Pi*float64(n)/40)
	}

	first, err := bp.TrainBPTT(trial)
	require.NoError(t, err)
	_, err = ep.RunTrial(trial, true, nil)
	require.NoError(t, err)
	require.LessOrEqual(t, relErr(t, ep.W, bp.W), 1e-9, "one BPTT update equals one e-prop update")

	last := first
	for range 200 {
		last, err = bp.TrainBPTT(trial)
		require.NoError(t, err)
	}
	require.Less(t, last, 0.75*first, "200 BPTT updates must lower the loss by a quarter (%v → %v)", first, last)
}

// TestEpropEqualsBPTTOnEvidenceTrial: on the full eprop-evidence network
// (100 neurons, 14 000 synapses) and one 2250-step trial, e-prop's
// gradient — lazy rows and every-row form alike — equals BPTT's to 1e-9.
func TestEpropEqualsBPTTOnEvidenceTrial(t *testing.T) {
	sym := SymmetricFeedback
	tr, err := NewEvidenceTrainer(EvidenceOptions{Seed: 3, Feedback: &sym, Batch: 1 << 30})
	require.NoError(t, err)
	trial := EvidenceTrial(ecs.Stream(3, "long"))
	ref, err := tr.BPTT(trial)
	require.NoError(t, err)
	_, err = tr.RunTrial(trial, true, nil)
	require.NoError(t, err)
	require.True(t, tr.Tr.Lazy)
	gW, gOut := make([]float64, len(ref.GW)), make([]float64, len(ref.GOut))
	tr.Gradient(1, gW, gOut)
	require.LessOrEqual(t, relErr(t, gW, ref.GW), 1e-9, "lazy rows vs BPTT")
	require.LessOrEqual(t, relErr(t, gOut, ref.GOut), 1e-9)
	t.Logf("lazy vs BPTT: %.2g", relErr(t, gW, ref.GW))

	dense := NewTraces(tr.L, 2, tr.Out.Kappa, tr.Out.C, true)
	dense.Lazy = false
	if dense.EpsV == nil {
		dense.EpsV = make([]float64, len(dense.G))
	}
	tr.Tr.ClearGradients()
	tr.Tr, tr.main.tr = dense, dense
	_, err = tr.RunTrial(trial, true, nil)
	require.NoError(t, err)
	tr.Gradient(1, gW, gOut)
	require.LessOrEqual(t, relErr(t, gW, ref.GW), 1e-9, "every-row traces vs BPTT")
	t.Logf("every-row vs BPTT: %.2g", relErr(t, gW, ref.GW))
}

// blockedCrossings runs trial forward with tr's weights and counts the
// steps of block-mode neurons that are refractory with V above threshold:
// the spikes the block suppresses (and, without it, resets and
// adaptation increments that do not happen).
func blockedCrossings(t *testing.T, tr *Trainer, trial *Trial) int {
	t.Helper()
	l := tr.L
	f := NewForward(l)
	n := 0
	for s := range trial.Steps {
		require.NoError(t, f.Advance(trial.X[s*l.In:(s+1)*l.In], tr.wt))
		for j := range l.N {
			if f.Blocked[j] {
				require.Zero(t, f.Z[j], "a blocked neuron emits no spike")
				require.Zero(t, f.Psi[j], "ψ = 0 while blocked")
				if f.V[j]-l.VTh[j]-l.Beta[j]*f.A[j] >= 0 {
					n++
				}
			}
		}
	}
	return n
}
