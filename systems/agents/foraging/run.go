package foraging

import (
	"fmt"
	"math"
	"math/rand/v2"

	aecs "github.com/mlange-42/arche/ecs"

	"github.com/spikecs/spikecs/ecs"
	"github.com/spikecs/spikecs/systems"
	"github.com/spikecs/spikecs/systems/agents"
)

// Body is an agent's position (cells) and heading (rad).
type Body struct {
	X, Y    float64
	Heading float64
}

// Forager is an agent's bookkeeping: food eaten (cells) and whether a
// brain steers it.
type Forager struct {
	Food  float64
	Brain bool
}

// run is a foraging world under way: the arche world with its agents and
// their Host, the food field, the world's random stream and what was
// recorded so far.
type run struct {
	o         ForagingOptions
	pcg       *rand.PCG // the source of rng, kept to save its state
	rng       *rand.Rand
	f         *field
	world     aecs.World
	bodyID    aecs.ID
	foragerID aecs.ID
	host      *agents.Host
	brains    *agents.Brains
	spikes    *systems.SpikeRecorder
	spec      agents.BrainSpec
	ents      []aecs.Entity
	nBrain    int
	paths     [][]Point // every agent's position after each tick
	order     []int     // scratch: the eating order
	tick      int       // ticks done
}

// RunForaging runs the foraging world. Each tick:
//
//  1. the brains sense, think (Substeps neural steps) and steer;
//  2. random walkers turn by WalkSigma·N(0, 1);
//  3. every agent moves Speed cells along its heading (the torus wraps);
//  4. agents eat up to Bite from their cell, in a fresh random order;
//  5. every cell regrows a fraction Regrowth of its deficit.
//
// The same options give the same result, also when the run was stopped
// and continued from a checkpoint (ForagingOptions.Checkpoint, Resume).
// Errors about a Resume state that does not fit wrap ErrState.
func RunForaging(opts ForagingOptions) (ForagingResult, error) {
	o, err := opts.withDefaults()
	if err != nil {
		return ForagingResult{}, err
	}
	r, err := newRun(o)
	if err != nil {
		return ForagingResult{}, fmt.Errorf("foraging: %w", err)
	}
	if o.Resume != nil {
		if err := r.restore(o.Resume); err != nil {
			return ForagingResult{}, err
		}
	}
	interrupted := false
	for r.tick < o.Ticks {
		if o.Stop != nil && o.Stop() {
			interrupted = true
			if o.Checkpoint != nil {
				if err := o.Checkpoint(r.state, true); err != nil {
					return ForagingResult{}, fmt.Errorf("foraging: tick %d: %w", r.tick, err)
				}
			}
			break
		}
		if err := r.step(); err != nil {
			return ForagingResult{}, fmt.Errorf("foraging: tick %d: %w", r.tick, err)
		}
		if o.Checkpoint != nil && r.tick < o.Ticks {
			if err := o.Checkpoint(r.state, false); err != nil {
				return ForagingResult{}, fmt.Errorf("foraging: tick %d: %w", r.tick, err)
			}
		}
	}
	res := r.result()
	res.Interrupted = interrupted
	return res, nil
}

