package systems

import (
	"math"

	"github.com/spikecs/spikecs/components"
	"github.com/spikecs/spikecs/ecs"
)

// Integration methods of the HH model besides rk4.
const (
	// methodExpEuler is Brian2's exponential_euler: every variable is
	// advanced by the exact solution of its own linear ODE with all the
	// others frozen at their start-of-step values.
	methodExpEuler = "exponential_euler"
)

// HHModel returns the classic Hodgkin–Huxley squid-axon neuron (Hodgkin &
// Huxley 1952, rest near −65 mV), for one membrane patch:
//
//	C·dV/dt = −g_Na·m³h·(V − E_Na) − g_K·n⁴·(V − E_K) − g_L·(V − E_L) + I
//	dx/dt   = α_x(V)·(1 − x) − β_x(V)·x        x = m, h, n (rates in 1/ms, V in mV)
//
// A spike is an upward crossing, V ≥ V_th with V_prev < V_th (V_prev is the
// stored V of the previous step); there is no reset. The gates start at
// their steady state x_inf(V_init) = α/(α + β).
//
// Methods: exponential_euler (default, Brian2's scheme, stable at 0.1 ms)
// and rk4 (classical; diverges at dt = 0.1 ms, use ≤ 0.05 ms). The step
// errors, measured against a dt/16 solution, are in docs/models.md.
func HHModel() *ecs.Model {
	m := &ecs.Model{
		Name: "HH", Summary: "Hodgkin–Huxley squid axon (1952), Na⁺/K⁺/leak, spike = upward crossing of V_th",
		Threshold: "V_th",
		State: []ecs.StateColumn{ecs.ColumnOf[components.HHState]("hh").
			WithInit("m", hhGateInit(hhM)).WithInit("h", hhGateInit(hhH)).WithInit("n", hhGateInit(hhN)).
			WithInit("V_prev", func(_ *components.ModelParams, _ int, vInit float64) float64 { return vInit })},
		Systems: []ecs.ModelSystem{
			{Stage: ecs.StageIntegrate, New: func() ecs.NeuronSystem { return hhIntegrate{} }},
			{Stage: ecs.StageSpike, New: func() ecs.NeuronSystem { return &hhSpike{} }},
		},
		Params: []ecs.ParamDef{
			{Name: "C", Unit: "mF", Default: 1e-3, Check: ecs.Positive, Doc: "membrane capacitance (1 µF, 1 cm² of membrane)"},
			{Name: "g_Na", Unit: "S", Default: 120e-3, Check: ecs.NonNegative, Doc: "maximal sodium conductance (120 mS)"},
			{Name: "g_K", Unit: "S", Default: 36e-3, Check: ecs.NonNegative, Doc: "maximal potassium conductance (36 mS)"},
			{Name: "g_L", Unit: "S", Default: 0.3e-3, Check: ecs.Positive, Doc: "leak conductance (0.3 mS)"},
			{Name: "E_Na", Unit: "mV", Default: 50, Doc: "sodium reversal potential"},
			{Name: "E_K", Unit: "mV", Default: -77, Doc: "potassium reversal potential"},
			{Name: "E_L", Unit: "mV", Default: -54.387, Doc: "leak reversal potential"},
			{Name: "V_th", Unit: "mV", Default: 0, Doc: "spike detection level: a spike when V crosses it upwards"},
			{Name: "V_init", Unit: "mV", Default: -65, Doc: "initial membrane potential; the gates start at x_inf(V_init)"},
			methodParam("integrator: exponential_euler (default; Brian2's, stable at 0.1 ms) or rk4 (needs dt ≤ 0.05 ms)", methodExpEuler, methodRK4),
			ecs.SurrogateParam(),
		},
		Prepare: prepareHH,
		Doc: ecs.ModelDoc{
			Equations: "C·dV/dt = −g_Na·m³h·(V − E_Na) − g_K·n⁴·(V − E_K) − g_L·(V − E_L) + I; dx/dt = α_x(V)(1 − x) − β_x(V)x (x = m, h, n); spike: V ≥ V_th > V_prev; no reset. " +
				"Step error against the same method at dt/16 over 50 ms (I = 7 and 20 µA): exponential_euler (first order) shifts spike times by up to 2.1 ms at dt 0.1 ms and 0.52 ms at 0.025 ms; rk4 at 0.025 ms by 0.02 ms (max |ΔV| 0.005 mV); rk4 diverges at 0.1 ms",
			Source: "Hodgkin & Huxley (1952), J. Physiol. 117:500; rate functions in the −65 mV rest convention (Brian2/NEURON examples)",
			Peers:  "NEST hh_psc_alpha (same conductances and rates, C_m 100 pF scaling differs); Brian2 HH example (exponential_euler); brainpy.state HH",
		},
	}
	return m
}

