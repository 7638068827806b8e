package ecs

import (
	"unsafe"

	aecs "github.com/mlange-42/arche/ecs"

	"github.com/spikecs/spikecs/components"
)

// bindCache remembers a population's last fast-path bind (contiguous
// columns): its view, the neurons at both ends of its block and where
// their InPop components and the population entity's first component
// were. As long as all of them are where they were, the columns have not
// moved — arche moves a whole archetype's columns together when it grows,
// and an entity that changes archetype or is swapped into a removed one's
// place changes address — so bind reuses the view after a few pointer
// comparisons instead of a query. With -tags debug every bind runs the
// full check.
type bindCache struct {
	ok          bool
	first, last aecs.Entity
	firstIn     unsafe.Pointer // the first neuron's InPop
	lastIn      unsafe.Pointer // the last neuron's InPop
	popComp     unsafe.Pointer // the population entity's first component
	view        PopView
}

// popComponent returns the component of the population entity that
// bindCache watches: its parameters (spike sources: its Source).
func (s *Sim) popComponent(p *population) unsafe.Pointer {
	if p.isSource {
		return s.world.GetUnchecked(p.entity, s.ids.source)
	}
	return s.world.GetUnchecked(p.entity, s.ids.membraneP)
}

// remember stores p's view after a fast-path bind whose column of InPop
// components starts at firstIn (contiguous recorded the end neurons).
func (c *bindCache) remember(s *Sim, p *population, firstIn unsafe.Pointer) {
	c.firstIn = firstIn
	c.lastIn = unsafe.Add(firstIn, uintptr(p.size-1)*unsafe.Sizeof(components.InPop{}))
	c.popComp = s.popComponent(p)
	c.view = p.view
	c.ok = !debugChecks
}

// valid reports whether the remembered view still describes p's columns.
func (c *bindCache) valid(s *Sim, p *population) bool {
	if !c.ok {
		return false
	}
	w := s.world
	in := s.ids.cols[colInPop]
	return w.Alive(p.entity) && w.Alive(c.first) && w.Alive(c.last) &&
		w.GetUnchecked(c.first, in) == c.firstIn && w.GetUnchecked(c.last, in) == c.lastIn &&
		s.popComponent(p) == c.popComp
}
