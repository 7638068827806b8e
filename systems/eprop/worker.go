package eprop

import "sync"

// worker is the per-trial state of a trainer: its own forward state,
// readout state (sharing the trainer's readout weights) and traces.
type worker struct {
	fwd             *Forward
	out             *RateReadout
	tr              *Traces
	lsig, err, sumY []float64
}

// newWorker returns a worker for t sharing t's readout weights.
func (t *Trainer) newWorker() worker {
	n, k := t.L.N, t.Cfg.Outputs
	out := *t.Out
	out.Y = make([]float64, k)
	return worker{fwd: NewForward(t.L), out: &out, tr: NewTraces(t.L, k, t.Out.Kappa, t.Out.C, t.Cfg.CReg > 0),
		lsig: make([]float64, n), err: make([]float64, k), sumY: make([]float64, k)}
}

// RunBatch runs the trials with learning on workers goroutines, each
// with its own state, and applies the update when the batch is complete,
// as RunTrial does. Every trial's gradient is accumulated on its own and
// the trials' gradients are added in trial order, so the result does not
// depend on the number of workers (TestRunBatchIndependentOfWorkers).
// With UpdateEvery > 0 it runs the trials in turn with RunTrial.
func (t *Trainer) RunBatch(trials []*Trial, workers int) ([]TrialResult, error) {
	res := make([]TrialResult, len(trials))
	if t.Cfg.UpdateEvery > 0 {
		for i, tr := range trials {
			r, err := t.RunTrial(tr, true, nil)
			if err != nil {
				return res, err
			}
			res[i] = r
		}
		return res, nil
	}
	workers = max(1, min(workers, len(trials)))
	for len(t.extra) < workers {
		t.extra = append(t.extra, t.newWorker())
	}
	for len(t.slots) < len(trials) {
		t.slots = append(t.slots, trialGradient{g: make([]float64, len(t.Tr.G)), gOut: make([]float64, len(t.Tr.GOut)),
			count: make([]float64, len(t.Tr.Count))})
	}
	errs := make([]error, workers)
	var wg sync.WaitGroup
	for w := range workers {
		wk := &t.extra[w]
		wk.out.W = t.Out.W
		wg.Add(1)
		go func() {
			defer wg.Done()
			for i := w; i < len(trials); i += workers {
				wk.tr.ClearGradients()
				r, err := t.runOn(wk, trials[i], true, nil)
				if err != nil {
					errs[w] = err
					return
				}
				res[i] = r
				t.slots[i].take(wk.tr)
			}
		}()
	}
	wg.Wait()
	for _, err := range errs {
		if err != nil {
			return res, err
		}
	}
	t.Tr.Flush()
	for i := range trials {
		t.slots[i].addTo(t.Tr)
	}
	t.trials += len(trials)
	if t.trials >= t.Cfg.BatchSize {
		if err := t.apply(t.trials); err != nil {
			return res, err
		}
	}
	return res, nil
}

// trialGradient is one trial's gradient (its regulariser included), spike
// counts and steps, kept until the batch's trials are added in order.
type trialGradient struct {
	g, gOut, count []float64
	steps          int
}

// take copies tr's accumulators (one trial's) into s.
func (s *trialGradient) take(tr *Traces) {
	tr.Flush()
	copy(s.g, tr.G)
	copy(s.gOut, tr.GOut)
	copy(s.count, tr.Count)
	s.steps = tr.Steps
}

// addTo adds s to tr's accumulators.
func (s *trialGradient) addTo(tr *Traces) {
	for i, g := range s.g {
		tr.G[i] += g
	}
	for i, g := range s.gOut {
		tr.GOut[i] += g
	}
	for i, c := range s.count {
		tr.Count[i] += c
	}
	tr.Steps += s.steps
}

// Evaluate runs the trials without learning on workers goroutines and
// returns how many were classified wrongly (Predicted != Label).
func (t *Trainer) Evaluate(trials []*Trial, workers int) (int, error) {
	workers = max(1, min(workers, len(trials)))
	for len(t.extra) < workers-1 {
		t.extra = append(t.extra, t.newWorker())
	}
	wrong := make([]int, workers)
	errs := make([]error, workers)
	var wg sync.WaitGroup
	for w := range workers {
		wk := &t.main
		if w > 0 {
			wk = &t.extra[w-1]
			wk.out.W = t.Out.W
		}
		wg.Add(1)
		go func() {
			defer wg.Done()
			for i := w; i < len(trials); i += workers {
				r, err := t.runOn(wk, trials[i], false, nil)
				if err != nil {
					errs[w] = err
					return
				}
				if r.Predicted != trials[i].Label {
					wrong[w]++
				}
			}
		}()
	}
	wg.Wait()
	n := 0
	for w := range workers {
		if errs[w] != nil {
			return 0, errs[w]
		}
		n += wrong[w]
	}
	return n, nil
}
