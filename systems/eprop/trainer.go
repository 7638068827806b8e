package eprop

import (
	"fmt"
	"math"
)

// Trainer trains a Layer's input and recurrent weights and its readout
// with e-prop.
type Trainer struct {
	Cfg  Config
	L    *Layer
	W    []float64 // N×P: input weights (columns 0..In−1), then recurrent (mA)
	Mask []float64 // N×P: 1 where a plastic synapse exists, 0 elsewhere
	B    []float64 // N×K feedback weights
	Fwd  *Forward
	Out  *RateReadout
	Tr   *Traces
	// Iteration counts the updates applied.
	Iteration int

	main                     worker
	extra                    []worker        // RunBatch's workers, Evaluate's others
	slots                    []trialGradient // RunBatch's per-trial gradients
	wt, gradW, gradOut, dOut []float64
	optW, optOut             *optimizer
	trials, stepsSinceUpdate int
}

// NewTrainer returns a trainer with zero weights and an all-plastic mask
// (except autapses); set W, Mask, Out.W and B before training.
func NewTrainer(cfg Config) (*Trainer, error) {
	l := cfg.Layer
	if l == nil {
		return nil, fmt.Errorf("eprop: Config.Layer is nil")
	}
	if l.AnySurrogateless {
		for _, g := range l.Groups {
			if g.NoSurrogate {
				return nil, fmt.Errorf("eprop: population %q has no surrogate gradient; e-prop needs the pseudo-derivative ψ of every neuron it trains", g.Name)
			}
		}
	}
	if cfg.Outputs < 1 {
		return nil, fmt.Errorf("eprop: the readout needs at least one output, got %d", cfg.Outputs)
	}
	if !(cfg.LearningRate >= 0) {
		return nil, fmt.Errorf("eprop: learning rate must be >= 0, got %v", cfg.LearningRate)
	}
	if cfg.CReg < 0 {
		return nil, fmt.Errorf("eprop: c_reg must be >= 0, got %v", cfg.CReg)
	}
	if cfg.BatchSize == 0 {
		cfg.BatchSize = 1
	}
	if cfg.Beta1 == 0 {
		cfg.Beta1 = 0.9
	}
	if cfg.Beta2 == 0 {
		cfg.Beta2 = 0.999
	}
	if cfg.Epsilon == 0 {
		cfg.Epsilon = 1e-8
	}
	out, err := NewRateReadout(cfg.Outputs, l.N, cfg.TauOutMs, l.DtMs, cfg.OneMinusKappa)
	if err != nil {
		return nil, fmt.Errorf("eprop: %w", err)
	}
	n, p, k := l.N, l.P(), cfg.Outputs
	t := &Trainer{Cfg: cfg, L: l, W: make([]float64, n*p), Mask: make([]float64, n*p), B: make([]float64, n*k),
		Fwd: NewForward(l), Out: out, Tr: NewTraces(l, k, out.Kappa, out.C, cfg.CReg > 0),
		wt:    make([]float64, n*p),
		gradW: make([]float64, n*p), gradOut: make([]float64, k*n), dOut: make([]float64, k*n)}
	for j := range n {
		for i := range p {
			if i != l.In+j {
				t.Mask[j*p+i] = 1
			}
		}
	}
	t.optW, t.optOut = newOptimizer(&t.Cfg, n*p), newOptimizer(&t.Cfg, k*n)
	t.main = worker{fwd: t.Fwd, out: t.Out, tr: t.Tr, lsig: make([]float64, n), err: make([]float64, k), sumY: make([]float64, k)}
	return t, nil
}

// Sync must be called after W, Mask or the readout weights were changed
// from outside: it masks W, refreshes the transposed copy and, for
// symmetric feedback, B = W_outᵀ.
func (t *Trainer) Sync() {
	for i, m := range t.Mask {
		if m == 0 {
			t.W[i] = 0
		}
	}
	Transpose(t.W, t.L.N, t.L.P(), t.wt)
	if t.Cfg.Feedback == SymmetricFeedback {
		Transpose(t.Out.W, t.Cfg.Outputs, t.L.N, t.B)
	}
}

