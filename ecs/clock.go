package ecs

// Clock is the simulation clock, stored as a resource in the arche world.
// Step n runs with t = n·DtMs; Step counts completed steps.
type Clock struct {
	Step int64   // index of the next step to run (0-based)
	DtMs float64 // time step, ms
}

// TMs returns the time of step Step in ms: Step·DtMs (a product, not a
// running sum, so it does not drift).
func (c *Clock) TMs() float64 { return float64(c.Step) * c.DtMs }

// Tick is what a system sees of the step it runs in.
type Tick struct {
	Step int64   // 0-based index of the step
	TMs  float64 // t = Step·DtMs, ms
	DtMs float64 // time step, ms
	// NoGrad is Options.NoSurrogateGrad: the spike stage may leave the
	// surrogate derivative Spike.DSdV at 0 (nothing reads it).
	NoGrad bool
	// SIMD is Options.SIMD: the widest vector instructions systems may use.
	SIMD SIMDLevel
}

// SIMDLevel limits the vector instructions of systems with vector kernels
// (FusedLIFRef's AVX-512 and AVX2 kernels on amd64).
type SIMDLevel uint8

const (
	// SIMDAuto uses the widest vector instructions the CPU has.
	SIMDAuto SIMDLevel = iota
	// SIMDNone runs the Go loops only.
	SIMDNone
	// SIMDAVX2 uses at most 256-bit vectors (AVX2), not AVX-512.
	SIMDAVX2
)
