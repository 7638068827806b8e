package agents

import (
	"fmt"

	aecs "github.com/mlange-42/arche/ecs"

	"github.com/spikecs/spikecs/ecs"
	"github.com/spikecs/spikecs/systems"
)

// Brains is one kind of brain: a template (BrainSpec) and the slots of the
// agents that have such a brain. Slot s of bank b holds neurons
// s·N .. s·N+N-1 of b's population.
type Brains struct {
	h       *Host
	spec    BrainSpec
	banks   []*bank
	free    []slotRef // LIFO: the next Add takes the last entry
	byAgent map[aecs.Entity]slotRef
	// poissonWMV is the Poisson jump per brain neuron, mV (nil without
	// Poisson sensors; 0 for neurons without one).
	poissonWMV []float64
	// driven and poisson list the brain-local indices of the neurons fed
	// by current and Poisson sensors, sorted.
	driven, poisson []int
}

// slotRef addresses one brain slot: bank index and slot within the bank.
type slotRef struct {
	bank, slot int32
}

// AddBrains registers a brain kind. It creates no neurons yet: the first
// Add (or Reserve) creates the first bank.
func (h *Host) AddBrains(spec BrainSpec) (*Brains, error) {
	if err := h.checkUnlocked("add brains"); err != nil {
		return nil, err
	}
	if err := spec.check(); err != nil {
		return nil, err
	}
	if _, dup := h.byName[spec.Name]; dup {
		return nil, fmt.Errorf("brain %q: a brain kind with this name already exists", spec.Name)
	}
	b := &Brains{h: h, spec: spec.withDefaults(), byAgent: map[aecs.Entity]slotRef{}}
	if err := b.dryRun(); err != nil {
		return nil, err
	}
	h.kinds = append(h.kinds, b)
	h.byName[spec.Name] = b
	return b, nil
}

// dryRun builds one brain in a throwaway simulation, so that bad neuron
// parameters, channels or weights fail here rather than at the first Add.
func (b *Brains) dryRun() error {
	if err := systems.CheckChannel(b.spec.Channel); err != nil {
		return fmt.Errorf("brain %q: channel: %w", b.spec.Name, err)
	}
	spec, err := b.spec.bankSpec(b.spec.Name+"#0", 1)
	if err != nil {
		return err
	}
	sim, err := ecs.New(ecs.Options{DtMs: b.h.sim.DtMs()})
	if err != nil {
		return fmt.Errorf("brain %q: %w", b.spec.Name, err)
	}
	if _, err := sim.AddPopulation(spec); err != nil {
		return fmt.Errorf("brain %q: %w", b.spec.Name, err)
	}
	net, err := systems.NewNetwork(sim)
	if err != nil {
		return fmt.Errorf("brain %q: %w", b.spec.Name, err)
	}
	return b.connectOn(net, spec.Name, 1)
}

// Name returns the kind's name.
func (b *Brains) Name() string { return b.spec.Name }

// Neurons returns the number of neurons per brain.
func (b *Brains) Neurons() int { return b.spec.Neurons }

// Len returns the number of agents that have a brain of this kind.
func (b *Brains) Len() int { return len(b.byAgent) }

// Capacity returns the number of brain slots created so far.
func (b *Brains) Capacity() int {
	n := 0
	for _, bk := range b.banks {
		n += bk.slots
	}
	return n
}

// Has reports whether agent has a brain of this kind.
func (b *Brains) Has(agent aecs.Entity) bool {
	_, ok := b.byAgent[agent]
	return ok
}

