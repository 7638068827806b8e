package systems

import (
	"fmt"
	"math"

	"github.com/spikecs/spikecs/components"
	"github.com/spikecs/spikecs/ecs"
)

// IafPscAlphaModel returns NEST's iaf_psc_alpha with exact integration
// (Rotter & Diesmann 1999): a leaky membrane driven by alpha-shaped
// synaptic currents. Each channel of the population (an alpha synapse with
// CUBA output; its tau is NEST's tau_syn_ex / tau_syn_in) holds the current
// I_c = G_c·scale_c and its derivative-like state dI_c = H_c·scale_c; an
// arriving weight w adds e/tau_c·w to dI_c, so a single spike's current is
// w·(e/tau_c)·t·e^{−t/tau_c}, peaking at w after tau_c (NEST's
// normalisation: the weight is the PSC amplitude). With y = V − E_L and
// step h, per step:
//
//	not refractory: y ← P33·y + Σ_c (P31_c·dI_c + P32_c·I_c) + P30·(I_e + I)   else r ← r − 1
//	I_c ← P21_c·dI_c + P22_c·I_c,  dI_c ← P11_c·dI_c + e/tau_c·(arrivals of this step)
//	spike when V ≥ V_th; then V ← V_reset and r ← round(t_ref/h) (next step)
//
//	P11 = P22 = e^{−h/tau_c}, P21 = h·e^{−h/tau_c}, P33 = e^{−h/tau_m}, P30 = tau_m/C_m·(1 − P33),
//	P32 = tau_m·tau_c/(C_m·(tau_m − tau_c))·(e^{−h/tau_m} − e^{−h/tau_c}),
//	P31 = (e^{−h/tau_m} − e^{−h/tau_c})/(C_m·a²) − h·e^{−h/tau_c}/(C_m·a),  a = 1/tau_c − 1/tau_m
//
// NEST's optional lower bound V_min is not offered (its default is −∞).
func IafPscAlphaModel() *ecs.Model {
	m := IafPscExpModel() // same membrane, parameters, reset and refractory counter
	m.Name = "iaf_psc_alpha"
	m.Summary = "NEST's leaky integrate-and-fire with alpha-shaped current synapses, exact integration"
	m.Systems = []ecs.ModelSystem{
		{Stage: ecs.StageReset, New: func() ecs.NeuronSystem { return iafReset{} }},
		{Stage: ecs.StageIntegrate, New: func() ecs.NeuronSystem { return &iafAlphaIntegrate{} }},
	}
	m.Doc = ecs.ModelDoc{
		Equations: "C_m·dV/dt = −C_m/tau_m·(V − E_L) + Σ_c I_c + I_e + I; I_c(t) = w·e/tau_c·t·e^{−t/tau_c} per spike (peak w at tau_c); exact propagators; clamp round(t_ref/dt) steps",
		Source:    "Rotter & Diesmann (1999), Biol. Cybern. 81:381; NEST iaf_psc_alpha",
		Peers:     "NEST iaf_psc_alpha (same names; tau_syn_ex/in are the alpha channels' tau, weights the PSC amplitudes); brainpy.state has no exact-integration equivalent",
	}
	return m
}

// propagator31 returns P31, the effect of dI (the alpha current's second
// state) on y over one step h: (e^{−h/τm} − e^{−h/τs})/(C·a²) − h·e^{−h/τs}/(C·a)
// with a = 1/τs − 1/τm, written as e^{−h/τm}·(1 − e^{−ah}·(1 + ah))/(C·a²)
// with expm1 so that it stays accurate as τs approaches τm (limit
// h²/(2C)·e^{−h/τm}).
func propagator31(tauM, tauS, cm, h float64) float64 {
	a := 1/tauS - 1/tauM
	x := a * h
	if math.Abs(x) < 1e-4 { // series of 1 − e^{−x}(1 + x) = x²/2 − x³/3 + x⁴/8
		return math.Exp(-h/tauM) * h * h / cm * (0.5 - x/3 + x*x/8)
	}
	// 1 − e^{−x}(1 + x) = −expm1(−x) − x·e^{−x}
	return math.Exp(-h/tauM) * (-math.Expm1(-x) - x*math.Exp(-x)) / (cm * a * a)
}

// iafAlphaIntegrate is the exact update of iaf_psc_alpha: membrane, then
// the population's alpha channels (which it owns).
type iafAlphaIntegrate struct {
	p31, p32 []float64 // scratch: one channel's propagators for the block
}

// Name returns "iaf-psc-alpha-integrate".
func (*iafAlphaIntegrate) Name() string { return "iaf-psc-alpha-integrate" }

// UpdateBlock integrates neurons lo..hi-1 of p.
func (s *iafAlphaIntegrate) UpdateBlock(t ecs.Tick, p *ecs.PopView, lo, hi int) error {
	c, b, err := newIafBlock(t, p, lo, hi)
	if err != nil {
		return err
	}
	mem, r, n := b.mem, b.r, len(b.mem)
	for k := range mem {
		if r[k].Steps > 0 {
			continue
		}
		mem[k].V = b.membrane(k) // P33 and P30 are iaf_psc_exp's P22 and P20
	}
	if p.Channels != nil {
		for ci := range p.Channels.List {
			ch := &p.Channels.List[ci]
			pr := &ch.Params
			if pr.Kind != components.SynAlpha || pr.Out != components.OutCUBA {
				return fmt.Errorf("population %q (iaf_psc_alpha): channel %d of projections %v must be an alpha synapse with cuba output (exact integration of current synapses)", p.Name, ch.Slot, ch.Projections)
			}
			g, ring := stepSlots(t, p, ch, lo, hi)
			g, ring = g[:n], ring[:n]
			dI := p.SynH[ch.Slot][lo:hi][:n]
			p31, p32 := s.factors(c, pr.TauMs, t.DtMs, lo, hi)
			p11 := math.Exp(-t.DtMs / pr.TauMs)
			p21 := t.DtMs * p11
			jump := math.E / pr.TauMs // NEST's PSCInitialValue: the weight is the peak current
			scale := pr.ScaleMV
			for k := range g {
				if r[k].Steps <= 0 {
					mem[k].V += (p31[k]*dI[k] + p32[k]*g[k]) * scale
				}
				g[k] = p21*dI[k] + p11*g[k]
				dI[k] = p11*dI[k] + jump*ring[k]
				ring[k] = 0
			}
			if err := checkChannel(t, p, ch, lo, hi); err != nil {
				return err
			}
		}
	}
	b.finish(p, hi)
	return nil
}

// factors returns P31 and P32 of channel time constant tauS for neurons
// lo..hi-1.
func (s *iafAlphaIntegrate) factors(c *iafExpConsts, tauS, h float64, lo, hi int) ([]float64, []float64) {
	n := hi - lo
	if cap(s.p31) < n {
		s.p31, s.p32 = make([]float64, n), make([]float64, n)
	}
	p31, p32 := s.p31[:n], s.p32[:n]
	if c.tauM.IsShared() && c.c.IsShared() {
		a := propagator31(c.tauM.Values[0], tauS, c.c.Values[0], h)
		b := propagator21(c.tauM.Values[0], tauS, c.c.Values[0], h)
		for k := range p31 {
			p31[k], p32[k] = a, b
		}
		return p31, p32
	}
	tau, cm := c.tauM.Block(lo, hi)[:n], c.c.Block(lo, hi)[:n]
	for k := range p31 {
		p31[k] = propagator31(tau[k], tauS, cm[k], h)
		p32[k] = propagator21(tau[k], tauS, cm[k], h)
	}
	return p31, p32
}
