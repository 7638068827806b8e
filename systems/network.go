package systems

import (
	"fmt"
	"math"

	"github.com/spikecs/spikecs/components"
	"github.com/spikecs/spikecs/ecs"
)

// Network holds a Sim's projections and installs the synapse systems:
// ChannelUpdate in the input stage and Deliver in the delivery stage.
type Network struct {
	sim         *ecs.Sim
	projections []*components.Projection
	names       map[string]int
	events      int64
	learn       *Learn       // the STDP system, added with the first plastic projection
	global      GlobalSpikes // nil: deliver this Sim's own spikes
	minDelays   []int        // per projection, over all its synapses (before localize)
	mgBlock     bool         // MgBlockOutput is scheduled
}

// ProjectionSpec describes a projection pre → post.
type ProjectionSpec struct {
	// Name identifies the projection (default "pre->post"); it also seeds
	// the connectivity streams.
	Name      string
	Pre, Post string
	// PreFrom and PreTo, when PreTo > 0, restrict the pre side to neurons
	// PreFrom..PreTo-1 of the pre population (e.g. the excitatory first
	// 3200 of one 4000-neuron population, as the reference's E/I example).
	PreFrom, PreTo int
	// Channel is the post-side synapse kinetics and output; projections
	// with equal Channel onto one population share the channel's state.
	Channel components.ChannelParams
	Conn    Connectivity
	// Weight in S: a scalar, a per-synapse initializer, or (with Pairs) a
	// list with one value per pair. COBA and MgBlock weights must be >= 0.
	Weight ecs.Value
	// DelayMs: unset or 0 means the reference's one-step latency; otherwise
	// ceil(d/dt) steps, or the nearest step with DelayRounding DelayNearest
	// (a scalar or per synapse). Per-synapse delays take one byte each when
	// all are at most 255 steps, else two.
	DelayMs ecs.Value
	// DelayRounding turns delays in ms into steps (default DelayCeil).
	DelayRounding DelayRounding
	// WeightStorage stores per-synapse weights in float64 (default) or,
	// opted in, float32 (half the bytes; not with Learning).
	WeightStorage WeightStorage
	// GInit, when set, initialises the channel's G per post neuron (S).
	GInit ecs.Value
	// ShortTerm, when set, adds short-term plasticity on the pre side.
	ShortTerm *ShortTermSpec
	// PreSynapse, when set, makes the kinetics pre-side (AMPA, GABAa,
	// BioNMDA): each pre neuron's conductance is delivered, times the
	// weight, every step; Channel.Kind is then SynDirect (set by Connect)
	// and only Channel's output fields matter.
	PreSynapse *PreSynapseSpec
	// Learning, when set, makes the weights plastic (STDP, see
	// docs/learning.md); the weights must start in [0, WMaxS].
	Learning *STDPSpec
}

// ShortTermSpec describes STP (U, TauFMs, TauDMs) or STD (U, TauDMs).
// Reference defaults: STP U = 0.15, tau_f = 1500 ms, tau_d = 200 ms; STD
// U = 0.07, tau = 200 ms.
type ShortTermSpec struct {
	Kind           components.ShortTermKind
	U              float64
	TauFMs, TauDMs float64
	// AtEmission applies a spike's u/x update on the decay schedule of the
	// step the pre neuron fired. False (the default) is brainstate
	// 0.1.10's timing: the update belongs to the step the spike reaches
	// the synapse, max(D, 1) steps later (D the projection's smallest
	// delay in steps), so u has decayed from U for that many more steps
	// at the first spike (see shiftShortTerm).
	AtEmission bool
}

// NewNetwork creates an empty network on sim and adds its systems.
func NewNetwork(sim *ecs.Sim) (*Network, error) {
	n := &Network{sim: sim, names: map[string]int{}}
	if err := sim.AddNeuronSystem(ecs.StageInput, ChannelUpdate{}); err != nil {
		return nil, err
	}
	if err := sim.AddSystem(ecs.StageDelivery, &Deliver{net: n}); err != nil {
		return nil, err
	}
	return n, nil
}

// Events returns the number of synaptic events delivered so far.
func (n *Network) Events() int64 { return n.events }

