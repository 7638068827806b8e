package systems

import (
	"fmt"
	"math"
	"math/rand/v2"

	"gonum.org/v1/gonum/stat/distuv"

	"github.com/spikecs/spikecs/ecs"
)

// PoissonMode selects how PoissonInput draws the number of input spikes.
type PoissonMode uint8

const (
	// PoissonAuto follows the reference's rule — a normal approximation when
	// n·p > 5 and n·(1−p) > 5, else binomial — with the correct standard
	// deviation sqrt(n·p·(1−p)). This is the documented choice.
	PoissonAuto PoissonMode = iota
	// PoissonBinomial always draws Binomial(n, p).
	PoissonBinomial
	// PoissonReference reproduces brainstate 0.1.10 exactly, including its
	// bug of using the variance n·p·(1−p) as the standard deviation (§8.15).
	PoissonReference
)

// PoissonModes maps scenario names to modes.
func PoissonModes() map[string]PoissonMode {
	return map[string]PoissonMode{"auto": PoissonAuto, "binomial": PoissonBinomial, "reference": PoissonReference}
}

// PoissonInput is the reference's poisson_input (§6.5): every step, each
// neuron of one population receives k spikes from Count independent
// Poisson sources of rate RateHz, with k ~ Binomial(Count, p), p = rate·dt,
// and its membrane potential jumps by k·WeightMV before the step's reset and
// integration (the reference writes the state directly). Each neuron draws
// from its own counter-based stream of (input, step, global neuron index)
// (ecs.CounterSource), so the draws do not depend on blocks or on how the
// population is partitioned.
type PoissonInput struct {
	Pop      int
	Count    int
	RateHz   float64
	WeightMV float64
	Mode     PoissonMode
	// StartStep and StopStep bound the active steps (StopStep exclusive);
	// NewPoissonInput makes it active for the whole run.
	StartStep, StopStep int64
	// Key selects this input's random streams (ecs.Sim.CounterKey).
	Key uint64
	src *ecs.CounterSource
	rng *rand.Rand
}

// NewPoissonInput validates and returns a Poisson input into population pop.
func NewPoissonInput(sim *ecs.Sim, pop string, count int, rateHz, weightMV float64, mode PoissonMode) (*PoissonInput, error) {
	id, ok := sim.Population(pop)
	if !ok {
		return nil, fmt.Errorf("poisson input: unknown population %q; valid: %v", pop, sim.Populations())
	}
	if sim.IsSource(id) {
		return nil, fmt.Errorf("poisson input: %q is a spike source; it has no membrane", pop)
	}
	p := rateHz * sim.DtMs() * 1e-3
	if count < 1 || !(p >= 0 && p <= 1) || math.IsNaN(weightMV) || math.IsInf(weightMV, 0) {
		return nil, fmt.Errorf("poisson input to %q: need count >= 1, 0 <= rate·dt <= 1 and a finite weight; got count %d, rate %v Hz, weight %v mV", pop, count, rateHz, weightMV)
	}
	if mode > PoissonReference {
		return nil, fmt.Errorf("poisson input to %q: unknown mode %d", pop, mode)
	}
	src := &ecs.CounterSource{}
	return &PoissonInput{Pop: id, Count: count, RateHz: rateHz, WeightMV: weightMV, Mode: mode, StopStep: math.MaxInt64,
		Key: sim.CounterKey("poisson_input", pop), src: src, rng: rand.New(src)}, nil
}

// Name returns "poisson-input".
func (*PoissonInput) Name() string { return "poisson-input" }

// UpdateBlock adds the step's Poisson input to neurons lo..hi-1.
func (pi *PoissonInput) UpdateBlock(t ecs.Tick, p *ecs.PopView, lo, hi int) error {
	if p.ID != pi.Pop || t.Step < pi.StartStep || t.Step >= pi.StopStep {
		return nil
	}
	n := float64(pi.Count)
	prob := pi.RateHz * t.DtMs * 1e-3
	mean, variance := n*prob, n*prob*(1-prob)
	normal := pi.Mode != PoissonBinomial && mean > 5 && n*(1-prob) > 5
	sd := math.Sqrt(variance)
	if pi.Mode == PoissonReference {
		sd = variance
	}
	bin := distuv.Binomial{N: n, P: prob, Src: pi.src}
	m := p.Membrane[lo:hi]
	for k := range m {
		pi.src.Reset(pi.Key, t.Step, p.Offset+lo+k)
		var x float64
		if normal {
			x = mean + sd*pi.rng.NormFloat64()
		} else {
			x = bin.Rand()
		}
		m[k].V += x * pi.WeightMV
	}
	return nil
}
