package ecs

import (
	"fmt"
	"hash/fnv"
	"math/rand/v2"
	"reflect"
	"unsafe"

	aecs "github.com/mlange-42/arche/ecs"

	"github.com/spikecs/spikecs/components"
)

// PopView is a population's per-neuron columns as plain slices, valid for
// one segment of neuron systems (or until Unbind). Optional columns are nil
// when the population lacks the component. Slices are indexed by the
// neuron's index within the population.
//
// ⚠️ Do not keep a PopView or its slices across steps or structural
// changes: they point into arche's storage.
type PopView struct {
	Name string      // population name
	ID   int         // population ID (creation order)
	N    int         // number of neurons in this Sim
	Pop  aecs.Entity // the population entity
	// Offset is the global index of neuron 0 of this view (non-zero only
	// in a partitioned Sim, see Partition): neuron i here is neuron
	// Offset+i of the whole population.
	Offset int

	Membrane   []components.Membrane
	Input      []components.Input
	Spike      []components.Spike
	Adaptation []components.Adaptation    // nil without adaptation
	Refractory []components.Refractory    // nil without refractory period
	Surrogate  []components.SurrogateSpec // per-neuron surrogates, or nil
	// SynG holds the state G of each channel slot (nil when unused), SynH
	// the second state H of slots whose kinetics have one (else nil), both
	// in S; Channels.List[c] describes the channel whose Slot is c.
	SynG     [components.MaxChannels][]float64
	SynH     [components.MaxChannels][]float64
	Channels *components.Channels // nil for sources
	// SharedInput is the population's shared input of this step (nil for
	// sources); see components.SharedInput.
	SharedInput *components.SharedInput

	MembraneParams   *components.MembraneParams
	AdaptationParams *components.AdaptationParams // nil without adaptation
	RefractoryParams *components.RefractoryParams // nil without refractory period
	// PopSurrogate is the population's surrogate (used when Surrogate is nil).
	PopSurrogate *components.SurrogateSpec
	// Source is the generator of a spike source population; nil for
	// neurons. Sources have only Spike columns (Membrane and Input are nil).
	Source *components.Source

	// Fired lists the indices of the neurons whose spike output of the
	// current step is 1, in increasing order. The spike-stage systems fill
	// it (the block starting at 0 empties it first); delivery and recorders
	// read it instead of scanning every neuron.
	Fired *[]int32

	// Model is the population's model descriptor (nil for spike sources).
	Model *Model
	// Params holds a descriptor model's resolved parameters and derived
	// constants (nil for the LIF family and sources).
	Params *components.ModelParams
	// ext and extType are the model's own state columns (see Column).
	ext     []unsafe.Pointer
	extType []reflect.Type

	// Rand is the population's random stream.
	Rand *rand.Rand
	// seed is the Sim's seed (see StreamKey).
	seed uint64
	// Contiguous reports whether the columns are arche's own storage (the
	// fast path) rather than gathered copies (the per-entity fallback).
	Contiguous bool
}

// Column indices of the per-neuron components.
const (
	colInPop = iota
	colMembrane
	colInput
	colSpike
	colAdaptation
	colRefractory
	colSurrogate
	colSynG0
	colSynG1
	colSynG2
	colSynG3
	colSynH0
	colSynH1
	colSynH2
	colSynH3
	numCols
)

// extCol is one of a model's own state columns.
type extCol struct {
	name string
	id   aecs.ID
	typ  reflect.Type
}

// colSize is the element size of column c of p (the shared columns
// 0..numCols-1, then the model's own).
func (p *population) colSize(c int) uintptr {
	if c >= numCols {
		return p.ext[c-numCols].typ.Size()
	}
	return colSize(c)
}

// colID is the arche component ID of column c of p.
func (s *Sim) colID(p *population, c int) aecs.ID {
	if c >= numCols {
		return p.ext[c-numCols].id
	}
	return s.ids.cols[c]
}

// ncols is the number of columns of p (shared and own).
func (p *population) ncols() int { return numCols + len(p.ext) }

