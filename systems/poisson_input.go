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
	// Rate, when not nil, makes the input inhomogeneous: the rate of step
	// n is Rate's value (Hz, shared or per neuron) and RateHz is unused.
	Rate *Profile
	src  *ecs.CounterSource
	rng  *rand.Rand
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
	rate := pi.RateHz
	if pi.Rate != nil {
		if !pi.Rate.Shared() {
			pi.perNeuron(t, p, lo, hi, pi.Rate.Block(t.Step, t.TMs, lo, hi))
			return nil
		}
		rate = pi.Rate.SharedAt(t.Step, t.TMs)
	}
	d := pi.counts(rate * t.DtMs * 1e-3)
	m := p.Membrane[lo:hi]
	for k := range m {
		pi.src.Reset(pi.Key, t.Step, p.Offset+lo+k)
		m[k].V += d.draw(pi) * pi.WeightMV
	}
	return nil
}

// perNeuron is UpdateBlock with one rate per neuron (Hz).
func (pi *PoissonInput) perNeuron(t ecs.Tick, p *ecs.PopView, lo, hi int, rates []float64) {
	m := p.Membrane[lo:hi]
	rates = rates[:len(m)]
	for k := range m {
		d := pi.counts(rates[k] * t.DtMs * 1e-3)
		pi.src.Reset(pi.Key, t.Step, p.Offset+lo+k)
		m[k].V += d.draw(pi) * pi.WeightMV
	}
}

// countDist is the distribution of one step's spike count.
type countDist struct {
	normal   bool
	mean, sd float64
	bin      distuv.Binomial
}

// counts returns the count distribution for spike probability prob per
// source (the mode's rule, see PoissonMode).
func (pi *PoissonInput) counts(prob float64) countDist {
	n := float64(pi.Count)
	mean, variance := n*prob, n*prob*(1-prob)
	d := countDist{normal: pi.Mode != PoissonBinomial && mean > 5 && n*(1-prob) > 5, mean: mean, sd: math.Sqrt(variance)}
	if pi.Mode == PoissonReference {
		d.sd = variance
	}
	if !d.normal {
		d.bin = distuv.Binomial{N: n, P: prob, Src: pi.src}
	}
	return d
}

// draw returns one count from pi's stream, positioned by the caller.
func (d *countDist) draw(pi *PoissonInput) float64 {
	if d.normal {
		return d.mean + d.sd*pi.rng.NormFloat64()
	}
	return d.bin.Rand()
}

// NewPoissonInputProfile is NewPoissonInput with a time-varying rate (Hz;
// an inhomogeneous Poisson input), active while startMs <= t < stopMs.
// The rate must stay within 0 <= rate·dt <= 1.
func NewPoissonInputProfile(sim *ecs.Sim, pop string, count int, rate ProfileSpec, weightMV float64, mode PoissonMode, startMs, stopMs float64) (*PoissonInput, error) {
	lo, hi := rate.Range()
	if !(lo >= 0) || hi*sim.DtMs()*1e-3 > 1 {
		return nil, fmt.Errorf("poisson input to %q: the rate ranges over [%v, %v] Hz; it must stay within 0 and 1/dt (%v Hz)", pop, lo, hi, 1e3/sim.DtMs())
	}
	pi, err := NewPoissonInput(sim, pop, count, hi, weightMV, mode)
	if err != nil {
		return nil, err
	}
	if pi.StartStep, pi.StopStep, err = window("poisson input", pop, startMs, stopMs, sim.DtMs()); err != nil {
		return nil, err
	}
	if pi.Rate, err = NewProfile(rate, sim.DtMs(), startMs, stopMs, sim.GlobalSize(pi.Pop), sim.Offset(pi.Pop), sim.PopulationSize(pi.Pop)); err != nil {
		return nil, fmt.Errorf("poisson input to %q: rate: %w", pop, err)
	}
	return pi, nil
}
