package systems

import (
	"github.com/spikecs/spikecs/components"
	"github.com/spikecs/spikecs/ecs"
)

// QIFModel returns the quadratic integrate-and-fire neuron (Latham et al.
// 2000; Izhikevich 2007, ch. 8):
//
//	tau·dV/dt = c·(V − V_rest)·(V − V_c) + R·I
//
// with c in 1/mV, a spike when V ≥ V_th and the reset V ← V_reset in the
// next step. Below V_c the neuron relaxes to V_rest; above it V runs away.
// The rheobase is c·(V_c − V_rest)²/(4·R) (3.94 mA with the defaults).
func QIFModel() *ecs.Model { return qifModel(false) }

// AdQIFModel returns the adaptive quadratic integrate-and-fire neuron:
//
//	tau·dV/dt   = c·(V − V_rest)·(V − V_c) − R·w + R·I
//	tau_w·dw/dt = a·(V − V_rest) − w
//
// spike when V ≥ V_th; reset V ← V_reset, w ← w + b (w, b in mA; a in S).
func AdQIFModel() *ecs.Model { return qifModel(true) }

// qifConsts are a QIF/AdQIF population's parameters for the systems.
type qifConsts struct {
	r, tau, rest, vC, c, a, tauW, b components.Param
	adaptive, rk4                   bool
}

func qifModel(adaptive bool) *ecs.Model {
	m := &ecs.Model{
		Name: "QIF", Summary: "quadratic integrate-and-fire (Latham et al. 2000)",
		Threshold: "V_th", ResetTo: "V_reset", Refractory: true,
		Standard: ecs.StdSpike | ecs.StdRefractory,
		Systems: []ecs.ModelSystem{
			{Stage: ecs.StageReset, New: func() ecs.NeuronSystem { return qifReset{} }},
			{Stage: ecs.StageIntegrate, New: func() ecs.NeuronSystem { return qifIntegrate{} }},
		},
		Doc: ecs.ModelDoc{
			Equations: "tau·dV/dt = c·(V − V_rest)·(V − V_c) + R·I; spike V ≥ V_th; V ← V_reset",
			Source:    "Latham, Richmond, Nelson & Nirenberg (2000), J. Neurophysiol. 83:808; Izhikevich (2007), Dynamical Systems in Neuroscience, §8.1",
			Peers:     "brainpy.state QIF (same names: V_rest, V_c, c, tau, R); Brian2 equations; NEST has no QIF (closest: iaf_psc_* are linear)",
		},
	}
	m.Params = []ecs.ParamDef{
		{Name: "R", Unit: "ohm", Default: 1, Check: ecs.Positive, Doc: "input resistance"},
		{Name: "tau", Unit: "ms", Default: 10, Check: ecs.Positive, Doc: "membrane time constant"},
		{Name: "V_rest", Unit: "mV", Default: -65, Doc: "resting potential (stable fixed point without input)"},
		{Name: "V_reset", Unit: "mV", Default: -68, Doc: "reset potential"},
		{Name: "V_th", Unit: "mV", Default: -30, Doc: "spike cut-off; a spike when V ≥ V_th"},
		{Name: "V_c", Unit: "mV", Default: -50, Doc: "critical potential (unstable fixed point without input)"},
		{Name: "c", Unit: "", Default: 0.07, Check: ecs.Positive, Doc: "curvature of the quadratic term, in 1/mV"},
		{Name: "V_init", Unit: "mV", Default: -65, Doc: "initial membrane potential"},
	}
	if adaptive {
		m.Name, m.Summary = "AdQIF", "adaptive quadratic integrate-and-fire (QIF with an adaptation current)"
		m.State = []ecs.StateColumn{ecs.ColumnOf[components.AdaptCurrent]("w")}
		m.Params = append(m.Params, adaptCurrentRows(0.1, 10)...)
		m.Doc = ecs.ModelDoc{
			Equations: "tau·dV/dt = c·(V − V_rest)·(V − V_c) − R·w + R·I; tau_w·dw/dt = a·(V − V_rest) − w; spike V ≥ V_th; V ← V_reset, w ← w + b",
			Source:    "Izhikevich (2007), Dynamical Systems in Neuroscience, §8.1 (quadratic model with a recovery current, in AdEx's form)",
			Peers:     "brainpy.state AdQuaIF (V_rest, V_c, c, a, b, tau_w); Brian2 equations; NEST has no AdQIF",
		}
	}
	m.Params = append(m.Params, integratorRows()...)
	m.Prepare = func(ps *components.ModelParams, _ float64) (any, error) {
		names := []string{"R", "tau", "V_rest", "V_c", "c"}
		if adaptive {
			names = append(names, "a", "tau_w", "b")
		}
		v, err := params(ps, names...)
		if err != nil {
			return nil, err
		}
		c := &qifConsts{r: v[0], tau: v[1], rest: v[2], vC: v[3], c: v[4], adaptive: adaptive, rk4: ps.Choice("method") != methodEuler}
		if adaptive {
			c.a, c.tauW, c.b = v[5], v[6], v[7]
		}
		return c, nil
	}
	return m
}

