package systems

import (
	"math"

	"github.com/spikecs/spikecs/components"
	"github.com/spikecs/spikecs/ecs"
)

// ExpIFModel returns the exponential integrate-and-fire neuron
// (Fourcaud-Trocmé et al. 2003):
//
//	tau·dV/dt = −(V − V_rest) + delta_T·exp((min(V, V_th) − V_T)/delta_T) + R·I
//
// with a spike when V ≥ V_th (the cut-off, NEST's V_peak) and the reset
// V ← V_reset in the next step. The right-hand sides (also AdEx's w
// equation) are evaluated at min(V, V_th), as in NEST's aeif models: inside
// a step that crosses the cut-off the RK4 stages would otherwise reach
// ~1e9 mV and carry w far off. The stored V of that step is min(V, V_th).
func ExpIFModel() *ecs.Model { return expModel(false) }

// AdExModel returns the adaptive exponential integrate-and-fire neuron
// (Brette & Gerstner 2005), written with R = 1/g_L, tau = C/g_L and
// V_rest = E_L:
//
//	tau·dV/dt   = −(V − V_rest) + delta_T·exp((min(V, V_th) − V_T)/delta_T) − R·w + R·I
//	tau_w·dw/dt = a·(V − V_rest) − w
//
// spike when V ≥ V_th; reset V ← V_reset, w ← w + b.
func AdExModel() *ecs.Model { return expModel(true) }

// expConsts are an ExpIF/AdEx population's parameters for the systems.
type expConsts struct {
	r, tau, rest, vT, dT, vth, a, tauW, b components.Param
	adaptive, rk4                         bool
}

func expModel(adaptive bool) *ecs.Model {
	m := &ecs.Model{
		Name: "ExpIF", Summary: "exponential integrate-and-fire (Fourcaud-Trocmé et al. 2003)",
		Threshold: "V_th", ResetTo: "V_reset", Refractory: true,
		Standard: ecs.StdSpike | ecs.StdRefractory,
		Systems: []ecs.ModelSystem{
			{Stage: ecs.StageReset, New: func() ecs.NeuronSystem { return expReset{} }},
			{Stage: ecs.StageIntegrate, New: func() ecs.NeuronSystem { return expIntegrate{} }},
		},
		Doc: ecs.ModelDoc{
			Equations: "tau·dV/dt = −(V − V_rest) + delta_T·exp((min(V, V_th) − V_T)/delta_T) + R·I; spike V ≥ V_th; V ← V_reset",
			Source:    "Fourcaud-Trocmé, Hansel, van Vreeswijk & Brunel (2003), J. Neurosci. 23:11628",
			Peers:     "brainpy.state ExpIF (same names); Brian2 equations; NEST aeif_* with a = b = 0 (C_m = tau/R, g_L = 1/R, E_L = V_rest, V_peak = V_th)",
		},
	}
	m.Params = []ecs.ParamDef{
		{Name: "R", Unit: "ohm", Default: 1, Check: ecs.Positive, Doc: "input resistance (1/g_L)"},
		{Name: "tau", Unit: "ms", Default: 10, Check: ecs.Positive, Doc: "membrane time constant (C/g_L)"},
		{Name: "V_rest", Unit: "mV", Default: -65, Doc: "resting potential (E_L)"},
		{Name: "V_reset", Unit: "mV", Default: -68, Doc: "reset potential"},
		{Name: "V_T", Unit: "mV", Default: -59.9, Doc: "threshold of the exponential term"},
		{Name: "delta_T", Unit: "mV", Default: 3.48, Check: ecs.Positive, Doc: "slope factor"},
		{Name: "V_th", Unit: "mV", Default: -30, Doc: "spike cut-off (NEST's V_peak); a spike when V ≥ V_th"},
		{Name: "V_init", Unit: "mV", Default: -65, Doc: "initial membrane potential"},
	}
	if adaptive {
		m.Name, m.Summary = "AdEx", "adaptive exponential integrate-and-fire (Brette & Gerstner 2005)"
		m.State = []ecs.StateColumn{ecs.ColumnOf[components.AdaptCurrent]("w")}
		m.Params = append(m.Params,
			ecs.ParamDef{Name: "a", Unit: "S", Default: 1, Doc: "subthreshold adaptation coupling"},
			ecs.ParamDef{Name: "b", Unit: "mA", Default: 1, Doc: "spike-triggered adaptation increment"},
			ecs.ParamDef{Name: "tau_w", Unit: "ms", Default: 30, Check: ecs.Positive, Doc: "adaptation time constant"},
			ecs.ParamDef{Name: "w_init", Unit: "mA", Default: 0, Doc: "initial adaptation current"})
		m.Doc = ecs.ModelDoc{
			Equations: "tau·dV/dt = −(V − V_rest) + delta_T·exp((min(V, V_th) − V_T)/delta_T) − R·w + R·I; tau_w·dw/dt = a·(V − V_rest) − w; spike V ≥ V_th; V ← V_reset, w ← w + b",
			Source:    "Brette & Gerstner (2005), J. Neurophysiol. 94:3637; firing patterns: Naud, Marcille, Clopath & Gerstner (2008), Biol. Cybern. 99:335",
			Peers:     "NEST aeif_cond_alpha/aeif_psc_exp (C_m = tau/R, g_L = 1/R, E_L = V_rest, V_peak = V_th, Delta_T, a, b, tau_w); Brian2 equations; brainpy.state AdExIF",
		}
	}
	m.Params = append(m.Params, methodParam("integrator: rk4 (default) or euler", methodRK4, methodEuler))
	m.Params = append(m.Params, ecs.RefractoryParams(0)...)
	m.Params = append(m.Params, ecs.SurrogateParam())
	m.Prepare = func(ps *components.ModelParams, _ float64) (any, error) {
		names := []string{"R", "tau", "V_rest", "V_T", "delta_T", "V_th"}
		if adaptive {
			names = append(names, "a", "tau_w", "b")
		}
		v, err := params(ps, names...)
		if err != nil {
			return nil, err
		}
		c := &expConsts{r: v[0], tau: v[1], rest: v[2], vT: v[3], dT: v[4], vth: v[5], adaptive: adaptive, rk4: ps.Choice("method") != methodEuler}
		if adaptive {
			c.a, c.tauW, c.b = v[6], v[7], v[8]
		}
		return c, nil
	}
	return m
}

