// Package components holds the plain data that spikecs stores in an arche
// world: per-neuron state components (Membrane, Adaptation, Refractory,
// Input, Spike, SurrogateSpec, InPop) and per-population parameter
// components (MembraneParams, AdaptationParams, RefractoryParams,
// Population) that live on the population entity.
//
// A neuron model is a composition: every neuron has Membrane, Input, Spike
// and InPop; Adaptation and Refractory are optional and may be combined
// freely. The presets IF, LIF, LIFRef and ALIF are just bundles of these.
//
// Units follow the canonical set of docs/units.md: time in ms, voltage in
// mV, current in mA, resistance in ohm (= mV/mA), conductance in S
// (= mA/mV). Field names carry the unit where it is not obvious.
//
// The package imports nothing of spikecs; it only depends on arche for the
// relation marker.
package components
