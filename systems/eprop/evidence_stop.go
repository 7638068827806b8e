package eprop

import "math/rand/v2"

// evidenceStopper runs eprop-evidence's validations and its stopping
// test (EvidenceOptions.Stopping) and records them in a TrainResult.
type evidenceStopper struct {
	o       *EvidenceOptions
	tr      *Trainer
	valid   []*Trial   // StopFixed's fixed validation trials
	fresh   *rand.Rand // StopReference's validation batches
	confirm *rand.Rand // the confirmations' trials
	last    float64    // StopReference: the last validation's error
	seen    bool       // StopReference: a validation has run
}

// after validates after iteration it when the rule says so, records the
// results in res and reports whether training stops.
func (s *evidenceStopper) after(it int, res *TrainResult) (bool, error) {
	o := s.o
	if o.Stopping == StopFixed {
		if it%o.ValidateEvery != 0 && it != o.Iterations {
			return false, nil
		}
		e, err := s.errorOn(s.valid)
		if err != nil {
			return false, err
		}
		s.record(res, Validation{Iteration: it, Error: e, Trials: len(s.valid)})
		if e >= o.TargetError {
			return false, nil
		}
		c, err := s.errorOn(s.trials(s.confirm, 256))
		if err != nil {
			return false, err
		}
		n := len(s.valid) + 256
		all := (e*float64(len(s.valid)) + c*256) / float64(n)
		s.record(res, Validation{Iteration: it, Error: all, Trials: n, Confirmation: true})
		return all < o.TargetError, nil
	}
	if it%o.ValidateEvery == 0 || it == o.Iterations {
		e, err := s.errorOn(s.trials(s.fresh, o.Batch))
		if err != nil {
			return false, err
		}
		s.last, s.seen = e, true
		s.record(res, Validation{Iteration: it, Error: e, Trials: o.Batch})
	}
	if !s.seen || s.last >= o.TargetError {
		return false, nil
	}
	c, err := s.errorOn(s.trials(s.confirm, confirmBatches*o.Batch))
	if err != nil {
		return false, err
	}
	s.record(res, Validation{Iteration: it, Error: c, Trials: confirmBatches * o.Batch, Confirmation: true})
	return c < o.TargetError, nil
}

// trials draws n fresh trials from r.
func (s *evidenceStopper) trials(r *rand.Rand, n int) []*Trial {
	ts := make([]*Trial, n)
	for i := range ts {
		ts[i] = EvidenceTrial(r)
	}
	return ts
}

// errorOn returns the fraction of ts the network decides wrongly.
func (s *evidenceStopper) errorOn(ts []*Trial) (float64, error) {
	wrong, err := s.tr.Evaluate(ts, s.o.Workers)
	if err != nil {
		return 0, err
	}
	return float64(wrong) / float64(len(ts)), nil
}

// record appends v to res and makes it the result's validation error.
func (s *evidenceStopper) record(res *TrainResult, v Validation) {
	res.Validation = append(res.Validation, v)
	res.ValidationError = v.Error
}
