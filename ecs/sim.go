package ecs

import (
	"fmt"
	"math"
	"math/rand/v2"

	aecs "github.com/mlange-42/arche/ecs"

	"github.com/spikecs/spikecs/components"
)

// DefaultBlockSize is the number of neurons a block of neuron systems
// processes before moving on; 2048 neurons of a LIF population stay well
// inside a 1 MiB L2 cache across all neuron stages.
const DefaultBlockSize = 2048

// Options configure a Sim. The zero value is valid: dt = 0.1 ms, seed 0,
// blocks of DefaultBlockSize neurons.
type Options struct {
	// DtMs is the time step in ms (default 0.1); must be > 0 and finite.
	DtMs float64
	// Seed seeds every random stream (initializers and per-population
	// streams); the same seed gives identical results.
	Seed uint64
	// BlockSize is the number of neurons processed by all consecutive
	// neuron systems before the next block (default DefaultBlockSize).
	// It changes only speed, never results.
	BlockSize int
	// Capacity is the initial entity capacity of a world the Sim creates
	// (ignored by NewOn).
	Capacity int
	// NoSurrogateGrad skips the surrogate derivative: the spike stage
	// computes S (and the fired lists) but leaves Spike.DSdV at 0. Set it
	// for pure simulation, where nothing reads the derivative (learning
	// rules and a recorder of dsdv do); it saves about a fifth of a
	// current-based neuron's step. Spikes and potentials are unchanged.
	NoSurrogateGrad bool
	// DisableFusion makes every Fuser decline, so each neuron system runs
	// on its own (results are identical; it only costs speed).
	DisableFusion bool
	// SIMD limits the vector instructions of systems that have vector
	// kernels (results are identical, bit for bit, at every level; only
	// the speed differs). The zero value uses the widest the CPU has.
	SIMD SIMDLevel
	// Partition, when Count > 1, makes the Sim hold one part of a network
	// split across several worlds (see Partition); zero: the whole network.
	Partition Partition
}

// Sim is a spiking simulation inside an arche world.
//
// A Sim is not safe for concurrent use. It may share its world with other
// entities and systems (NewOn); it only touches entities it created.
type Sim struct {
	world     *aecs.World
	ownsWorld bool
	clock     *Clock
	opts      Options
	ids       componentIDs
	pops      []*population
	byName    map[string]int
	stages    [numStages][]entry
	plan      []segment
	keyUses   map[string]int // see CounterKey
	// modelBits maps an installed model's name to its scope bit.
	modelBits map[string]uint64
}

// componentIDs holds the arche IDs of the spikecs components.
type componentIDs struct {
	cols       [numCols]aecs.ID
	popInfo    aecs.ID
	membraneP  aecs.ID
	adaptP     aecs.ID
	refractP   aecs.ID
	surrogateP aecs.ID
	source     aecs.ID
	channels   aecs.ID
	shared     aecs.ID
	modelP     aecs.ID
}

// New creates a Sim with its own arche world.
func New(opts Options) (*Sim, error) {
	capacity := opts.Capacity
	if capacity < 1 {
		capacity = 128
	}
	w := aecs.NewWorld(capacity)
	s, err := NewOn(&w, opts)
	if err != nil {
		return nil, err
	}
	s.ownsWorld = true
	return s, nil
}

// NewOn creates a Sim inside a world the caller owns (for example an
// agent-based model's world). It registers the spikecs components and adds
// a Clock resource; a world can host one Sim.
func NewOn(w *aecs.World, opts Options) (*Sim, error) {
	if w == nil {
		return nil, fmt.Errorf("spikecs: NewOn needs a world, got nil")
	}
	if opts.DtMs == 0 {
		opts.DtMs = 0.1
	}
	if !(opts.DtMs > 0) || math.IsInf(opts.DtMs, 0) {
		return nil, fmt.Errorf("spikecs: dt must be a positive finite time, got %v ms", opts.DtMs)
	}
	if opts.BlockSize <= 0 {
		opts.BlockSize = DefaultBlockSize
	}
	if err := opts.Partition.check(); err != nil {
		return nil, err
	}
	if w.IsLocked() {
		return nil, fmt.Errorf("spikecs: the world is locked (a query is open); create the Sim outside of queries")
	}
	clockID := aecs.ResourceID[Clock](w)
	if w.Resources().Has(clockID) {
		return nil, fmt.Errorf("spikecs: this world already hosts a simulation (it has a Clock resource)")
	}
	s := &Sim{world: w, opts: opts, byName: map[string]int{}}
	s.clock = &Clock{DtMs: opts.DtMs}
	w.Resources().Add(clockID, s.clock)
	s.ids.cols = [numCols]aecs.ID{
		colInPop:      aecs.ComponentID[components.InPop](w),
		colMembrane:   aecs.ComponentID[components.Membrane](w),
		colInput:      aecs.ComponentID[components.Input](w),
		colSpike:      aecs.ComponentID[components.Spike](w),
		colAdaptation: aecs.ComponentID[components.Adaptation](w),
		colRefractory: aecs.ComponentID[components.Refractory](w),
		colSurrogate:  aecs.ComponentID[components.SurrogateSpec](w),
		colSynG0:      aecs.ComponentID[components.SynG0](w),
		colSynG1:      aecs.ComponentID[components.SynG1](w),
		colSynG2:      aecs.ComponentID[components.SynG2](w),
		colSynG3:      aecs.ComponentID[components.SynG3](w),
		colSynH0:      aecs.ComponentID[components.SynH0](w),
		colSynH1:      aecs.ComponentID[components.SynH1](w),
		colSynH2:      aecs.ComponentID[components.SynH2](w),
		colSynH3:      aecs.ComponentID[components.SynH3](w),
	}
	s.ids.popInfo = aecs.ComponentID[components.Population](w)
	s.ids.membraneP = aecs.ComponentID[components.MembraneParams](w)
	s.ids.adaptP = aecs.ComponentID[components.AdaptationParams](w)
	s.ids.refractP = aecs.ComponentID[components.RefractoryParams](w)
	s.ids.surrogateP = s.ids.cols[colSurrogate]
	s.ids.source = aecs.ComponentID[components.Source](w)
	s.ids.channels = aecs.ComponentID[components.Channels](w)
	s.ids.shared = aecs.ComponentID[components.SharedInput](w)
	s.ids.modelP = aecs.ComponentID[components.ModelParams](w)
	return s, nil
}

