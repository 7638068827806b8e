package archemodel

import (
	"fmt"

	"github.com/mlange-42/arche-model/model"
	"github.com/mlange-42/arche-model/resource"
	"github.com/mlange-42/arche/ecs"
	"github.com/mlange-42/arche/generic"

	"github.com/spikecs/spikecs/systems/agents"
)

// System is an arche-model system that runs a Host: each model tick it
// senses, runs the Host's neural sub-steps and acts (agents.Host.Update).
//
// model.System methods cannot return errors. When a tick fails, System
// keeps the error (Err), sets the model's resource.Termination so that
// Model.Run stops after this tick, and does nothing in later updates.
type System struct {
	// Host is the brains' host; it must live in the model's world.
	Host *agents.Host
	err  error
}

// Install creates a Host in m's world (agents.New(&m.World, opts)) and
// adds a System running it to m. Add your own systems before it to act
// before the brains sense, or after it to see this tick's actions.
//
// The brains draw their random numbers from opts.Seed, not from the
// model's resource.Rand, so Model.Seed does not change them.
func Install(m *model.Model, opts agents.Options) (*agents.Host, *System, error) {
	if m == nil {
		return nil, nil, fmt.Errorf("archemodel: Install needs a model, got nil")
	}
	h, err := agents.New(&m.World, opts)
	if err != nil {
		return nil, nil, fmt.Errorf("archemodel: %w", err)
	}
	s := &System{Host: h}
	m.AddSystem(s)
	return h, s, nil
}

// Err returns the error that stopped the system, or nil.
func (s *System) Err() error { return s.err }

// Initialize checks that the Host lives in the model's world.
func (s *System) Initialize(w *ecs.World) {
	switch {
	case s.Host == nil:
		s.fail(w, fmt.Errorf("archemodel: the system has no Host"))
	case s.Host.World() != w:
		s.fail(w, fmt.Errorf("archemodel: the Host lives in another world than the model's (create it with agents.New(&m.World, ...) or Install)"))
	}
}

// Update runs one tick of the Host (sense, Substeps neural steps, act).
func (s *System) Update(w *ecs.World) {
	if s.err != nil {
		return
	}
	if err := s.Host.Update(); err != nil {
		s.fail(w, fmt.Errorf("archemodel: model tick %d: %w", tickOf(w), err))
	}
}

// Finalize does nothing.
func (s *System) Finalize(*ecs.World) {}

// fail records err and asks the model to terminate.
func (s *System) fail(w *ecs.World, err error) {
	s.err = err
	term := generic.NewResource[resource.Termination](w)
	if term.Has() {
		term.Get().Terminate = true
	}
}

// tickOf returns the model's tick, or -1 outside of a model.
func tickOf(w *ecs.World) int64 {
	tick := generic.NewResource[resource.Tick](w)
	if !tick.Has() {
		return -1
	}
	return tick.Get().Tick
}
