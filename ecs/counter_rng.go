package ecs

import (
	"hash/fnv"
	"math"
	"strconv"
)

// CounterKey returns the key of a counter-based random stream for a system
// created on this Sim, derived from the seed, the names and how many keys
// with the same names were taken before (so two identical inputs into one
// population draw independently). Systems built in the same order get the
// same keys in every partition of a network.
func (s *Sim) CounterKey(names ...string) uint64 {
	h := fnv.New64a()
	for _, n := range names {
		_, _ = h.Write([]byte(n))
		_, _ = h.Write([]byte{0})
	}
	id := string(h.Sum(nil))
	if s.keyUses == nil {
		s.keyUses = map[string]int{}
	}
	use := s.keyUses[id]
	s.keyUses[id]++
	_, _ = h.Write([]byte(strconv.Itoa(use)))
	return Mix64(s.opts.Seed ^ Mix64(h.Sum64()))
}

// Mix64 is the SplitMix64 finaliser: a bijective 64-bit hash whose output
// bits each depend on all input bits.
func Mix64(x uint64) uint64 {
	x ^= x >> 30
	x *= 0xBF58476D1CE4E5B9
	x ^= x >> 27
	x *= 0x94D049BB133111EB
	x ^= x >> 31
	return x
}

// CounterSource is a counter-based random source (SplitMix64 over a key):
// Reset(key, step, neuron) starts the stream of one neuron at one step, so
// the numbers a neuron draws depend only on the key, the step and the
// neuron's global index — never on how the population is partitioned or
// blocked. It implements math/rand/v2's Source.
type CounterSource struct {
	state uint64
}

// Reset positions the source at the stream of (key, step, neuron).
func (c *CounterSource) Reset(key uint64, step int64, neuron int) {
	c.state = Mix64(key ^ Mix64(uint64(step)*0x9E3779B97F4A7C15+uint64(neuron)))
}

// Uint64 returns the next number of the stream.
func (c *CounterSource) Uint64() uint64 {
	c.state += 0x9E3779B97F4A7C15
	return Mix64(c.state)
}

// Float64 returns the next number of the stream as a uniform value in [0, 1).
func (c *CounterSource) Float64() float64 {
	return float64(c.Uint64()>>11) * (1.0 / (1 << 53))
}

// NormFloat64 returns the next two numbers of the stream turned into one
// standard normal value (Box–Muller: sqrt(−2 ln u1)·cos(2π u2), u1 in
// (0, 1]). It is exact up to rounding and uses no tables, so a neuron's
// value depends only on its stream.
func (c *CounterSource) NormFloat64() float64 {
	u1 := 1 - c.Float64() // (0, 1]: the log stays finite
	u2 := c.Float64()
	return math.Sqrt(-2*math.Log(u1)) * math.Cos(2*math.Pi*u2)
}
