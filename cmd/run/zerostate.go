package main

import (
	"github.com/spikecs/spikecs/ecs"
	"github.com/spikecs/spikecs/systems"
)

// zeroState is a record-stage system for the adaptation variable a of a
// population without adaptation: the runner contract lets any population
// record a (its own example records it for a LIF), and for a neuron whose
// threshold never moves a is 0. It writes a = 0 for the chosen neurons
// after every step, following the population's other recorded variables.
type zeroState struct {
	pop     int
	neurons []int
	vars    []string
	out     systems.StateWriter
}

// Name returns "zero-state-recorder".
func (*zeroState) Name() string { return "zero-state-recorder" }

// Update writes 0 for every chosen neuron and variable of step t.
func (z *zeroState) Update(_ *ecs.Sim, t ecs.Tick) error {
	for _, i := range z.neurons {
		for _, v := range z.vars {
			if err := z.out.WriteState(t, z.pop, i, v, 0); err != nil {
				return err
			}
		}
	}
	return nil
}

// splitAbsent separates the variables of a state record that the
// population lacks and that are recorded as 0 ("a" without adaptation)
// from the ones its StateRecorder reads.
func splitAbsent(vars []string, hasAdaptation bool) (present, zero []string) {
	for _, v := range vars {
		if v == "a" && !hasAdaptation {
			zero = append(zero, v)
		} else {
			present = append(present, v)
		}
	}
	return present, zero
}
