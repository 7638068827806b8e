package systems

import (
	"fmt"

	"github.com/spikecs/spikecs/components"
	"github.com/spikecs/spikecs/ecs"
)

// Integration methods of the catalogue models (the `method` parameter).
const (
	methodRK4   = "rk4"   // classical Runge–Kutta, 4 evaluations per step
	methodEuler = "euler" // forward Euler, 1 evaluation per step
)

// methodParam is the `method` row of a model's table; choices[0] is the
// default.
func methodParam(doc string, choices ...string) ecs.ParamDef {
	return ecs.ParamDef{Name: "method", Kind: ecs.ParamChoice, Choices: choices, Shared: true, Doc: doc}
}

// holdMask tells, per neuron of a block, whether a refractory period in
// hold mode keeps V this step (t − LastSpikeMs < tau_ref, the standard
// refractory part; block mode and populations without the part never
// hold).
type holdMask struct {
	on   bool
	t    float64
	last []components.Refractory
	ref  []float64
}

// newHoldMask returns the mask of neurons lo..hi-1 of p at tick t.
func newHoldMask(t ecs.Tick, p *ecs.PopView, lo, hi int) holdMask {
	if p.Refractory == nil || blocking(p) {
		return holdMask{}
	}
	return holdMask{on: true, t: t.TMs, last: p.Refractory[lo:hi], ref: p.RefractoryParams.TauRefMs.Block(lo, hi)}
}

// at reports whether neuron k of the block is held.
func (h *holdMask) at(k int) bool { return h.on && h.t-h.last[k].LastSpikeMs < h.ref[k] }

// current returns the step's input current at potential v (mA): the
// linearised I(V) = CurrentMA + shared + DIdV·V of the Input accumulator.
func current(in *components.Input, shared, v float64) float64 {
	return in.CurrentMA + shared + in.DIdV*v
}

// endInputs clears the block's input accumulators and, after the
// population's last block, its shared input (what Integrate does for the
// LIF family).
func endInputs(p *ecs.PopView, in []components.Input, hi int) {
	clear(in)
	if hi == p.N {
		p.SharedInput.CurrentMA = 0
	}
}

// derived returns a population's derived constants as *T, or an error
// when the model's Prepare did not produce them.
func derived[T any](p *ecs.PopView) (*T, error) {
	if p.Params == nil {
		return nil, fmt.Errorf("population %q: no model parameters", p.Name)
	}
	c, ok := p.Params.Derived.(*T)
	if !ok {
		return nil, fmt.Errorf("population %q: model constants of type %T, expected %T", p.Name, p.Params.Derived, c)
	}
	return c, nil
}

// params returns the named parameters of ps in order (setup only).
func params(ps *components.ModelParams, names ...string) ([]components.Param, error) {
	out := make([]components.Param, len(names))
	for i, n := range names {
		p := ps.Get(n)
		if p == nil {
			return nil, fmt.Errorf("missing parameter %q", n)
		}
		out[i] = *p
	}
	return out, nil
}