// Gate indices for hhGateInit.
const (
	hhM = iota
	hhH
	hhN
)

// hhGateInit returns the initialiser of gate g: x_inf(V_init) = α/(α + β).
func hhGateInit(g int) func(*components.ModelParams, int, float64) float64 {
	return func(_ *components.ModelParams, _ int, v float64) float64 {
		r := hhRatesAt(v)
		a, b := r[2*g], r[2*g+1]
		return a / (a + b)
	}
}

// hhConsts are an HH population's parameters for the systems.
type hhConsts struct {
	c, gNa, gK, gL, eNa, eK, eL, vth components.Param
	rk4                              bool
}

func prepareHH(ps *components.ModelParams, _ float64) (any, error) {
	v, err := params(ps, "C", "g_Na", "g_K", "g_L", "E_Na", "E_K", "E_L", "V_th")
	if err != nil {
		return nil, err
	}
	return &hhConsts{c: v[0], gNa: v[1], gK: v[2], gL: v[3], eNa: v[4], eK: v[5], eL: v[6], vth: v[7],
		rk4: ps.Choice("method") == methodRK4}, nil
}

// exprel returns (e^x − 1)/x (1 at x = 0), accurate near 0.
func exprel(x float64) float64 {
	if x == 0 {
		return 1
	}
	return math.Expm1(x) / x
}

// hhRates are α_m, β_m, α_h, β_h, α_n, β_n (1/ms) at one V.
type hhRates [6]float64

// hhRatesAt returns the HH rate functions at v (mV). α_m and α_n are
// written with exprel, so they are finite at their removable singularities
// (V = −40 and −55 mV): 0.1(V+40)/(1 − e^{−(V+40)/10}) = 1/exprel(−(V+40)/10).
func hhRatesAt(v float64) hhRates {
	return hhRates{
		1 / exprel(-(v+40)/10),
		4 * math.Exp(-(v+65)/18),
		0.07 * math.Exp(-(v+65)/20),
		1 / (1 + math.Exp(-(v+35)/10)),
		0.1 / exprel(-(v+55)/10),
		0.125 * math.Exp(-(v+65)/80),
	}
}

// hhNeuron is one neuron's constants during a step.
type hhNeuron struct {
	c, gNa, gK, gL, eNa, eK, eL float64
	i0, didv                    float64 // input current I(V) = i0 + didv·V (mA, S)
}

// deriv returns dV/dt (mV/ms) and the gates' derivatives (1/ms).
func (n *hhNeuron) deriv(v, m, h, k float64) (dv, dm, dh, dk float64) {
	r := hhRatesAt(v)
	iIon := n.gNa*m*m*m*h*(v-n.eNa) + n.gK*k*k*k*k*(v-n.eK) + n.gL*(v-n.eL)
	dv = (n.i0 + n.didv*v - iIon) / n.c
	dm = r[0]*(1-m) - r[1]*m
	dh = r[2]*(1-h) - r[3]*h
	dk = r[4]*(1-k) - r[5]*k
	return
}

// expEuler advances (V, m, h, n) by dt with Brian2's exponential Euler:
// each variable by the exact solution of its linear ODE, the others
// frozen at the start of the step (the gates with the old V, V with the
// old gates; the input's DIdV·V term enters V's rate).
func (n *hhNeuron) expEuler(dt, v, m, h, k float64) (float64, float64, float64, float64) {
	gna, gk := n.gNa*m*m*m*h, n.gK*k*k*k*k
	gsum := gna + gk + n.gL - n.didv
	num := gna*n.eNa + gk*n.eK + n.gL*n.eL + n.i0
	var vNew float64
	if gsum != 0 {
		vInf := num / gsum
		vNew = vInf + (v-vInf)*math.Exp(-dt*gsum/n.c)
	} else { // no conductance at all: dV/dt = num/C exactly
		vNew = v + dt*num/n.c
	}
	r := hhRatesAt(v)
	gate := func(x, a, b float64) float64 {
		xInf := a / (a + b)
		return xInf + (x-xInf)*math.Exp(-dt*(a+b))
	}
	return vNew, gate(m, r[0], r[1]), gate(h, r[2], r[3]), gate(k, r[4], r[5])
}