// qifReset applies the reset of the quadratic models to the neurons whose
// output S of the previous step is 1: V ← V_reset and, for AdQIF,
// w ← w + b.
type qifReset struct{}

// Name returns "qif-reset".
func (qifReset) Name() string { return "qif-reset" }

// UpdateBlock resets neurons lo..hi-1 of p.
func (qifReset) UpdateBlock(_ ecs.Tick, p *ecs.PopView, lo, hi int) error {
	c, err := derived[qifConsts](p)
	if err != nil {
		return err
	}
	resetAdaptCurrent(p, lo, hi, c.adaptive, &c.b)
	return nil
}

// qifIntegrate advances V (and w) of the quadratic models by one step of
// the population's method; while held by a refractory period V keeps its
// value and w evolves with it.
type qifIntegrate struct{}

// Name returns "qif-integrate".
func (qifIntegrate) Name() string { return "qif-integrate" }

// UpdateBlock integrates neurons lo..hi-1 of p: RK4 chunk by chunk
// (rk4Chunk, as expIntegrate), Euler neuron by neuron, with the
// right-hand sides as inlined functions of plain float64 arguments.
func (qifIntegrate) UpdateBlock(t ecs.Tick, p *ecs.PopView, lo, hi int) error {
	c, err := derived[qifConsts](p)
	if err != nil {
		return err
	}
	mem := p.Membrane[lo:hi]
	n := len(mem)
	in := p.Input[lo:hi][:n]
	b := qifBlock{
		r: c.r.Block(lo, hi)[:n], tau: c.tau.Block(lo, hi)[:n], rest: c.rest.Block(lo, hi)[:n],
		vC: c.vC.Block(lo, hi)[:n], c: c.c.Block(lo, hi)[:n],
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
		if !c.rk4 { // euler: x ← x + dt·f(x)
			for k := c0; k < c1; k++ {
				v, ik := mem[k].V, &in[k]
				i0 := ik.CurrentMA + b.bias
				if w == nil {
					if !held[k-c0] {
						mem[k].V = v + b.dt*qifDV(v, b.c[k], b.rest[k], b.vC[k], b.r[k], b.tau[k], i0, ik.DIdV) + ik.DeltaMV
					}
					continue
				}
				ww := w[k].W
				w[k].W = ww + b.dt*adExDW(v, ww, b.rest[k], b.a[k], b.tauW[k])
				if !held[k-c0] {
					mem[k].V = v + b.dt*adQIFDV(v, ww, b.c[k], b.rest[k], b.vC[k], b.r[k], b.tau[k], i0, ik.DIdV) + ik.DeltaMV
				}
			}
			continue
		}
		for s := range 4 {
			if w == nil {
				b.qifStage(s, mem[c0:c1], in[c0:c1], c0, &acc, &kv)
			} else {
				b.adQIFStage(s, mem[c0:c1], w[c0:c1], in[c0:c1], c0, held[:], &acc, &kv, &accW, &kw)
			}
		}
		for k := c0; k < c1; k++ {
			j := k - c0
			if !held[j] {
				mem[k].V = acc[j] + in[k].DeltaMV
			}
			if w != nil {
				w[k].W = accW[j]
			}
		}
	}
	endInputs(p, in, hi)
	return nil
}