// colSize is the element size of each shared column.
func colSize(c int) uintptr {
	switch c {
	case colInPop:
		return unsafe.Sizeof(components.InPop{})
	case colMembrane:
		return unsafe.Sizeof(components.Membrane{})
	case colInput:
		return unsafe.Sizeof(components.Input{})
	case colSpike:
		return unsafe.Sizeof(components.Spike{})
	case colAdaptation:
		return unsafe.Sizeof(components.Adaptation{})
	case colRefractory:
		return unsafe.Sizeof(components.Refractory{})
	case colSurrogate:
		return unsafe.Sizeof(components.SurrogateSpec{})
	case colSynG0, colSynG1, colSynG2, colSynG3, colSynH0, colSynH1, colSynH2, colSynH3:
		return unsafe.Sizeof(float64(0))
	}
	return 0
}

// gatherState holds the fallback copies of a population's columns.
type gatherState struct {
	active bool
	bufs   [][]byte
	seen   []bool
}

// has reports whether the population declares column c.
func (p *population) has(c int) bool {
	if c >= numCols {
		return c < p.ncols()
	}
	switch c {
	case colAdaptation:
		return p.hasAdapt
	case colRefractory:
		return p.hasRef
	case colSurrogate:
		return p.hasSurr
	case colMembrane, colInput:
		return !p.isSource
	case colSynG0, colSynG1, colSynG2, colSynG3:
		return p.synSlots&(1<<(c-colSynG0)) != 0
	case colSynH0, colSynH1, colSynH2, colSynH3:
		return p.synHSlots&(1<<(c-colSynH0)) != 0
	}
	return true
}

// Bind returns the columns of population id for direct access by a global
// system. Call Unbind when done (in the fallback mode it writes the copies
// back). No structural change may happen in between.
func (s *Sim) Bind(id int) (*PopView, error) {
	if id < 0 || id >= len(s.pops) {
		return nil, fmt.Errorf("spikecs: no population with ID %d", id)
	}
	return s.bind(s.pops[id])
}

// Unbind ends a Bind; in the fallback mode it copies the columns back into
// the entities.
func (s *Sim) Unbind(v *PopView) error { return s.unbind(s.pops[v.ID]) }

// bind derives the population's column slices. The fast path (one archetype,
// contiguous columns in index order) costs one query, one Step and a few
// pointer comparisons; otherwise it gathers per entity into copies.
func (s *Sim) bind(p *population) (*PopView, error) {
	w := s.world
	if !w.Alive(p.entity) {
		return nil, fmt.Errorf("population %q: its entity was removed from the world", p.name)
	}
	if p.cache.valid(s, p) {
		p.view = p.cache.view
		return &p.view, nil
	}
	p.cache.ok = false
	v := &p.view
	*v = PopView{Name: p.name, ID: p.id, N: p.size, Pop: p.entity, Offset: p.offset, Rand: p.rng, Fired: &p.fired, Model: p.model, seed: s.opts.Seed}
	if p.model != nil && !p.model.lif {
		v.Params = (*components.ModelParams)(w.Get(p.entity, s.ids.modelP))
	}
	if p.isSource {
		v.Source = (*components.Source)(w.Get(p.entity, s.ids.source))
	} else {
		v.MembraneParams = (*components.MembraneParams)(w.Get(p.entity, s.ids.membraneP))
		v.PopSurrogate = (*components.SurrogateSpec)(w.Get(p.entity, s.ids.surrogateP))
		v.Channels = (*components.Channels)(w.Get(p.entity, s.ids.channels))
		v.SharedInput = (*components.SharedInput)(w.Get(p.entity, s.ids.shared))
	}
	if p.hasAdapt {
		v.AdaptationParams = (*components.AdaptationParams)(w.Get(p.entity, s.ids.adaptP))
	}
	if p.hasRef {
		v.RefractoryParams = (*components.RefractoryParams)(w.Get(p.entity, s.ids.refractP))
	}

	first := p.firstBuf()
	ok, err := s.contiguous(p, first)
	if err != nil {
		return nil, err
	}
	if ok {
		v.Contiguous = true
		s.setColumns(p, first)
		p.cache.remember(s, p, first[colInPop])
		return v, nil
	}
	if err := s.gatherColumns(p); err != nil {
		return nil, err
	}
	return v, nil
}