// Add gives agent a brain of this kind, in its initial state (V_init,
// a_init, no synaptic activity). It reuses a freed slot if there is one;
// otherwise it creates a new bank, which needs an unlocked world — call
// Reserve before adding agents from inside a query loop.
func (b *Brains) Add(agent aecs.Entity) error {
	if b.h.busy {
		return fmt.Errorf("brain %q: add: called from inside a sensor or motor function; do it between ticks", b.spec.Name)
	}
	if !b.h.world.Alive(agent) {
		return fmt.Errorf("brain %q: add: agent %v is not alive", b.spec.Name, agent)
	}
	if _, dup := b.byAgent[agent]; dup {
		return fmt.Errorf("brain %q: add: agent %v already has a brain of this kind", b.spec.Name, agent)
	}
	if len(b.free) == 0 {
		if err := b.grow(b.growSlots()); err != nil {
			return fmt.Errorf("brain %q: add agent %v: %w", b.spec.Name, agent, err)
		}
	}
	ref := b.free[len(b.free)-1]
	if err := b.banks[ref.bank].reset(int(ref.slot)); err != nil {
		return fmt.Errorf("brain %q: add agent %v: %w", b.spec.Name, agent, err)
	}
	b.free = b.free[:len(b.free)-1]
	b.banks[ref.bank].owner[ref.slot] = agent
	b.byAgent[agent] = ref
	return nil
}

// Remove frees agent's brain: its neurons return to the initial state,
// receive no sensor input and drive no motor; a later Add reuses the
// slot. Removing the agent entity from the world has the same effect at
// the start of the next Sense.
func (b *Brains) Remove(agent aecs.Entity) error {
	if b.h.busy {
		return fmt.Errorf("brain %q: remove: called from inside a sensor or motor function; do it between ticks", b.spec.Name)
	}
	ref, ok := b.byAgent[agent]
	if !ok {
		return fmt.Errorf("brain %q: remove: agent %v has no brain of this kind", b.spec.Name, agent)
	}
	return b.release(ref)
}

// release frees a slot and resets its neurons.
func (b *Brains) release(ref slotRef) error {
	bk := b.banks[ref.bank]
	delete(b.byAgent, bk.owner[ref.slot])
	bk.owner[ref.slot] = aecs.Entity{}
	b.free = append(b.free, ref)
	if err := bk.reset(int(ref.slot)); err != nil {
		return fmt.Errorf("brain %q: free slot %d of bank %d: %w", b.spec.Name, ref.slot, ref.bank, err)
	}
	return nil
}

// reap frees the slots of agents that were removed from the world.
func (b *Brains) reap() error {
	w := b.h.world
	for i, bk := range b.banks {
		for s, agent := range bk.owner {
			if !agent.IsZero() && !w.Alive(agent) {
				if err := b.release(slotRef{int32(i), int32(s)}); err != nil {
					return err
				}
			}
		}
	}
	return nil
}

// Reserve makes sure at least n brains fit without creating another bank
// (creating banks is a structural change: the world must be unlocked). It
// adds exactly the missing slots, in banks of at most MaxBankSlots, so a
// Reserve before adding the agents leaves no idle slots.
func (b *Brains) Reserve(n int) error {
	for missing := n - b.Capacity(); missing > 0; missing = n - b.Capacity() {
		if err := b.grow(min(missing, b.spec.MaxBankSlots)); err != nil {
			return fmt.Errorf("brain %q: reserve %d: %w", b.spec.Name, n, err)
		}
	}
	return nil
}

// Agents returns the agents with a brain of this kind, in slot order
// (the order sensors and motors visit them).
func (b *Brains) Agents() []aecs.Entity {
	out := make([]aecs.Entity, 0, len(b.byAgent))
	for _, bk := range b.banks {
		for _, a := range bk.owner {
			if !a.IsZero() {
				out = append(out, a)
			}
		}
	}
	return out
}

// Locate returns where agent's brain lives: the population ID of its bank
// and the index of its neuron 0 there (its neurons are first .. first+N-1).
// Read or write them with Sim().Bind(pop) between ticks.
func (b *Brains) Locate(agent aecs.Entity) (pop, first int, ok bool) {
	ref, ok := b.byAgent[agent]
	if !ok {
		return 0, 0, false
	}
	bk := b.banks[ref.bank]
	return bk.pop, int(ref.slot) * b.spec.Neurons, true
}

// Populations returns the population IDs of the kind's banks.
func (b *Brains) Populations() []int {
	out := make([]int, len(b.banks))
	for i, bk := range b.banks {
		out[i] = bk.pop
	}
	return out
}