// expReset applies the reset of the exponential models to the neurons
// whose output S of the previous step is 1: V ← V_reset and, for AdEx,
// w ← w + b.
type expReset struct{}

// Name returns "expif-reset".
func (expReset) Name() string { return "expif-reset" }

// UpdateBlock resets neurons lo..hi-1 of p.
func (expReset) UpdateBlock(_ ecs.Tick, p *ecs.PopView, lo, hi int) error {
	c, err := derived[expConsts](p)
	if err != nil {
		return err
	}
	if !c.adaptive {
		resetSpiked(p, lo, hi, nil, nil)
		return nil
	}
	w := ecs.Column[components.AdaptCurrent](p, 0)[lo:hi]
	resetSpiked(p, lo, hi, c.b.Block(lo, hi), func(k int, b float64) { w[k].W += b })
	return nil
}

// expIntegrate advances V (and w) of the exponential models by one step of
// the population's method; while held by a refractory period V keeps its
// value and w evolves with it.
type expIntegrate struct{}

// Name returns "expif-integrate".
func (expIntegrate) Name() string { return "expif-integrate" }

// UpdateBlock integrates neurons lo..hi-1 of p.
func (expIntegrate) UpdateBlock(t ecs.Tick, p *ecs.PopView, lo, hi int) error {
	c, err := derived[expConsts](p)
	if err != nil {
		return err
	}
	mem := p.Membrane[lo:hi]
	n := len(mem)
	in := p.Input[lo:hi][:n]
	r, tau, rest := c.r.Block(lo, hi)[:n], c.tau.Block(lo, hi)[:n], c.rest.Block(lo, hi)[:n]
	vT, dT, vth := c.vT.Block(lo, hi)[:n], c.dT.Block(lo, hi)[:n], c.vth.Block(lo, hi)[:n]
	var w []components.AdaptCurrent
	var a, tauW []float64
	if c.adaptive {
		w = ecs.Column[components.AdaptCurrent](p, 0)[lo:hi][:n]
		a, tauW = c.a.Block(lo, hi)[:n], c.tauW.Block(lo, hi)[:n]
	}
	hold := newHoldMask(t, p, lo, hi)
	bias := p.SharedInput.CurrentMA
	for k := range mem {
		held := hold.at(k)
		ik := &in[k]
		f := func(v, ww float64) (dv, dw float64) {
			v = min(v, vth[k]) // the whole right-hand side at min(V, V_th), as NEST's aeif models
			if !held {
				dv = (-(v - rest[k]) + dT[k]*math.Exp((v-vT[k])/dT[k]) - r[k]*ww + r[k]*current(ik, bias, v)) / tau[k]
			}
			if w != nil {
				dw = (a[k]*(v-rest[k]) - ww) / tauW[k]
			}
			return dv, dw
		}
		ww := 0.0
		if w != nil {
			ww = w[k].W
		}
		v, ww := step2(c.rk4, t.DtMs, mem[k].V, ww, f)
		if !held {
			// A step that crosses the cut-off ends at V_th (NEST records
			// V_peak too): the exponential would carry V to ~1e8 mV, and
			// the reset follows in the next step anyway.
			mem[k].V = min(v+ik.DeltaMV, vth[k])
		}
		if w != nil {
			w[k].W = ww
		}
	}
	endInputs(p, in, hi)
	return nil
}

// resetSpiked sets V ← V_reset for the neurons of block lo..hi-1 whose
// spike output S of the previous step is 1 (the emitted spike, so a spike
// blocked by a refractory period does not reset) and calls jump(k, x[k])
// for each when jump is set (a spike-triggered increment of x per neuron).
//
// It reads S, not PopView.Fired: neuron systems run block by block, so by
// the time a later block is reset the spike stage has already replaced the
// fired list with block 0's spikes of this step.
func resetSpiked(p *ecs.PopView, lo, hi int, x []float64, jump func(k int, x float64)) {
	m := p.Membrane[lo:hi]
	sp := p.Spike[lo:hi][:len(m)]
	rs := p.MembraneParams.VResetMV.Block(lo, hi)[:len(m)]
	for k := range m {
		if sp[k].S != 0 {
			m[k].V = rs[k]
			if jump != nil {
				jump(k, x[k])
			}
		}
	}
}
