package systems

import (
	"math"

	"github.com/spikecs/spikecs/components"
	"github.com/spikecs/spikecs/ecs"
)

// GIFModel returns the generalized integrate-and-fire neuron (Mensi et
// al. 2012, Pozzorini et al. 2015) with one exponential kernel each for the
// spike-triggered current η and the threshold movement γ, written in the
// R/tau form:
//
//	tau·dV/dt       = −(V − V_rest) − R·η + R·I
//	tau_eta·dη/dt   = −η,   tau_gamma·dγ/dt = −γ,   θ = V_T_star + γ
//
// Spike: V ≥ θ (lambda_0 = 0), or with escape noise (lambda_0 > 0) with
// probability 1 − exp(−lambda_0·exp((V − θ)/delta_V)·dt) per step, drawn
// from a counter-based stream per neuron and step (the same spikes for any
// partition or block size). Reset in the next step: V ← V_reset, η ← η +
// a_eta, γ ← γ + a_gamma. Between steps V, η and γ are integrated exactly
// (the step's input I constant, at its start-of-step linearisation).
// Optional standard refractory part: while refractory no spike is emitted;
// in hold mode V also keeps its post-reset value.
func GIFModel() *ecs.Model {
	m := &ecs.Model{
		Name: "GIF", Summary: "generalized integrate-and-fire with spike-triggered current and threshold, optional escape noise (Mensi et al. 2012)",
		Threshold: "V_T_star", ResetTo: "V_reset", Refractory: true,
		Standard: ecs.StdRefractory,
		State:    []ecs.StateColumn{ecs.ColumnOf[components.GIFState]("gif")},
		Systems: []ecs.ModelSystem{
			{Stage: ecs.StageReset, New: func() ecs.NeuronSystem { return gifReset{} }},
			{Stage: ecs.StageIntegrate, New: func() ecs.NeuronSystem { return gifIntegrate{} }},
			{Stage: ecs.StageSpike, New: func() ecs.NeuronSystem { return &gifSpike{} }},
		},
		Params: []ecs.ParamDef{
			{Name: "R", Unit: "ohm", Default: 1, Check: ecs.Positive, Doc: "input resistance (1/g_L)"},
			{Name: "tau", Unit: "ms", Default: 20, Check: ecs.Positive, Doc: "membrane time constant (C/g_L)"},
			{Name: "V_rest", Unit: "mV", Default: -70, Doc: "resting potential (E_L)"},
			{Name: "V_reset", Unit: "mV", Default: -55, Doc: "reset potential"},
			{Name: "V_T_star", Unit: "mV", Default: -35, Doc: "base threshold (θ = V_T_star + γ)"},
			{Name: "delta_V", Unit: "mV", Default: 0.5, Check: ecs.Positive, Doc: "escape-noise sharpness"},
			{Name: "lambda_0", Unit: "Hz", Default: 0, Check: ecs.NonNegative, Doc: "escape rate at V = θ; 0: deterministic spike V ≥ θ"},
			{Name: "tau_eta", Unit: "ms", Default: 50, Check: ecs.Positive, Doc: "decay of the spike-triggered current η"},
			{Name: "a_eta", Unit: "mA", Default: 5, Doc: "jump of η at each spike (> 0 adapts)"},
			{Name: "tau_gamma", Unit: "ms", Default: 100, Check: ecs.Positive, Doc: "decay of the threshold movement γ"},
			{Name: "a_gamma", Unit: "mV", Default: 10, Doc: "jump of γ at each spike"},
			{Name: "V_init", Unit: "mV", Default: -70, Doc: "initial membrane potential"},
		},
		Prepare: prepareGIF,
		Doc: ecs.ModelDoc{
			Equations: "tau·dV/dt = −(V − V_rest) − R·η + R·I; tau_eta·dη/dt = −η; tau_gamma·dγ/dt = −γ; θ = V_T_star + γ; spike V ≥ θ or P = 1 − exp(−lambda_0·exp((V − θ)/delta_V)·dt); V ← V_reset, η += a_eta, γ += a_gamma; exact integration",
			Source:    "Mensi et al. (2012), J. Neurophysiol. 107:1756; Pozzorini et al. (2015), PLoS Comput. Biol. 11:e1004275",
			Peers:     "NEST gif_psc_exp (g_L = 1/R, C_m = tau/R, E_L = V_rest, V_T_star, Delta_V = delta_V, lambda_0 in 1/s, one tau_stc/q_stc = tau_eta/a_eta, one tau_sfa/q_sfa = tau_gamma/a_gamma; NEST draws from its own RNG and has current synapses); brainpy.state Gif (Mihalaş–Niebur GIF: different model, threshold dynamics driven by V)",
		},
	}
	m.Params = append(m.Params, ecs.RefractoryParams(4)...)
	m.Params = append(m.Params, ecs.SurrogateParam())
	return m
}

