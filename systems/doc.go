// Package systems holds the spikecs systems, one per file, in tick order:
//
//	input:      CurrentInput (constant or step currents)
//	reset:      Reset       (lazy reset from the stored V, soft or hard)
//	integrate:  Integrate   (exponential Euler, delta inputs, refractory hold, adaptation decay)
//	spike:      Spike       (spike output, surrogate derivative, NaN/Inf check)
//	refractory: Refractory  (last-spike bookkeeping)
//	record:     SpikeRecorder, StateRecorder
//
// Install adds the neuron systems to a Sim in that order; NewSim creates a
// Sim with them installed. The semantics are brainstate 0.1.10's
// (docs/models.md).
package systems
