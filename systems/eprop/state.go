package eprop

import (
	"fmt"
	"math/rand/v2"
)

// TrainState is a training run's complete state between two iterations:
// what a checkpoint must hold for the run to continue exactly as if it had
// not stopped.
type TrainState struct {
	// Iterations is the number of training iterations done.
	Iterations int
	// Trainer is the network's weights and optimiser state.
	Trainer TrainerState
	// Loss, Accuracy, Validation and ValidationError are the result so
	// far (see TrainResult).
	Loss, Accuracy  []float64
	Validation      []Validation
	ValidationError float64
	// Streams are the random streams' states (PCG MarshalBinary), in the
	// order the scenario creates them.
	Streams [][]byte
	// StopLast and StopSeen are eprop-evidence's stopping test's memory
	// (the last validation error and whether one ran).
	StopLast float64
	StopSeen bool
}

// TrainerState is a Trainer's state between two updates: the weights and
// the optimisers' moments and step counts.
type TrainerState struct {
	W, Out, B    []float64
	OptW, OptOut OptimizerState
	Iteration    int
}

// OptimizerState is an optimiser's state: Adam's moments M and V (nil for
// gradient descent) and its step count T.
type OptimizerState struct {
	M, V []float64
	T    int
}

// CheckpointFunc receives a training run's state after an iteration: it
// calls state (which copies the state) when it wants to save it. final
// is true for the last call of a run stopped early (Stop), whose state
// must be saved to continue it later.
type CheckpointFunc func(state func() *TrainState, final bool) error

// State returns a copy of the trainer's state; call it between updates
// (after a whole batch).
func (t *Trainer) State() TrainerState {
	return TrainerState{W: clone(t.W), Out: clone(t.Out.W), B: clone(t.B),
		OptW: t.optW.state(), OptOut: t.optOut.state(), Iteration: t.Iteration}
}

// SetState restores a state from State of a trainer with the same
// configuration.
func (t *Trainer) SetState(s TrainerState) error {
	if len(s.W) != len(t.W) || len(s.Out) != len(t.Out.W) || len(s.B) != len(t.B) {
		return fmt.Errorf("eprop: the saved state is of a different network (%d, %d, %d weights; this one has %d, %d, %d)",
			len(s.W), len(s.Out), len(s.B), len(t.W), len(t.Out.W), len(t.B))
	}
	if err := t.optW.setState(s.OptW); err != nil {
		return err
	}
	if err := t.optOut.setState(s.OptOut); err != nil {
		return err
	}
	copy(t.W, s.W)
	copy(t.Out.W, s.Out)
	copy(t.B, s.B)
	t.Iteration = s.Iteration
	t.Sync()
	return nil
}

func (o *optimizer) state() OptimizerState {
	if o == nil {
		return OptimizerState{}
	}
	return OptimizerState{M: clone(o.m), V: clone(o.v), T: o.t}
}

func (o *optimizer) setState(s OptimizerState) error {
	if o == nil {
		return nil
	}
	if len(s.M) != len(o.m) || len(s.V) != len(o.v) {
		return fmt.Errorf("eprop: the saved optimiser state has %d moments, this optimiser %d", len(s.M), len(o.m))
	}
	copy(o.m, s.M)
	copy(o.v, s.V)
	o.t = s.T
	return nil
}

func clone(x []float64) []float64 {
	if x == nil {
		return nil
	}
	return append([]float64(nil), x...)
}

// saveStreams marshals the states of the sources.
func saveStreams(srcs ...*rand.PCG) [][]byte {
	out := make([][]byte, len(srcs))
	for i, s := range srcs {
		out[i], _ = s.MarshalBinary() // PCG's MarshalBinary never fails
	}
	return out
}

// loadStreams restores the states saved by saveStreams.
func loadStreams(saved [][]byte, srcs ...*rand.PCG) error {
	if len(saved) != len(srcs) {
		return fmt.Errorf("eprop: the saved state has %d random streams, the scenario %d", len(saved), len(srcs))
	}
	for i, s := range srcs {
		if err := s.UnmarshalBinary(saved[i]); err != nil {
			return fmt.Errorf("eprop: random stream %d: %w", i, err)
		}
	}
	return nil
}
