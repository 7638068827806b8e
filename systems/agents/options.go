package agents

import (
	"fmt"
	"math"
)

// DefaultSubsteps is the number of neural steps per model tick when
// Options.Substeps is 0.
const DefaultSubsteps = 10

// Options configure a Host. The zero value is valid: dt = 0.1 ms, 10
// neural steps per model tick (1 ms of neural time per tick), seed 0.
type Options struct {
	// DtMs is the neural time step in ms (default 0.1).
	DtMs float64
	// Substeps is the number of neural steps per model tick (default
	// DefaultSubsteps); a tick lasts Substeps·DtMs ms of neural time.
	Substeps int
	// Seed seeds every neural random stream (initializers, Poisson
	// sensors); the same seed gives identical runs. It is independent of
	// any random source of the model itself.
	Seed uint64
	// BlockSize is passed on to ecs.Options (0: ecs.DefaultBlockSize).
	BlockSize int
}

// withDefaults validates o and fills in the defaults.
func (o Options) withDefaults() (Options, error) {
	if o.DtMs == 0 {
		o.DtMs = 0.1
	}
	if !(o.DtMs > 0) || math.IsInf(o.DtMs, 0) {
		return o, fmt.Errorf("agents: dt must be a positive finite time, got %v ms", o.DtMs)
	}
	if o.Substeps == 0 {
		o.Substeps = DefaultSubsteps
	}
	if o.Substeps < 0 {
		return o, fmt.Errorf("agents: substeps must be >= 1, got %d", o.Substeps)
	}
	return o, nil
}
