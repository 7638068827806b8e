package systems

import (
	"fmt"
	"math"

	"github.com/spikecs/spikecs/components"
)

// NewShortTerm returns the state of a short-term plasticity model for n
// pre neurons (u = U, x = 1), or an error for invalid parameters.
func NewShortTerm(kind components.ShortTermKind, u, tauFMs, tauDMs float64, n int) (*components.ShortTerm, error) {
	if !(u > 0 && u <= 1) {
		return nil, fmt.Errorf("U must be in (0, 1], got %v", u)
	}
	if !(tauDMs > 0) || math.IsInf(tauDMs, 0) {
		return nil, fmt.Errorf("the recovery time constant must be > 0 ms, got %v", tauDMs)
	}
	if kind == components.STP && (!(tauFMs > 0) || math.IsInf(tauFMs, 0)) {
		return nil, fmt.Errorf("tau_f must be > 0 ms, got %v", tauFMs)
	}
	if kind != components.STP && kind != components.STD {
		return nil, fmt.Errorf("unknown short-term plasticity kind %d", kind)
	}
	st := &components.ShortTerm{Kind: kind, U: u, TauFMs: tauFMs, TauDMs: tauDMs,
		UVar: make([]float64, n), X: make([]float64, n), Efficacy: make([]float64, n)}
	for i := range st.X {
		st.UVar[i], st.X[i] = u, 1
	}
	return st, nil
}

// stepShortTerm advances every pre neuron's u and x by one step of dt with
// the step's spikes (fired, increasing indices), and sets the efficacy of
// the spiking ones (reference §6.2):
//
//	STP: u1 = u·e^(−dt/tau_f); x1 = 1 − (1 − x)·e^(−dt/tau_d);
//	     on a spike u2 = u1 + U·(1 − u), x2 = x1 − u2·x; efficacy u2·x2
//	STD: x1 = 1 − (1 − x)·e^(−dt/tau); on a spike x2 = x1 − U·x; efficacy x2
//
// (u and x without index are the values before this step).
//
// Pre neuron i of the state is neuron from + i of the population.
func stepShortTerm(st *components.ShortTerm, fired []int32, from int, dtMs float64) {
	dd := math.Exp(-dtMs / st.TauDMs)
	next := 0 // position in fired
	for next < len(fired) && int(fired[next]) < from {
		next++
	}

	if st.Kind == components.STD {
		for i := range st.X {
			x := st.X[i]
			x1 := 1 - (1-x)*dd
			if next < len(fired) && int(fired[next])-from == i {
				next++
				x1 -= st.U * x
				st.Efficacy[i] = x1
			}
			st.X[i] = x1
		}
		return
	}
	df := math.Exp(-dtMs / st.TauFMs)
	for i := range st.X {
		u, x := st.UVar[i], st.X[i]
		u1, x1 := u*df, 1-(1-x)*dd
		if next < len(fired) && int(fired[next])-from == i {
			next++
			u1 += st.U * (1 - u)
			x1 -= u1 * x
			st.Efficacy[i] = u1 * x1
		}
		st.UVar[i], st.X[i] = u1, x1
	}
}

// shiftShortTerm advances a fresh state by `steps` spike-free steps of dt.
//
// brainstate 0.1.10 updates STP in the step a spike reaches the synapse:
// the spike of step n (our stamp) is read at step n + L (L = max(D, 1), D
// the delay in steps), and u decays in every step from step 0 on. Here the
// update runs in the delivery stage of step n. Both perform one decay per
// step, so the two trajectories coincide exactly when this state starts
// L steps ahead: u = U·e^(−L·dt/tau_f) (x stays at 1). The product is
// taken step by step, so it has the bits of L separate decays.
func shiftShortTerm(st *components.ShortTerm, steps int, dtMs float64) {
	if st.Kind != components.STP || steps <= 0 {
		return // STD's x rests at 1, which decay leaves unchanged
	}
	df := math.Exp(-dtMs / st.TauFMs)
	u := st.U
	for range steps {
		u *= df
	}
	for i := range st.UVar {
		st.UVar[i] = u
	}
}
