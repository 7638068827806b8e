package agents

import (
	"fmt"

	aecs "github.com/mlange-42/arche/ecs"

	"github.com/spikecs/spikecs/components"
	"github.com/spikecs/spikecs/ecs"
	"github.com/spikecs/spikecs/systems"
)

// bank is one population holding the brains of up to slots agents of a
// kind: slot s owns neurons s·n .. s·n+n-1.
type bank struct {
	kind  *Brains
	index int // position in kind.banks
	pop   int // population ID
	slots int
	n     int // neurons per brain

	owner   []aecs.Entity // per slot; the zero Entity marks a free slot
	driveMA []float64     // per neuron: sensor current of this tick, mA
	rateHz  []float64     // per neuron: Poisson sensor rate, Hz (nil without Poisson sensors)
	counts  []int32       // per neuron: spikes during this tick's Think

	// Initial state per neuron, restored when a slot is (re)assigned.
	initMembrane   []components.Membrane
	initAdaptation []components.Adaptation
	initRefractory []components.Refractory
}

// growSlots returns the size of the next bank when Add finds no free
// slot: InitialSlots first, then the current capacity (doubling it), at
// most MaxBankSlots.
func (b *Brains) growSlots() int {
	return min(max(b.spec.InitialSlots, b.Capacity()), b.spec.MaxBankSlots)
}

// grow adds a bank of slots brains: a population of slots·N neurons, its
// block-diagonal synapses (one copy of the template per slot, with the
// Pairs rule), and the per-bank state of the kind's motors. It is a
// structural change.
func (b *Brains) grow(slots int) error {
	h := b.h
	if h.world.IsLocked() {
		return fmt.Errorf("agents: a new brain bank is a structural change, but the world is locked (a query is open); Reserve slots before adding brains inside a query loop")
	}
	if err := h.checkUnlocked("create a brain bank"); err != nil {
		return err
	}
	name := fmt.Sprintf("%s#%d", b.spec.Name, len(b.banks))
	spec, err := b.spec.bankSpec(name, slots)
	if err != nil {
		return err
	}
	pop, err := h.sim.AddPopulation(spec)
	if err != nil {
		return fmt.Errorf("bank %q: %w", name, err)
	}
	n := b.spec.Neurons
	bk := &bank{
		kind: b, index: len(b.banks), pop: pop, slots: slots, n: n,
		owner: make([]aecs.Entity, slots), driveMA: make([]float64, slots*n), counts: make([]int32, slots*n),
	}
	if b.hasPoisson() {
		bk.rateHz = make([]float64, slots*n)
	}
	if err := bk.snapshot(h.sim); err != nil {
		return fmt.Errorf("bank %q: %w", name, err)
	}
	if err := b.connectOn(h.net, name, slots); err != nil {
		return fmt.Errorf("bank %q: %w", name, err)
	}
	b.banks = append(b.banks, bk)
	h.banks = append(h.banks, bk)
	for len(h.bankOfPop) <= pop {
		h.bankOfPop = append(h.bankOfPop, nil)
	}
	h.bankOfPop[pop] = bk
	for _, m := range h.motors {
		if m.kind == b {
			m.addBank(bk)
		}
	}
	// Slots are handed out lowest first.
	for s := slots - 1; s >= 0; s-- {
		b.free = append(b.free, slotRef{int32(bk.index), int32(s)})
	}
	return nil
}

// connectOn replicates the template synapses for every slot of a new
// bank in net.
func (b *Brains) connectOn(net *systems.Network, name string, slots int) error {
	syn := b.spec.Synapses
	if len(syn) == 0 {
		return nil
	}
	n := b.spec.Neurons
	pre := make([]int, 0, slots*len(syn))
	post := make([]int, 0, slots*len(syn))
	w := make([]float64, 0, slots*len(syn))
	var d []float64
	delayed := false
	for _, s := range syn {
		delayed = delayed || s.DelayMs > 0
	}
	for slot := range slots {
		for _, s := range syn {
			pre = append(pre, slot*n+s.Pre)
			post = append(post, slot*n+s.Post)
			w = append(w, s.WeightS)
			if delayed {
				d = append(d, s.DelayMs)
			}
		}
	}
	spec := systems.ProjectionSpec{
		Name: name + "/synapses", Pre: name, Post: name, Channel: b.spec.Channel,
		Conn:   systems.Connectivity{Kind: systems.Pairs, PreIdx: pre, PostIdx: post},
		Weight: ecs.List(w...),
	}
	if delayed {
		spec.DelayMs = ecs.List(d...)
	}
	if _, err := net.Connect(spec); err != nil {
		return fmt.Errorf("brain %q: synapses: %w", b.spec.Name, err)
	}
	return nil
}

// snapshot stores the bank's initial per-neuron state.
func (bk *bank) snapshot(sim *ecs.Sim) error {
	v, err := sim.Bind(bk.pop)
	if err != nil {
		return err
	}
	bk.initMembrane = append([]components.Membrane(nil), v.Membrane...)
	if v.Adaptation != nil {
		bk.initAdaptation = append([]components.Adaptation(nil), v.Adaptation...)
	}
	if v.Refractory != nil {
		bk.initRefractory = append([]components.Refractory(nil), v.Refractory...)
	}
	return sim.Unbind(v)
}

// reset returns the neurons of one slot to their initial state: V, a and
// the last spike time from the snapshot; inputs, spikes, synaptic state
// and pending synaptic arrivals cleared; sensor drive, spike counts and
// motor windows emptied. It is not a structural change (it only writes
// component fields), so it is allowed while the world is locked.
func (bk *bank) reset(slot int) error {
	sim := bk.kind.h.sim
	lo, hi := slot*bk.n, (slot+1)*bk.n
	v, err := sim.Bind(bk.pop)
	if err != nil {
		return err
	}
	copy(v.Membrane[lo:hi], bk.initMembrane[lo:hi])
	clear(v.Input[lo:hi])
	clear(v.Spike[lo:hi])
	if v.Adaptation != nil {
		copy(v.Adaptation[lo:hi], bk.initAdaptation[lo:hi])
	}
	if v.Refractory != nil {
		copy(v.Refractory[lo:hi], bk.initRefractory[lo:hi])
	}
	for c := range v.SynG {
		if v.SynG[c] != nil {
			clear(v.SynG[c][lo:hi])
		}
		if v.SynH[c] != nil {
			clear(v.SynH[c][lo:hi])
		}
	}
	if v.Channels != nil {
		for _, ch := range v.Channels.List {
			for s := 0; s < ch.Slots; s++ {
				clear(ch.Ring[s*v.N+lo : s*v.N+hi])
			}
		}
	}
	if err := sim.Unbind(v); err != nil {
		return err
	}
	clear(bk.driveMA[lo:hi])
	if bk.rateHz != nil {
		clear(bk.rateHz[lo:hi])
	}
	clear(bk.counts[lo:hi])
	for _, m := range bk.kind.h.motors {
		if m.kind == bk.kind {
			m.windows[bk.index].reset(slot)
		}
	}
	return nil
}
