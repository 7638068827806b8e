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
		m.Params = append(m.Params, adaptCurrentRows(1, 30)...)
		m.Doc = ecs.ModelDoc{
			Equations: "tau·dV/dt = −(V − V_rest) + delta_T·exp((min(V, V_th) − V_T)/delta_T) − R·w + R·I; tau_w·dw/dt = a·(V − V_rest) − w; spike V ≥ V_th; V ← V_reset, w ← w + b",
			Source:    "Brette & Gerstner (2005), J. Neurophysiol. 94:3637; firing patterns: Naud, Marcille, Clopath & Gerstner (2008), Biol. Cybern. 99:335",
			Peers:     "NEST aeif_cond_alpha/aeif_psc_exp (C_m = tau/R, g_L = 1/R, E_L = V_rest, V_peak = V_th, Delta_T, a, b, tau_w); Brian2 equations; brainpy.state AdExIF",
		}
	}
	m.Params = append(m.Params, integratorRows()...)
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
	resetAdaptCurrent(p, lo, hi, c.adaptive, &c.b)
	return nil
}

// expIntegrate advances V (and w) of the exponential models by one step of
// the population's method; while held by a refractory period V keeps its
// value and w evolves with it.
type expIntegrate struct{}

// Name returns "expif-integrate".
func (expIntegrate) Name() string { return "expif-integrate" }

// UpdateBlock integrates neurons lo..hi-1 of p: RK4 chunk by chunk
// (rk4Chunk), Euler neuron by neuron, with the right-hand side written out
// as functions of plain float64 arguments (inlined; no closure, no struct
// copied per neuron).
func (expIntegrate) UpdateBlock(t ecs.Tick, p *ecs.PopView, lo, hi int) error {
	c, err := derived[expConsts](p)
	if err != nil {
		return err
	}
	mem := p.Membrane[lo:hi]
	n := len(mem)
	in := p.Input[lo:hi][:n]
	b := expBlock{
		r: c.r.Block(lo, hi)[:n], tau: c.tau.Block(lo, hi)[:n], rest: c.rest.Block(lo, hi)[:n],
		vT: c.vT.Block(lo, hi)[:n], dT: c.dT.Block(lo, hi)[:n], vth: c.vth.Block(lo, hi)[:n],
		bias: p.SharedInput.CurrentMA, dt: t.DtMs,
	}
	var w []components.AdaptCurrent
	if c.adaptive {
		w = ecs.Column[components.AdaptCurrent](p, 0)[lo:hi][:n]
		b.a, b.tauW = c.a.Block(lo, hi)[:n], c.tauW.Block(lo, hi)[:n]
	}
	hold := newHoldMask(t, p, lo, hi)
	var held [rk4Chunk]bool
	var acc, kv, accW, kw [rk4Chunk]float64
	for c0 := 0; c0 < n; c0 += rk4Chunk {
		c1 := min(c0+rk4Chunk, n)
		for k := c0; k < c1; k++ {
			held[k-c0] = hold.at(k)
		}
		switch {
		case c.adaptive && c.rk4:
			for s := range 4 {
				b.adExStage(s, mem[c0:c1], w[c0:c1], in[c0:c1], c0, held[:], &acc, &kv, &accW, &kw)
			}
		case c.rk4:
			for s := range 4 {
				b.expIFStage(s, mem[c0:c1], in[c0:c1], c0, &acc, &kv)
			}
		default: // euler: x ← x + dt·f(x), written directly
			for k := c0; k < c1; k++ {
				v, ik := mem[k].V, &in[k]
				x := min(v, b.vth[k])
				e := math.Exp((x - b.vT[k]) / b.dT[k])
				i0 := ik.CurrentMA + b.bias
				if w == nil {
					if !held[k-c0] {
						v += b.dt * expIFDV(x, e, b.dT[k], b.rest[k], b.r[k], b.tau[k], i0, ik.DIdV)
						mem[k].V = min(v+ik.DeltaMV, b.vth[k]) // as after RK4 below
					}
					continue
				}
				ww := w[k].W
				w[k].W = ww + b.dt*adExDW(x, ww, b.rest[k], b.a[k], b.tauW[k])
				if !held[k-c0] {
					v += b.dt * adExDV(x, e, ww, b.dT[k], b.rest[k], b.r[k], b.tau[k], i0, ik.DIdV)
					mem[k].V = min(v+ik.DeltaMV, b.vth[k])
				}
			}
			continue
		}
		for k := c0; k < c1; k++ {
			j := k - c0
			if !held[j] {
				// A step that crosses the cut-off ends at V_th (NEST
				// records V_peak too): the exponential would carry V to
				// ~1e8 mV, and the reset follows in the next step anyway.
				mem[k].V = min(acc[j]+in[k].DeltaMV, b.vth[k])
			}
			if w != nil {
				w[k].W = accW[j]
			}
		}
	}
	endInputs(p, in, hi)
	return nil
}