// gifConsts are a GIF population's parameters and per-step propagators.
type gifConsts struct {
	vRest, vth, dV, lambda0, aEta, aGamma components.Param
	p22, p20, pEta                        components.Param // V: e^{−h/tau}, R·(1 − e^{−h/tau}), η's effect on V per mA
	dEta, dGamma                          components.Param // e^{−h/tau_eta}, e^{−h/tau_gamma}
	noise                                 bool             // some lambda_0 > 0
	dtMs                                  float64
}

func prepareGIF(ps *components.ModelParams, dt float64) (any, error) {
	v, err := params(ps, "R", "tau", "V_rest", "V_T_star", "delta_V", "lambda_0", "tau_eta", "a_eta", "tau_gamma", "a_gamma")
	if err != nil {
		return nil, err
	}
	c := &gifConsts{vRest: v[2], vth: v[3], dV: v[4], lambda0: v[5], aEta: v[7], aGamma: v[9], dtMs: dt}
	r, tau, tauEta, tauGamma := v[0], v[1], v[6], v[8]
	n := max(len(r.Values), len(tau.Values), len(tauEta.Values))
	p22, p20, pEta := make([]float64, n), make([]float64, n), make([]float64, n)
	for i := range n {
		ri, ti := r.At(i), tau.At(i)
		p22[i] = math.Exp(-dt / ti)
		p20[i] = -ri * math.Expm1(-dt/ti)
		// −R·η with C = tau/R: the synaptic-current propagator of iaf_psc_exp.
		pEta[i] = -propagator21(ti, tauEta.At(i), ti/ri, dt)
	}
	c.p22, c.p20, c.pEta = components.PerNeuron(p22), components.PerNeuron(p20), components.PerNeuron(pEta)
	c.dEta, c.dGamma = decays(tauEta, dt), decays(tauGamma, dt)
	for _, x := range c.lambda0.Values {
		c.noise = c.noise || x > 0
	}
	return c, nil
}

// decays returns e^{−dt/tau} for each value of tau.
func decays(tau components.Param, dt float64) components.Param {
	out := make([]float64, len(tau.Values))
	for i, x := range tau.Values {
		out[i] = math.Exp(-dt / x)
	}
	return components.PerNeuron(out)
}

// gifReset applies the reset of the neurons whose emitted spike S of the
// previous step is 1: V ← V_reset, η ← η + a_eta, γ ← γ + a_gamma.
type gifReset struct{}

// Name returns "gif-reset".
func (gifReset) Name() string { return "gif-reset" }

// UpdateBlock resets neurons lo..hi-1 of p.
func (gifReset) UpdateBlock(_ ecs.Tick, p *ecs.PopView, lo, hi int) error {
	c, err := derived[gifConsts](p)
	if err != nil {
		return err
	}
	st := ecs.Column[components.GIFState](p, 0)[lo:hi]
	aEta, aGamma := c.aEta.Block(lo, hi), c.aGamma.Block(lo, hi)
	resetSpiked(p, lo, hi, aEta, func(k int, a float64) {
		st[k].Eta += a
		st[k].Gamma += aGamma[k]
	})
	return nil
}

// gifIntegrate advances V, η and γ exactly over one step.
type gifIntegrate struct{}

