package eprop

import (
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// TestEvidenceStoppingRules runs short eprop-evidence trainings under
// both stopping rules with a target every error meets (the first check
// stops training) and one none meets (training runs to the end), and
// checks when training stopped and what was measured on how many trials.
func TestEvidenceStoppingRules(t *testing.T) {
	const every, iters, batch, fixed = 2, 5, 3, 4
	conf := func(it, n int) Validation { return Validation{Iteration: it, Trials: n, Confirmation: true} }
	val := func(it, n int) Validation { return Validation{Iteration: it, Trials: n} }
	cases := []struct {
		name   string
		rule   EvidenceStopping
		target float64
		iters  int
		want   []Validation // errors ignored
	}{
		{"reference, met at the first check", StopReference, 1.01, every,
			[]Validation{val(2, batch), conf(2, confirmBatches*batch)}},
		{"reference, never met", StopReference, 1e-12, iters,
			[]Validation{val(2, batch), val(4, batch), val(5, batch)}},
		{"fixed, met at the first check", StopFixed, 1.01, every,
			[]Validation{val(2, fixed), conf(2, fixed+256)}},
		{"fixed, never met", StopFixed, 1e-12, iters,
			[]Validation{val(2, fixed), val(4, fixed), val(5, fixed)}},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			res, err := RunEvidence(EvidenceOptions{Seed: 3, Iterations: iters, Batch: batch, ValidateEvery: every,
				ValidationTrials: fixed, TargetError: c.target, Stopping: c.rule, Workers: 2})
			require.NoError(t, err)
			assert.Len(t, res.Loss, c.iters, "iterations trained")
			require.Len(t, res.Validation, len(c.want))
			for i, v := range res.Validation {
				assert.GreaterOrEqual(t, v.Error, 0.0)
				assert.LessOrEqual(t, v.Error, 1.0)
				v.Error = 0
				assert.Equal(t, c.want[i], v, "validation %d", i)
			}
			assert.Equal(t, res.Validation[len(res.Validation)-1].Error, res.ValidationError, "the result's error is the last measured")
		})
	}
}

// TestParseEvidenceStopping: the two names, and one error naming them.
func TestParseEvidenceStopping(t *testing.T) {
	for _, r := range []EvidenceStopping{StopReference, StopFixed} {
		got, err := ParseEvidenceStopping(r.String())
		require.NoError(t, err)
		assert.Equal(t, r, got)
	}
	_, err := ParseEvidenceStopping("early")
	assert.EqualError(t, err, `unknown stopping rule "early"; valid: reference, fixed`)
}
