package eprop

import (
	"fmt"
	"math"
	"time"

	"github.com/spikecs/spikecs/ecs"
)

// SineOptions configure the eprop-sine scenario: Bellec et al.'s pattern
// generation (Fig. S7), as in NEST's eprop_supervised_regression_sine-waves
// example. Zero fields take the defaults in brackets.
type SineOptions struct {
	Seed       uint64
	Iterations int     // [2000] one 1000-step sequence each
	Steps      int     // [1000] steps per sequence (dt = 1 ms)
	Inputs     int     // [100] frozen Poisson inputs
	Neurons    int     // [100] recurrent LIF neurons
	RateHz     float64 // [50] input rate
	TauMs      float64 // [30] membrane and readout time constant
	VThMV      float64 // [0.03] threshold
	LR         float64 // [1e-4] gradient-descent learning rate
	CReg       float64 // [300] rate regularisation
	FTargetHz  float64 // [10] target rate
	// Feedback nil: random (Bellec's and NEST's choice for this task).
	Feedback *FeedbackKind
	// Init, when non-nil, replaces the random initial weights (a previous
	// run's trained weights).
	Init *Weights
	// NumpyData draws the initial weights, the frozen input and the target
	// with numpy's legacy generator seeded with Seed, in the order of
	// NEST's example (weights rounded to float32 as there): with Seed 1
	// the network gets exactly the data of NEST's
	// eprop_supervised_regression_sine-waves_bsshslm_2020 example.
	NumpyData bool
	// BellecReset sets V_reset = V_th − V_th/α and relu_grad(alpha
	// 0.3/α², width α): spikecs's reset-then-leak soft reset then equals
	// the leak-then-subtract-V_th reset of Bellec's code and NEST's
	// eprop_iaf_bsshslm_2020, with the same ψ (docs/learning.md). For
	// comparisons only; the scenario's default is spikecs's LIF.
	BellecReset bool
	// Progress, when non-nil, is called after every iteration.
	Progress func(iteration int, loss float64)
	// Stop, when non-nil, is asked before every iteration; when it says
	// true training ends there and the result is Interrupted.
	Stop func() bool
	// Checkpoint, when non-nil, is offered the state after every
	// iteration (and, final, when Stop ended the run).
	Checkpoint CheckpointFunc
	// Resume, when non-nil, continues a run from its saved state (the
	// other options must be those of the run that saved it).
	Resume *TrainState
}

// Weights are a network's weights: W (N×P: inputs then recurrent), the
// readout W_out (K×N) and the feedback B (N×K).
type Weights struct {
	N, P, K   int
	W, Out, B []float64
}

// TrainResult is the outcome of a training scenario.
type TrainResult struct {
	Loss     []float64 // per iteration
	Accuracy []float64 // per iteration (classification), else nil
	// Readout and Target are the readout and its target over the last
	// trial (Steps×K).
	Readout, Target []float64
	// Weight is the last trial's step weights (nil: every step counts).
	Weight   []float64
	Steps, K int
	DtMs     float64
	Weights  Weights
	// ValidationError is the last validation error (classification) and
	// Validation every measurement.
	ValidationError float64
	Validation      []Validation
	WallS           float64
	// Interrupted is set when Stop ended training before its iterations
	// (or its stopping test); the rest of the result is what was done.
	Interrupted bool
}

func (o *SineOptions) defaults() {
	def := func(x *float64, v float64) {
		if *x == 0 {
			*x = v
		}
	}
	defi := func(x *int, v int) {
		if *x == 0 {
			*x = v
		}
	}
	defi(&o.Iterations, 2000)
	defi(&o.Steps, 1000)
	defi(&o.Inputs, 100)
	defi(&o.Neurons, 100)
	def(&o.RateHz, 50)
	def(&o.TauMs, 30)
	def(&o.VThMV, 0.03)
	def(&o.LR, 1e-4)
	def(&o.CReg, 300)
	def(&o.FTargetHz, 10)
}

// SineTarget is the target of eprop-sine: the sum of four sines with
// periods 1000, 500, 333 and 200 steps (1, 2, 3 and 5 cycles over 1000
// steps), amplitudes uniform in [0.5, 2] and phases uniform in [0, 2π),
// shifted to start at 0 and scaled to a maximum |value| of 1.
func SineTarget(seed uint64, steps int) []float64 {
	r := ecs.Stream(seed, "eprop-sine", "target")
	out := make([]float64, steps)
	for _, period := range []int{1000, 500, 333, 200} {
		amp := 0.5 + 1.5*r.Float64()
		phase := 2 * math.Pi * r.Float64()
		cycles := float64(steps / period)
		for n := range out {
			x := phase + 2*math.Pi*cycles*float64(n)/float64(max(steps-1, 1))
			out[n] += amp * math.Sin(x)
		}
	}
	first, peak := out[0], 1e-6
	for n := range out {
		out[n] -= first
		peak = max(peak, math.Abs(out[n]))
	}
	for n := range out {
		out[n] /= peak
	}
	return out
}