// Name returns "gif-integrate".
func (gifIntegrate) Name() string { return "gif-integrate" }

// UpdateBlock integrates neurons lo..hi-1 of p.
func (gifIntegrate) UpdateBlock(t ecs.Tick, p *ecs.PopView, lo, hi int) error {
	c, err := derived[gifConsts](p)
	if err != nil {
		return err
	}
	mem := p.Membrane[lo:hi]
	n := len(mem)
	in := p.Input[lo:hi][:n]
	st := ecs.Column[components.GIFState](p, 0)[lo:hi][:n]
	rest, p22, p20, pEta := c.vRest.Block(lo, hi)[:n], c.p22.Block(lo, hi)[:n], c.p20.Block(lo, hi)[:n], c.pEta.Block(lo, hi)[:n]
	dEta, dGamma := c.dEta.Block(lo, hi)[:n], c.dGamma.Block(lo, hi)[:n]
	hold := newHoldMask(t, p, lo, hi)
	bias := p.SharedInput.CurrentMA
	for k := range mem {
		s := &st[k]
		if !hold.at(k) {
			v := mem[k].V
			mem[k].V = rest[k] + p22[k]*(v-rest[k]) + p20[k]*current(&in[k], bias, v) + pEta[k]*s.Eta + in[k].DeltaMV
		}
		s.Eta *= dEta[k]
		s.Gamma *= dGamma[k]
	}
	endInputs(p, in, hi)
	return nil
}

// gifSpike is GIF's spike stage: deterministic V ≥ θ or the escape noise,
// no spike while refractory, the surrogate derivative at (V − θ)/(V_T_star
// − V_reset), the fired list, and the NaN/Inf check.
type gifSpike struct {
	out spikeOut
	src ecs.CounterSource
}

// Name returns "gif-spike".
func (*gifSpike) Name() string { return "gif-spike" }

// UpdateBlock computes the output of neurons lo..hi-1 of p.
func (s *gifSpike) UpdateBlock(t ecs.Tick, p *ecs.PopView, lo, hi int) error {
	c, err := derived[gifConsts](p)
	if err != nil {
		return err
	}
	all := ecs.Column[components.GIFState](p, 0)
	var key uint64
	if c.noise {
		key = p.StreamKey("gif-escape")
	}
	mem := p.Membrane[lo:hi]
	n := len(mem)
	st := all[lo:hi][:n]
	vth, dV, l0 := c.vth.Block(lo, hi)[:n], c.dV.Block(lo, hi)[:n], c.lambda0.Block(lo, hi)[:n]
	xs, fire := s.out.buffers(n)
	ref := newHoldMask(t, p, lo, hi)
	if p.Refractory != nil && !ref.on { // block mode: same test, no hold
		ref = holdMask{on: true, t: t.TMs, last: p.Refractory[lo:hi], ref: p.RefractoryParams.TauRefMs.Block(lo, hi)}
	}
	var nonfinite uint64
	for k := range mem {
		v, th := mem[k].V, vth[k]+st[k].Gamma
		nonfinite |= expAllOnes(v) | expAllOnes(st[k].Eta) | expAllOnes(st[k].Gamma)
		xs[k] = v - th
		if l0[k] > 0 {
			s.src.Reset(key, t.Step, p.Offset+lo+k)
			fire[k] = s.src.Float64() < -math.Expm1(-l0[k]*math.Exp((v-th)/dV[k])*t.DtMs*1e-3)
		} else {
			fire[k] = v >= th
		}
		if ref.at(k) {
			fire[k] = false
		}
	}
	if nonfinite != 0 {
		for k := range mem {
			for _, x := range []struct {
				name string
				v    float64
			}{{"V", mem[k].V}, {"eta", st[k].Eta}, {"gamma", st[k].Gamma}} {
				if expAllOnes(x.v) != 0 {
					return &ecs.NonFiniteError{Population: p.Name, Neuron: lo + k, Step: t.Step, Var: x.name, Value: x.v}
				}
			}
		}
	}
	s.out.emit(t, p, lo, hi)
	return nil
}
