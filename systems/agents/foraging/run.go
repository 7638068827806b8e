package foraging

import (
	"fmt"
	"math"

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

// RunForaging runs the foraging world. Each tick:
//
//  1. the brains sense, think (Substeps neural steps) and steer;
//  2. random walkers turn by WalkSigma·N(0, 1);
//  3. every agent moves Speed cells along its heading (the torus wraps);
//  4. agents eat up to Bite from their cell, in a fresh random order;
//  5. every cell regrows a fraction Regrowth of its deficit.
//
// The same options give the same result.
func RunForaging(opts ForagingOptions) (ForagingResult, error) {
	o, err := opts.withDefaults()
	if err != nil {
		return ForagingResult{}, err
	}
	rng := ecs.Stream(o.Seed, "foraging", "world")
	f := newField(o.Size, o.Patches, o.PatchSigma, rng)

	world := aecs.NewWorld()
	bodyID := aecs.ComponentID[Body](&world)
	foragerID := aecs.ComponentID[Forager](&world)
	host, err := agents.New(&world, agents.Options{DtMs: o.DtMs, Substeps: o.Substeps, Seed: o.Seed})
	if err != nil {
		return ForagingResult{}, fmt.Errorf("foraging: %w", err)
	}
	spec := brainSpec(o.CutSynapses)
	brains, err := host.AddBrains(spec)
	if err != nil {
		return ForagingResult{}, fmt.Errorf("foraging: %w", err)
	}
	nBrain := o.Agents / 2
	if err := brains.Reserve(nBrain); err != nil {
		return ForagingResult{}, fmt.Errorf("foraging: %w", err)
	}
	if err := wire(host, f, bodyID); err != nil {
		return ForagingResult{}, fmt.Errorf("foraging: %w", err)
	}
	spikes, err := systems.NewSpikeRecorder(host.Sim(), nil, nil)
	if err != nil {
		return ForagingResult{}, fmt.Errorf("foraging: %w", err)
	}
	if err := host.Sim().AddSystem(ecs.StageRecord, spikes); err != nil {
		return ForagingResult{}, fmt.Errorf("foraging: %w", err)
	}

	size := float64(o.Size)
	ents := make([]aecs.Entity, o.Agents)
	for i := range ents {
		e := world.NewEntity(bodyID, foragerID)
		*(*Body)(world.Get(e, bodyID)) = Body{X: rng.Float64() * size, Y: rng.Float64() * size, Heading: rng.Float64() * 2 * math.Pi}
		(*Forager)(world.Get(e, foragerID)).Brain = i < nBrain
		if i < nBrain {
			if err := brains.Add(e); err != nil {
				return ForagingResult{}, fmt.Errorf("foraging: %w", err)
			}
		}
		ents[i] = e
	}

	res := ForagingResult{
		Seed: o.Seed, Ticks: o.Ticks, BrainAgents: nBrain, RandomAgents: o.Agents - nBrain,
		NeuronsPerBrain: spec.Neurons, SynapsesPerBrain: len(spec.Synapses),
		DtMs: o.DtMs, Substeps: o.Substeps, TickMs: host.TickMs(), Size: o.Size, Patches: o.Patches,
		Paths: make([][]Point, o.Agents), HasBrain: make([]bool, o.Agents), AgentFood: make([]float64, o.Agents),
	}
	for i := range res.Paths {
		res.Paths[i] = make([]Point, 0, o.Ticks)
	}
	order := make([]int, o.Agents)
	for tick := 0; tick < o.Ticks; tick++ {
		if opts.Stop != nil && opts.Stop() {
			res.Ticks, res.Interrupted = tick, true
			break
		}
		if err := host.Update(); err != nil {
			return ForagingResult{}, fmt.Errorf("foraging: tick %d: %w", tick, err)
		}
		for i, e := range ents {
			b := (*Body)(world.Get(e, bodyID))
			if i >= nBrain {
				b.Heading += o.WalkSigma * rng.NormFloat64()
			}
			b.X = wrap(b.X+o.Speed*math.Cos(b.Heading), size)
			b.Y = wrap(b.Y+o.Speed*math.Sin(b.Heading), size)
			res.Paths[i] = append(res.Paths[i], Point{b.X, b.Y})
		}
		for i := range order {
			order[i] = i
		}
		rng.Shuffle(len(order), func(a, b int) { order[a], order[b] = order[b], order[a] })
		for _, i := range order {
			b := (*Body)(world.Get(ents[i], bodyID))
			(*Forager)(world.Get(ents[i], foragerID)).Food += f.eat(b.X, b.Y, o.Bite)
		}
		f.regrow(o.Regrowth)
	}

	var brainFood, randomFood float64
	for i, e := range ents {
		fg := (*Forager)(world.Get(e, foragerID))
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
	for _, c := range spikes.Counts {
		res.BrainSpikes += c
	}
	if neuronMs := float64(brains.Len()*spec.Neurons) * float64(res.Ticks) * host.TickMs(); neuronMs > 0 {
		res.MeanRateHz = float64(res.BrainSpikes) / neuronMs * 1e3
	}
	food, capacity := f.total()
	res.FoodLeft = food / capacity
	res.Food, res.Capacity = f.food, f.capacity
	return res, nil
}
