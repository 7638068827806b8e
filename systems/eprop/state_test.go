package eprop

import (
	"bytes"
	"encoding/gob"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// stopAfter returns a Stop that says true once n iterations ran, and the
// CheckpointFunc that keeps the final state (through gob, as the runner
// stores it).
func stopAfter(t *testing.T, n int, done *int, final **TrainState) (func() bool, CheckpointFunc) {
	stop := func() bool { return *done >= n }
	ck := func(state func() *TrainState, isFinal bool) error {
		if !isFinal {
			*done++
			return nil
		}
		var buf bytes.Buffer
		require.NoError(t, gob.NewEncoder(&buf).Encode(state()))
		var s TrainState
		require.NoError(t, gob.NewDecoder(&buf).Decode(&s))
		*final = &s
		return nil
	}
	return stop, ck
}

// TestSineResumeIsExact: eprop-sine stopped after 3 of 7 iterations and
// resumed from its saved state gives the losses, readout and weights of
// an uninterrupted run, bit for bit.
func TestSineResumeIsExact(t *testing.T) {
	full, err := RunSine(SineOptions{Seed: 4, Iterations: 7})
	require.NoError(t, err)
	done := 0
	var state *TrainState
	stop, ck := stopAfter(t, 3, &done, &state)
	part, err := RunSine(SineOptions{Seed: 4, Iterations: 7, Stop: stop, Checkpoint: ck})
	require.NoError(t, err)
	require.True(t, part.Interrupted)
	require.Len(t, part.Loss, 3)
	require.NotNil(t, state)
	assert.Equal(t, 3, state.Iterations)
	assert.Equal(t, full.Loss[:3], part.Loss)
	rest, err := RunSine(SineOptions{Seed: 4, Iterations: 7, Resume: state})
	require.NoError(t, err)
	assert.False(t, rest.Interrupted)
	assert.Equal(t, full.Loss, rest.Loss)
	assert.Equal(t, full.Readout, rest.Readout)
	assert.Equal(t, full.Weights, rest.Weights)
}

// TestEvidenceResumeIsExact: the same for eprop-evidence (Adam's moments,
// the random streams of the batches, validations and confirmations, and
// the stopping test's memory are in the state).
func TestEvidenceResumeIsExact(t *testing.T) {
	opts := func() EvidenceOptions {
		return EvidenceOptions{Seed: 2, Iterations: 5, Batch: 4, ValidateEvery: 2, TargetError: 0.01}
	}
	full, err := RunEvidence(opts())
	require.NoError(t, err)
	require.Len(t, full.Loss, 5, "the stopping test does not end this run early")
	require.NotEmpty(t, full.Validation)
	done := 0
	var state *TrainState
	o := opts()
	o.Stop, o.Checkpoint = stopAfter(t, 3, &done, &state)
	part, err := RunEvidence(o)
	require.NoError(t, err)
	require.True(t, part.Interrupted)
	require.NotNil(t, state)
	assert.Equal(t, full.Loss[:3], part.Loss)
	o = opts()
	o.Resume = state
	rest, err := RunEvidence(o)
	require.NoError(t, err)
	assert.Equal(t, full.Loss, rest.Loss)
	assert.Equal(t, full.Accuracy, rest.Accuracy)
	assert.Equal(t, full.Validation, rest.Validation)
	assert.Equal(t, full.Readout, rest.Readout)
	assert.Equal(t, full.Weights, rest.Weights)
}
