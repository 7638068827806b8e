package systems_test

import (
	"math"
	"testing"

	"github.com/stretchr/testify/assert"

	"github.com/spikecs/spikecs/components"
	"github.com/spikecs/spikecs/ecs"
)

var posInf = math.Inf(1)

// refTol is the absolute tolerance (mV) against the float64 reference
// numbers of semantics §1.6: they are printed to 15 decimals, and our
// exponential-Euler factor 1 − exp(−dt/tau) differs from the reference's
// dt·φ(dt·A)/tau by a few ulps only.
const refTol = 1e-12

// TestReferenceTrajectories pins semantics §1.6 for all four models: one
// neuron, dt = 0.1 ms, constant 2 mA, R = 1 ohm, V_th = 1 mV.
func TestReferenceTrajectories(t *testing.T) {
	lif := func(tau float64, reset components.ResetMode) ecs.PopulationSpec {
		s := ecs.LIF("n", 1)
		s.Membrane.Tau = ecs.Scalar(tau)
		s.Membrane.Reset = reset
		return s
	}
	lifref := func(reset components.ResetMode) ecs.PopulationSpec {
		s := ecs.LIFRef("n", 1)
		s.Membrane.Tau = ecs.Scalar(10)
		s.Membrane.Reset = reset
		s.Refractory.TauRef = ecs.Scalar(2.05)
		return s
	}
	alif := ecs.ALIF("n", 1)
	alif.Membrane.Tau = ecs.Scalar(10)
	decaying := ecs.IF("n", 1)
	decaying.Membrane.VInit = ecs.Scalar(0.5)

	held := func(from, to int, v float64) map[int]float64 {
		m := map[int]float64{}
		for n := from; n <= to; n++ {
			m[n] = v
		}
		return m
	}
	merge := func(ms ...map[int]float64) map[int]float64 {
		out := map[int]float64{}
		for _, m := range ms {
			for k, v := range m {
				out[k] = v
			}
		}
		return out
	}

	cases := []struct {
		name    string
		spec    ecs.PopulationSpec
		current float64
		steps   int
		spikes  []int
		v       map[int]float64
		a       map[int]float64
	}{
		{"LIF soft", lif(10, components.ResetSoft), 2, 300, []int{69, 138, 208, 277},
			map[int]float64{0: 0.019900332501664, 68: 0.996847861867889, 69: 1.006829392417181, 70: 0.026661771328902, 71: 0.046296814773301}, nil},
		{"LIF hard", lif(10, components.ResetHard), 2, 300, []int{69, 139, 209, 279},
			map[int]float64{69: 1.006829392417181, 70: 0.019900332501664}, nil},
		{"IF soft", ecs.IF("n", 1), 2, 120, []int{34, 69, 104},
			map[int]float64{0: 0.039602653386489, 33: 0.986766015268821, 34: 1.006829392417181, 35: 0.046296814773301}, nil},
		{"IF decays toward 0", decaying, 0, 50, nil,
			map[int]float64{0: 0.490099336653378}, nil},
		{"ALIF soft", alif, 2, 330, []int{69, 148, 232, 322},
			map[int]float64{69: 1.006829392417181, 70: 0.026661771328902, 148: 1.095409893638767, 149: 0.114360881836751},
			map[int]float64{69: 0, 70: 0.999000499833375, 148: 0.924039924445087, 149: 1.922116846220011}},
		{"LIFRef soft", lifref(components.ResetSoft), 2, 260, []int{69, 158, 248},
			merge(map[int]float64{69: 1.006829392417181, 90: 0.026661771328902}, held(70, 89, 0.006829392417181)), nil},
		{"LIFRef hard", lifref(components.ResetHard), 2, 260, []int{69, 159, 249},
			merge(map[int]float64{90: 0.019900332501664}, held(70, 89, 0)), nil},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			tr := simulate(t, tc.spec, tc.current, tc.steps)
			assert.Equal(t, tc.spikes, tr.spikeSteps(0), "spike steps (output = 1) per semantics §1.6")
			for n, want := range tc.v {
				assert.InDelta(t, want, tr.V[n][0], refTol, "V after step %d", n)
			}
			for n, want := range tc.a {
				assert.InDelta(t, want, tr.A[n][0], refTol, "a after step %d", n)
			}
		})
	}
}

// TestLIFClosedForm checks V_n = 2·(1 − exp(−(n+1)·dt/tau)) before the first
// spike, the closed form of semantics §1.6.
func TestLIFClosedForm(t *testing.T) {
	s := ecs.LIF("n", 1)
	s.Membrane.Tau = ecs.Scalar(10)
	tr := simulate(t, s, 2, 69)
	for n := range tr.V {
		want := 2 * (1 - math.Exp(-float64(n+1)*0.1/10))
		assert.InDelta(t, want, tr.V[n][0], 1e-13, "V after step %d", n)
	}
}
