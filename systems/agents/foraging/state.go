package foraging

import (
	"bytes"
	"errors"
	"fmt"
	"slices"
)

// StateVersion identifies the layout of ForagingState; Resume refuses a
// state of any other version.
const StateVersion = 1

// ErrState marks the errors of a Resume state that does not fit the run:
// another version, other options, or contents of the wrong sizes.
var ErrState = errors.New("foraging: the saved state does not fit")

// CheckpointFunc receives a run's state between two ticks: it calls state
// (which copies the state, so the run may go on) when it wants to keep it.
// final is true for the last call of a run that Stop ended early. An error
// ends the run with that error.
type CheckpointFunc func(state func() (*ForagingState, error), final bool) error

// ForagingState is a foraging run's complete state between two ticks:
// what a checkpoint must hold for the run to continue exactly as if it had
// not stopped. The world is not serialised as such: RunForaging rebuilds
// it from the options (the same entities in the same order, the same
// patches) and then overwrites everything that changes while it runs.
type ForagingState struct {
	// Version is StateVersion of the build that saved it.
	Version int
	// Params are the options that shape the world; a resumed run must
	// have the same.
	Params StateParams
	// Tick is the number of ticks done.
	Tick int
	// Host is the spiking brains' state (agents.Host.SaveState: every
	// neuron, synaptic channel and random stream, the motors' rate
	// windows).
	Host []byte
	// RNG is the world's random stream (PCG MarshalBinary): walkers'
	// turns and the eating order.
	RNG []byte
	// Bodies and Eaten are every agent's Body and food eaten so far
	// (cells), in creation order.
	Bodies []Body
	Eaten  []float64
	// FieldFood is the food of every cell, row by row.
	FieldFood []float64
	// SpikeCounts are the brains' spikes so far, per bank population.
	SpikeCounts []int64
	// Paths are every agent's positions after each tick so far.
	Paths [][]Point
}

// StateParams are the options of a run that its state depends on (the
// resolved ForagingOptions without Stop, Checkpoint and Resume).
type StateParams struct {
	Seed                                         uint64
	Agents, Ticks, Size, Patches, Substeps       int
	PatchSigma, Regrowth, Bite, Speed, WalkSigma float64
	DtMs                                         float64
	CutSynapses                                  bool
}

// params returns the StateParams of resolved options.
func (o ForagingOptions) params() StateParams {
	return StateParams{Seed: o.Seed, Agents: o.Agents, Ticks: o.Ticks, Size: o.Size, Patches: o.Patches, Substeps: o.Substeps,
		PatchSigma: o.PatchSigma, Regrowth: o.Regrowth, Bite: o.Bite, Speed: o.Speed, WalkSigma: o.WalkSigma, DtMs: o.DtMs,
		CutSynapses: o.CutSynapses}
}

// state returns a copy of the run's state.
func (r *run) state() (*ForagingState, error) {
	st := &ForagingState{Version: StateVersion, Params: r.o.params(), Tick: r.tick,
		Bodies: make([]Body, len(r.ents)), Eaten: make([]float64, len(r.ents)),
		FieldFood: slices.Clone(r.f.food), SpikeCounts: slices.Clone(r.spikes.Counts), Paths: make([][]Point, len(r.paths))}
	var host bytes.Buffer
	if err := r.host.SaveState(&host); err != nil {
		return nil, err
	}
	st.Host = host.Bytes()
	rng, err := r.pcg.MarshalBinary()
	if err != nil {
		return nil, fmt.Errorf("foraging: save the random stream: %w", err)
	}
	st.RNG = rng
	for i, e := range r.ents {
		st.Bodies[i] = *(*Body)(r.world.Get(e, r.bodyID))
		st.Eaten[i] = (*Forager)(r.world.Get(e, r.foragerID)).Food
	}
	for i, p := range r.paths {
		st.Paths[i] = slices.Clone(p)
	}
	return st, nil
}

// restore continues the freshly built run r from st.
func (r *run) restore(st *ForagingState) error {
	if st.Version != StateVersion {
		return fmt.Errorf("%w: format version %d, this build reads %d", ErrState, st.Version, StateVersion)
	}
	if want := r.o.params(); st.Params != want {
		return fmt.Errorf("%w: it was saved by a run with options %+v, this run has %+v", ErrState, st.Params, want)
	}
	n := len(r.ents)
	if st.Tick < 0 || st.Tick > r.o.Ticks || len(st.Bodies) != n || len(st.Eaten) != n || len(st.Paths) != n ||
		len(st.FieldFood) != len(r.f.food) || len(st.SpikeCounts) != len(r.spikes.Counts) {
		return fmt.Errorf("%w: tick %d of %d, %d bodies, %d paths, %d cells, %d spike counts; the run has %d agents, %d cells and %d populations",
			ErrState, st.Tick, r.o.Ticks, len(st.Bodies), len(st.Paths), len(st.FieldFood), len(st.SpikeCounts), n, len(r.f.food), len(r.spikes.Counts))
	}
	for i, p := range st.Paths {
		if len(p) != st.Tick {
			return fmt.Errorf("%w: agent %d has %d positions, expected one per tick (%d)", ErrState, i, len(p), st.Tick)
		}
	}
	if err := r.host.LoadState(bytes.NewReader(st.Host)); err != nil {
		return fmt.Errorf("%w: brains: %v", ErrState, err)
	}
	if err := r.pcg.UnmarshalBinary(st.RNG); err != nil {
		return fmt.Errorf("%w: random stream: %v", ErrState, err)
	}
	for i, e := range r.ents {
		*(*Body)(r.world.Get(e, r.bodyID)) = st.Bodies[i]
		(*Forager)(r.world.Get(e, r.foragerID)).Food = st.Eaten[i]
		r.paths[i] = append(r.paths[i][:0], st.Paths[i]...)
	}
	copy(r.f.food, st.FieldFood)
	copy(r.spikes.Counts, st.SpikeCounts)
	r.tick = st.Tick
	return nil
}
