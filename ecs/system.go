package ecs

// System is a global system: it runs once per step in its stage, in the
// order systems were added. It may read and write anything, including
// structural changes to the world (no query is open while it runs).
type System interface {
	// Name identifies the system in errors.
	Name() string
	// Update runs the system for the step described by t.
	Update(s *Sim, t Tick) error
}

// NeuronSystem is a neuron-local system: it updates the neurons of one
// population at a time, a block [lo, hi) at a time.
//
// Contract: while processing neuron i it reads and writes only neuron i's
// components and the population's parameters. Under that contract the Sim
// may run consecutive neuron systems block by block (input, reset,
// integrate, ... for neurons 0..B−1, then for B..2B−1, ...) to keep the
// block in cache; the result is identical to running each system over the
// whole population in turn. A global system between two neuron systems
// splits them into separately run segments, so order is always respected.
//
// UpdateBlock is called for every population; a system that does not apply
// to a population (e.g. it lacks a component) returns nil at once.
// It must not make structural changes to the world (the columns are live).
type NeuronSystem interface {
	// Name identifies the system in errors.
	Name() string
	// UpdateBlock advances neurons lo..hi-1 of population p for step t.
	UpdateBlock(t Tick, p *PopView, lo, hi int) error
}
