package ecs

import "fmt"

// entry is one scheduled system: exactly one of the fields is set.
type entry struct {
	global System
	neuron NeuronSystem
}

// segment is a unit of execution: one global system, or a run of
// consecutive neuron systems executed block by block.
type segment struct {
	global   System
	neurons  []NeuronSystem
	hasFuser bool // some of neurons implements Fuser
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
				s.plan[k].hasFuser = s.plan[k].hasFuser || isFuser(e.neuron)
				continue
			}
			s.plan = append(s.plan, segment{neurons: []NeuronSystem{e.neuron}, hasFuser: isFuser(e.neuron)})
		}
	}
}

// isFuser reports whether a neuron system implements Fuser.
func isFuser(sys NeuronSystem) bool {
	_, ok := sys.(Fuser)
	return ok
}
