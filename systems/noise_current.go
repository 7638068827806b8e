package systems

import (
	"fmt"
	"math"

	"github.com/spikecs/spikecs/components"
	"github.com/spikecs/spikecs/ecs"
)

// NoiseKind selects the process of a NoiseCurrent.
type NoiseKind uint8

const (
	// NoiseOU is an Ornstein–Uhlenbeck current with mean Mean, stationary
	// standard deviation Sigma and correlation time Tau, advanced with the
	// exact update I ← μ + (I − μ)·e^(−dt/τ) + σ·sqrt(1 − e^(−2dt/τ))·ξ.
	NoiseOU NoiseKind = iota + 1
	// NoiseWhite is Gaussian white noise I = μ + σ·η(t) with
	// ⟨η(t)η(t')⟩ = δ(t − t') (η in 1/sqrt(ms)): per step the current is
	// μ + σ/sqrt(dt)·ξ, held over the step, so its integral over a time T
	// has standard deviation σ·sqrt(T) whatever dt (Brian2's xi with time
	// in ms). Sigma is then in mA·sqrt(ms).
	NoiseWhite
)

// NoiseCurrent adds a noisy current to the Input of one population's
// neurons during the steps StartStep <= n < StopStep. ξ is a standard
// normal draw from the counter-based stream of (input, step, global neuron
// index), so the current does not depend on blocks or partitions.
type NoiseCurrent struct {
	// Pop is the target population ID.
	Pop  int
	Kind NoiseKind
	// MeanMA is μ in mA; SigmaMA is σ (mA for OU, mA·sqrt(ms) for white
	// noise); TauMs is the OU correlation time, ms. Each shared or one per
	// local neuron.
	MeanMA, SigmaMA, TauMs components.Param
	// StartStep and StopStep bound the active steps (StopStep exclusive).
	StartStep, StopStep int64
	// Key selects this input's random streams (ecs.Sim.CounterKey).
	Key uint64
	// state holds the OU current of each local neuron, mA (NaN before the
	// first active step, which draws it from the stationary distribution).
	state []float64
	// decay and kick cache e^(−dt/τ) and sqrt(1 − e^(−2dt/τ)) per neuron
	// for the dt they were computed with.
	decay, kick components.Param
	dtMs        float64
	src         ecs.CounterSource
}

// NewNoiseCurrent returns a noise current into the named population,
// active while startMs <= t < stopMs. mean and sigma (and tau for OU) are
// shared or one value per neuron of the population; sigma >= 0, tau > 0.
func NewNoiseCurrent(sim *ecs.Sim, pop string, kind NoiseKind, mean, sigma, tau components.Param, startMs, stopMs float64) (*NoiseCurrent, error) {
	id, err := neuronTarget(sim, "noise input", pop)
	if err != nil {
		return nil, err
	}
	start, stop, err := window("noise input", pop, startMs, stopMs, sim.DtMs())
	if err != nil {
		return nil, err
	}
	if kind != NoiseOU && kind != NoiseWhite {
		return nil, fmt.Errorf("noise input to %q: unknown kind %d", pop, kind)
	}
	if kind == NoiseWhite {
		tau = components.Shared(1) // unused
	}
	n, off, local := sim.GlobalSize(id), sim.Offset(id), sim.PopulationSize(id)
	params := []struct {
		name string
		p    *components.Param
		ok   func(float64) bool
		want string
	}{
		{"mean", &mean, func(x float64) bool { return !math.IsNaN(x) && !math.IsInf(x, 0) }, "finite"},
		{"sigma", &sigma, func(x float64) bool { return x >= 0 && !math.IsInf(x, 0) }, ">= 0 and finite"},
		{"tau", &tau, func(x float64) bool { return x > 0 && !math.IsInf(x, 0) }, "> 0 and finite"},
	}
	for _, q := range params {
		if l := len(q.p.Values); l != 1 && l != n {
			return nil, fmt.Errorf("noise input to %q: %s has %d values, expected 1 or %d (one per neuron)", pop, q.name, l, n)
		}
		for i, x := range q.p.Values {
			if !q.ok(x) {
				return nil, fmt.Errorf("noise input to %q: %s value %d (%v) must be %s", pop, q.name, i, x, q.want)
			}
		}
		if !q.p.IsShared() && local != n {
			*q.p = components.PerNeuron(q.p.Values[off : off+local])
		}
	}
	nc := &NoiseCurrent{Pop: id, Kind: kind, MeanMA: mean, SigmaMA: sigma, TauMs: tau, StartStep: start, StopStep: stop,
		Key: sim.CounterKey("noise_input", pop)}
	if kind == NoiseOU {
		nc.state = make([]float64, local)
		for i := range nc.state {
			nc.state[i] = math.NaN()
		}
	}
	return nc, nil
}

// Name returns "noise-current".
func (*NoiseCurrent) Name() string { return "noise-current" }

// coefficients recomputes the per-neuron OU factors for dtMs.
func (nc *NoiseCurrent) coefficients(dtMs float64) {
	nc.decay = derive(nc.TauMs, func(tau float64) float64 { return math.Exp(-dtMs / tau) })
	nc.kick = derive(nc.TauMs, func(tau float64) float64 { return math.Sqrt(-math.Expm1(-2 * dtMs / tau)) })
	if nc.TauMs.IsShared() {
		nc.decay, nc.kick = components.Shared(nc.decay.Values[0]), components.Shared(nc.kick.Values[0])
	}
	nc.dtMs = dtMs
}

// derive maps f over a parameter, keeping its shape.
func derive(p components.Param, f func(float64) float64) components.Param {
	out := make([]float64, len(p.Values))
	for i, x := range p.Values {
		out[i] = f(x)
	}
	return components.PerNeuron(out)
}

// UpdateBlock adds the step's noise current to neurons lo..hi-1.
func (nc *NoiseCurrent) UpdateBlock(t ecs.Tick, p *ecs.PopView, lo, hi int) error {
	if p.ID != nc.Pop || t.Step < nc.StartStep || t.Step >= nc.StopStep {
		return nil
	}
	in := p.Input[lo:hi]
	mean, sigma := nc.MeanMA.Block(lo, hi)[:len(in)], nc.SigmaMA.Block(lo, hi)[:len(in)]
	src, base := &nc.src, p.Offset+lo
	if nc.Kind == NoiseWhite {
		scale := 1 / math.Sqrt(t.DtMs)
		for k := range in {
			src.Reset(nc.Key, t.Step, base+k)
			in[k].CurrentMA += mean[k] + sigma[k]*scale*src.NormFloat64()
		}
		return nil
	}
	if t.DtMs != nc.dtMs {
		nc.coefficients(t.DtMs)
	}
	decay, kick := nc.decay.Block(lo, hi)[:len(in)], nc.kick.Block(lo, hi)[:len(in)]
	state := nc.state[lo:hi][:len(in)]
	for k := range in {
		src.Reset(nc.Key, t.Step, base+k)
		xi := src.NormFloat64()
		x := state[k]
		if x != x { // NaN: the first active step starts in the stationary distribution
			x = mean[k] + sigma[k]*xi
		} else {
			x = mean[k] + (x-mean[k])*decay[k] + sigma[k]*kick[k]*xi
		}
		state[k] = x
		in[k].CurrentMA += x
	}
	return nil
}

// CurrentMA returns the OU current of local neuron i after the last
// active step, mA (NaN before the first; 0 for white noise, which has no
// state).
func (nc *NoiseCurrent) CurrentMA(i int) float64 {
	if nc.state == nil {
		return 0
	}
	return nc.state[i]
}
