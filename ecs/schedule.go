package ecs

import "fmt"

// entry is one scheduled system: exactly one of the fields is set.
type entry struct {
	global System
	neuron NeuronSystem
	scope  uint64 // neuron systems: 0 runs for every population, else for those whose scope shares a bit
}

// segment is a unit of execution: one global system, or a run of
// consecutive neuron systems executed block by block.
type segment struct {
	global   System
	neurons  []NeuronSystem
	scopes   []uint64 // per neuron system (see entry.scope)
	scoped   bool     // some of neurons is scoped
	hasFuser bool     // some of neurons implements Fuser
}

// AddSystem appends a global system to a stage. Systems of a stage run in
// the order they were added.
func (s *Sim) AddSystem(stage Stage, sys System) error {
	if sys == nil {
		return fmt.Errorf("spikecs: AddSystem(%v): nil system", stage)
	}
	return s.add(stage, entry{global: sys})
}

// AddNeuronSystem appends a neuron-local system to a stage (see
// NeuronSystem for the contract that allows block-wise execution).
func (s *Sim) AddNeuronSystem(stage Stage, sys NeuronSystem) error {
	if sys == nil {
		return fmt.Errorf("spikecs: AddNeuronSystem(%v): nil system", stage)
	}
	return s.add(stage, entry{neuron: sys})
}

// AddNeuronSystemFor appends a neuron system that runs only for the
// populations whose model uses the standard system std (Model.Standard);
// systems.Install adds the standard systems this way, so that a model with
// its own integrator is not integrated twice.
func (s *Sim) AddNeuronSystemFor(stage Stage, sys NeuronSystem, std Std) error {
	if sys == nil {
		return fmt.Errorf("spikecs: AddNeuronSystemFor(%v): nil system", stage)
	}
	if std == 0 || std >= 1<<stdBits {
		return fmt.Errorf("spikecs: AddNeuronSystemFor(%v): %d is not a standard system", stage, std)
	}
	return s.add(stage, entry{neuron: sys, scope: uint64(std)})
}

// installModel adds a descriptor model's own systems, once per Sim, scoped
// to the model's populations.
func (s *Sim) installModel(m *Model) error {
	if m.lif || len(m.Systems) == 0 {
		return nil
	}
	if _, ok := s.modelBits[m.Name]; ok {
		return nil
	}
	if err := m.validate(); err != nil {
		return err
	}
	if s.modelBits == nil {
		s.modelBits = map[string]uint64{}
	}
	n := stdBits + len(s.modelBits)
	if n >= 64 {
		return fmt.Errorf("spikecs: too many models in one simulation (at most %d)", 64-stdBits)
	}
	bit := uint64(1) << n
	s.modelBits[m.Name] = bit
	for _, ms := range m.Systems {
		sys := ms.New()
		if sys == nil {
			return fmt.Errorf("model %s: a system constructor returned nil", m.Name)
		}
		if err := s.add(ms.Stage, entry{neuron: sys, scope: bit}); err != nil {
			return err
		}
	}
	return nil
}

// scopeOf returns the scope bits of a population of model m: the standard
// systems it uses and its own systems' bit.
func (s *Sim) scopeOf(m *Model) uint64 {
	if m == nil {
		return 1<<stdBits - 1
	}
	return uint64(m.Standard) | s.modelBits[m.Name]
}

func (s *Sim) add(stage Stage, e entry) error {
	if stage < 0 || stage >= numStages {
		return fmt.Errorf("spikecs: unknown stage %d", int(stage))
	}
	s.stages[stage] = append(s.stages[stage], e)
	s.replan()
	return nil
}

// Schedule returns the names of the scheduled systems per stage, in order.
func (s *Sim) Schedule() map[Stage][]string {
	out := map[Stage][]string{}
	for st, es := range s.stages {
		for _, e := range es {
			if e.global != nil {
				out[Stage(st)] = append(out[Stage(st)], e.global.Name())
			} else {
				out[Stage(st)] = append(out[Stage(st)], e.neuron.Name())
			}
		}
	}
	return out
}

// replan groups consecutive neuron systems into segments.
func (s *Sim) replan() {
	s.plan = s.plan[:0]
	for _, es := range s.stages {
		for _, e := range es {
			if e.global != nil {
				s.plan = append(s.plan, segment{global: e.global})
				continue
			}
			if k := len(s.plan) - 1; k >= 0 && s.plan[k].global == nil {
				s.plan[k].neurons = append(s.plan[k].neurons, e.neuron)
				s.plan[k].scopes = append(s.plan[k].scopes, e.scope)
				s.plan[k].scoped = s.plan[k].scoped || e.scope != 0
				s.plan[k].hasFuser = s.plan[k].hasFuser || isFuser(e.neuron)
				continue
			}
			s.plan = append(s.plan, segment{neurons: []NeuronSystem{e.neuron}, scopes: []uint64{e.scope}, scoped: e.scope != 0, hasFuser: isFuser(e.neuron)})
		}
	}
}

// isFuser reports whether a neuron system implements Fuser.
func isFuser(sys NeuronSystem) bool {
	_, ok := sys.(Fuser)
	return ok
}