// Projections returns the projections in creation order. They are the
// network's own data: read them, do not resize them.
func (n *Network) Projections() []*components.Projection { return n.projections }

// Synapses returns the total number of synapses.
func (n *Network) Synapses() int64 {
	var s int64
	for _, p := range n.projections {
		s += int64(len(p.Targets))
	}
	return s
}

// Connect builds a projection: draws its synapses, resolves weights and
// delays, and attaches it to (or creates) the post population's channel.
func (n *Network) Connect(spec ProjectionSpec) (int, error) {
	sim := n.sim
	if spec.Name == "" {
		spec.Name = spec.Pre + "->" + spec.Post
	}
	fail := func(format string, args ...any) (int, error) {
		return 0, fmt.Errorf("projection %q: %s", spec.Name, fmt.Sprintf(format, args...))
	}
	if _, dup := n.names[spec.Name]; dup {
		return fail("a projection with this name already exists (give each projection its own name:)")
	}
	pre, ok := sim.Population(spec.Pre)
	if !ok {
		return fail("unknown pre population %q; valid: %v", spec.Pre, sim.Populations())
	}
	post, ok := sim.Population(spec.Post)
	if !ok {
		return fail("unknown post population %q; valid: %v", spec.Post, sim.Populations())
	}
	if sim.IsSource(post) {
		return fail("post population %q is a spike source; it has no membrane", spec.Post)
	}
	if spec.PreSynapse != nil {
		spec.Channel.Kind = components.SynDirect
		spec.Channel.TauMs, spec.Channel.TauRiseMs, spec.Channel.TauDecayMs = 0, 0, 0
	}
	if err := CheckChannel(spec.Channel); err != nil {
		return fail("%v", err)
	}
	// Connectivity, weights and delays are drawn for the whole network and
	// then cut to the post neurons this Sim holds (see ecs.Partition), so
	// they do not depend on the partitioning.
	nPre, nPost := sim.GlobalSize(pre), sim.GlobalSize(post)
	preFrom := 0
	if spec.PreTo > 0 || spec.PreFrom != 0 {
		if spec.PreFrom < 0 || spec.PreTo <= spec.PreFrom || spec.PreTo > nPre {
			return fail("pre range %d..%d is not inside 0..%d", spec.PreFrom, spec.PreTo, nPre)
		}
		preFrom, nPre = spec.PreFrom, spec.PreTo-spec.PreFrom
	}
	colLo, colHi := 0, nPost
	if local := sim.PopulationSize(post); local != nPost && localColumns(spec) { // keep only this Sim's targets
		colLo, colHi = sim.Offset(post), sim.Offset(post)+local
	}
	if spec.Learning != nil && spec.WeightStorage == WeightsFloat32 {
		return 0, fmt.Errorf("projection %q: %w", spec.Name, &LearningError{Err: fmt.Errorf("plastic weights are float64; remove weight_storage: float32")})
	}
	same := pre == post && preFrom == 0 && nPre == nPost
	var pr *components.Projection
	var maxDelay, minDelay int
	if spec.Conn.Kind == FixedTotalNumber {
		// Drawn per post neuron: this Sim draws only its own columns.
		local := sim.PopulationSize(post)
		b, err := n.buildTotalNumber(spec, nPre, nPost, same, sim.Offset(post), sim.Offset(post)+local)
		if err != nil {
			return fail("%v", err)
		}
		pr, maxDelay, minDelay = b.pr, b.maxDelay, b.minDelay
		pr.Pre, pr.Post, pr.PreFrom = pre, post, preFrom
	} else {
		c, err := spec.Conn.buildCols(nPre, nPost, same, sim.Seed(), spec.Name, colLo, colHi)
		if err != nil {
			return fail("connect: %v", err)
		}
		nSyn := len(c.targets)
		pr = &components.Projection{Name: spec.Name, Pre: pre, Post: post, PreFrom: preFrom, Offsets: c.offsets, Targets: c.targets}
		if err := n.weights(pr, spec, c, nSyn); err != nil {
			return fail("%v", err)
		}
		if maxDelay, err = n.delays(pr, spec, c, nSyn); err != nil {
			return fail("%v", err)
		}
		minDelay = projectionMinDelay(pr, c.total)
		if local := sim.PopulationSize(post); local != nPost {
			off := sim.Offset(post)
			localize(pr, off, off+local)
		}
	}
	var err error
	if st := spec.ShortTerm; st != nil {
		if pr.Plasticity, err = NewShortTerm(st.Kind, st.U, st.TauFMs, st.TauDMs, nPre); err != nil {
			return fail("short-term plasticity: %v", err)
		}
		if !st.AtEmission {
			shiftShortTerm(pr.Plasticity, min(minDelay, math.MaxUint16), sim.DtMs())
		}
	}
	if spec.PreSynapse != nil {
		if pr.PreSyn, err = newPreSynapse(*spec.PreSynapse, nPre); err != nil {
			return fail("%v", err)
		}
	}
	if spec.Learning != nil {
		if sim.Partition().Parts() > 1 {
			return 0, fmt.Errorf("projection %q: %w", spec.Name, &LearningError{Err: fmt.Errorf("STDP is not supported in a partitioned run yet (the pre spikes of other partitions and the post-indexed view are local); run it unpartitioned")})
		}
		if pr.STDP, err = newSTDP(pr, *spec.Learning, nPost, sim.DtMs()); err != nil {
			return 0, fmt.Errorf("projection %q: %w", spec.Name, &LearningError{Err: err})
		}
	}
	ch, err := sim.Channel(post, spec.Channel)
	if err != nil {
		return fail("%v", err)
	}
	pr.Channel = ch
	if postResetMg(&spec.Channel) && !n.mgBlock {
		// The post-reset MgBlock current is added after Reset. (This
		// extra system makes FusedLIFRef decline this Sim's populations.)
		if err := sim.AddNeuronSystem(ecs.StageReset, MgBlockOutput{}); err != nil {
			return fail("%v", err)
		}
		n.mgBlock = true
	}
	chans := sim.Channels(post)
	chans.List[ch].Projections = append(chans.List[ch].Projections, spec.Name)
	n.ensureSlots(post, ch, max(maxDelay, 1))
	if spec.GInit.IsSet() {
		if err := n.initG(post, ch, spec); err != nil {
			return fail("g_init: %v", err)
		}
	}
	if pr.STDP != nil {
		if err := n.addLearning(pr); err != nil {
			return 0, fmt.Errorf("projection %q: %w", spec.Name, &LearningError{Err: err})
		}
	}
	n.names[spec.Name] = len(n.projections)
	n.projections = append(n.projections, pr)
	n.minDelays = append(n.minDelays, minDelay)
	return len(n.projections) - 1, nil
}

