package components

import "github.com/mlange-42/arche/ecs"

// InPop is the relation from a neuron to its population entity. Because a
// relation target gets its own archetype, all neurons of a population that
// share a component set live in one archetype, in contiguous columns.
//
// Index is the neuron's 0-based index within its population; it equals the
// neuron's position in the population's columns as long as the population
// is not restructured neuron by neuron.
type InPop struct {
	ecs.Relation
	Index int32
}

// Population is the component of a population entity: its name and size.
// The population's parameter components (MembraneParams, ...) live on the
// same entity.
type Population struct {
	Name string
	Size int
	// ID is the population's index in its simulation, in creation order.
	ID int
}
