package systems_test

import (
	"math"
	"testing"

	"github.com/stretchr/testify/require"

	"github.com/spikecs/spikecs/components"
	"github.com/spikecs/spikecs/ecs"
	"github.com/spikecs/spikecs/systems"
)

// blockRef is one neuron of the block refractory mode written out from
// docs/models.md, independently of the systems: the reset applies the
// emitted spike of the previous step, V integrates while refractory, the
// output is 0 while t − last < tau_ref, and only emitted spikes stamp
// last.
type blockRef struct {
	v, a, s, last float64
}

// step advances the neuron by one step of dtMs at time tMs with input
// current curMA.
func (n *blockRef) step(tMs, dtMs, curMA, tau, th, rs, tauRef, tauA, beta float64, hard bool) {
	if hard {
		n.v -= (n.v - rs) * n.s
	} else {
		n.v -= (th - rs) * n.s
	}
	n.a += n.s
	n.v += -math.Expm1(-dtMs/tau) * (curMA - n.v) // R = 1 ohm, V_rest = 0
	if tauA > 0 {
		n.a *= math.Exp(-dtMs / tauA)
	}
	n.s = 0
	if (n.v-th-beta*n.a)/(th-rs) >= 0 && !(tMs-n.last < tauRef) {
		n.s, n.last = 1, tMs
	}
}

// TestBlockRefractoryMode checks refractory_mode block in the ECS
// pipeline against blockRef, neuron by neuron: identical spikes and
// last-spike times, V and a to 1e-12, S = DSdV = 0 while refractory, and
// the fired list holds exactly the emitted spikes — with and without the
// surrogate derivative, relu_grad and sigmoid (the spike stage's three
// paths), LIF and ALIF,
// soft and hard reset, shared and per-neuron tau_ref, blocks of 7 neurons.
func TestBlockRefractoryMode(t *testing.T) {
	cases := []struct {
		name     string
		adaptive bool
		hard     bool
		perRef   bool
		noGrad   bool
		sigmoid  bool // a surrogate other than relu_grad: the spike stage's general path
	}{
		{"LIF soft", false, false, false, false, false},
		{"LIF hard, per-neuron tau_ref", false, true, true, false, false},
		{"LIF soft, no surrogate derivative", false, false, false, true, false},
		{"LIF soft, sigmoid surrogate", false, false, false, false, true},
		{"ALIF soft, per-neuron tau_ref", true, false, true, false, false},
		{"ALIF hard, no surrogate derivative", true, true, false, true, false},
		{"ALIF hard, sigmoid surrogate, per-neuron tau_ref", true, true, true, false, true},
	}
	const n, steps, dt = 20, 400, 0.1
	const tau, th, rs, tauA, beta = 5.0, 1.0, -0.2, 20.0, 0.02
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			sim, err := systems.NewSim(ecs.Options{DtMs: dt, Seed: 1, BlockSize: 7, NoSurrogateGrad: c.noGrad})
			require.NoError(t, err)
			spec := ecs.LIFRef("p", n)
			spec.Membrane.Tau, spec.Membrane.VTh, spec.Membrane.VReset = ecs.Scalar(tau), ecs.Scalar(th), ecs.Scalar(rs)
			if c.hard {
				spec.Membrane.Reset = components.ResetHard
			}
			refs := make([]float64, n)
			for i := range refs {
				refs[i] = 1.05
				if c.perRef {
					refs[i] = 0.55 + 0.1*float64(i%6)
				}
			}
			spec.Refractory.TauRef, spec.Refractory.Mode = ecs.List(refs...), components.RefractoryBlock
			if !c.perRef {
				spec.Refractory.TauRef = ecs.Scalar(refs[0])
			}
			if c.sigmoid {
				spec.Surrogate = components.SurrogateSpec{Kind: components.SurrogateSigmoid, P: [4]float64{4}}
			}
			bta := 0.0
			if c.adaptive {
				spec.Adaptation = &ecs.AdaptationSpec{TauA: ecs.Scalar(tauA), Beta: ecs.Scalar(beta), AInit: ecs.Scalar(0)}
				bta = beta
			}
			id, err := sim.AddPopulation(spec)
			require.NoError(t, err)
			cur := make([]float64, n)
			for i := range cur {
				cur[i] = 1.2 + 0.4*float64(i) // from just above threshold to strongly driven
			}
			in, err := systems.NewCurrentInput(sim, "p", components.PerNeuron(cur), 0, posInf)
			require.NoError(t, err)
			require.NoError(t, sim.AddNeuronSystem(ecs.StageInput, in))

			ref := make([]blockRef, n)
			for i := range ref {
				ref[i].last = components.RefractoryNever
			}
			blocked, emitted, grads := 0, 0, 0
			for s := range steps {
				tMs := float64(s) * dt
				require.NoError(t, sim.Step())
				v, err := sim.Bind(id)
				require.NoError(t, err)
				want := []int32{}
				for i := range ref {
					r := &ref[i]
					refractory := tMs-r.last < refs[i]
					tA := 0.0
					if c.adaptive {
						tA = tauA
					}
					r.step(tMs, dt, cur[i], tau, th, rs, refs[i], tA, bta, c.hard)
					require.Equal(t, r.s, v.Spike[i].S, "step %d neuron %d: spike", s, i)
					require.InDelta(t, r.v, v.Membrane[i].V, 1e-12, "step %d neuron %d: V", s, i)
					if c.adaptive {
						require.InDelta(t, r.a, v.Adaptation[i].A, 1e-12, "step %d neuron %d: a", s, i)
					}
					require.Equal(t, r.last, v.Refractory[i].LastSpikeMs, "step %d neuron %d: last spike", s, i)
					if refractory {
						require.Zero(t, v.Spike[i].DSdV, "step %d neuron %d: DSdV = 0 while refractory", s, i)
						if (r.v-th-bta*r.a)/(th-rs) >= 0 {
							blocked++
						}
					} else if v.Spike[i].DSdV != 0 {
						grads++
					}
					if r.s != 0 {
						want = append(want, int32(i))
						emitted++
					}
				}
				require.Equal(t, want, append([]int32{}, *v.Fired...), "step %d: fired list", s)
				require.NoError(t, sim.Unbind(v))
			}
			require.Greater(t, emitted, 100, "the neurons must spike")
			require.Greater(t, blocked, 20, "spikes must be blocked (V above threshold while refractory)")
			if c.noGrad {
				require.Zero(t, grads, "no surrogate derivative without it")
			} else {
				require.Greater(t, grads, 100, "the surrogate derivative is computed outside refractoriness")
			}
		})
	}
}
