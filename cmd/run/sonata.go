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
	tMs    []float64
	nodes  []uint64
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
	p.tMs = append(p.tMs, t.TMs)
	p.nodes = append(p.nodes, uint64(neuron))
}
