package systems

import (
	"github.com/spikecs/spikecs/components"
	"github.com/spikecs/spikecs/ecs"
)

// IzhikevichModel returns the simple model of Izhikevich (2003), with V in
// mV, t in ms and the recovery variable u in mV/ms:
//
//	dV/dt = 0.04·V² + 5·V + 140 − u + R·I     (R·I in mV, taken per ms)
//	du/dt = a·(b·V − u)
//
// spike when V ≥ V_th (30 mV); reset V ← c, u ← u + d in the next step.
// u starts at b·V_init. It is the worked example of docs/models.md ("Add
// your own model"): a state column (components.Recovery), a parameter
// table, a Prepare hook, its own reset and integrate systems, the standard
// spike and one line in Models.
func IzhikevichModel() *ecs.Model {
	return &ecs.Model{
		Name: "Izhikevich", Summary: "simple spiking model of Izhikevich (2003): quadratic V with a recovery variable u",
		// The standard Spike reads V_th and V_reset; here the reset value is c.
		Threshold: "V_th", ResetTo: "c",
		Standard: ecs.StdSpike,
		State: []ecs.StateColumn{
			ecs.ColumnOf[components.Recovery]("u").WithInit("u", izhUInit),
		},
		Systems: []ecs.ModelSystem{
			{Stage: ecs.StageReset, New: func() ecs.NeuronSystem { return izhReset{} }},
			{Stage: ecs.StageIntegrate, New: func() ecs.NeuronSystem { return izhIntegrate{} }},
		},
		Params: []ecs.ParamDef{
			{Name: "a", Unit: "", Default: 0.02, Doc: "recovery rate, in 1/ms"},
			{Name: "b", Unit: "", Default: 0.2, Doc: "sensitivity of u to V, in 1/ms"},
			{Name: "c", Unit: "mV", Default: -65, Doc: "reset potential"},
			{Name: "d", Unit: "", Default: 8, Doc: "spike-triggered increment of u, in mV/ms"},
			{Name: "V_th", Unit: "mV", Default: 30, Doc: "spike cut-off; a spike when V ≥ V_th"},
			{Name: "R", Unit: "ohm", Default: 1, Check: ecs.Positive, Doc: "input resistance (R·I in mV enters dV/dt per ms)"},
			{Name: "V_init", Unit: "mV", Default: -65, Doc: "initial membrane potential; u starts at b·V_init"},
			methodParam("integrator: rk4 (default) or euler", methodRK4, methodEuler),
			ecs.SurrogateParam(),
		},
		Prepare: prepareIzhikevich,
		Doc: ecs.ModelDoc{
			Equations: "dV/dt = 0.04·V² + 5·V + 140 − u + R·I; du/dt = a·(b·V − u) (V mV, t ms, u mV/ms); spike V ≥ V_th; V ← c, u ← u + d",
			Source:    "Izhikevich (2003), IEEE Trans. Neural Netw. 14:1569",
			Peers:     "NEST izhikevich (a, b, c, d, V_th; V_m = V, U_m = u, I_e = R·I; NEST integrates with Izhikevich's two half-step Euler updates unless consistent_integration); Brian2 equations (v, u, a, b, c, d as here); brainpy.state Izhikevich (a, b, c, d, V_th)",
		},
	}
}

// izhUInit is u's initial value b·V_init (setup only).
func izhUInit(ps *components.ModelParams, i int, vInit float64) float64 {
	return ps.Get("b").At(i) * vInit
}

// izhConsts are an Izhikevich population's parameters for its systems.
type izhConsts struct {
	a, b, d, r components.Param
	rk4        bool
}

// prepareIzhikevich picks the parameters the systems read and the method.
func prepareIzhikevich(ps *components.ModelParams, _ float64) (any, error) {
	v, err := params(ps, "a", "b", "d", "R")
	if err != nil {
		return nil, err
	}
	return &izhConsts{a: v[0], b: v[1], d: v[2], r: v[3], rk4: ps.Choice("method") != methodEuler}, nil
}

// izhReset resets the neurons whose output S of the previous step is 1:
// V ← c (the shared V_reset) and u ← u + d.
type izhReset struct{}