// contiguous runs the cheap layout check: the population's neurons are
// exactly its size, in one archetype, with every column contiguous from
// index 0 to index N−1. It fills first with the column starts.
func (s *Sim) contiguous(p *population, first []unsafe.Pointer) (bool, error) {
	q := s.world.Query(p.filter)
	n := q.Count()
	if n != p.size {
		q.Close()
		return false, fmt.Errorf("population %q: %d neurons in the world, expected %d (neurons must not be removed individually)", p.name, n, p.size)
	}
	q.Next()
	c := &p.cache
	c.first = q.Entity()
	c.last = c.first
	for c := 0; c < p.ncols(); c++ {
		if !p.has(c) {
			continue
		}
		id := s.colID(p, c)
		if !q.Has(id) {
			// Mixed or missing components: the fallback reports which neuron.
			q.Close()
			return false, nil
		}
		first[c] = q.Get(id)
	}
	if (*components.InPop)(first[colInPop]).Index != 0 {
		q.Close()
		return false, nil
	}
	if n == 1 {
		q.Close()
		return true, nil
	}
	if !q.Step(n - 1) {
		return false, nil // closed by Step
	}
	c.last = q.Entity()
	ok := true
	for c := 0; c < p.ncols() && ok; c++ {
		if !p.has(c) {
			continue
		}
		id := s.colID(p, c)
		if !q.Has(id) || uintptr(q.Get(id)) != uintptr(first[c])+uintptr(n-1)*p.colSize(c) {
			ok = false
		}
	}
	if ok && (*components.InPop)(unsafe.Add(first[colInPop], uintptr(n-1)*colSize(colInPop))).Index != int32(n-1) {
		ok = false
	}
	q.Close()
	if ok && debugChecks {
		ok = indexOrdered(first[colInPop], n)
	}
	return ok, nil
}

// indexOrdered is the full check that column position equals neuron index.
func indexOrdered(start unsafe.Pointer, n int) bool {
	idx := unsafe.Slice((*components.InPop)(start), n)
	for i := range idx {
		if idx[i].Index != int32(i) {
			return false
		}
	}
	return true
}

// setColumns points the view's slices at column memory starting at first.
func (s *Sim) setColumns(p *population, first []unsafe.Pointer) {
	v := &p.view
	n := p.size
	if !p.isSource {
		v.Membrane = unsafe.Slice((*components.Membrane)(first[colMembrane]), n)
		v.Input = unsafe.Slice((*components.Input)(first[colInput]), n)
	}
	v.Spike = unsafe.Slice((*components.Spike)(first[colSpike]), n)
	if p.hasAdapt {
		v.Adaptation = unsafe.Slice((*components.Adaptation)(first[colAdaptation]), n)
	}
	if p.hasRef {
		v.Refractory = unsafe.Slice((*components.Refractory)(first[colRefractory]), n)
	}
	if p.hasSurr {
		v.Surrogate = unsafe.Slice((*components.SurrogateSpec)(first[colSurrogate]), n)
	}
	for c := 0; c < components.MaxChannels; c++ {
		if p.has(colSynG0 + c) {
			v.SynG[c] = unsafe.Slice((*float64)(first[colSynG0+c]), n)
		}
		if p.has(colSynH0 + c) {
			v.SynH[c] = unsafe.Slice((*float64)(first[colSynH0+c]), n)
		}
	}
	if len(p.ext) > 0 {
		if len(v.ext) != len(p.ext) {
			v.ext, v.extType = make([]unsafe.Pointer, len(p.ext)), make([]reflect.Type, len(p.ext))
		}
		for j, e := range p.ext {
			v.ext[j], v.extType[j] = first[numCols+j], e.typ
		}
	}
}

// firstBuf returns p's scratch for column starts (one per column).
func (p *population) firstBuf() []unsafe.Pointer {
	if len(p.first) != p.ncols() {
		p.first = make([]unsafe.Pointer, p.ncols())
	}
	clear(p.first)
	return p.first
}