// RunTrial runs one trial from the initial state; with learn it
// accumulates e-prop's gradient (and applies it every UpdateEvery steps,
// or at the end of a full batch). record, when non-nil, receives each
// step's readout outputs.
func (t *Trainer) RunTrial(tr *Trial, learn bool, record func(n int, y []float64)) (TrialResult, error) {
	res, err := t.runOn(&t.main, tr, learn, record)
	if err != nil || !learn || t.Cfg.UpdateEvery > 0 {
		return res, err
	}
	t.trials++
	if t.trials == t.Cfg.BatchSize {
		if err := t.apply(t.trials); err != nil {
			return res, err
		}
	}
	return res, nil
}

// runOn runs one trial on worker w (its own state, the trainer's
// weights); with learn it accumulates into w's traces, and applies the
// update every UpdateEvery steps (online mode, main worker only).
func (t *Trainer) runOn(w *worker, tr *Trial, learn bool, record func(n int, y []float64)) (TrialResult, error) {
	l, k := t.L, t.Cfg.Outputs
	if err := t.checkTrial(tr); err != nil {
		return TrialResult{}, err
	}
	w.fwd.Reset()
	w.out.Reset()
	if learn {
		w.tr.StartTrial()
	}
	res := TrialResult{Predicted: -1}
	clear(w.sumY)
	for n := range tr.Steps {
		if err := w.fwd.Advance(tr.X[n*l.In:(n+1)*l.In], t.wt); err != nil {
			return res, fmt.Errorf("iteration %d: %w (training diverged?)", t.Iteration+1, err)
		}
		w.out.Step(w.fwd.Z)
		m := 1.0
		if tr.Weight != nil {
			m = tr.Weight[n]
		}
		res.Loss += stepLoss(t.Cfg.Loss, w.out.Y, tr.Target[n*k:(n+1)*k], m, w.err)
		if m != 0 && tr.Weight != nil {
			addPrediction(t.Cfg.Loss, w.out.Y, m, w.sumY)
		}
		if record != nil {
			record(n, w.out.Y)
		}
		if !learn {
			continue
		}
		t.signals(w.err, w.lsig)
		w.tr.Update(w.fwd, w.lsig, w.err)
		if t.Cfg.UpdateEvery > 0 {
			t.stepsSinceUpdate++
			if t.stepsSinceUpdate == t.Cfg.UpdateEvery {
				if err := t.apply(1); err != nil {
					return res, err
				}
			}
		}
	}
	if tr.Weight != nil {
		res.Predicted = argmax(w.sumY)
	}
	if learn && t.Cfg.UpdateEvery == 0 {
		t.foldRegulariser(w.tr)
	}
	if math.IsNaN(res.Loss) || math.IsInf(res.Loss, 0) {
		return res, checkLoss(res.Loss, t.Iteration+1)
	}
	return res, nil
}

// signals computes the learning signals lsig = B·err of this step.
func (t *Trainer) signals(err, lsig []float64) {
	k := t.Cfg.Outputs
	for j := range lsig {
		row := t.B[j*k : j*k+k]
		s := 0.0
		for kk, e := range err {
			s += row[kk] * e
		}
		lsig[j] = s
	}
}

// foldRegulariser adds the rate regulariser of the trial that just ended
// to tr's gradient, with that trial's rates (NEST's form: each update
// interval uses its own spike counts), and clears Σe. Count and Steps
// keep counting over the batch.
func (t *Trainer) foldRegulariser(tr *Traces) {
	if tr.SE == nil || tr.Steps == tr.steps0 {
		return
	}
	tr.Flush()
	p := t.L.P()
	dur := float64(tr.Steps-tr.steps0) * t.L.DtMs
	for j, c := range tr.Count {
		s := t.Cfg.CReg * ((c-tr.count0[j])/dur - t.Cfg.FTargetHz/1000) / dur
		row, se := tr.G[j*p:j*p+p], tr.SE[j*p:j*p+p]
		for i, e := range se {
			row[i] += s * e
		}
	}
	clear(tr.SE)
}

