package systems

import (
	"fmt"
	"math"

	"github.com/spikecs/spikecs/components"
	"github.com/spikecs/spikecs/ecs"
)

// STDPSpec describes spike-timing-dependent plasticity on a projection
// (docs/learning.md). Weights stay in [0, WMaxS]; the projection's initial
// weights must lie in that range.
//
// Pair rule (Rule STDPPair): TauPlusMs, TauMinusMs, APlusS, AMinusS,
// WMaxS. Triplet rule (STDPTriplet): additionally TauXMs, TauYMs, A3PlusS,
// A3MinusS; APlusS and AMinusS are then the pair amplitudes A2+ and A2−.
type STDPSpec struct {
	Rule components.STDPRule
	// TauPlusMs and TauMinusMs are the decay times of the pre trace (x, r1)
	// and the post trace (y, o1), ms. Song et al. 2000: 20 ms each.
	TauPlusMs, TauMinusMs float64
	// TauXMs and TauYMs (triplet) are the decay times of the second pre
	// trace r2 and the second post trace o2, ms.
	TauXMs, TauYMs float64
	// APlusS and AMinusS are the pair amplitudes A+ (A2+) and A− (A2−), S:
	// the weight change of one pre→post pair at zero lag.
	APlusS, AMinusS float64
	// A3PlusS and A3MinusS (triplet) are the triplet amplitudes, S.
	A3PlusS, A3MinusS float64
	// WMaxS is the upper weight bound, S (> 0).
	WMaxS float64
	// Nearest selects nearest-spike interaction (traces are set to 1 by a
	// spike) instead of all-to-all (traces add 1).
	Nearest bool
}

// check validates the spec's parameters.
func (s STDPSpec) check() error {
	finite := func(x float64) bool { return !math.IsNaN(x) && !math.IsInf(x, 0) }
	type param struct {
		name string
		x    float64
	}
	taus := []param{{"tau_plus", s.TauPlusMs}, {"tau_minus", s.TauMinusMs}}
	amps := []param{{"a_plus", s.APlusS}, {"a_minus", s.AMinusS}}
	switch s.Rule {
	case components.STDPPair:
		if s.A3PlusS != 0 || s.A3MinusS != 0 || s.TauXMs != 0 || s.TauYMs != 0 {
			return fmt.Errorf("tau_x, tau_y, a3_plus and a3_minus belong to the triplet rule, not to stdp")
		}
	case components.STDPTriplet:
		taus = append(taus, param{"tau_x", s.TauXMs}, param{"tau_y", s.TauYMs})
		amps = append(amps, param{"a3_plus", s.A3PlusS}, param{"a3_minus", s.A3MinusS})
	default:
		return fmt.Errorf("unknown learning rule %d (stdp, triplet)", s.Rule)
	}
	for _, p := range taus {
		if !(p.x > 0) || !finite(p.x) {
			return fmt.Errorf("%s must be a finite time > 0 ms, got %v ms", p.name, p.x)
		}
	}
	for _, p := range amps {
		if !(p.x >= 0) || !finite(p.x) {
			return fmt.Errorf("%s must be finite and >= 0 S (the sign is the rule's), got %v S", p.name, p.x)
		}
	}
	if !(s.WMaxS > 0) || !finite(s.WMaxS) {
		return fmt.Errorf("w_max must be finite and > 0 S, got %v S", s.WMaxS)
	}
	return nil
}

