package ecs

import (
	"fmt"
	"math"
	"sort"

	aecs "github.com/mlange-42/arche/ecs"

	"github.com/spikecs/spikecs/components"
)

// resolveSource validates a source spec and builds its component.
func (s *Sim) resolveSource(spec PopulationSpec) (*components.Source, error) {
	fail := func(param string, neuron int, format string, args ...any) (*components.Source, error) {
		return nil, &ParamError{Population: spec.Name, Param: param, Neuron: neuron, Msg: fmt.Sprintf(format, args...)}
	}
	src := spec.Source
	poisson, times := src.RateHz.IsSet(), len(src.TimesMs) > 0 || len(src.Neurons) > 0
	switch {
	case poisson && times:
		return fail("source", -1, "give either a Poisson rate or spike times, not both")
	case poisson:
		rate, err := src.RateHz.resolve(spec.Size, Stream(s.opts.Seed, "init", spec.Name, "rate"))
		if err != nil {
			return fail("rate", -1, "%v", err)
		}
		for i, r := range rate.Values {
			if r < 0 || r*s.clock.DtMs*1e-3 > 1 {
				n := i
				if rate.IsShared() {
					n = -1
				}
				return fail("rate", n, "= %v Hz; must be >= 0 and at most 1/dt (%v Hz)", r, 1e3/s.clock.DtMs)
			}
		}
		return &components.Source{Kind: components.SourcePoisson, RateHz: rate}, nil
	case times:
		if len(src.TimesMs) != len(src.Neurons) {
			return fail("spike_times", -1, "has %d times but %d neurons; they pair up", len(src.TimesMs), len(src.Neurons))
		}
		out := &components.Source{Kind: components.SourceSpikeTimes}
		type ev struct {
			step   int64
			neuron int32
		}
		evs := make([]ev, len(src.TimesMs))
		for i, t := range src.TimesMs {
			if math.IsNaN(t) || math.IsInf(t, 0) || t < 0 {
				return fail("spike_times", -1, "event %d: time %v ms must be finite and >= 0", i, t)
			}
			if src.Neurons[i] < 0 || src.Neurons[i] >= spec.Size {
				return fail("spike_times", -1, "event %d: neuron %d out of range 0..%d", i, src.Neurons[i], spec.Size-1)
			}
			evs[i] = ev{StepOf(t, s.clock.DtMs), int32(src.Neurons[i])}
		}
		sort.SliceStable(evs, func(a, b int) bool {
			if evs[a].step != evs[b].step {
				return evs[a].step < evs[b].step
			}
			return evs[a].neuron < evs[b].neuron
		})
		for _, e := range evs {
			out.Steps = append(out.Steps, e.step)
			out.Neurons = append(out.Neurons, e.neuron)
		}
		return out, nil
	}
	return fail("source", -1, "needs a Poisson rate or spike times")
}

// createSource makes the entities of a source population: a population
// entity with Population and Source, and neurons with InPop and Spike.
func (s *Sim) createSource(p *population, spec PopulationSpec, src *components.Source) {
	w := s.world
	p.isSource = true
	p.global = spec.Size
	p.hasAdapt, p.hasRef, p.hasSurr = false, false, false
	p.entity = w.NewEntity(s.ids.popInfo, s.ids.source)
	*(*components.Population)(w.Get(p.entity, s.ids.popInfo)) = components.Population{Name: spec.Name, Size: spec.Size, ID: p.id}
	*(*components.Source)(w.Get(p.entity, s.ids.source)) = *src
	q := aecs.NewBuilder(w, s.ids.cols[colInPop], s.ids.cols[colSpike]).WithRelation(s.ids.cols[colInPop]).NewBatchQ(spec.Size, p.entity)
	i := 0
	for q.Next() {
		(*components.InPop)(q.Get(s.ids.cols[colInPop])).Index = int32(i)
		i++
	}
	s.register(p)
}

// IsSource reports whether population id is a spike source.
func (s *Sim) IsSource(id int) bool { return s.pops[id].isSource }
