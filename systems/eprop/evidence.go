package eprop

import (
	"fmt"
	"math"
	"math/rand/v2"
	"time"

	"github.com/spikecs/spikecs/components"
	"github.com/spikecs/spikecs/ecs"
)

// EvidenceOptions configure the eprop-evidence scenario: Bellec et al.'s
// evidence accumulation (Fig. 3), with the parameters of NEST's
// eprop_supervised_classification_evidence-accumulation example. Zero
// fields take the defaults in brackets.
type EvidenceOptions struct {
	Seed       uint64
	Iterations int     // [500] maximum number of batches
	Batch      int     // [32] trials per batch
	LR         float64 // [0.005] Adam learning rate
	// CReg [2] and FTargetHz [10]: the rate regulariser. NEST's c_reg =
	// 300 with its gradient averaged over the 150-step learning window is
	// c_reg = 2 here (docs/learning.md).
	CReg, FTargetHz float64
	// Feedback nil: random, as in NEST's example (Bellec's tutorial
	// defaults to symmetric).
	Feedback *FeedbackKind
	// Stopping is the rule that ends training below TargetError [0.07]
	// (EvidenceStopping; the zero value is Bellec's, StopReference):
	// validations every ValidateEvery [10] iterations on a fresh batch,
	// or (StopFixed) on ValidationTrials [128] fixed trials.
	Stopping                        EvidenceStopping
	ValidateEvery, ValidationTrials int
	TargetError                     float64
	Init                            *Weights
	// BellecReset re-parametrises V_reset and the surrogate so that the
	// soft reset has the depth of Bellec's and NEST's (see SineOptions;
	// the refractory hold stays spikecs's). For comparisons only.
	BellecReset bool
	// Refractory nil: the scenario's default refractory mode, NEST's and
	// Bellec's spike block (components.RefractoryBlock), as in the task's
	// reference; components.RefractoryHold gives the reference LIFRef's
	// hold.
	Refractory *components.RefractoryMode
	// Workers [2] run the trials of a batch in parallel.
	Workers int
	// Progress, when non-nil, is called after every iteration with the
	// batch's mean loss and error.
	Progress func(iteration int, loss, batchError float64)
	// Stop, Checkpoint and Resume: as in SineOptions.
	Stop       func() bool
	Checkpoint CheckpointFunc
	Resume     *TrainState
}

// The task's timing (steps of 1 ms) and inputs.
const (
	evCues      = 7
	evCueSteps  = 100
	evSpacing   = 50
	evNoise     = 1050
	evRecall    = 150
	evSteps     = evCues*(evCueSteps+evSpacing) + evNoise + evRecall // 2250
	evInputs    = 40                                                 // 4 groups of 10: left, right, recall, noise
	evProb      = 0.04                                               // 40 Hz
	evGroupProb = 0.3
)

func (o *EvidenceOptions) defaults() {
	if o.Iterations == 0 {
		o.Iterations = 500
	}
	if o.Batch == 0 {
		o.Batch = 32
	}
	if o.LR == 0 {
		o.LR = 0.005
	}
	if o.CReg == 0 {
		o.CReg = 2
	}
	if o.FTargetHz == 0 {
		o.FTargetHz = 10
	}
	if o.ValidateEvery == 0 {
		o.ValidateEvery = 10
	}
	if o.ValidationTrials == 0 {
		o.ValidationTrials = 128
	}
	if o.TargetError == 0 {
		o.TargetError = 0.07
	}
	if o.Workers == 0 {
		o.Workers = 2
	}
}

// refractoryMode returns the chosen refractory mode or the default.
func (o *EvidenceOptions) refractoryMode() components.RefractoryMode {
	if o.Refractory != nil {
		return *o.Refractory
	}
	return components.RefractoryBlock
}