// Gradient writes the accumulated gradient, averaged over nb trials and
// including the rate regulariser, into gW (N×P) and gOut (K×N). After
// whole trials the regulariser is already in the accumulated gradient
// (each trial's own rates); with UpdateEvery it uses the rates since the
// last update.
func (t *Trainer) Gradient(nb int, gW, gOut []float64) {
	tr := t.Tr
	tr.Flush()
	inv := 1 / float64(nb)
	for i, g := range tr.G {
		gW[i] = g * inv
	}
	if tr.SE != nil && tr.Steps > 0 {
		p := t.L.P()
		dur := float64(tr.Steps) * t.L.DtMs
		for j, c := range tr.Count {
			f := c / dur
			s := t.Cfg.CReg * (f - t.Cfg.FTargetHz/1000) / dur
			row, se := gW[j*p:j*p+p], tr.SE[j*p:j*p+p]
			for i, e := range se {
				row[i] += s * e
			}
		}
	}
	for i, g := range tr.GOut {
		gOut[i] = g * inv
	}
}

// apply turns the accumulated gradient into an update.
func (t *Trainer) apply(nb int) error {
	t.Gradient(nb, t.gradW, t.gradOut)
	if err := t.step(t.gradW, t.gradOut); err != nil {
		return err
	}
	t.Tr.ClearGradients()
	t.trials, t.stepsSinceUpdate = 0, 0
	return nil
}

// step applies the gradients gW (N×P) and gOut (K×N): freezing, the
// optimiser, clipping and the feedback adaptation.
func (t *Trainer) step(gW, gOut []float64) error {
	l, p := t.L, t.L.P()
	if t.Cfg.FreezeIn || t.Cfg.FreezeRec {
		for j := range l.N {
			row := gW[j*p : j*p+p]
			if t.Cfg.FreezeIn {
				clear(row[:l.In])
			}
			if t.Cfg.FreezeRec {
				clear(row[l.In:])
			}
		}
	}
	for _, g := range gW {
		if math.IsNaN(g) || math.IsInf(g, 0) {
			return fmt.Errorf("iteration %d: non-finite gradient of the recurrent layer (training diverged)", t.Iteration+1)
		}
	}
	t.optW.step(t.W, gW, t.Mask, nil, t.Cfg.WMin, t.Cfg.WMax)
	if !t.Cfg.FreezeOut {
		t.optOut.step(t.Out.W, gOut, nil, t.dOut, t.Cfg.WMin, t.Cfg.WMax)
		if t.Cfg.Feedback == AdaptiveFeedback {
			k := t.Cfg.Outputs
			for kk := range k {
				for j := range l.N {
					t.B[j*k+kk] += t.dOut[kk*l.N+j]
				}
			}
		}
	}
	t.Iteration++
	t.Sync()
	return nil
}

// TrainBPTT is the BPTT trainer for short sequences: one update from the
// exact gradient of one trial (Trainer.BPTT), through the same optimiser.
// It returns the trial's task loss.
func (t *Trainer) TrainBPTT(tr *Trial) (float64, error) {
	res, err := t.BPTT(tr)
	if err != nil {
		return 0, err
	}
	if err := checkLoss(res.Loss, t.Iteration+1); err != nil {
		return res.Loss, err
	}
	return res.Loss, t.step(res.GW, res.GOut)
}

// checkTrial validates a trial's shapes.
func (t *Trainer) checkTrial(tr *Trial) error {
	l, k := t.L, t.Cfg.Outputs
	switch {
	case tr.Steps < 1:
		return fmt.Errorf("eprop: a trial needs at least one step")
	case len(tr.X) != tr.Steps*l.In:
		return fmt.Errorf("eprop: trial input has %d values, want steps×inputs = %d×%d", len(tr.X), tr.Steps, l.In)
	case len(tr.Target) != tr.Steps*k:
		return fmt.Errorf("eprop: trial target has %d values, want steps×outputs = %d×%d (the readout has %d outputs)", len(tr.Target), tr.Steps, k, k)
	case tr.Weight != nil && len(tr.Weight) != tr.Steps:
		return fmt.Errorf("eprop: trial weights have %d values, want %d (one per step)", len(tr.Weight), tr.Steps)
	}
	return nil
}
