package systems

import (
	"github.com/spikecs/spikecs/components"
	"github.com/spikecs/spikecs/ecs"
)

// Learn is the delivery-stage system that applies STDP to the projections
// that have it. It runs after Deliver in the same stage, so the spikes of
// step n are delivered with the weights learned up to step n − 1, and the
// weight changes of step n act from the spikes of step n + 1 on.
type Learn struct {
	projections []*components.Projection
}

// Name returns "stdp".
func (*Learn) Name() string { return "stdp" }

// Update applies the plasticity of the spikes of step t.
func (l *Learn) Update(sim *ecs.Sim, t ecs.Tick) error {
	for _, pr := range l.projections {
		stepSTDP(pr, pr.STDP, sim.Fired(pr.Pre), sim.Fired(pr.Post), t.DtMs)
	}
	return nil
}

// stepSTDP advances one projection's traces by one step and applies the
// weight changes of the step's spikes (firedPre: indices into the pre
// population, firedPost: into the post population), in this order:
//
//  1. every trace decays: r ← r·e^(−dt/tau) (r1: tau+, r2: tau_x,
//     o1: tau−, o2: tau_y);
//  2. each pre spike (row i) depresses its outgoing synapses,
//     w ← max(0, w − o1_post·(A2− + A3−·r2_i)), with the post traces of
//     before this step's post spikes, then r1_i, r2_i += 1 (or ← 1);
//  3. each post spike (neuron j) potentiates its incoming synapses,
//     w ← min(w_max, w + r1_pre·(A2+ + A3+·o2_j)), with the pre traces
//     including this step's pre spikes, then o1_j, o2_j += 1 (or ← 1).
//
// A pre and a post spike in the same step therefore count as
// pre-before-post (Δt = 0, potentiation A2+). The pair rule is the same
// with r2 = o2 = 0 and A3± = 0. Cost: O(pre + post neurons) for the decay,
// then O(1) per synapse of a spiking neuron; no allocation.
func stepSTDP(pr *components.Projection, st *components.STDP, firedPre, firedPost []int32, dtMs float64) {
	if dtMs != st.DtMs {
		setDecays(st, dtMs)
	}
	decay(st.R1, st.DecayPlus)
	decay(st.O1, st.DecayMinus)
	if st.Rule == components.STDPTriplet {
		decay(st.R2, st.DecayX)
		decay(st.O2, st.DecayY)
	}
	w, r1, r2, o1, o2 := pr.Weights, st.R1, st.R2, st.O1, st.O2
	rows := len(pr.Offsets) - 1
	var updates int64
	for _, f := range firedPre {
		i := int(f) - pr.PreFrom
		if i < 0 || i >= rows {
			continue
		}
		dep := st.A2MinusS
		if r2 != nil {
			dep += st.A3MinusS * r2[i]
		}
		lo, hi := pr.Offsets[i], pr.Offsets[i+1]
		updates += hi - lo
		if dep != 0 {
			tg := pr.Targets[lo:hi]
			ws := w[lo:hi][:len(tg)]
			for k, j := range tg {
				x := ws[k] - dep*o1[j]
				if x < 0 {
					x = 0
				}
				ws[k] = x
			}
		}
		if st.Nearest {
			r1[i] = 1
		} else {
			r1[i]++
		}
		if r2 != nil {
			if st.Nearest {
				r2[i] = 1
			} else {
				r2[i]++
			}
		}
	}
	wMax := st.WMaxS
	for _, j := range firedPost {
		pot := st.A2PlusS
		if o2 != nil {
			pot += st.A3PlusS * o2[j]
		}
		lo, hi := st.ColOffsets[j], st.ColOffsets[j+1]
		updates += hi - lo
		if pot != 0 {
			syn := st.ColSyn[lo:hi]
			pre := st.ColPre[lo:hi][:len(syn)]
			for k, s := range syn {
				x := w[s] + pot*r1[pre[k]]
				if x > wMax {
					x = wMax
				}
				w[s] = x
			}
		}
		if st.Nearest {
			o1[j] = 1
		} else {
			o1[j]++
		}
		if o2 != nil {
			if st.Nearest {
				o2[j] = 1
			} else {
				o2[j]++
			}
		}
	}
	st.Updates += updates
}

// decay multiplies every trace by d.
func decay(xs []float64, d float64) {
	for i := range xs {
		xs[i] *= d
	}
}
