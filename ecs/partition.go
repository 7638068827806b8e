package ecs

import (
	"fmt"

	"github.com/spikecs/spikecs/components"
)

// Partition selects the part of the network a Sim holds when one network is
// split across Count worlds (goroutines or MPI ranks). Every neuron
// population of N neurons is cut into Count contiguous blocks; partition
// Index holds neurons Range(N) of it, stored as local indices 0..hi−lo−1.
// Spike sources are not split: every partition holds all of a source's
// neurons and draws all of its spikes, so their draws do not depend on
// Count. The zero value (and Count 1) is the whole network.
//
// Random initial values and per-neuron lists are resolved for the whole
// population and then cut, so a neuron's parameters do not depend on Count.
type Partition struct {
	// Index is this partition, 0 <= Index < Count.
	Index int
	// Count is the number of partitions (0 or 1: unpartitioned).
	Count int
}

// Parts returns the number of partitions (at least 1).
func (p Partition) Parts() int { return max(1, p.Count) }

// Range returns the global neuron indices lo..hi-1 that partition Index
// holds of a population of n neurons: block Index of Count nearly equal
// contiguous blocks (sizes differ by at most one).
func (p Partition) Range(n int) (lo, hi int) {
	k := p.Parts()
	return int(int64(n) * int64(p.Index) / int64(k)), int(int64(n) * int64(p.Index+1) / int64(k))
}

// Owner returns the partition holding neuron i of a population of n
// neurons (the inverse of Range).
func (p Partition) Owner(n, i int) int {
	k := p.Parts()
	// The largest r with floor(n·r/k) <= i.
	r := int((int64(i)*int64(k) + int64(k) - 1) / int64(n))
	for r > 0 && int(int64(n)*int64(r)/int64(k)) > i {
		r--
	}
	for r+1 < k && int(int64(n)*int64(r+1)/int64(k)) <= i {
		r++
	}
	return r
}

// check validates the partition.
func (p Partition) check() error {
	if p.Count < 0 || (p.Count > 0 && (p.Index < 0 || p.Index >= p.Count)) || (p.Count == 0 && p.Index != 0) {
		return fmt.Errorf("spikecs: partition %d of %d is not valid (need 0 <= index < count)", p.Index, p.Count)
	}
	return nil
}

// Partition returns the part of the network this Sim holds.
func (s *Sim) Partition() Partition { return s.opts.Partition }

// GlobalSize returns the number of neurons of population id in the whole
// network (PopulationSize is the number this Sim holds).
func (s *Sim) GlobalSize(id int) int { return s.pops[id].global }

// Offset returns the global index of local neuron 0 of population id.
func (s *Sim) Offset(id int) int { return s.pops[id].offset }

// localRange returns the global range a new population of n neurons keeps
// (all of it for sources and unpartitioned Sims), or an error when the
// population has fewer neurons than there are partitions.
func (s *Sim) localRange(spec PopulationSpec) (lo, hi int, err error) {
	k := s.opts.Partition.Parts()
	if spec.Source != nil || k == 1 {
		return 0, spec.Size, nil
	}
	if spec.Size < k {
		return 0, 0, &ParamError{Population: spec.Name, Param: "size", Neuron: -1,
			Msg: fmt.Sprintf("= %d neurons, fewer than the %d partitions; every partition needs at least one neuron of every population", spec.Size, k)}
	}
	lo, hi = s.opts.Partition.Range(spec.Size)
	return lo, hi, nil
}

// cutParam returns neurons lo..hi-1 of a per-neuron Param (shared Params
// stay shared).
func cutParam(p components.Param, lo, hi int) components.Param {
	if p.IsShared() || len(p.Values) == 0 {
		return p
	}
	return components.PerNeuron(append([]float64(nil), p.Values[lo:hi]...))
}

// cut keeps neurons lo..hi-1 of every resolved per-neuron value.
func (r *resolved) cut(lo, hi int) {
	r.mp.ROhm = cutParam(r.mp.ROhm, lo, hi)
	r.mp.TauMs = cutParam(r.mp.TauMs, lo, hi)
	r.mp.VThMV = cutParam(r.mp.VThMV, lo, hi)
	r.mp.VResetMV = cutParam(r.mp.VResetMV, lo, hi)
	r.mp.VRestMV = cutParam(r.mp.VRestMV, lo, hi)
	r.vInit = cutParam(r.vInit, lo, hi)
	r.ap.TauAMs = cutParam(r.ap.TauAMs, lo, hi)
	r.ap.BetaMV = cutParam(r.ap.BetaMV, lo, hi)
	r.aInit = cutParam(r.aInit, lo, hi)
	r.rp.TauRefMs = cutParam(r.rp.TauRefMs, lo, hi)
	if len(r.surrNs) > 0 {
		r.surrNs = r.surrNs[lo:hi]
	}
	if r.model != nil {
		for i := range r.model.Values {
			r.model.Values[i] = cutParam(r.model.Values[i], lo, hi)
		}
	}
}