// weights resolves the projection's weights (shared or per synapse).
func (n *Network) weights(pr *components.Projection, spec ProjectionSpec, c *csr, nSyn int) error {
	if !spec.Weight.IsSet() {
		return fmt.Errorf("weight is required")
	}
	count := nSyn
	if c.perm != nil {
		count = len(c.perm)
	}
	w, err := spec.Weight.Resolve(count, ecs.Stream(n.sim.Seed(), "weight", spec.Name))
	if err != nil {
		return fmt.Errorf("weight: %v", err)
	}
	conductance := spec.Channel.Out != components.OutCUBA
	for i, x := range w.Values {
		if conductance && x < 0 {
			return fmt.Errorf("weight %d is %v S; conductance weights (COBA, MgBlock) must be >= 0", i, x)
		}
	}
	if w.IsShared() {
		pr.Weight = w.Values[0]
		return nil
	}
	pr.Weights = w.Values
	if c.perm != nil { // reorder explicit pair weights into CSR order
		pr.Weights = make([]float64, len(c.perm))
		for k, src := range c.perm {
			pr.Weights[k] = w.Values[src]
		}
	}
	if spec.WeightStorage == WeightsFloat32 {
		pr.Weights32 = make([]float32, len(pr.Weights))
		for k, x := range pr.Weights {
			pr.Weights32[k] = float32(x)
		}
		pr.Weights = nil
	}
	return nil
}

