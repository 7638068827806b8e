package main

import "github.com/spikecs/spikecs/ecs"

// sonataFile is the SONATA spike file of -format sonata.
const sonataFile = "spikes.h5"

// sonataSpikes keeps the spikes of the recorded populations for the
// SONATA file, written at the end of the run (HDF5 datasets are written
// whole): 16 B per recorded spike, in time order as they come.
type sonataSpikes struct {
	names []string
	pops  []sonataPop // by population ID
}

// sonataPop is one population's spikes: times (ms) and neuron indices.
type sonataPop struct {
	record bool
	tMs    blocks[float64]
	nodes  blocks[uint64]
}

// blockLen is the number of values of one block of a blocks list.
const blockLen = 1 << 15

// blocks is a list that grows by whole blocks of blockLen values: adding
// a value never copies the earlier ones (append on one slice of
// hundreds of thousands of spikes copies them several times over).
type blocks[T any] struct{ bs [][]T }

// add appends v.
func (b *blocks[T]) add(v T) {
	n := len(b.bs)
	if n == 0 || len(b.bs[n-1]) == blockLen {
		b.bs = append(b.bs, make([]T, 0, blockLen))
		n++
	}
	b.bs[n-1] = append(b.bs[n-1], v)
}

// flat returns the values as one slice.
func (b *blocks[T]) flat() []T {
	n := 0
	for _, x := range b.bs {
		n += len(x)
	}
	out := make([]T, 0, n)
	for _, x := range b.bs {
		out = append(out, x...)
	}
	return out
}

// newSonataSpikes returns an empty collector of the populations with
// record set.
func newSonataSpikes(names []string, record []bool) *sonataSpikes {
	s := &sonataSpikes{names: names, pops: make([]sonataPop, len(names))}
	for id := range names {
		s.pops[id].record = record[id]
	}
	return s
}

// add keeps one spike.
func (s *sonataSpikes) add(t ecs.Tick, pop, neuron int) {
	p := &s.pops[pop]
	p.tMs.add(t.TMs)
	p.nodes.add(uint64(neuron))
}
