package ecs

import (
	"hash/fnv"
	"math/rand/v2"
)

// Stream returns a PCG random stream derived from the simulation seed and a
// list of names (e.g. "pop", "exc"). Streams depend only on the seed and
// the names, never on creation order, so adding a population does not
// change another population's draws.
func Stream(seed uint64, names ...string) *rand.Rand {
	return rand.New(streamPCG(seed, names...))
}

// streamPCG is the PCG source behind Stream (kept by populations so that
// its state can be saved and restored).
func streamPCG(seed uint64, names ...string) *rand.PCG {
	h := fnv.New64a()
	for _, n := range names {
		_, _ = h.Write([]byte(n))
		_, _ = h.Write([]byte{0})
	}
	return rand.NewPCG(seed, h.Sum64())
}

// StreamSource is the PCG source of Stream(seed, names...): the same
// draws, with a state that can be saved (MarshalBinary) and restored.
func StreamSource(seed uint64, names ...string) *rand.PCG {
	return streamPCG(seed, names...)
}
