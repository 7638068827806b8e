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
		m.Params = append(m.Params,
			ecs.ParamDef{Name: "a", Unit: "S", Default: 1, Doc: "subthreshold adaptation coupling"},
			ecs.ParamDef{Name: "b", Unit: "mA", Default: 0.1, Doc: "spike-triggered adaptation increment"},
			ecs.ParamDef{Name: "tau_w", Unit: "ms", Default: 10, Check: ecs.Positive, Doc: "adaptation time constant"},
			ecs.ParamDef{Name: "w_init", Unit: "mA", Default: 0, Doc: "initial adaptation current"})
		m.Doc = ecs.ModelDoc{
			Equations: "tau·dV/dt = c·(V − V_rest)·(V − V_c) − R·w + R·I; tau_w·dw/dt = a·(V − V_rest) − w; spike V ≥ V_th; V ← V_reset, w ← w + b",
			Source:    "Izhikevich (2007), Dynamical Systems in Neuroscience, §8.1 (quadratic model with a recovery current, in AdEx's form)",
			Peers:     "brainpy.state AdQuaIF (V_rest, V_c, c, a, b, tau_w); Brian2 equations; NEST has no AdQIF",
		}
	}
	m.Params = append(m.Params, methodParam("integrator: rk4 (default) or euler", methodRK4, methodEuler))
	m.Params = append(m.Params, ecs.RefractoryParams(0)...)
	m.Params = append(m.Params, ecs.SurrogateParam())
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
	if !c.adaptive {
		resetSpiked(p, lo, hi, nil, nil)
		return nil
	}
	w := ecs.Column[components.AdaptCurrent](p, 0)[lo:hi]
	resetSpiked(p, lo, hi, c.b.Block(lo, hi), func(k int, b float64) { w[k].W += b })
	return nil
}

// qifIntegrate advances V (and w) of the quadratic models by one step of
// the population's method; while held by a refractory period V keeps its
// value and w evolves with it.
type qifIntegrate struct{}

// Name returns "qif-integrate".
func (qifIntegrate) Name() string { return "qif-integrate" }

// UpdateBlock integrates neurons lo..hi-1 of p.
func (qifIntegrate) UpdateBlock(t ecs.Tick, p *ecs.PopView, lo, hi int) error {
	c, err := derived[qifConsts](p)
	if err != nil {
		return err
	}
	mem := p.Membrane[lo:hi]
	n := len(mem)
	in := p.Input[lo:hi][:n]
	r, tau, rest := c.r.Block(lo, hi)[:n], c.tau.Block(lo, hi)[:n], c.rest.Block(lo, hi)[:n]
	vC, cc := c.vC.Block(lo, hi)[:n], c.c.Block(lo, hi)[:n]
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
			if !held {
				dv = (cc[k]*(v-rest[k])*(v-vC[k]) - r[k]*ww + r[k]*current(ik, bias, v)) / tau[k]
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
			mem[k].V = v + ik.DeltaMV
		}
		if w != nil {
			w[k].W = ww
		}
	}
	endInputs(p, in, hi)
	return nil
}
