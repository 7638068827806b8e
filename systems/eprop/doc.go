// Package eprop trains recurrent networks of spiking neurons with e-prop
// (eligibility propagation, Bellec et al. 2020, Nature Communications
// 11:3625) and with an exact backpropagation-through-time reference, and
// provides the leaky readouts both need.
//
// The neuron dynamics are spikecs's own (docs/models.md), not Bellec's:
// the lazy reset is applied before the leak, ALIF's adaptation is
// incremented and then decayed, a refractory neuron holds its post-reset
// V. The eligibility traces are derived for exactly these dynamics; the
// derivation, the dependencies kept and the z-gradients stopped are in
// docs/learning.md ("## e-prop").
//
// Pieces:
//
//   - Layer: the recurrent neurons (groups of LIF/ALIF neurons, optionally
//     refractory, soft or hard reset) as dense per-neuron arrays, and
//     Forward, its state and one step, proven equal to the ECS simulation of
//     the same network (TestDenseForwardEqualsECS).
//   - RateReadout and SpikeReadout: leaky readouts (reference §6.6).
//   - Traces: the per-synapse eligibility traces, the κ-filtered traces and
//     the gradient accumulators, updated forward in time, memory O(synapses).
//   - BPTT: backpropagation through time over stored states with the same
//     stopped z-gradients — the test oracle; e-prop's gradient equals it to
//     1e-9 relative (TestEpropEqualsBPTT).
//   - Trainer: trials, batches, losses (MSE, softmax cross-entropy),
//     feedback (random, symmetric, adaptive), firing-rate regularisation,
//     optimisers (gradient descent, Adam) and weight clipping.
//   - Learner: the same traces as a system inside the ECS tick.
//   - SineTask, EvidenceTask: the eprop-sine and eprop-evidence scenarios.
package eprop