// EvidenceTrial draws one trial: 7 cues of 100 ms (after 50 ms of
// spacing each), left or right with probabilities 0.3/0.7 in a random
// order of sides, then 1050 ms of background and a 150 ms recall cue.
// Input groups of 10 fire at 40 Hz while active (left cue, right cue,
// recall); the noise group fires at 10 Hz throughout. The label is 1
// (right) when more than 3 cues were right. The cross-entropy target is
// the label over the recall window, each of its steps weighted 1/150.
func EvidenceTrial(r *rand.Rand) *Trial {
	const k = 2
	tr := &Trial{Steps: evSteps, X: make([]float64, evSteps*evInputs), Target: make([]float64, evSteps*k), Weight: make([]float64, evSteps)}
	pRight := evGroupProb
	if r.IntN(2) == 1 {
		pRight = 1 - evGroupProb
	}
	group := evInputs / 4
	prob := make([]float64, evInputs)
	right := 0
	cue := make([]int, evCues)
	for c := range cue {
		if r.Float64() < pRight {
			cue[c] = 1
			right++
		}
	}
	tr.Label = 0
	if right > evCues/2 {
		tr.Label = 1
	}
	for n := range evSteps {
		clear(prob)
		for i := 3 * group; i < evInputs; i++ {
			prob[i] = evProb / 4
		}
		if c := n / (evCueSteps + evSpacing); c < evCues && n%(evCueSteps+evSpacing) >= evSpacing {
			for i := cue[c] * group; i < (cue[c]+1)*group; i++ {
				prob[i] = evProb
			}
		}
		if n >= evSteps-evRecall {
			for i := 2 * group; i < 3*group; i++ {
				prob[i] = evProb
			}
			tr.Weight[n] = 1.0 / evRecall
			tr.Target[n*k+tr.Label] = 1
		}
		if n == 0 {
			continue // no input in step 0, as in NEST's example
		}
		for i, p := range prob {
			if p > 0 && r.Float64() < p {
				tr.X[n*evInputs+i] = 1
			}
		}
	}
	return tr
}

// NewEvidenceTrainer builds the eprop-evidence network: 50 LIF and 50
// ALIF neurons (τ_m = 20 ms, V_th = 0.6 mV, 5 ms refractory period,
// R = 1/(1 − e^(−dt/τ_m)) so an input spike of weight w raises V by w
// mV; ALIF τ_a = 2000 ms, β = 1.7·(1 − ρ)/(1 − α)/ρ mV with
// ρ = e^(−dt/τ_a), α = e^(−dt/τ_m): NEST's threshold), two readouts (τ_out = 20 ms, input factor 1 − κ), softmax
// cross-entropy, random feedback (unless chosen otherwise), Adam.
func NewEvidenceTrainer(o EvidenceOptions) (*Trainer, error) {
	o.defaults()
	const dt, tau, tauA, vth = 1.0, 20.0, 2000.0, 0.6
	k := -math.Expm1(-dt / tau)
	reg := LIFGroup("reg", 50, tau, vth)
	reg.ROhm, reg.TauRefMs = 1/k, 5
	// NEST's adapt_beta = 1.7·(1 − ρ)/(1 − α), divided by ρ: NEST (and
	// Bellec) decay a and then add the spike, spikecs adds and then decays,
	// so spikecs's a is ρ times NEST's and β/ρ gives NEST's threshold.
	rho := math.Exp(-dt / tauA)
	ad := ALIFGroup("ad", 50, tau, vth, tauA, 1.7*(-math.Expm1(-dt/tauA))/k/rho)
	ad.ROhm, ad.TauRefMs = 1/k, 5
	if o.BellecReset {
		reg, ad = bellecLIF(reg, dt), bellecLIF(ad, dt)
	}
	reg.RefractoryMode = o.refractoryMode()
	ad.RefractoryMode = reg.RefractoryMode
	l, err := NewLayer(dt, evInputs, reg, ad)
	if err != nil {
		return nil, err
	}
	fb := RandomFeedback
	if o.Feedback != nil {
		fb = *o.Feedback
	}
	tr, err := NewTrainer(Config{Layer: l, Outputs: 2, TauOutMs: tau, OneMinusKappa: true, Loss: CrossEntropy,
		Feedback: fb, CReg: o.CReg, FTargetHz: o.FTargetHz, Optimizer: Adam, LearningRate: o.LR,
		WMin: -100, WMax: 100, BatchSize: o.Batch})
	if err != nil {
		return nil, err
	}
	if o.Init != nil {
		return tr, tr.SetWeights(*o.Init)
	}
	r := ecs.Stream(o.Seed, "eprop-evidence", "weights")
	initWeights(tr, r)
	limit := math.Sqrt(3 / (float64(l.N+2) / 2)) // Glorot uniform readout
	for i := range tr.Out.W {
		tr.Out.W[i] = limit * (2*r.Float64() - 1)
	}
	for i := range tr.B {
		tr.B[i] = r.NormFloat64()
	}
	tr.Sync()
	return tr, nil
}

