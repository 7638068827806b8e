package systems_test

import (
	"testing"

	"github.com/stretchr/testify/require"

	"github.com/spikecs/spikecs/components"
	"github.com/spikecs/spikecs/ecs"
	"github.com/spikecs/spikecs/systems"
)

// trace holds one population's state after every step: V[n][i], A[n][i],
// S[n][i], DSdV[n][i].
type trace struct {
	V, A, S, DSdV [][]float64
}

// spikeSteps returns the steps at which neuron i spiked.
func (tr trace) spikeSteps(i int) []int {
	var out []int
	for n, s := range tr.S {
		if s[i] != 0 {
			out = append(out, n)
		}
	}
	return out
}

// simulate runs spec with a constant current (mA, shared) for the given
// number of steps at dt = 0.1 ms and records every step.
func simulate(t *testing.T, spec ecs.PopulationSpec, currentMA float64, steps int, opts ...func(*ecs.Options)) trace {
	t.Helper()
	o := ecs.Options{DtMs: 0.1, Seed: 1}
	for _, f := range opts {
		f(&o)
	}
	sim, err := systems.NewSim(o)
	require.NoError(t, err)
	id, err := sim.AddPopulation(spec)
	require.NoError(t, err)
	if currentMA != 0 {
		in, err := systems.NewCurrentInput(sim, spec.Name, components.Shared(currentMA), 0, posInf)
		require.NoError(t, err)
		require.NoError(t, sim.AddNeuronSystem(ecs.StageInput, in))
	}
	return record(t, sim, id, steps)
}

// record steps sim and reads population id after each step.
func record(t *testing.T, sim *ecs.Sim, id, steps int) trace {
	t.Helper()
	var tr trace
	for n := 0; n < steps; n++ {
		require.NoError(t, sim.Step())
		v, err := sim.Bind(id)
		require.NoError(t, err)
		vs, as, ss, gs := make([]float64, v.N), make([]float64, v.N), make([]float64, v.N), make([]float64, v.N)
		for i := 0; i < v.N; i++ {
			vs[i], ss[i], gs[i] = v.Membrane[i].V, v.Spike[i].S, v.Spike[i].DSdV
			if v.Adaptation != nil {
				as[i] = v.Adaptation[i].A
			}
		}
		require.NoError(t, sim.Unbind(v))
		tr.V, tr.A, tr.S, tr.DSdV = append(tr.V, vs), append(tr.A, as), append(tr.S, ss), append(tr.DSdV, gs)
	}
	return tr
}
