// Package ecs runs spiking-neuron populations as an entity-component system
// on an arche world (github.com/mlange-42/arche).
//
// A Sim owns (or borrows) an arche World, a Clock resource and a schedule
// of named, ordered stages:
//
//	input → reset → integrate → spike → refractory → synapses → delivery → record
//
// Each neuron is an entity with components from package components; each
// population is an entity holding the population's parameters, and every
// neuron relates to it (components.InPop), so a population lives in one
// archetype whose columns are contiguous. Neuron systems (NeuronSystem)
// run over those columns as plain slices, a block of neurons at a time;
// global systems (System) run once per stage.
//
// Units: time in ms, voltage in mV, current in mA, resistance in ohm,
// conductance in S (docs/units.md).
package ecs