// rk4 advances (V, m, h, n) by dt with classical RK4 in Brian2's form
// (x + k1/6 + k2/3 + k3/3 + k4/6, each k including dt).
func (n *hhNeuron) rk4(dt, v, m, h, k float64) (float64, float64, float64, float64) {
	a1, b1, c1, d1 := n.deriv(v, m, h, k)
	a1, b1, c1, d1 = dt*a1, dt*b1, dt*c1, dt*d1
	a2, b2, c2, d2 := n.deriv(v+a1/2, m+b1/2, h+c1/2, k+d1/2)
	a2, b2, c2, d2 = dt*a2, dt*b2, dt*c2, dt*d2
	a3, b3, c3, d3 := n.deriv(v+a2/2, m+b2/2, h+c2/2, k+d2/2)
	a3, b3, c3, d3 = dt*a3, dt*b3, dt*c3, dt*d3
	a4, b4, c4, d4 := n.deriv(v+a3, m+b3, h+c3, k+d3)
	a4, b4, c4, d4 = dt*a4, dt*b4, dt*c4, dt*d4
	return v + a1/6 + a2/3 + a3/3 + a4/6, m + b1/6 + b2/3 + b3/3 + b4/6,
		h + c1/6 + c2/3 + c3/3 + c4/6, k + d1/6 + d2/3 + d3/3 + d4/6
}

// hhIntegrate advances V and the gates of HH neurons by one step of the
// population's method, then adds the step's delta inputs to V.
type hhIntegrate struct{}

// Name returns "hh-integrate".
func (hhIntegrate) Name() string { return "hh-integrate" }

// UpdateBlock integrates neurons lo..hi-1 of p.
func (hhIntegrate) UpdateBlock(t ecs.Tick, p *ecs.PopView, lo, hi int) error {
	c, err := derived[hhConsts](p)
	if err != nil {
		return err
	}
	mem := p.Membrane[lo:hi]
	n := len(mem)
	in := p.Input[lo:hi][:n]
	st := ecs.Column[components.HHState](p, 0)[lo:hi][:n]
	cm, gNa, gK, gL := c.c.Block(lo, hi)[:n], c.gNa.Block(lo, hi)[:n], c.gK.Block(lo, hi)[:n], c.gL.Block(lo, hi)[:n]
	eNa, eK, eL := c.eNa.Block(lo, hi)[:n], c.eK.Block(lo, hi)[:n], c.eL.Block(lo, hi)[:n]
	bias := p.SharedInput.CurrentMA
	// nr is filled field by field: a struct literal per neuron is built in
	// a temporary and copied with 16-byte moves that stall on the 8-byte
	// stores just made (5–10 % of the step in BenchmarkModelTick/HH).
	var nr hhNeuron
	for k := range mem {
		nr.c, nr.gNa, nr.gK, nr.gL, nr.eNa, nr.eK, nr.eL = cm[k], gNa[k], gK[k], gL[k], eNa[k], eK[k], eL[k]
		nr.i0, nr.didv = in[k].CurrentMA+bias, in[k].DIdV
		s := &st[k]
		var v float64
		if c.rk4 {
			v, s.M, s.H, s.N = nr.rk4(t.DtMs, mem[k].V, s.M, s.H, s.N)
		} else {
			v, s.M, s.H, s.N = nr.expEuler(t.DtMs, mem[k].V, s.M, s.H, s.N)
		}
		mem[k].V = v + in[k].DeltaMV
	}
	endInputs(p, in, hi)
	return nil
}

// hhSpike is the spike stage of HH: S = 1 on an upward crossing (V ≥ V_th
// and V_prev < V_th), DSdV = g'((V − V_th)/1 mV)/1 mV with the neuron's
// surrogate (the model has no reset; its span V_th − V_reset is 1 mV), the
// fired list, and V_prev ← V for the next step. A NaN or infinite V or gate
// stops the run with an ecs.NonFiniteError.
type hhSpike struct{ out spikeOut }

// Name returns "hh-spike".
func (*hhSpike) Name() string { return "hh-spike" }

// UpdateBlock computes the output of neurons lo..hi-1 of p.
func (s *hhSpike) UpdateBlock(t ecs.Tick, p *ecs.PopView, lo, hi int) error {
	c, err := derived[hhConsts](p)
	if err != nil {
		return err
	}
	mem := p.Membrane[lo:hi]
	n := len(mem)
	st := ecs.Column[components.HHState](p, 0)[lo:hi][:n]
	vth := c.vth.Block(lo, hi)[:n]
	xs, fire := s.out.buffers(n)
	var nonfinite uint64
	for k := range mem {
		v := mem[k].V
		nonfinite |= expAllOnes(v) | expAllOnes(st[k].M) | expAllOnes(st[k].H) | expAllOnes(st[k].N)
		fire[k] = v >= vth[k] && st[k].VPrev < vth[k]
		xs[k] = v - vth[k]
		st[k].VPrev = v
	}
	if nonfinite != 0 {
		for k := range mem {
			for _, x := range []struct {
				name string
				v    float64
			}{{"V", mem[k].V}, {"m", st[k].M}, {"h", st[k].H}, {"n", st[k].N}} {
				if expAllOnes(x.v) != 0 {
					return &ecs.NonFiniteError{Population: p.Name, Neuron: lo + k, Step: t.Step, Var: x.name, Value: x.v}
				}
			}
		}
	}
	s.out.emit(t, p, lo, hi)
	return nil
}