// expBlock is one block's parameters of an ExpIF/AdEx population (one
// value per neuron of the block; a and tauW only for AdEx) and the step's
// shared input current (mA) and step (ms).
type expBlock struct {
	r, tau, rest, vT, dT, vth, a, tauW []float64
	bias, dt                           float64
}

// expIFDV returns ExpIF's dV/dt (mV/ms) at the potential x (mV, already
// clipped at V_th) given e = exp((x − V_T)/delta_T) and the input
// i0 + didv·x (mA).
func expIFDV(x, e, dT, rest, r, tau, i0, didv float64) float64 {
	return (-(x - rest) + dT*e + r*(i0+didv*x)) / tau
}

// adExDV returns AdEx's dV/dt (mV/ms): expIFDV with the adaptation
// current w (mA).
func adExDV(x, e, w, dT, rest, r, tau, i0, didv float64) float64 {
	return (-(x - rest) + dT*e - r*w + r*(i0+didv*x)) / tau
}

// adExDW returns AdEx's dw/dt (mA/ms) at the clipped potential x (mV).
func adExDW(x, w, rest, a, tauW float64) float64 {
	return (a*(x-rest) - w) / tauW
}

// expIFStage runs RK4 stage s (0..3) of ExpIF for a chunk of neurons
// (mem, in; the chunk starts at neuron off of the block): with V0 the
// start-of-step V and (in, div) = rk4Stage(s), k = dt·f(min(V0 + in·k,
// V_th)) and acc = V0 + k/6 (s = 0) or acc + k/div. After the four stages
// acc is step2's V0 + k1/6 + k2/3 + k3/3 + k4/6, operation for operation
// (the dropped −R·w with w = 0 is exact), so the bits are the same.
func (b *expBlock) expIFStage(s int, mem []components.Membrane, in []components.Input, off int, acc, kv *[rk4Chunk]float64) {
	n := len(mem)
	in = in[:n]
	vth, vT, dT := b.vth[off:][:n], b.vT[off:][:n], b.dT[off:][:n]
	rest, r, tau := b.rest[off:][:n], b.r[off:][:n], b.tau[off:][:n]
	cIn, div := rk4Stage(s)
	dt, bias := b.dt, b.bias
	for j := range mem {
		v := mem[j].V
		x := v
		if s > 0 {
			x = v + cIn*kv[j]
		}
		x = min(x, vth[j])
		ik := &in[j]
		k := dt * expIFDV(x, math.Exp((x-vT[j])/dT[j]), dT[j], rest[j], r[j], tau[j], ik.CurrentMA+bias, ik.DIdV)
		kv[j] = k
		if s == 0 {
			acc[j] = v + k/div
		} else {
			acc[j] += k / div
		}
	}
}

// adExStage is expIFStage for AdEx's (V, w): both right-hand sides at
// min(V, V_th); a held neuron has k = 0 for V (dV/dt = 0) and its w
// evolves.
func (b *expBlock) adExStage(s int, mem []components.Membrane, w []components.AdaptCurrent, in []components.Input, off int,
	held []bool, acc, kv, accW, kw *[rk4Chunk]float64) {
	n := len(mem)
	w, in, held = w[:n], in[:n], held[:n]
	vth, vT, dT := b.vth[off:][:n], b.vT[off:][:n], b.dT[off:][:n]
	rest, r, tau := b.rest[off:][:n], b.r[off:][:n], b.tau[off:][:n]
	a, tauW := b.a[off:][:n], b.tauW[off:][:n]
	cIn, div := rk4Stage(s)
	dt, bias := b.dt, b.bias
	for j := range mem {
		v, ww := mem[j].V, w[j].W
		x, y := v, ww
		if s > 0 {
			x, y = v+cIn*kv[j], ww+cIn*kw[j]
		}
		x = min(x, vth[j])
		ik := &in[j]
		var k float64
		if !held[j] {
			k = dt * adExDV(x, math.Exp((x-vT[j])/dT[j]), y, dT[j], rest[j], r[j], tau[j], ik.CurrentMA+bias, ik.DIdV)
		}
		kW := dt * adExDW(x, y, rest[j], a[j], tauW[j])
		kv[j], kw[j] = k, kW
		if s == 0 {
			acc[j], accW[j] = v+k/div, ww+kW/div
		} else {
			acc[j] += k / div
			accW[j] += kW / div
		}
	}
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
