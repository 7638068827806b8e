package components

// STDPRule selects a spike-timing-dependent plasticity rule.
type STDPRule uint8

// The STDP rules (docs/learning.md).
const (
	// STDPPair is additive pair-based STDP with one trace per side (Song,
	// Miller & Abbott 2000): a post spike adds A+·x_pre, a pre spike
	// subtracts A−·y_post.
	STDPPair STDPRule = iota + 1
	// STDPTriplet is the triplet rule of Pfister & Gerstner (2006) with two
	// traces per side and the four amplitudes A2+, A3+, A2−, A3−.
	STDPTriplet
)

// String returns "stdp" or "triplet" (the scenario names).
func (r STDPRule) String() string {
	switch r {
	case STDPPair:
		return "stdp"
	case STDPTriplet:
		return "triplet"
	}
	return "unknown"
}

// STDP is the learning state of one projection: the rule's parameters,
// the per-neuron traces and a post-indexed (CSC) view of the projection's
// synapses. Weights live in the projection's Weights (S), which a
// projection with STDP always has. Memory: 8 bytes per synapse for the
// CSC index (plus the 8 of Weights) and 8 or 16 bytes per neuron for the
// traces.
type STDP struct {
	Rule STDPRule
	// Nearest selects nearest-spike interaction: a spike sets its traces
	// to 1 instead of adding 1 (all-to-all).
	Nearest bool

	TauPlusMs  float64 // decay of the pre trace r1 (x in the pair rule), ms
	TauMinusMs float64 // decay of the post trace o1 (y in the pair rule), ms
	TauXMs     float64 // triplet: decay of the second pre trace r2, ms
	TauYMs     float64 // triplet: decay of the second post trace o2, ms

	A2PlusS  float64 // pair potentiation amplitude A2+ (A+), S
	A2MinusS float64 // pair depression amplitude A2− (A−), S
	A3PlusS  float64 // triplet potentiation amplitude A3+, S (0 for the pair rule)
	A3MinusS float64 // triplet depression amplitude A3−, S (0 for the pair rule)
	WMaxS    float64 // upper weight bound; weights stay in [0, WMaxS], S

	// DtMs is the step the decay factors were computed for, and
	// DecayPlus … DecayY are exp(−dt/tau) for TauPlusMs … TauYMs.
	DtMs                                  float64
	DecayPlus, DecayMinus, DecayX, DecayY float64

	// R1 and R2 are the pre traces, one per pre row of the projection; O1
	// and O2 the post traces, one per post neuron. R2 and O2 are nil for
	// the pair rule. Traces are dimensionless (a spike adds 1).
	R1, R2, O1, O2 []float64

	// ColOffsets, ColSyn and ColPre index the synapses by post neuron: the
	// synapses onto post neuron j are ColSyn[k] (an index into the
	// projection's Targets and Weights) with pre row ColPre[k], for k in
	// ColOffsets[j] .. ColOffsets[j+1]−1, in increasing pre row.
	ColOffsets []int64
	ColSyn     []uint32
	ColPre     []int32

	// Updates counts the weight updates done (pre-side and post-side).
	Updates int64
}