// NewSineTrainer builds the eprop-sine network and its frozen trial.
func NewSineTrainer(o SineOptions) (*Trainer, *Trial, error) {
	o.defaults()
	fb := RandomFeedback
	if o.Feedback != nil {
		fb = *o.Feedback
	}
	g := LIFGroup("rec", o.Neurons, o.TauMs, o.VThMV)
	if o.BellecReset {
		g = bellecLIF(g, 1)
	}
	l, err := NewLayer(1, o.Inputs, g)
	if err != nil {
		return nil, nil, err
	}
	tr, err := NewTrainer(Config{Layer: l, Outputs: 1, TauOutMs: o.TauMs, OneMinusKappa: true, Loss: MSE,
		Feedback: fb, CReg: o.CReg, FTargetHz: o.FTargetHz, Optimizer: GradientDescent, LearningRate: o.LR,
		WMin: -100, WMax: 100, BatchSize: 1})
	if err != nil {
		return nil, nil, err
	}
	var trial *Trial
	if o.NumpyData {
		trial = numpySineData(tr, uint32(o.Seed), o.Steps, o.RateHz/1000*l.DtMs)
	} else {
		initWeights(tr, ecs.Stream(o.Seed, "eprop-sine", "weights"))
		trial = &Trial{Steps: o.Steps, X: make([]float64, o.Steps*o.Inputs), Target: SineTarget(o.Seed, o.Steps), Label: -1}
	}
	if o.Init != nil {
		if err := tr.SetWeights(*o.Init); err != nil {
			return nil, nil, err
		}
	}
	if o.NumpyData {
		return tr, trial, nil
	}
	r := ecs.Stream(o.Seed, "eprop-sine", "input")
	prob := o.RateHz / 1000 * l.DtMs
	for n := 1; n < o.Steps; n++ { // no input in step 0, as in NEST's example
		for i := range o.Inputs {
			if r.Float64() < prob {
				trial.X[n*o.Inputs+i] = 1
			}
		}
	}
	return tr, trial, nil
}

// initWeights draws Bellec's/NEST's initial weights: input N(0, 1)/sqrt(In),
// recurrent N(0, 1)/sqrt(N) without autapses, readout N(0, 1)/sqrt(N),
// feedback N(0, 1)/sqrt(N) (random and adaptive feedback).
func initWeights(t *Trainer, r interface{ NormFloat64() float64 }) {
	l, p := t.L, t.L.P()
	sIn, sRec := 1/math.Sqrt(float64(max(l.In, 1))), 1/math.Sqrt(float64(l.N))
	for j := range l.N {
		for i := range p {
			s := sRec
			if i < l.In {
				s = sIn
			}
			t.W[j*p+i] = s * r.NormFloat64() * t.Mask[j*p+i]
		}
	}
	for i := range t.Out.W {
		t.Out.W[i] = sRec * r.NormFloat64()
	}
	for i := range t.B {
		t.B[i] = sRec * r.NormFloat64()
	}
	t.Sync()
}

// Weights returns a copy of the trainer's weights.
func (t *Trainer) Weights() Weights {
	return Weights{N: t.L.N, P: t.L.P(), K: t.Cfg.Outputs,
		W: append([]float64(nil), t.W...), Out: append([]float64(nil), t.Out.W...), B: append([]float64(nil), t.B...)}
}

// SetWeights replaces the trainer's weights (shapes must match).
func (t *Trainer) SetWeights(w Weights) error {
	n, p, k := t.L.N, t.L.P(), t.Cfg.Outputs
	if w.N != n || w.P != p || w.K != k || len(w.W) != n*p || len(w.Out) != k*n || len(w.B) != n*k {
		return fmt.Errorf("eprop: weights of a %d-neuron, %d-input, %d-output network do not fit this one (%d neurons, %d inputs, %d outputs)",
			w.N, w.P-w.N, w.K, n, p-n, k)
	}
	copy(t.W, w.W)
	copy(t.Out.W, w.Out)
	copy(t.B, w.B)
	t.Sync()
	return nil
}

// RunSine trains eprop-sine and returns the loss per iteration (NEST's
// E = ½·Σ_n (y^n − y*^n)² over the 1000-step sequence), the last
// readout and the trained weights.
func RunSine(o SineOptions) (*TrainResult, error) {
	o.defaults()
	start := time.Now()
	tr, trial, err := NewSineTrainer(o)
	if err != nil {
		return nil, err
	}
	res := &TrainResult{Steps: trial.Steps, K: 1, DtMs: 1, Target: trial.Target, Readout: make([]float64, trial.Steps)}
	first := 0
	if o.Resume != nil {
		if err := tr.SetState(o.Resume.Trainer); err != nil {
			return nil, fmt.Errorf("eprop-sine: resume: %w", err)
		}
		first, res.Loss = o.Resume.Iterations, clone(o.Resume.Loss)
	}
	state := func() *TrainState {
		return &TrainState{Iterations: len(res.Loss), Trainer: tr.State(), Loss: clone(res.Loss)}
	}
	record := func(n int, y []float64) { res.Readout[n] = y[0] }
	for it := first; it < o.Iterations; it++ {
		if o.Stop != nil && o.Stop() {
			res.Interrupted = true
			break
		}
		var rec func(n int, y []float64)
		if it == o.Iterations-1 {
			rec = record
		}
		r, err := tr.RunTrial(trial, true, rec)
		if err != nil {
			return nil, fmt.Errorf("eprop-sine: %w", err)
		}
		res.Loss = append(res.Loss, r.Loss)
		if o.Progress != nil {
			o.Progress(it+1, r.Loss)
		}
		if o.Checkpoint != nil {
			if err := o.Checkpoint(state, false); err != nil {
				return nil, err
			}
		}
	}
	if res.Interrupted {
		if o.Checkpoint != nil {
			if err := o.Checkpoint(state, true); err != nil {
				return nil, err
			}
		}
		// The readout figure shows the weights reached.
		if _, err := tr.RunTrial(trial, false, record); err != nil {
			return nil, fmt.Errorf("eprop-sine: %w", err)
		}
	}
	res.Weights = tr.Weights()
	res.WallS = time.Since(start).Seconds()
	return res, nil
}