// newRun builds the world of resolved options o at tick 0: the field, the
// Host with the brains, and the agents at their random starting points.
func newRun(o ForagingOptions) (*run, error) {
	r := &run{o: o, pcg: ecs.StreamSource(o.Seed, "foraging", "world"), nBrain: o.Agents / 2, spec: brainSpec(o.CutSynapses)}
	r.rng = rand.New(r.pcg)
	r.f = newField(o.Size, o.Patches, o.PatchSigma, r.rng)
	r.world = aecs.NewWorld()
	r.bodyID = aecs.ComponentID[Body](&r.world)
	r.foragerID = aecs.ComponentID[Forager](&r.world)
	host, err := agents.New(&r.world, agents.Options{DtMs: o.DtMs, Substeps: o.Substeps, Seed: o.Seed})
	if err != nil {
		return nil, err
	}
	r.host = host
	if r.brains, err = host.AddBrains(r.spec); err != nil {
		return nil, err
	}
	if err := r.brains.Reserve(r.nBrain); err != nil {
		return nil, err
	}
	if err := wire(host, r.f, r.bodyID); err != nil {
		return nil, err
	}
	if r.spikes, err = systems.NewSpikeRecorder(host.Sim(), nil, nil); err != nil {
		return nil, err
	}
	if err := host.Sim().AddSystem(ecs.StageRecord, r.spikes); err != nil {
		return nil, err
	}
	size := float64(o.Size)
	r.ents = make([]aecs.Entity, o.Agents)
	for i := range r.ents {
		e := r.world.NewEntity(r.bodyID, r.foragerID)
		*(*Body)(r.world.Get(e, r.bodyID)) = Body{X: r.rng.Float64() * size, Y: r.rng.Float64() * size, Heading: r.rng.Float64() * 2 * math.Pi}
		(*Forager)(r.world.Get(e, r.foragerID)).Brain = i < r.nBrain
		if i < r.nBrain {
			if err := r.brains.Add(e); err != nil {
				return nil, err
			}
		}
		r.ents[i] = e
	}
	r.paths = make([][]Point, o.Agents)
	for i := range r.paths {
		r.paths[i] = make([]Point, 0, o.Ticks)
	}
	r.order = make([]int, o.Agents)
	return r, nil
}

// step runs one tick.
func (r *run) step() error {
	o, size := r.o, float64(r.o.Size)
	if err := r.host.Update(); err != nil {
		return err
	}
	for i, e := range r.ents {
		b := (*Body)(r.world.Get(e, r.bodyID))
		if i >= r.nBrain {
			b.Heading += o.WalkSigma * r.rng.NormFloat64()
		}
		b.X = wrap(b.X+o.Speed*math.Cos(b.Heading), size)
		b.Y = wrap(b.Y+o.Speed*math.Sin(b.Heading), size)
		r.paths[i] = append(r.paths[i], Point{b.X, b.Y})
	}
	for i := range r.order {
		r.order[i] = i
	}
	r.rng.Shuffle(len(r.order), func(a, b int) { r.order[a], r.order[b] = r.order[b], r.order[a] })
	for _, i := range r.order {
		b := (*Body)(r.world.Get(r.ents[i], r.bodyID))
		(*Forager)(r.world.Get(r.ents[i], r.foragerID)).Food += r.f.eat(b.X, b.Y, o.Bite)
	}
	r.f.regrow(o.Regrowth)
	r.tick++
	return nil
}

// result summarises the run after its ticks so far.
func (r *run) result() ForagingResult {
	o := r.o
	res := ForagingResult{
		Seed: o.Seed, Ticks: r.tick, BrainAgents: r.nBrain, RandomAgents: o.Agents - r.nBrain,
		NeuronsPerBrain: r.spec.Neurons, SynapsesPerBrain: len(r.spec.Synapses),
		DtMs: o.DtMs, Substeps: o.Substeps, TickMs: r.host.TickMs(), Size: o.Size, Patches: o.Patches,
		Paths: r.paths, HasBrain: make([]bool, o.Agents), AgentFood: make([]float64, o.Agents),
	}
	var brainFood, randomFood float64
	for i, e := range r.ents {
		fg := (*Forager)(r.world.Get(e, r.foragerID))
		res.HasBrain[i], res.AgentFood[i] = fg.Brain, fg.Food
		if fg.Brain {
			brainFood += fg.Food
		} else {
			randomFood += fg.Food
		}
	}
	res.BrainFoodPerAgent = brainFood / float64(res.BrainAgents)
	res.RandomFoodPerAgent = randomFood / float64(res.RandomAgents)
	if res.RandomFoodPerAgent > 0 {
		res.Ratio = res.BrainFoodPerAgent / res.RandomFoodPerAgent
	}
	for _, c := range r.spikes.Counts {
		res.BrainSpikes += c
	}
	if neuronMs := float64(r.brains.Len()*r.spec.Neurons) * float64(res.Ticks) * r.host.TickMs(); neuronMs > 0 {
		res.MeanRateHz = float64(res.BrainSpikes) / neuronMs * 1e3
	}
	food, capacity := r.f.total()
	res.FoodLeft = food / capacity
	res.Food, res.Capacity = r.f.food, r.f.capacity
	return res
}
