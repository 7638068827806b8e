package components

// MaxChannels is the number of synaptic channels a population can have
// (each channel is one merged synapse-kinetics + output description; the
// Vogels–Abbott networks use two).
const MaxChannels = 4

// SynG0 … SynG3 are the per-neuron state G of channel slots 0–3 of a
// population: distinct types, so one neuron can carry several channels,
// each a contiguous column of the population's archetype. Its meaning
// depends on the channel's kinetics:
//
//	Expon, Direct:  G = conductance (S)
//	DualExpon:      G = rise component (S)
//	Alpha:          G = conductance (S)
type (
	SynG0 struct{ G float64 }
	SynG1 struct{ G float64 }
	SynG2 struct{ G float64 }
	SynG3 struct{ G float64 }
)

// SynH0 … SynH3 are the second per-neuron state H of channel slots 0–3,
// carried only by channels whose kinetics have one (SynapseKind.HasH):
//
//	DualExpon:  H = decay component (S)
//	Alpha:      H = auxiliary variable (S)
type (
	SynH0 struct{ H float64 }
	SynH1 struct{ H float64 }
	SynH2 struct{ H float64 }
	SynH3 struct{ H float64 }
)

// SynapseKind is the kinetics of a channel (reference §6.1).
type SynapseKind uint8

// The synapse kinetics.
const (
	SynExpon     SynapseKind = iota + 1 // g ← g·exp(−dt/tau) + Σw
	SynDualExpon                        // rise/decay pair, output a·(decay − rise)

	SynAlpha // g driven by h, input enters h (one step later)
	SynAMPA  // unused as a channel kind: AMPA is pre-side (PreSynapse)
	SynGABAa // unused as a channel kind: GABAa is pre-side (PreSynapse)
	// SynDirect has no kinetics: its conductance is the sum delivered for
	// this step (the post side of a pre-side synapse: AMPA, GABAa, BioNMDA).
	SynDirect
)

// HasH reports whether kinetics k keeps a second state H per neuron
// (DualExpon and Alpha).
func (k SynapseKind) HasH() bool { return k == SynDualExpon || k == SynAlpha }

// OutputKind turns a channel's conductance into a current (reference §6.3).
type OutputKind uint8

// The synaptic outputs.
const (
	OutCUBA    OutputKind = iota + 1 // I = g·scale
	OutCOBA                          // I = g·(E − V)
	OutMgBlock                       // I = g·(E − V)/(1 + cc_Mg/beta·exp(alpha·(V_offset − V)))
)

// ChannelParams describe a channel: kinetics and output parameters. Two
// projections onto the same population with equal ChannelParams share one
// channel (the reference's AlignPost merging).
type ChannelParams struct {
	Kind SynapseKind
	Out  OutputKind

	TauMs      float64 // Expon, Alpha: time constant, ms
	TauRiseMs  float64 // DualExpon: rise time constant, ms
	TauDecayMs float64 // DualExpon: decay time constant, ms
	// DualExponA is DualExpon's normalisation A (0: the reference default
	// tau_decay/(tau_decay − tau_rise)·(tau_rise/tau_decay)^(tau_rise/(tau_rise − tau_decay))).
	DualExponA float64
	// DualExponBoth adds projection input to both components. False (the
	// default) is brainstate 0.1.10's behaviour, where the input reaches
	// only the rise component (§8.9), so a positive weight gives a
	// negative output a·(decay − rise).
	DualExponBoth bool

	AlphaPerMsMM float64 // AMPA/GABAa: binding rate alpha, 1/(ms·mM)
	BetaPerMs    float64 // AMPA/GABAa: unbinding rate beta, 1/ms
	TmM          float64 // AMPA/GABAa: transmitter concentration T, mM
	TDurMs       float64 // AMPA/GABAa: pulse duration T_dur, ms

	EMV     float64 // COBA, MgBlock: reversal potential E, mV
	ScaleMV float64 // CUBA: I = g·scale; the reference default is 1 V = 1000 mV

	MgCcMM       float64 // MgBlock: cc_Mg
	MgAlphaPerMV float64 // MgBlock: alpha, 1/mV
	MgBeta       float64 // MgBlock: beta
	MgVOffsetMV  float64 // MgBlock: V_offset, mV
	// MgBlockAtStoredV linearises the MgBlock current at the stored V of
	// the previous step (before the reset). False (the default) evaluates
	// it at the post-reset V of the step, as brainstate 0.1.10 does.
	MgBlockAtStoredV bool
}

// Channel is a synaptic channel of a post population: its parameters, its
// slot (which SynN component holds its state) and its arrival ring buffer:
// Ring[s·N + i] accumulates the conductance jumps (S) that reach neuron i
// at steps n with n mod Slots == s.
type Channel struct {
	Params ChannelParams
	Slot   int
	Slots  int
	Ring   []float64
	// Projections names the projections that feed this channel (for errors).
	Projections []string
}

// Channels is the population component listing a population's channels.
type Channels struct {
	List []Channel
}

