// Package agents gives the agents of an agent-based model spiking brains
// inside the model's own arche world.
//
// A Host installs a spikecs simulation (systems.NewSimOn) and a synapse
// network into a world the caller owns. Each brain kind (AddBrains) is a
// template of N neurons with synapses between them; the brains of all
// agents of a kind share a few large populations ("banks"), one slot of N
// consecutive neurons per agent, with block-diagonal connectivity. That
// design keeps the per-tick cost proportional to the number of neurons,
// not to the number of agents times a per-population overhead (see
// docs/embedding.md for the measurements).
//
// Each model tick, Host.Update runs three phases:
//
//	Sense: every sensor turns its agent's state into input currents (mA) or
//	       Poisson rates (Hz) of the brain's sensor neurons;
//	Think: Substeps neural steps of DtMs each;
//	Act:   every motor receives the firing rates (Hz) of its motor neurons
//	       over a window of ticks and turns them into actions.
//
// Agents come and go: Add gives an agent a brain slot, Remove (or removing
// the agent entity from the world) frees it, and a later Add reuses it from
// the initial state. Package archemodel runs a Host as an arche-model
// system.
//
// Units: time in ms, voltage in mV, current in mA, rates in Hz,
// conductance in S (docs/units.md).
package agents