// gatherColumns is the per-entity fallback: it copies every neuron's
// components into index-ordered buffers and points the view at them.
func (s *Sim) gatherColumns(p *population) error {
	g := &p.gather
	n := p.size
	if len(g.bufs) != p.ncols() {
		g.bufs = make([][]byte, p.ncols())
	}
	for c := 0; c < p.ncols(); c++ {
		if p.has(c) && len(g.bufs[c]) != n*int(p.colSize(c)) {
			g.bufs[c] = make([]byte, n*int(p.colSize(c)))
		}
	}
	if len(g.seen) != n {
		g.seen = make([]bool, n)
	}
	clear(g.seen)
	err := s.eachNeuron(p, func(idx int, ptrs []unsafe.Pointer) {
		for c := 0; c < p.ncols(); c++ {
			if p.has(c) {
				sz := int(p.colSize(c))
				copy(g.bufs[c][idx*sz:(idx+1)*sz], unsafe.Slice((*byte)(ptrs[c]), sz))
			}
		}
	})
	if err != nil {
		return err
	}
	first := p.firstBuf()
	for c := 0; c < p.ncols(); c++ {
		if p.has(c) {
			first[c] = unsafe.Pointer(&g.bufs[c][0])
		}
	}
	s.setColumns(p, first)
	g.active = true
	return nil
}

// eachNeuron iterates the population entity by entity, checking that every
// neuron has the declared components and a unique index in range.
func (s *Sim) eachNeuron(p *population, fn func(idx int, ptrs []unsafe.Pointer)) error {
	g := &p.gather
	clear(g.seen)
	q := s.world.Query(p.filter)
	ptrs := make([]unsafe.Pointer, p.ncols())
	for q.Next() {
		idx := int((*components.InPop)(q.Get(s.ids.cols[colInPop])).Index)
		if idx < 0 || idx >= p.size || g.seen[idx] {
			q.Close()
			return fmt.Errorf("population %q: neuron entity %v has index %d, out of range or duplicated", p.name, q.Entity(), idx)
		}
		g.seen[idx] = true
		for c := 0; c < p.ncols(); c++ {
			if !p.has(c) {
				continue
			}
			id := s.colID(p, c)
			if !q.Has(id) {
				e := q.Entity()
				q.Close()
				return fmt.Errorf("population %q: neuron %d (entity %v) lacks a component its population declares (column %d)", p.name, idx, e, c)
			}
			ptrs[c] = q.Get(id)
		}
		fn(idx, ptrs)
	}
	return nil
}

// unbind writes gathered copies back (fallback mode only).
func (s *Sim) unbind(p *population) error {
	g := &p.gather
	if !g.active {
		return nil
	}
	g.active = false
	return s.eachNeuron(p, func(idx int, ptrs []unsafe.Pointer) {
		for c := 0; c < p.ncols(); c++ {
			if p.has(c) && c != colInPop {
				sz := int(p.colSize(c))
				copy(unsafe.Slice((*byte)(ptrs[c]), sz), g.bufs[c][idx*sz:(idx+1)*sz])
			}
		}
	})
}

// CheckLayout verifies, neuron by neuron, that every population is stored
// contiguously in index order (the fast path). It returns, per population
// name, whether the fast path applies; an error for a broken population.
func (s *Sim) CheckLayout() (map[string]bool, error) {
	out := make(map[string]bool, len(s.pops))
	for _, p := range s.pops {
		first := p.firstBuf()
		ok, err := s.contiguous(p, first)
		if err != nil {
			return nil, err
		}
		out[p.name] = ok && indexOrdered(first[colInPop], p.size)
	}
	return out, nil
}

// StreamKey returns the key of a counter-based random stream of this
// population for purpose (e.g. "gif-escape"), derived from the seed, the
// population's name and purpose only: the same in every partition and
// step, and independent of other streams. Draw with a CounterSource reset
// to (key, step, global neuron index) for draws that do not depend on the
// partition count or the block size. It hashes two strings: call it once
// per block, not per neuron.
func (v *PopView) StreamKey(purpose string) uint64 {
	h := fnv.New64a()
	_, _ = h.Write([]byte(v.Name))
	_, _ = h.Write([]byte{0})
	_, _ = h.Write([]byte(purpose))
	return Mix64(v.seed ^ Mix64(h.Sum64()))
}
