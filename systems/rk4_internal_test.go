package systems

import (
	"math"
	"math/rand/v2"
	"testing"

	"github.com/stretchr/testify/require"

	"github.com/spikecs/spikecs/components"
)

// rk4Case is one model's hand-written RK4 chunk against step2 with the
// model's right-hand side as a closure (the form the loops replaced).
type rk4Case struct {
	name string
	// chunk runs the four stages over the chunk and returns (V, w) per
	// neuron after the step (w = 0 for one-variable models).
	chunk func(mem []components.Membrane, w []float64, in []components.Input, held []bool) (v, ww []float64)
	// ref returns the closure of neuron j for step2.
	ref func(j int, in *components.Input, held bool) func(v, w float64) (float64, float64)
}

// TestHandWrittenRK4MatchesStep2 checks that the chunked RK4 stages of
// ExpIF, AdEx, QIF, AdQIF and Izhikevich give the same bits as step2 with
// the right-hand side as a closure, for random per-neuron parameters,
// states (V above the cut-off included), inputs with a dI/dV term and
// held neurons, over chunks of 64 and a shorter last chunk.
func TestHandWrittenRK4MatchesStep2(t *testing.T) {
	const n, dt, bias = 100, 0.1, 1.5
	rng := rand.New(rand.NewPCG(7, 9))
	uni := func(lo, hi float64) []float64 {
		out := make([]float64, n)
		for i := range out {
			out[i] = lo + (hi-lo)*rng.Float64()
		}
		return out
	}
	r, tau, rest, vT, dT, vth := uni(0.5, 2), uni(5, 20), uni(-70, -60), uni(-55, -50), uni(1, 4), uni(-35, -25)
	a, tauW, vC, cc := uni(-1, 2), uni(10, 200), uni(-55, -45), uni(0.03, 0.1)
	izA, izB := uni(0.01, 0.1), uni(0.2, 0.25)
	eb := expBlock{r: r, tau: tau, rest: rest, vT: vT, dT: dT, vth: vth, a: a, tauW: tauW, bias: bias, dt: dt}
	qb := qifBlock{r: r, tau: tau, rest: rest, vC: vC, c: cc, a: a, tauW: tauW, bias: bias, dt: dt}
	cur := func(in *components.Input, v float64) float64 { return current(in, bias, v) }
	type acc = [rk4Chunk]float64
	cases := []rk4Case{
		{"ExpIF",
			func(mem []components.Membrane, _ []float64, in []components.Input, _ []bool) ([]float64, []float64) {
				return chunked(len(mem), func(c0, c1 int, av, _ *acc) {
					var kv acc
					for s := range 4 {
						eb.expIFStage(s, mem[c0:c1], in[c0:c1], c0, av, &kv)
					}
				})
			},
			func(j int, in *components.Input, _ bool) func(v, w float64) (float64, float64) {
				return func(v, ww float64) (dv, dw float64) {
					v = min(v, vth[j])
					return (-(v - rest[j]) + dT[j]*math.Exp((v-vT[j])/dT[j]) - r[j]*ww + r[j]*cur(in, v)) / tau[j], 0
				}
			}},
		{"AdEx",
			func(mem []components.Membrane, w []float64, in []components.Input, held []bool) ([]float64, []float64) {
				ws := adapt(w)
				return chunked(len(mem), func(c0, c1 int, av, aw *acc) {
					var kv, kw acc
					for s := range 4 {
						eb.adExStage(s, mem[c0:c1], ws[c0:c1], in[c0:c1], c0, held[c0:c1], av, &kv, aw, &kw)
					}
				})
			},
			func(j int, in *components.Input, held bool) func(v, w float64) (float64, float64) {
				return func(v, ww float64) (dv, dw float64) {
					v = min(v, vth[j])
					if !held {
						dv = (-(v - rest[j]) + dT[j]*math.Exp((v-vT[j])/dT[j]) - r[j]*ww + r[j]*cur(in, v)) / tau[j]
					}
					return dv, (a[j]*(v-rest[j]) - ww) / tauW[j]
				}
			}},
		{"QIF",
			func(mem []components.Membrane, _ []float64, in []components.Input, _ []bool) ([]float64, []float64) {
				return chunked(len(mem), func(c0, c1 int, av, _ *acc) {
					var kv acc
					for s := range 4 {
						qb.qifStage(s, mem[c0:c1], in[c0:c1], c0, av, &kv)
					}
				})
			},
			func(j int, in *components.Input, _ bool) func(v, w float64) (float64, float64) {
				return func(v, ww float64) (dv, dw float64) {
					return (cc[j]*(v-rest[j])*(v-vC[j]) - r[j]*ww + r[j]*cur(in, v)) / tau[j], 0
				}
			}},
		{"AdQIF",
			func(mem []components.Membrane, w []float64, in []components.Input, held []bool) ([]float64, []float64) {
				ws := adapt(w)
				return chunked(len(mem), func(c0, c1 int, av, aw *acc) {
					var kv, kw acc
					for s := range 4 {
						qb.adQIFStage(s, mem[c0:c1], ws[c0:c1], in[c0:c1], c0, held[c0:c1], av, &kv, aw, &kw)
					}
				})
			},
			func(j int, in *components.Input, held bool) func(v, w float64) (float64, float64) {
				return func(v, ww float64) (dv, dw float64) {
					if !held {
						dv = (cc[j]*(v-rest[j])*(v-vC[j]) - r[j]*ww + r[j]*cur(in, v)) / tau[j]
					}
					return dv, (a[j]*(v-rest[j]) - ww) / tauW[j]
				}
			}},
		{"Izhikevich",
			func(mem []components.Membrane, w []float64, in []components.Input, _ []bool) ([]float64, []float64) {
				u := make([]components.Recovery, len(w))
				for i := range w {
					u[i].U = w[i]
				}
				return chunked(len(mem), func(c0, c1 int, av, au *acc) {
					var kv, ku acc
					for s := range 4 {
						izhStage(s, dt, bias, mem[c0:c1], u[c0:c1], in[c0:c1], izA[c0:c1], izB[c0:c1], r[c0:c1], av, &kv, au, &ku)
					}
				})
			},
			func(j int, in *components.Input, _ bool) func(v, w float64) (float64, float64) {
				return func(v, uu float64) (float64, float64) {
					return 0.04*v*v + 5*v + 140 - uu + r[j]*cur(in, v), izA[j] * (izB[j]*v - uu)
				}
			}},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			mem := make([]components.Membrane, n)
			in := make([]components.Input, n)
			w := uni(-1, 5)
			held := make([]bool, n)
			v0 := uni(-80, -20) // some above the ExpIF/AdEx cut-off
			for i := range n {
				mem[i].V = v0[i]
				in[i] = components.Input{CurrentMA: 20 * rng.Float64(), DIdV: -0.05 * rng.Float64()}
				held[i] = rng.IntN(4) == 0
			}
			if c.name == "ExpIF" || c.name == "QIF" {
				clear(w)
			}
			gotV, gotW := c.chunk(mem, w, in, held)
			for j := range n {
				wantV, wantW := step2(true, dt, v0[j], w[j], c.ref(j, &in[j], held[j]))
				require.Equal(t, math.Float64bits(wantV), math.Float64bits(gotV[j]), "neuron %d: V %v, step2 %v", j, gotV[j], wantV)
				require.Equal(t, math.Float64bits(wantW), math.Float64bits(gotW[j]), "neuron %d: w %v, step2 %v", j, gotW[j], wantW)
			}
		})
	}
}

// chunked runs stages over chunks of rk4Chunk neurons of n and gathers the
// accumulators (the step's results) per neuron.
func chunked(n int, stages func(c0, c1 int, av, aw *[rk4Chunk]float64)) (v, w []float64) {
	v, w = make([]float64, n), make([]float64, n)
	for c0 := 0; c0 < n; c0 += rk4Chunk {
		c1 := min(c0+rk4Chunk, n)
		var av, aw [rk4Chunk]float64
		stages(c0, c1, &av, &aw)
		copy(v[c0:c1], av[:c1-c0])
		copy(w[c0:c1], aw[:c1-c0])
	}
	return v, w
}

// adapt wraps w as an AdaptCurrent column.
func adapt(w []float64) []components.AdaptCurrent {
	out := make([]components.AdaptCurrent, len(w))
	for i := range w {
		out[i].W = w[i]
	}
	return out
}
