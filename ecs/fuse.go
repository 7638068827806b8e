package ecs

import "fmt"

// Fuser is an optional interface of a NeuronSystem: for the populations it
// accepts it does, in one pass over each block, the work of itself and of
// some of the systems that follow it in its segment — loading each
// neuron's state once instead of once per system.
//
// Before the blocks of a population in each step the Sim calls Fuse with
// the systems that follow the Fuser in its segment. A return value n > 0
// means UpdateBlock replaces itself and next[:n] for that population (the
// Sim skips them); 0 means the Fuser does not apply: it is skipped and the
// systems run as usual. A Fuser must give results identical to the systems
// it replaces, and must only accept a run of systems it knows.
//
// Options.DisableFusion turns every Fuser off (for testing and
// comparison).
type Fuser interface {
	NeuronSystem
	// Fuse reports how many of next the Fuser performs for p (0: none,
	// and the Fuser itself is skipped).
	Fuse(t Tick, p *PopView, next []NeuronSystem) int
}

// fusedRun returns the systems to run for population p in a segment: the
// segment itself, or a copy in which each accepting Fuser replaces the
// systems it fuses and each declining Fuser is dropped. The copy lives in
// the population's scratch slice, so the call does not allocate once warm.
func (s *Sim) fusedRun(seg *segment, t Tick, p *population, v *PopView) []NeuronSystem {
	list := seg.neurons
	if seg.scoped {
		// Only the systems in the population's scope (see AddNeuronSystemFor).
		in := p.runScoped[:0]
		for i, sys := range seg.neurons {
			if sc := seg.scopes[i]; sc == 0 || sc&p.scope != 0 {
				in = append(in, sys)
			}
		}
		p.runScoped = in
		list = in
	}
	if !seg.hasFuser {
		return list
	}
	run := p.run[:0]
	for i := 0; i < len(list); i++ {
		sys := list[i]
		f, ok := sys.(Fuser)
		if !ok {
			run = append(run, sys)
			continue
		}
		if s.opts.DisableFusion {
			continue
		}
		if n := f.Fuse(t, v, list[i+1:]); n > 0 {
			run = append(run, sys)
			i += n
		}
	}
	p.run = run
	return run
}

// NeuronPlan returns, for population id, the names of the neuron systems
// that run for it in each neuron segment of the next step after fusion,
// e.g. [[fused-lifref]] when a Fuser takes the whole pipeline, or
// [[channels reset integrate spike sources refractory]]. It binds the
// population, so call it between steps.
func (s *Sim) NeuronPlan(id int) ([][]string, error) {
	if id < 0 || id >= len(s.pops) {
		return nil, fmt.Errorf("spikecs: no population with ID %d", id)
	}
	p := s.pops[id]
	v, err := s.bind(p)
	if err != nil {
		return nil, err
	}
	t := s.tick()
	var out [][]string
	for i := range s.plan {
		seg := &s.plan[i]
		if seg.global != nil {
			continue
		}
		var names []string
		for _, sys := range s.fusedRun(seg, t, p, v) {
			names = append(names, sys.Name())
		}
		out = append(out, names)
	}
	return out, s.unbind(p)
}