// RunEvidence trains eprop-evidence until the validation error is below
// the target (by o.Stopping) or the iterations are used up. Loss per
// iteration is the batch mean of the recall-window mean cross-entropy;
// Accuracy is the batch's fraction of correct choices.
func RunEvidence(o EvidenceOptions) (*TrainResult, error) {
	o.defaults()
	start := time.Now()
	tr, err := NewEvidenceTrainer(o)
	if err != nil {
		return nil, err
	}
	trainSrc := ecs.StreamSource(o.Seed, "eprop-evidence", "train")
	vrSrc := ecs.StreamSource(o.Seed, "eprop-evidence", "validation")
	confirmSrc := ecs.StreamSource(o.Seed, "eprop-evidence", "confirmation")
	train, vr := rand.New(trainSrc), rand.New(vrSrc)
	var valid []*Trial // StopFixed's trials; the readout figure's trial
	if o.Stopping == StopFixed {
		valid = make([]*Trial, o.ValidationTrials)
	} else {
		valid = make([]*Trial, 1)
	}
	for i := range valid {
		valid[i] = EvidenceTrial(vr)
	}
	stop := evidenceStopper{o: &o, tr: tr, valid: valid, fresh: vr, confirm: rand.New(confirmSrc)}
	res := &TrainResult{Steps: evSteps, K: 2, DtMs: 1, ValidationError: 1}
	batch := make([]*Trial, o.Batch)
	res.Readout, res.Target = make([]float64, evSteps*2), make([]float64, evSteps*2)
	first := 1
	if s := o.Resume; s != nil {
		if err := tr.SetState(s.Trainer); err != nil {
			return nil, fmt.Errorf("eprop-evidence: resume: %w", err)
		}
		if err := loadStreams(s.Streams, trainSrc, vrSrc, confirmSrc); err != nil {
			return nil, fmt.Errorf("eprop-evidence: resume: %w", err)
		}
		first = s.Iterations + 1
		res.Loss, res.Accuracy = clone(s.Loss), clone(s.Accuracy)
		res.Validation = append([]Validation(nil), s.Validation...)
		res.ValidationError, stop.last, stop.seen = s.ValidationError, s.StopLast, s.StopSeen
	}
	state := func() *TrainState {
		return &TrainState{Iterations: len(res.Loss), Trainer: tr.State(), Loss: clone(res.Loss), Accuracy: clone(res.Accuracy),
			Validation: append([]Validation(nil), res.Validation...), ValidationError: res.ValidationError,
			Streams: saveStreams(trainSrc, vrSrc, confirmSrc), StopLast: stop.last, StopSeen: stop.seen}
	}
	for it := first; it <= o.Iterations; it++ {
		if o.Stop != nil && o.Stop() {
			res.Interrupted = true
			break
		}
		loss, wrong := 0.0, 0
		for b := range batch {
			batch[b] = EvidenceTrial(train)
		}
		rs, err := tr.RunBatch(batch, o.Workers)
		if err != nil {
			return nil, fmt.Errorf("eprop-evidence: %w", err)
		}
		for b, r := range rs {
			loss += r.Loss
			if r.Predicted != batch[b].Label {
				wrong++
			}
		}
		loss /= float64(o.Batch)
		res.Loss = append(res.Loss, loss)
		res.Accuracy = append(res.Accuracy, 1-float64(wrong)/float64(o.Batch))
		if o.Progress != nil {
			o.Progress(it, loss, float64(wrong)/float64(o.Batch))
		}
		done, err := stop.after(it, res)
		if err != nil {
			return nil, fmt.Errorf("eprop-evidence: validation after iteration %d: %w", it, err)
		}
		if o.Checkpoint != nil && !done { // a finished run is not continued
			if err := o.Checkpoint(state, false); err != nil {
				return nil, err
			}
		}
		if done {
			break
		}
	}
	if res.Interrupted && o.Checkpoint != nil {
		if err := o.Checkpoint(state, true); err != nil {
			return nil, err
		}
	}
	last := valid[0]
	copy(res.Target, last.Target)
	res.Weight = last.Weight
	_, err = tr.RunTrial(last, false, func(n int, y []float64) { Softmax(y, res.Readout[n*2:n*2+2]) })
	if err != nil {
		return nil, err
	}
	res.Weights = tr.Weights()
	res.WallS = time.Since(start).Seconds()
	return res, nil
}
