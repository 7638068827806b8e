package systems

import (
	"fmt"
	"math"
	"math/rand/v2"

	"gonum.org/v1/gonum/stat/distuv"

	"github.com/spikecs/spikecs/components"
	"github.com/spikecs/spikecs/ecs"
)

// PoissonChannelInput drives a synaptic channel of every neuron of one
// population with independent Poisson spike trains, as NEST's
// poisson_generator connected to each neuron: every step each neuron draws
// k ~ Poisson(Count·RateHz·dt) and its channel receives the jump k·WeightS
// (S; for a CUBA channel a current k·WeightS·scale) for the next step, like
// a projection without delay. It runs in the delivery stage; the draws come
// from a counter-based stream of (input, step, global neuron index), so
// they do not depend on blocks or on how the population is partitioned.
//
// Cost: one uniform and about λ + 1 comparisons per neuron and step for
// λ = Count·RateHz·dt ≤ 30 (inversion against a table), a gonum Poisson
// draw above.
type PoissonChannelInput struct {
	Pop     int
	Channel int     // index in the population's Channels.List
	LambdaP float64 // mean spikes per neuron and step, Count·RateHz·dt
	WeightS float64 // jump of the channel's state per spike, S
	// StartStep and StopStep bound the active steps (StopStep exclusive).
	StartStep, StopStep int64
	// Key selects this input's random streams (ecs.Sim.CounterKey).
	Key uint64
	cdf []float64 // P(k ≤ n) for the inversion, up to where it stops growing
	src *ecs.CounterSource
	big distuv.Poisson
}

// poissonCDF returns the cumulative probabilities P(k ≤ n) of a Poisson
// count of mean lambda, n = 0, 1, …, computed as the inversion sums them
// (p ← p·λ/n, F ← F + p) until F stops changing or n reaches 1000.
func poissonCDF(lambda float64) []float64 {
	p := math.Exp(-lambda)
	out := []float64{p}
	for n := 1; n < 1000; n++ {
		p *= lambda / float64(n)
		f := out[n-1] + p
		if f == out[n-1] {
			break
		}
		out = append(out, f)
	}
	return out
}

// NewPoissonChannelInput returns a Poisson input of count sources of rateHz
// each into the channel of population pop with parameters ch (created if
// the population has none equal, as a projection would), each spike adding
// weightS. Add it to the delivery stage.
func NewPoissonChannelInput(sim *ecs.Sim, pop string, count int, rateHz, weightS float64, ch components.ChannelParams) (*PoissonChannelInput, error) {
	id, ok := sim.Population(pop)
	if !ok {
		return nil, fmt.Errorf("poisson input: unknown population %q; valid: %v", pop, sim.Populations())
	}
	if sim.IsSource(id) {
		return nil, fmt.Errorf("poisson input: %q is a spike source; it has no synapses", pop)
	}
	lambda := float64(count) * rateHz * sim.DtMs() * 1e-3
	if count < 1 || !(lambda >= 0) || math.IsInf(lambda, 0) || math.IsNaN(weightS) || math.IsInf(weightS, 0) {
		return nil, fmt.Errorf("poisson input to %q: need count >= 1, a rate >= 0 and a finite weight; got count %d, rate %v Hz, weight %v S", pop, count, rateHz, weightS)
	}
	if err := CheckChannel(ch); err != nil {
		return nil, fmt.Errorf("poisson input to %q: %w", pop, err)
	}
	if ch.Kind == components.SynDirect || ch.Kind == components.SynAMPA || ch.Kind == components.SynGABAa {
		return nil, fmt.Errorf("poisson input to %q: the synapse must be expon, dual_expon or alpha", pop)
	}
	c, err := sim.Channel(id, ch)
	if err != nil {
		return nil, fmt.Errorf("poisson input to %q: %w", pop, err)
	}
	src := &ecs.CounterSource{}
	return &PoissonChannelInput{Pop: id, Channel: c, LambdaP: lambda, WeightS: weightS, StopStep: math.MaxInt64,
		Key: sim.CounterKey("poisson_channel", pop), cdf: poissonCDF(lambda), src: src,
		big: distuv.Poisson{Lambda: lambda, Src: rand.New(src)}}, nil
}

// Name returns "poisson-channel".
func (*PoissonChannelInput) Name() string { return "poisson-channel" }

// UpdateBlock adds the step's Poisson spikes of neurons lo..hi-1 to the
// channel's arrivals of the next step.
func (pc *PoissonChannelInput) UpdateBlock(t ecs.Tick, p *ecs.PopView, lo, hi int) error {
	if p.ID != pc.Pop || t.Step < pc.StartStep || t.Step >= pc.StopStep || pc.LambdaP == 0 {
		return nil
	}
	ch := &p.Channels.List[pc.Channel]
	base := int((t.Step+1)%int64(ch.Slots)) * p.N
	ring := ch.Ring[base+lo : base+hi]
	for k := range ring {
		pc.src.Reset(pc.Key, t.Step, p.Offset+lo+k)
		if n := pc.draw(); n > 0 {
			ring[k] += float64(n) * pc.WeightS
		}
	}
	return nil
}

// draw returns one Poisson count of mean LambdaP from the positioned
// stream: inversion against the precomputed cumulative probabilities for
// small means (one uniform, one comparison per count), gonum's sampler for
// large ones. A uniform beyond the last cumulative value (which rounding
// keeps just below 1) gives 1000, the inversion's cap.
func (pc *PoissonChannelInput) draw() int {
	if pc.LambdaP > 30 {
		return int(pc.big.Rand())
	}
	u := pc.src.Float64()
	for n, f := range pc.cdf {
		if u <= f {
			return n
		}
	}
	return 1000
}