// qifBlock is one block's parameters of a QIF/AdQIF population (one value
// per neuron of the block; a and tauW only for AdQIF) and the step's
// shared input current (mA) and step (ms).
type qifBlock struct {
	r, tau, rest, vC, c, a, tauW []float64
	bias, dt                     float64
}

// qifDV returns QIF's dV/dt (mV/ms) at v (mV) with the input i0 + didv·v
// (mA).
func qifDV(v, c, rest, vC, r, tau, i0, didv float64) float64 {
	return (c*(v-rest)*(v-vC) + r*(i0+didv*v)) / tau
}

// adQIFDV returns AdQIF's dV/dt (mV/ms): qifDV with the adaptation
// current w (mA).
func adQIFDV(v, w, c, rest, vC, r, tau, i0, didv float64) float64 {
	return (c*(v-rest)*(v-vC) - r*w + r*(i0+didv*v)) / tau
}

// qifStage runs RK4 stage s of QIF for a chunk of neurons, as expIFStage
// (same operations as step2 with w = 0 dropped exactly, same bits).
func (b *qifBlock) qifStage(s int, mem []components.Membrane, in []components.Input, off int, acc, kv *[rk4Chunk]float64) {
	n := len(mem)
	in = in[:n]
	c, rest, vC := b.c[off:][:n], b.rest[off:][:n], b.vC[off:][:n]
	r, tau := b.r[off:][:n], b.tau[off:][:n]
	cIn, div := rk4Stage(s)
	dt, bias := b.dt, b.bias
	for j := range mem {
		v := mem[j].V
		x := v
		if s > 0 {
			x = v + cIn*kv[j]
		}
		ik := &in[j]
		k := dt * qifDV(x, c[j], rest[j], vC[j], r[j], tau[j], ik.CurrentMA+bias, ik.DIdV)
		kv[j] = k
		if s == 0 {
			acc[j] = v + k/div
		} else {
			acc[j] += k / div
		}
	}
}

// adQIFStage runs RK4 stage s of AdQIF's (V, w) for a chunk of neurons, as
// adExStage: a held neuron has k = 0 for V and its w evolves.
func (b *qifBlock) adQIFStage(s int, mem []components.Membrane, w []components.AdaptCurrent, in []components.Input, off int,
	held []bool, acc, kv, accW, kw *[rk4Chunk]float64) {
	n := len(mem)
	w, in, held = w[:n], in[:n], held[:n]
	c, rest, vC := b.c[off:][:n], b.rest[off:][:n], b.vC[off:][:n]
	r, tau, a, tauW := b.r[off:][:n], b.tau[off:][:n], b.a[off:][:n], b.tauW[off:][:n]
	cIn, div := rk4Stage(s)
	dt, bias := b.dt, b.bias
	for j := range mem {
		v, ww := mem[j].V, w[j].W
		x, y := v, ww
		if s > 0 {
			x, y = v+cIn*kv[j], ww+cIn*kw[j]
		}
		ik := &in[j]
		var k float64
		if !held[j] {
			k = dt * adQIFDV(x, y, c[j], rest[j], vC[j], r[j], tau[j], ik.CurrentMA+bias, ik.DIdV)
		}
		kW := dt * adExDW(x, y, rest[j], a[j], tauW[j]) // the same w equation as AdEx's
		kv[j], kw[j] = k, kW
		if s == 0 {
			acc[j], accW[j] = v+k/div, ww+kW/div
		} else {
			acc[j] += k / div
			accW[j] += kW / div
		}
	}
}