// Projection is a pre → post projection in CSR form: the synapses of pre
// neuron i are k in Offsets[i] .. Offsets[i+1]−1, with post index
// Targets[k], weight Weights[k] or Weights32[k] (or the shared Weight when
// both are nil) and delay DelaySteps[k] or Delays8[k] (or the shared Delay
// when both are nil). At most one of Weights and Weights32, and one of
// DelaySteps and Delays8, is set.
type Projection struct {
	Name      string
	Pre, Post int // population IDs
	// PreFrom is the first pre neuron of the projection: row i of the CSR
	// is pre neuron PreFrom + i (0 unless the pre side is a sub-range).
	PreFrom    int
	Channel    int // index into the post population's Channels.List
	Offsets    []int64
	Targets    []int32
	Weights    []float64 // S, or nil
	Weight     float64   // S, shared weight when Weights is nil
	DelaySteps []uint16  // per-synapse delays in steps, or nil
	Delay      int       // shared delay in steps when DelaySteps and Delays8 are nil
	// Weights32 holds per-synapse weights (S) in single precision when the
	// projection opted in (weight_storage: float32), else nil.
	Weights32 []float32
	// Delays8 holds per-synapse delays in steps when every delay fits in a
	// byte (<= 255 steps), else nil (and DelaySteps holds them).
	Delays8 []uint8
	// Plasticity, when non-nil, scales each pre spike's weights by a
	// short-term plasticity efficacy (reference §6.2).
	Plasticity *ShortTerm
	// PreSyn, when non-nil, is a pre-side synapse (AMPA, GABAa, BioNMDA):
	// every step each pre neuron's conductance g is delivered as
	// weight·g to its targets, whose channel is SynDirect.
	PreSyn *PreSynapse
	// STDP, when non-nil, makes the weights plastic (spike-timing-dependent
	// plasticity); Weights is then always per synapse.
	STDP *STDP
}

// PreSynapseKind is the kinetics of a pre-side synapse.
type PreSynapseKind uint8

// The pre-side synapse kinetics (reference §6.1, §9).
const (
	// PreAMPA: g' = alpha·T(t)·(1 − g) − beta·g with a square transmitter
	// pulse T(t) = T while t − t_spike < T_dur (AMPA defaults).
	PreAMPA PreSynapseKind = iota + 1
	// PreGABAa: the same kinetics with GABAa defaults.
	PreGABAa
	// PreBioNMDA: x' = alpha2·T(t)·(1 − x) − beta2·x, then
	// g' = alpha1·x·(1 − g) − beta1·g with the new x.
	PreBioNMDA
)

// PreSynapse is the per-pre-neuron state and parameters of a pre-side
// synapse. Rates are in 1/ms (alpha, alpha2 in 1/(ms·mM)), T in mM,
// times in ms; g and x are dimensionless fractions ("1 unit of g").
type PreSynapse struct {
	Kind              PreSynapseKind
	Alpha, Beta       float64 // AMPA/GABAa binding and unbinding rates
	Alpha1, Beta1     float64 // BioNMDA second stage
	Alpha2, Beta2     float64 // BioNMDA first stage
	TmM, TDurMs       float64 // transmitter concentration and pulse length
	G, X, LastSpikeMs []float64
}

// ShortTermKind selects the short-term plasticity model.
type ShortTermKind uint8

// The short-term plasticity models (Tsodyks–Markram, reference §6.2).
const (
	// STP facilitation and depression: u decays to 0 with tau_f, x recovers
	// to 1 with tau_d; a spike gives u += U(1 − u_old), x −= u·x_old and
	// efficacy u·x (post-depletion x, as the reference).
	STP ShortTermKind = iota + 1
	// STD depression only: x recovers to 1 with tau; a spike gives
	// x −= U·x_old and efficacy x.
	STD
)

// ShortTerm is the per-pre-neuron short-term plasticity state of a
// projection.
type ShortTerm struct {
	Kind   ShortTermKind
	U      float64 // utilisation increment (dimensionless)
	TauFMs float64 // STP: facilitation time constant, ms
	TauDMs float64 // STP: depression recovery; STD: recovery time constant, ms
	// U0 and X hold u and x per pre neuron (u starts at U, x at 1).
	UVar, X []float64
	// Efficacy holds the last step's efficacy per pre neuron.
	Efficacy []float64
}

// WeightAt returns the weight (S) of synapse k, whichever storage holds it.
func (p *Projection) WeightAt(k int64) float64 {
	switch {
	case p.Weights != nil:
		return p.Weights[k]
	case p.Weights32 != nil:
		return float64(p.Weights32[k])
	}
	return p.Weight
}

// DelayAt returns the delay in steps of synapse k, whichever storage holds
// it.
func (p *Projection) DelayAt(k int64) int {
	switch {
	case p.DelaySteps != nil:
		return int(p.DelaySteps[k])
	case p.Delays8 != nil:
		return int(p.Delays8[k])
	}
	return p.Delay
}

// PerSynapseWeights reports whether the projection stores a weight per
// synapse (in either precision).
func (p *Projection) PerSynapseWeights() bool { return p.Weights != nil || p.Weights32 != nil }

// PerSynapseDelays reports whether the projection stores a delay per
// synapse (in either width).
func (p *Projection) PerSynapseDelays() bool { return p.DelaySteps != nil || p.Delays8 != nil }
