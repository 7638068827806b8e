package eprop

import "fmt"

// FeedbackKind selects the learning-signal weights B (N×K):
// L_j = Σ_k B_jk·err_k.
type FeedbackKind uint8

// The feedback kinds.
const (
	// RandomFeedback keeps B fixed at its initial random values (Bellec's
	// default "random e-prop").
	RandomFeedback FeedbackKind = iota
	// SymmetricFeedback uses B = W_outᵀ at every step: e-prop's gradient is
	// then the exact gradient with the recurrent z-paths stopped.
	SymmetricFeedback
	// AdaptiveFeedback starts from the given B and gives B_jk the same
	// change as W_out,kj at every update ("adaptive e-prop").
	AdaptiveFeedback
)

// ParseFeedback returns the feedback named "random", "symmetric" or "adaptive".
func ParseFeedback(name string) (FeedbackKind, error) {
	switch name {
	case "random":
		return RandomFeedback, nil
	case "symmetric":
		return SymmetricFeedback, nil
	case "adaptive":
		return AdaptiveFeedback, nil
	}
	return 0, fmt.Errorf("unknown feedback %q; valid: random, symmetric, adaptive", name)
}

// Config describes a training set-up: the layer, its rate readout, the
// loss, the learning rule's options and the optimiser.
type Config struct {
	Layer    *Layer
	Outputs  int     // K readout outputs
	TauOutMs float64 // readout time constant τ_out, ms
	// OneMinusKappa scales the readout's input by 1 − κ (Bellec, NEST).
	OneMinusKappa bool
	Loss          LossKind
	Feedback      FeedbackKind
	// CReg and FTargetHz define the firing-rate regulariser
	// E_reg = ½·c_reg·Σ_j (f_j − f_target)², f_j in spikes/ms over each
	// trial (NEST's form), or since the last update with UpdateEvery.
	CReg, FTargetHz float64
	Optimizer       OptimizerKind
	LearningRate    float64 // η
	// Beta1, Beta2, Epsilon are Adam's constants (0: 0.9, 0.999, 1e-8).
	Beta1, Beta2, Epsilon float64
	// WMin < WMax clips every learned weight to [WMin, WMax] (mA; the
	// readout's weights in output units per spike).
	WMin, WMax float64
	// BatchSize trials are accumulated per update (0: 1).
	BatchSize int
	// UpdateEvery > 0 applies the accumulated gradient every that many
	// steps (online e-prop); 0 updates once per batch.
	UpdateEvery int
	// FreezeIn, FreezeRec, FreezeOut keep those weights fixed.
	FreezeIn, FreezeRec, FreezeOut bool
}

// Trial is one input sequence with its targets.
type Trial struct {
	Steps  int
	X      []float64 // Steps×In: the input arriving in each step
	Target []float64 // Steps×K: y* (MSE) or the target distribution π* (CE)
	Weight []float64 // Steps: the step's weight m^n in the loss (nil: all 1)
	Label  int       // class for the accuracy (−1: none)
}

// TrialResult is what one trial produced.
type TrialResult struct {
	Loss float64 // task loss E (without the regulariser)
	// Predicted is argmax_k of Σ_n m^n·y_k^n (MSE) or Σ_n m^n·π_k^n (CE):
	// the class chosen over the weighted steps (−1 without weights).
	Predicted int
}
