package eprop

import (
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/spikecs/spikecs/ecs"
)

// TestRunBatchIndependentOfWorkers: RunBatch gives bit-identical weights,
// losses and predictions with 1, 2, 3 and 7 workers (the trials'
// gradients are added in trial order), on a LIF+ALIF network with
// refractoriness, cross-entropy, the rate regulariser and Adam, over
// three batches of 7 trials.
func TestRunBatchIndependentOfWorkers(t *testing.T) {
	run := func(workers int) (Weights, []TrialResult) {
		alif := ALIFGroup("ad", 4, 20, 0.6, 200, 0.3)
		alif.TauRefMs = 3
		lif := LIFGroup("reg", 3, 15, 0.6)
		lif.TauRefMs = 2
		l, err := NewLayer(1, 5, lif, alif)
		require.NoError(t, err)
		tr, err := NewTrainer(Config{Layer: l, Outputs: 2, TauOutMs: 20, OneMinusKappa: true, Loss: CrossEntropy,
			Feedback: RandomFeedback, CReg: 2, FTargetHz: 10, Optimizer: Adam, LearningRate: 5e-3, BatchSize: 7})
		require.NoError(t, err)
		randomNet(tr, 11, 0.8, 0.5, 0.3)
		r := ecs.Stream(11, "batch", "trials")
		var all []TrialResult
		for range 3 {
			batch := make([]*Trial, 7)
			for b := range batch {
				batch[b] = randomTrial(r, 80, 5, 2, 0.3, CrossEntropy, 20)
			}
			res, err := tr.RunBatch(batch, workers)
			require.NoError(t, err)
			all = append(all, res...)
		}
		require.Equal(t, 3, tr.Iteration)
		return tr.Weights(), all
	}
	w1, r1 := run(1)
	for _, workers := range []int{2, 3, 7} {
		w, r := run(workers)
		assert.Equal(t, w1, w, "weights with %d workers", workers)
		assert.Equal(t, r1, r, "losses and predictions with %d workers", workers)
	}
}

// TestEvidenceSameForAnyWorkerCount: a short eprop-evidence run (batches
// of 5, a validation after every iteration, under both stopping rules)
// gives identical losses, accuracies, validation errors and weights on 1
// and 2 workers.
func TestEvidenceSameForAnyWorkerCount(t *testing.T) {
	for _, rule := range []EvidenceStopping{StopReference, StopFixed} {
		run := func(workers int) *TrainResult {
			res, err := RunEvidence(EvidenceOptions{Seed: 4, Iterations: 2, Batch: 5, ValidateEvery: 1, ValidationTrials: 3,
				Stopping: rule, Workers: workers})
			require.NoError(t, err)
			return res
		}
		a, b := run(1), run(2)
		require.Len(t, a.Loss, 2)
		assert.Equal(t, a.Loss, b.Loss, rule.String())
		assert.Equal(t, a.Accuracy, b.Accuracy, rule.String())
		assert.Equal(t, a.Validation, b.Validation, rule.String())
		assert.Equal(t, a.Weights, b.Weights, rule.String())
		assert.Equal(t, a.Readout, b.Readout, rule.String())
	}
}
