package agents

import (
	"fmt"
	"sort"

	aecs "github.com/mlange-42/arche/ecs"

	"github.com/spikecs/spikecs/ecs"
	"github.com/spikecs/spikecs/systems"
)

// Host is spikecs installed in a world the caller owns, with the brains of
// its agents, their sensors and motors.
//
// A Host is not safe for concurrent use. It never keeps a query open
// between calls and never panics inside one: every method returns an error
// instead, and the world is unlocked when it returns.
type Host struct {
	world    *aecs.World
	sim      *ecs.Sim
	net      *systems.Network
	substeps int
	ticks    int64

	kinds     []*Brains
	byName    map[string]*Brains
	banks     []*bank // all banks of all kinds, in creation order
	bankOfPop []*bank // indexed by population ID; nil for other populations
	sensors   []*sensor
	motors    []*motor
	// busy is set while sensor and motor functions run: they must not add
	// or remove brains (the slot tables are being iterated).
	busy bool
}

// New installs spikecs into w (systems.NewSimOn: components, a Clock
// resource, the standard neuron systems), creates a synapse network and
// adds the Host's own systems: the sensor drive (input stage) and the
// motor spike counter (record stage). A world hosts at most one Host (one
// Sim). w must not be locked.
func New(w *aecs.World, opts Options) (*Host, error) {
	o, err := opts.withDefaults()
	if err != nil {
		return nil, err
	}
	sim, err := systems.NewSimOn(w, ecs.Options{DtMs: o.DtMs, Seed: o.Seed, BlockSize: o.BlockSize})
	if err != nil {
		return nil, fmt.Errorf("agents: install spikecs: %w", err)
	}
	net, err := systems.NewNetwork(sim)
	if err != nil {
		return nil, fmt.Errorf("agents: network: %w", err)
	}
	h := &Host{world: w, sim: sim, net: net, substeps: o.Substeps, byName: map[string]*Brains{}}
	if err := sim.AddNeuronSystem(ecs.StageInput, &driveSystem{h: h}); err != nil {
		return nil, fmt.Errorf("agents: sensor drive: %w", err)
	}
	if err := sim.AddSystem(ecs.StageRecord, &spikeCounter{h: h}); err != nil {
		return nil, fmt.Errorf("agents: spike counter: %w", err)
	}
	return h, nil
}

// World returns the world the Host lives in.
func (h *Host) World() *aecs.World { return h.world }

// Sim returns the spikecs simulation; add populations, systems or
// recorders of your own to it between ticks.
func (h *Host) Sim() *ecs.Sim { return h.sim }

// Network returns the synapse network holding the brains' projections.
func (h *Host) Network() *systems.Network { return h.net }

// Substeps returns the number of neural steps per model tick.
func (h *Host) Substeps() int { return h.substeps }

// TickMs returns the neural time per model tick in ms: Substeps·dt.
func (h *Host) TickMs() float64 { return float64(h.substeps) * h.sim.DtMs() }

// Ticks returns the number of completed model ticks (Update or Act calls).
func (h *Host) Ticks() int64 { return h.ticks }

// Brains returns the brain kind with the given name.
func (h *Host) Brains(name string) (*Brains, bool) {
	b, ok := h.byName[name]
	return b, ok
}

// Kinds returns the names of the brain kinds, sorted.
func (h *Host) Kinds() []string {
	out := make([]string, 0, len(h.byName))
	for name := range h.byName {
		out = append(out, name)
	}
	sort.Strings(out)
	return out
}

// Update runs one model tick: Sense, Think (Substeps neural steps), Act.
// Cost: about 1 µs per neural step for the whole Host plus about 10 ns
// per neuron per step (idle slots included), plus the sensor and motor
// functions; docs/embedding.md has the measured ns per agent per tick.
func (h *Host) Update() error {
	if err := h.Sense(); err != nil {
		return err
	}
	if err := h.Think(); err != nil {
		return err
	}
	return h.Act()
}

// Think runs Substeps neural steps. Spike counts for the motors restart
// at zero at the start of each Think.
func (h *Host) Think() error {
	if err := h.checkUnlocked("think"); err != nil {
		return err
	}
	for _, bk := range h.banks {
		clear(bk.counts)
	}
	if err := h.sim.Run(h.substeps); err != nil {
		return fmt.Errorf("agents: tick %d: %w", h.ticks, err)
	}
	return nil
}

// checkUnlocked returns an error when the world is locked (a query of the
// caller is open) or a sensor or motor function is running.
func (h *Host) checkUnlocked(what string) error {
	if h.busy {
		return fmt.Errorf("agents: %s: called from inside a sensor or motor function; do it between ticks", what)
	}
	if h.world.IsLocked() {
		return fmt.Errorf("agents: %s: the world is locked (a query is open); call it outside of query loops", what)
	}
	return nil
}
