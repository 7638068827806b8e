package foraging

import (
	"fmt"
	"math"
)

// ForagingOptions configure a foraging run. The zero value (with a seed)
// is the built-in scenario; every field has a documented default.
type ForagingOptions struct {
	// Seed makes the run deterministic: agent placement, patch placement,
	// random walks and the brains' random streams.
	Seed uint64
	// Agents is the number of agents (default 100); the first half has
	// spiking brains, the rest are random walkers.
	Agents int
	// Ticks is the number of model ticks (default 1500).
	Ticks int
	// Size is the side of the square torus, in cells (default 100).
	Size int
	// Patches is the number of food patches (default 8).
	Patches int
	// PatchSigma is a patch's Gaussian radius, cells (default 4).
	PatchSigma float64
	// Regrowth is the fraction of a cell's deficit that regrows per tick
	// (default 0.01: a depleted cell is 63% back after 100 ticks).
	Regrowth float64
	// Bite is the food an agent eats per tick from its cell (default 0.1;
	// a full cell holds 1).
	Bite float64
	// Speed is every agent's speed, cells per tick (default 0.5).
	Speed float64
	// WalkSigma is the random walkers' turning noise, rad per tick
	// (default 0.3): heading += WalkSigma·N(0, 1) each tick.
	WalkSigma float64
	// DtMs is the neural time step, ms (default 0.5).
	DtMs float64
	// Substeps is the number of neural steps per tick (default 20, so a
	// tick is 10 ms of neural time).
	Substeps int
	// CutSynapses is the control experiment: the brains keep their neurons
	// and sensors but lose their synapses, so the motors stay silent and
	// the brain agents drive straight.
	CutSynapses bool
	// Stop, when non-nil, is asked before every tick; when it says true
	// the run ends there and the result is Interrupted (e.g. on SIGINT).
	Stop func() bool
	// Checkpoint, when non-nil, is offered the run's state after every
	// tick (final false) and, when Stop ends the run early, once more at
	// that tick (final true); it calls state, which copies the state, when
	// it wants to keep it (see ForagingState).
	Checkpoint CheckpointFunc
	// Resume, when non-nil, continues a run from a state saved by
	// Checkpoint: the options must be those of the saved run (Stop,
	// Checkpoint and Resume aside), and the result is then identical to
	// that of a run that never stopped.
	Resume *ForagingState
}

// withDefaults fills unset fields and validates the rest.
func (o ForagingOptions) withDefaults() (ForagingOptions, error) {
	def := func(x *int, d int) {
		if *x == 0 {
			*x = d
		}
	}
	deff := func(x *float64, d float64) {
		if *x == 0 {
			*x = d
		}
	}
	def(&o.Agents, 100)
	def(&o.Ticks, 1500)
	def(&o.Size, 100)
	def(&o.Patches, 8)
	def(&o.Substeps, 20)
	deff(&o.PatchSigma, 4)
	deff(&o.Regrowth, 0.01)
	deff(&o.Bite, 0.1)
	deff(&o.Speed, 0.5)
	deff(&o.WalkSigma, 0.3)
	deff(&o.DtMs, 0.5)
	switch {
	case o.Agents < 2:
		return o, fmt.Errorf("foraging: agents must be >= 2 (half have brains), got %d", o.Agents)
	case o.Ticks < 1 || o.Size < 8 || o.Patches < 1 || o.Substeps < 1:
		return o, fmt.Errorf("foraging: need ticks >= 1, size >= 8 cells, patches >= 1 and substeps >= 1; got %d, %d, %d, %d", o.Ticks, o.Size, o.Patches, o.Substeps)
	}
	for _, f := range []struct {
		name string
		x    float64
	}{{"patch sigma", o.PatchSigma}, {"regrowth", o.Regrowth}, {"bite", o.Bite}, {"speed", o.Speed}, {"walk sigma", o.WalkSigma}, {"dt", o.DtMs}} {
		if !(f.x > 0) || math.IsInf(f.x, 0) {
			return o, fmt.Errorf("foraging: %s must be positive and finite, got %v", f.name, f.x)
		}
	}
	if o.Regrowth > 1 {
		return o, fmt.Errorf("foraging: regrowth is a fraction per tick, at most 1, got %v", o.Regrowth)
	}
	if o.Speed >= float64(o.Size)/2 {
		return o, fmt.Errorf("foraging: speed %v cells per tick must be below half the world size %d", o.Speed, o.Size)
	}
	return o, nil
}