// World returns the arche world the Sim lives in.
func (s *Sim) World() *aecs.World { return s.world }

// Clock returns the simulation clock (also available as a world resource).
func (s *Sim) Clock() *Clock { return s.clock }

// DtMs returns the time step in ms.
func (s *Sim) DtMs() float64 { return s.clock.DtMs }

// Seed returns the seed of all random streams.
func (s *Sim) Seed() uint64 { return s.opts.Seed }

// SetDt changes the time step (ms) and refreshes all derived constants.
// Time t = Step·dt is recomputed with the new dt from the current step.
func (s *Sim) SetDt(dtMs float64) error {
	if !(dtMs > 0) || math.IsInf(dtMs, 0) {
		return fmt.Errorf("spikecs: dt must be a positive finite time, got %v ms", dtMs)
	}
	s.clock.DtMs = dtMs
	return s.Refresh()
}

// Refresh recomputes the derived per-neuron constants (decay factors) of
// every population from dt and the current parameters. Call it after
// changing parameter Values directly.
func (s *Sim) Refresh() error {
	for _, p := range s.pops {
		if err := s.refreshPop(p); err != nil {
			return err
		}
	}
	return nil
}

func (s *Sim) refreshPop(p *population) error {
	if !s.world.Alive(p.entity) {
		return fmt.Errorf("population %q: its entity was removed from the world", p.name)
	}
	if p.isSource {
		return nil
	}
	dt := s.clock.DtMs
	mp := (*components.MembraneParams)(s.world.Get(p.entity, s.ids.membraneP))
	mp.Decay = derive(mp.TauMs, func(tau float64) float64 { return -math.Expm1(-dt / tau) })
	mp.InvSpan = invSpan(mp.VThMV, mp.VResetMV)
	if p.hasAdapt {
		ap := (*components.AdaptationParams)(s.world.Get(p.entity, s.ids.adaptP))
		ap.Decay = derive(ap.TauAMs, func(tau float64) float64 { return math.Exp(-dt / tau) })
	}
	if p.model != nil && p.model.Prepare != nil && !p.model.lif {
		mp := (*components.ModelParams)(s.world.Get(p.entity, s.ids.modelP))
		d, err := p.model.Prepare(mp, dt)
		if err != nil {
			return fmt.Errorf("population %q: %w", p.name, err)
		}
		mp.Derived = d
	}
	return nil
}

// derive maps f over a parameter, keeping its shape (shared or per neuron).
func derive(p components.Param, f func(float64) float64) components.Param {
	out := make([]float64, len(p.Values))
	for i, x := range p.Values {
		out[i] = f(x)
	}
	return components.PerNeuron(out)
}

// invSpan returns 1/(V_th − V_reset), shared when both are shared.
func invSpan(th, rs components.Param) components.Param {
	if th.IsShared() && rs.IsShared() {
		return components.Shared(1 / (th.Values[0] - rs.Values[0]))
	}
	n := max(len(th.Values), len(rs.Values))
	out := make([]float64, n)
	for i := range out {
		out[i] = 1 / (th.At(i) - rs.At(i))
	}
	return components.PerNeuron(out)
}

// Populations returns the names of all populations in creation order.
func (s *Sim) Populations() []string {
	out := make([]string, len(s.pops))
	for i, p := range s.pops {
		out[i] = p.name
	}
	return out
}

// Population returns the ID of the named population.
func (s *Sim) Population(name string) (int, bool) {
	id, ok := s.byName[name]
	return id, ok
}

// PopulationEntity returns the arche entity of population id; its
// components hold the population's parameters.
func (s *Sim) PopulationEntity(id int) aecs.Entity { return s.pops[id].entity }

// PopulationSize returns the number of neurons of population id.
func (s *Sim) PopulationSize(id int) int { return s.pops[id].size }

// Fired returns the indices of population id's neurons whose spike output
// is 1 after the last spike stage, in increasing order (what
// PopView.Fired holds, without binding the population). The slice is the
// Sim's own: read it before the next step, do not modify it.
func (s *Sim) Fired(id int) []int32 { return s.pops[id].fired }

// PopulationName returns the name of population id.
func (s *Sim) PopulationName(id int) string { return s.pops[id].name }

// Rand returns the random stream of population id (PCG, derived from the
// seed and the population's name).
func (s *Sim) Rand(id int) *rand.Rand { return s.pops[id].rng }

// SurrogateGrad reports whether the spike stage computes the surrogate
// derivative Spike.DSdV (false with Options.NoSurrogateGrad). Systems
// that read it, such as learning rules, check it when they are added.
func (s *Sim) SurrogateGrad() bool { return !s.opts.NoSurrogateGrad }