// delays resolves the delays in steps and returns the largest.
func (n *Network) delays(pr *components.Projection, spec ProjectionSpec, c *csr, nSyn int) (int, error) {
	if !spec.DelayMs.IsSet() {
		return 0, nil
	}
	d, err := spec.DelayMs.Resolve(nSyn, ecs.Stream(n.sim.Seed(), "delay", spec.Name))
	if err != nil {
		return 0, fmt.Errorf("delay: %v", err)
	}
	dt := n.sim.DtMs()
	if d.IsShared() {
		s, err := delaySteps(d.Values[0], dt, spec.DelayRounding)
		pr.Delay = s
		return s, err
	}
	steps := make([]uint16, nSyn)
	maxD := 0
	for k := range steps {
		src := k
		if c.perm != nil { // explicit pairs: the list follows the pairs' order
			src = c.perm[k]
		}
		s, err := delaySteps(d.Values[src], dt, spec.DelayRounding)
		if err != nil {
			return 0, fmt.Errorf("synapse %d: %v", src, err)
		}
		steps[k] = uint16(s)
		maxD = max(maxD, s)
	}
	if maxD <= MaxDelay8 { // one byte per delay
		pr.Delays8 = make([]uint8, nSyn)
		for k, s := range steps {
			pr.Delays8[k] = uint8(s)
		}
	} else {
		pr.DelaySteps = steps
	}
	return maxD, nil
}

// ensureSlots grows a channel's ring buffer to at least slots steps,
// keeping arrivals already scheduled.
func (n *Network) ensureSlots(post, ch, slots int) {
	c := &n.sim.Channels(post).List[ch]
	if c.Slots >= slots {
		return
	}
	size := n.sim.PopulationSize(post)
	ring := make([]float64, slots*size)
	step := n.sim.Clock().Step
	for d := int64(0); d < int64(c.Slots); d++ {
		from := int((step+d)%int64(c.Slots)) * size
		to := int((step+d)%int64(slots)) * size
		copy(ring[to:to+size], c.Ring[from:from+size])
	}
	c.Ring, c.Slots = ring, slots
}

// initG sets the channel's initial G per post neuron.
func (n *Network) initG(post, ch int, spec ProjectionSpec) error {
	g, err := spec.GInit.Resolve(n.sim.GlobalSize(post), ecs.Stream(n.sim.Seed(), "g_init", spec.Name))
	if err != nil {
		return err
	}
	off := n.sim.Offset(post)
	v, err := n.sim.Bind(post)
	if err != nil {
		return err
	}
	slot := n.sim.Channels(post).List[ch].Slot
	for i := range v.SynG[slot] {
		v.SynG[slot][i] = g.At(off + i)
	}
	return n.sim.Unbind(v)
}

// CheckChannel validates channel parameters.
func CheckChannel(p components.ChannelParams) error {
	finite := func(xs ...float64) bool {
		for _, x := range xs {
			if math.IsNaN(x) || math.IsInf(x, 0) {
				return false
			}
		}
		return true
	}
	if !finite(p.TauMs, p.TauRiseMs, p.TauDecayMs, p.DualExponA, p.EMV, p.ScaleMV, p.MgCcMM, p.MgAlphaPerMV, p.MgBeta, p.MgVOffsetMV) {
		return fmt.Errorf("synapse parameters must be finite")
	}
	switch p.Kind {
	case components.SynExpon, components.SynAlpha:
		if !(p.TauMs > 0) {
			return fmt.Errorf("synapse tau must be > 0 ms, got %v", p.TauMs)
		}
	case components.SynDualExpon:
		if !(p.TauRiseMs > 0 && p.TauDecayMs > 0) || p.TauRiseMs == p.TauDecayMs {
			return fmt.Errorf("dual_expon needs tau_rise, tau_decay > 0 and different, got %v and %v ms", p.TauRiseMs, p.TauDecayMs)
		}
	case components.SynDirect:
	default:
		return fmt.Errorf("unknown synapse kind %d (expon, dual_expon, alpha, or a pre-side ampa, gaba_a, bio_nmda)", p.Kind)
	}
	switch p.Out {
	case components.OutCUBA, components.OutCOBA:
	case components.OutMgBlock:
		if !(p.MgBeta > 0) {
			return fmt.Errorf("mg_block beta must be > 0")
		}
	default:
		return fmt.Errorf("unknown output kind %d (cuba, coba, mg_block)", p.Out)
	}
	return nil
}
