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

// RunBatch runs the trials with learning on workers goroutines (trial i
// on worker i mod workers, each with its own state; the gradients are
// summed in worker order, so a given seed and worker count always give
// the same result) and applies the update when the batch is complete, as
// RunTrial does. With UpdateEvery > 0 or workers <= 1 it runs the trials
// in turn.
func (t *Trainer) RunBatch(trials []*Trial, workers int) ([]TrialResult, error) {
	res := make([]TrialResult, len(trials))
	if workers <= 1 || t.Cfg.UpdateEvery > 0 || len(trials) < 2 {
		for i, tr := range trials {
			r, err := t.RunTrial(tr, true, nil)
			if err != nil {
				return res, err
			}
			res[i] = r
		}
		return res, nil
	}
	workers = min(workers, len(trials))
	for len(t.extra) < workers-1 {
		t.extra = append(t.extra, t.newWorker())
	}
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
				r, err := t.runOn(wk, trials[i], true, nil)
				if err != nil {
					errs[w] = err
					return
				}
				res[i] = r
			}
		}()
	}
	wg.Wait()
	for _, err := range errs {
		if err != nil {
			return res, err
		}
	}
	for w := range workers - 1 {
		t.Tr.merge(t.extra[w].tr)
	}
	t.trials += len(trials)
	if t.trials >= t.Cfg.BatchSize {
		if err := t.apply(t.trials); err != nil {
			return res, err
		}
	}
	return res, nil
}

// merge adds o's gradient accumulators to t's and clears o's.
func (t *Traces) merge(o *Traces) {
	o.Flush()
	for i, g := range o.G {
		t.G[i] += g
	}
	for i, s := range o.SE {
		t.SE[i] += s
	}
	for i, g := range o.GOut {
		t.GOut[i] += g
	}
	for i, c := range o.Count {
		t.Count[i] += c
	}
	t.Steps += o.Steps
	o.ClearGradients()
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