// Name returns "izhikevich-reset".
func (izhReset) Name() string { return "izhikevich-reset" }

// UpdateBlock resets neurons lo..hi-1 of p.
func (izhReset) UpdateBlock(_ ecs.Tick, p *ecs.PopView, lo, hi int) error {
	c, err := derived[izhConsts](p)
	if err != nil {
		return err
	}
	u := ecs.Column[components.Recovery](p, 0)[lo:hi]
	resetSpiked(p, lo, hi, c.d.Block(lo, hi), func(k int, d float64) { u[k].U += d })
	return nil
}

// izhIntegrate advances V and u by one step of the population's method.
type izhIntegrate struct{}

// Name returns "izhikevich-integrate".
func (izhIntegrate) Name() string { return "izhikevich-integrate" }

// UpdateBlock integrates neurons lo..hi-1 of p: RK4 chunk by chunk
// (rk4Chunk, as expIntegrate), Euler neuron by neuron, with the
// right-hand side as an inlined function of plain float64 arguments.
func (izhIntegrate) UpdateBlock(t ecs.Tick, p *ecs.PopView, lo, hi int) error {
	c, err := derived[izhConsts](p)
	if err != nil {
		return err
	}
	mem := p.Membrane[lo:hi]
	n := len(mem)
	in := p.Input[lo:hi][:n]
	u := ecs.Column[components.Recovery](p, 0)[lo:hi][:n]
	a, b, r := c.a.Block(lo, hi)[:n], c.b.Block(lo, hi)[:n], c.r.Block(lo, hi)[:n]
	bias, dt := p.SharedInput.CurrentMA, t.DtMs
	if !c.rk4 { // euler: x ← x + dt·f(x)
		for k := range mem {
			v, uu, ik := mem[k].V, u[k].U, &in[k]
			dv, du := izhDeriv(v, uu, a[k], b[k], r[k], ik.CurrentMA+bias, ik.DIdV)
			mem[k].V, u[k].U = v+dt*dv+ik.DeltaMV, uu+dt*du
		}
		endInputs(p, in, hi)
		return nil
	}
	var accV, kv, accU, ku [rk4Chunk]float64
	for c0 := 0; c0 < n; c0 += rk4Chunk {
		c1 := min(c0+rk4Chunk, n)
		for s := range 4 {
			izhStage(s, dt, bias, mem[c0:c1], u[c0:c1], in[c0:c1], a[c0:c1], b[c0:c1], r[c0:c1], &accV, &kv, &accU, &ku)
		}
		for k := c0; k < c1; k++ {
			mem[k].V, u[k].U = accV[k-c0]+in[k].DeltaMV, accU[k-c0]
		}
	}
	endInputs(p, in, hi)
	return nil
}

// izhDeriv returns dV/dt (mV/ms) and du/dt (mV/ms²) at (v, uu) with the
// input i0 + didv·v (mA; R·I in mV taken per ms).
func izhDeriv(v, uu, a, b, r, i0, didv float64) (dv, du float64) {
	return 0.04*v*v + 5*v + 140 - uu + r*(i0+didv*v), a * (b*v - uu)
}

// izhStage runs RK4 stage s of (V, u) for a chunk of neurons, as
// expIFStage (same operations as step2, same bits).
func izhStage(s int, dt, bias float64, mem []components.Membrane, u []components.Recovery, in []components.Input,
	a, b, r []float64, accV, kv, accU, ku *[rk4Chunk]float64) {
	n := len(mem)
	u, in, a, b, r = u[:n], in[:n], a[:n], b[:n], r[:n]
	cIn, div := rk4Stage(s)
	for j := range mem {
		v, uu := mem[j].V, u[j].U
		x, y := v, uu
		if s > 0 {
			x, y = v+cIn*kv[j], uu+cIn*ku[j]
		}
		dv, du := izhDeriv(x, y, a[j], b[j], r[j], in[j].CurrentMA+bias, in[j].DIdV)
		k, kU := dt*dv, dt*du
		kv[j], ku[j] = k, kU
		if s == 0 {
			accV[j], accU[j] = v+k/div, uu+kU/div
		} else {
			accV[j] += k / div
			accU[j] += kU / div
		}
	}
}
