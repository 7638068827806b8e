// Package partition runs one spiking network split across several arche
// worlds — goroutines of one process or MPI ranks — with results that do
// not depend on the number of parts.
//
// Every neuron population is cut into K contiguous blocks (ecs.Partition);
// partition r is an ordinary ecs.Sim holding block r of every population,
// the synapses that end on those neurons (systems.Network cuts each
// projection's CSR to its post block, rows still indexed by the global pre
// neuron) and their arrival buffers. Spike sources are replicated: every
// partition draws all of a source's spikes from the source's own stream.
// Connectivity, weights, delays and random initial values are drawn for
// the whole network and then cut, and Poisson inputs draw from
// counter-based streams keyed by the global neuron index, so nothing
// random depends on K.
//
// An Exchange (a system of the synapses stage) collects each partition's
// spikes and, once per d_min steps (the shortest delay; one step without
// delays), gathers the spikes of all partitions through a Communicator:
// one allgather of message lengths and one allgatherv of the messages,
// which hold, per step and neuron population, the count and the global
// indices of the neurons that fired. Blocks are concatenated in rank
// order, so every partition sees each population's spikes in ascending
// global order and sums its deliveries in the same order as a single
// world: the spikes of K = 1, 2, 4 … are byte-identical.
//
// Recording: partition 0 records the whole network's spikes and rates from
// its exchange (Recorder); StateGather gathers recorded state from every
// partition, so a split run writes the files of an unsplit one.
//
// Communicators: NewLocalGroup (goroutines, a barrier per exchange) and,
// with the build tag mpi (OpenMPI) or mpich (MPICH), MPI ranks through
// cogentcore.org/lab/base/mpi; without a tag MPI is a stand-in that
// reports it is not available. Every wait times out with an error instead
// of hanging, and a failing partition aborts the others.
package partition