// newSTDP validates spec against the projection pr (nPost post neurons,
// dt in ms), gives pr per-synapse weights if they were shared, and returns
// the learning state with zero traces and the post-indexed view.
func newSTDP(pr *components.Projection, spec STDPSpec, nPost int, dtMs float64) (*components.STDP, error) {
	if err := spec.check(); err != nil {
		return nil, err
	}
	if pr.PreSyn != nil {
		return nil, fmt.Errorf("%s needs spike-driven delivery; a pre-side synapse (ampa, gaba_a, bio_nmda) delivers conductances every step", spec.Rule)
	}
	nSyn := len(pr.Targets)
	if int64(nSyn) > math.MaxUint32 {
		return nil, fmt.Errorf("%d synapses; learning supports at most %d per projection", nSyn, uint64(math.MaxUint32))
	}
	inRange := func(k int, w float64) error {
		if w < 0 || w > spec.WMaxS || math.IsNaN(w) {
			return fmt.Errorf("weight %d is %v S, outside [0, w_max = %v S]: learned weights are non-negative and bounded (use a COBA channel with an inhibitory reversal potential for inhibitory plastic synapses)", k, w, spec.WMaxS)
		}
		return nil
	}
	if pr.Weights == nil {
		if err := inRange(0, pr.Weight); err != nil {
			return nil, err
		}
	} else {
		for k, w := range pr.Weights {
			if err := inRange(k, w); err != nil {
				return nil, err
			}
		}
	}
	rows := len(pr.Offsets) - 1
	st := &components.STDP{Rule: spec.Rule, Nearest: spec.Nearest,
		TauPlusMs: spec.TauPlusMs, TauMinusMs: spec.TauMinusMs, TauXMs: spec.TauXMs, TauYMs: spec.TauYMs,
		A2PlusS: spec.APlusS, A2MinusS: spec.AMinusS, A3PlusS: spec.A3PlusS, A3MinusS: spec.A3MinusS, WMaxS: spec.WMaxS,
		R1: make([]float64, rows), O1: make([]float64, nPost)}
	if spec.Rule == components.STDPTriplet {
		st.R2, st.O2 = make([]float64, rows), make([]float64, nPost)
	}
	setDecays(st, dtMs)
	buildColumns(st, pr, nPost)
	if pr.Weights == nil { // learning needs one weight per synapse
		pr.Weights = make([]float64, nSyn)
		for k := range pr.Weights {
			pr.Weights[k] = pr.Weight
		}
	}
	return st, nil
}

// setDecays computes the per-step decay factors exp(−dt/tau) for dt.
func setDecays(st *components.STDP, dtMs float64) {
	st.DtMs = dtMs
	st.DecayPlus = math.Exp(-dtMs / st.TauPlusMs)
	st.DecayMinus = math.Exp(-dtMs / st.TauMinusMs)
	if st.Rule == components.STDPTriplet {
		st.DecayX = math.Exp(-dtMs / st.TauXMs)
		st.DecayY = math.Exp(-dtMs / st.TauYMs)
	}
}

// buildColumns builds the post-indexed view of pr's synapses (a counting
// sort of the CSR by target; O(synapses)).
func buildColumns(st *components.STDP, pr *components.Projection, nPost int) {
	off := make([]int64, nPost+1)
	for _, j := range pr.Targets {
		off[j+1]++
	}
	for j := 0; j < nPost; j++ {
		off[j+1] += off[j]
	}
	next := make([]int64, nPost)
	copy(next, off[:nPost])
	syn := make([]uint32, len(pr.Targets))
	pre := make([]int32, len(pr.Targets))
	for i := 0; i+1 < len(pr.Offsets); i++ {
		for k := pr.Offsets[i]; k < pr.Offsets[i+1]; k++ {
			j := pr.Targets[k]
			syn[next[j]], pre[next[j]] = uint32(k), int32(i)
			next[j]++
		}
	}
	st.ColOffsets, st.ColSyn, st.ColPre = off, syn, pre
}

// addLearning registers a plastic projection with the Learn system,
// adding the system to the delivery stage (after Deliver) the first time.
func (n *Network) addLearning(pr *components.Projection) error {
	if n.learn == nil {
		l := &Learn{}
		if err := n.sim.AddSystem(ecs.StageDelivery, l); err != nil {
			return err
		}
		n.learn = l
	}
	n.learn.projections = append(n.learn.projections, pr)
	return nil
}

// Plastic returns the projections with learning, in creation order; their
// Weights (S) are the current learned weights.
func (n *Network) Plastic() []*components.Projection {
	if n.learn == nil {
		return nil
	}
	return n.learn.projections
}

// LearningError is an error in the learning part of a projection (its
// rule's parameters, or a projection the rule cannot work on); Connect
// returns it wrapped with the projection's name.
type LearningError struct {
	Err error
}

// Error returns "learning: " and the cause.
func (e *LearningError) Error() string { return "learning: " + e.Err.Error() }

// Unwrap returns the cause.
func (e *LearningError) Unwrap() error { return e.Err }
