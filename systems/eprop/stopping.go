package eprop

import "fmt"

// EvidenceStopping is how eprop-evidence decides that its validation
// error is below the target (EvidenceOptions.TargetError) and stops.
type EvidenceStopping uint8

const (
	// StopReference is the rule of Bellec's evidence-accumulation tutorial
	// (and NEST's example after it): every ValidateEvery iterations the
	// error on a fresh batch of Batch trials is measured; after every
	// iteration while the last of these errors is below the target, 8
	// fresh batches are run, and training stops when their mean error is
	// below the target too.
	StopReference EvidenceStopping = iota
	// StopFixed measures the error on the same ValidationTrials trials
	// every ValidateEvery iterations; when it is below the target, 256
	// fresh trials are run, and training stops when the error over all of
	// them is below the target too (stricter than StopReference).
	StopFixed
)

// confirmBatches is how many fresh batches StopReference's confirmation
// runs (Bellec's tutorial: 8).
const confirmBatches = 8

// String returns "reference" or "fixed".
func (s EvidenceStopping) String() string {
	switch s {
	case StopReference:
		return "reference"
	case StopFixed:
		return "fixed"
	}
	return "unknown"
}

// ParseEvidenceStopping returns the rule named "reference" or "fixed".
func ParseEvidenceStopping(name string) (EvidenceStopping, error) {
	switch name {
	case "reference":
		return StopReference, nil
	case "fixed":
		return StopFixed, nil
	}
	return 0, fmt.Errorf("unknown stopping rule %q; valid: reference, fixed", name)
}

// Validation is one measurement of eprop-evidence's classification error.
type Validation struct {
	Iteration int     // training iterations done
	Error     float64 // fraction of wrong decisions
	Trials    int     // trials behind Error
	// Confirmation marks the stopping test run after a validation below
	// the target (its Error decides whether training stops).
	Confirmation bool
}
