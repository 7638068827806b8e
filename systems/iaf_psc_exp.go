package systems

import (
	"fmt"
	"math"

	"github.com/spikecs/spikecs/components"
	"github.com/spikecs/spikecs/ecs"
)

// IafPscExpModel returns NEST's iaf_psc_exp with exact integration (Rotter
// & Diesmann 1999): a leaky membrane driven by exponentially decaying
// synaptic currents, each channel of the population one current I_c =
// G_c·scale_c (an expon channel with CUBA output; its tau is NEST's
// tau_syn_ex / tau_syn_in). With y = V − E_L and step h, per step:
//
//	not refractory: y ← P22·y + Σ_c P21_c·I_c + P20·(I_e + I)   else r ← r − 1
//	I_c ← P11_c·I_c + (arrivals of this step)
//	spike when V ≥ V_th; then V ← V_reset and r ← round(t_ref/h) (next step)
//
//	P22 = e^{−h/tau_m}, P11 = e^{−h/tau_c}, P20 = tau_m/C_m·(1 − P22),
//	P21 = tau_m·tau_c/(C_m·(tau_m − tau_c))·(e^{−h/tau_m} − e^{−h/tau_c})
//
// I is the step's other input current (current inputs), constant over the
// step. The membrane is clamped for round(t_ref/h) steps after the spike
// step, as in NEST.
func IafPscExpModel() *ecs.Model {
	return &ecs.Model{
		Name: "iaf_psc_exp", Summary: "NEST's leaky integrate-and-fire with exponential current synapses, exact integration",
		Threshold: "V_th", ResetTo: "V_reset", OwnsChannels: true,
		Standard: ecs.StdSpike,
		State:    []ecs.StateColumn{ecs.ColumnOf[components.RefractoryCount]("refractory_count")},
		Systems: []ecs.ModelSystem{
			{Stage: ecs.StageReset, New: func() ecs.NeuronSystem { return iafReset{} }},
			{Stage: ecs.StageIntegrate, New: func() ecs.NeuronSystem { return &iafExpIntegrate{} }},
		},
		Params: []ecs.ParamDef{
			{Name: "C_m", Unit: "mF", Default: 250e-9, Check: ecs.Positive, Doc: "membrane capacitance (NEST default 250 pF)"},
			{Name: "tau_m", Unit: "ms", Default: 10, Check: ecs.Positive, Doc: "membrane time constant"},
			{Name: "t_ref", Unit: "ms", Default: 2, Check: ecs.NonNegative, Doc: "refractory period (V clamped at V_reset)"},
			{Name: "E_L", Unit: "mV", Default: -70, Doc: "resting potential"},
			{Name: "V_reset", Unit: "mV", Default: -70, Doc: "reset potential"},
			{Name: "V_th", Unit: "mV", Default: -55, Doc: "spike threshold"},
			{Name: "I_e", Unit: "mA", Default: 0, Doc: "constant input current"},
			{Name: "V_init", Unit: "mV", Default: -70, Doc: "initial membrane potential (NEST's V_m)"},
			ecs.SurrogateParam(),
		},
		Prepare: prepareIafExp,
		Doc: ecs.ModelDoc{
			Equations: "C_m·dV/dt = −C_m/tau_m·(V − E_L) + Σ_c I_c + I_e + I; tau_c·dI_c/dt = −I_c; exact propagators; clamp round(t_ref/dt) steps",
			Source:    "Rotter & Diesmann (1999), Biol. Cybern. 81:381; NEST iaf_psc_exp",
			Peers:     "NEST iaf_psc_exp (same names; tau_syn_ex/in are the channels' tau, weights the current jumps)",
		},
	}
}

// iafExpConsts are an iaf_psc_exp population's parameters and per-neuron
// propagators for one dt.
type iafExpConsts struct {
	c, tauM, eL, iE components.Param
	p22, p20        components.Param
	refSteps        components.Param // round(t_ref/dt)
	dtMs            float64
}

func prepareIafExp(ps *components.ModelParams, dt float64) (any, error) {
	v, err := params(ps, "C_m", "tau_m", "E_L", "I_e", "t_ref")
	if err != nil {
		return nil, err
	}
	c := &iafExpConsts{c: v[0], tauM: v[1], eL: v[2], iE: v[3], dtMs: dt}
	n := max(len(v[0].Values), len(v[1].Values))
	p22, p20 := make([]float64, n), make([]float64, n)
	for i := range n {
		tau, cm := v[1].At(i), v[0].At(i)
		p22[i] = math.Exp(-dt / tau)
		p20[i] = -tau / cm * math.Expm1(-dt/tau)
	}
	c.p22, c.p20 = components.PerNeuron(p22), components.PerNeuron(p20)
	ref := make([]float64, len(v[4].Values))
	for i, x := range v[4].Values {
		ref[i] = math.Round(x / dt)
	}
	c.refSteps = components.PerNeuron(ref)
	return c, nil
}

// propagator21 returns P21 for tau_m, a synaptic tau_s, C_m and step h:
// tau_m·tau_s/(C_m·(tau_m − tau_s))·(e^{−h/tau_m} − e^{−h/tau_s}), written
// with expm1 so that it stays accurate as tau_s approaches tau_m (limit
// h/C_m·e^{−h/tau_m}).
func propagator21(tauM, tauS, cm, h float64) float64 {
	if tauM == tauS {
		return h / cm * math.Exp(-h/tauM)
	}
	d := (tauM - tauS) / (tauM * tauS) // 1/tau_s − 1/tau_m
	return tauM * tauS / (cm * (tauM - tauS)) * math.Exp(-h/tauM) * -math.Expm1(-h*d)
}

// iafReset applies the reset after a spike of the previous step: V ←
// V_reset and the refractory counter ← round(t_ref/dt).
type iafReset struct{}

// Name returns "iaf-reset".
func (iafReset) Name() string { return "iaf-reset" }

// UpdateBlock resets neurons lo..hi-1 of p.
func (iafReset) UpdateBlock(_ ecs.Tick, p *ecs.PopView, lo, hi int) error {
	c, err := derived[iafExpConsts](p)
	if err != nil {
		return err
	}
	r := ecs.Column[components.RefractoryCount](p, 0)[lo:hi]
	resetSpiked(p, lo, hi, c.refSteps.Block(lo, hi), func(k int, steps float64) { r[k].Steps = steps })
	return nil
}

// iafExpIntegrate is the exact update of iaf_psc_exp: membrane, then the
// population's channels (which it owns: ChannelUpdate skips them).
type iafExpIntegrate struct {
	p21 []float64 // scratch: P21 of one channel for the block
}

// Name returns "iaf-psc-exp-integrate".
func (*iafExpIntegrate) Name() string { return "iaf-psc-exp-integrate" }

// UpdateBlock integrates neurons lo..hi-1 of p.
func (s *iafExpIntegrate) UpdateBlock(t ecs.Tick, p *ecs.PopView, lo, hi int) error {
	c, b, err := newIafBlock(t, p, lo, hi)
	if err != nil {
		return err
	}
	if p.Channels != nil && len(p.Channels.List) == 1 {
		if done, err := s.oneChannel(t, p, c, &b, lo, hi); done || err != nil {
			return err
		}
	}
	mem, r, n := b.mem, b.r, len(b.mem)
	// Membrane: y ← P22·y + P20·(I_e + I); the channels' terms follow.
	for k := range mem {
		if r[k].Steps > 0 {
			continue
		}
		mem[k].V = b.membrane(k)
	}
	if p.Channels != nil {
		for ci := range p.Channels.List {
			ch := &p.Channels.List[ci]
			pr := &ch.Params
			if pr.Kind != components.SynExpon || pr.Out != components.OutCUBA {
				return fmt.Errorf("population %q (iaf_psc_exp): channel %d of projections %v must be an expon synapse with cuba output (exact integration of current synapses)", p.Name, ch.Slot, ch.Projections)
			}
			g, ring := stepSlots(t, p, ch, lo, hi)
			g, ring = g[:n], ring[:n]
			p21 := s.factors(c, pr.TauMs, t.DtMs, lo, hi)
			d := math.Exp(-t.DtMs / pr.TauMs)
			scale := pr.ScaleMV
			for k := range g {
				if r[k].Steps <= 0 {
					mem[k].V += p21[k] * (g[k] * scale)
				}
				g[k] = g[k]*d + ring[k]
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

// factors returns P21 of channel time constant tauS for neurons lo..hi-1.
func (s *iafExpIntegrate) factors(c *iafExpConsts, tauS, h float64, lo, hi int) []float64 {
	n := hi - lo
	if cap(s.p21) < n {
		s.p21 = make([]float64, n)
	}
	out := s.p21[:n]
	if c.tauM.IsShared() && c.c.IsShared() {
		x := propagator21(c.tauM.Values[0], tauS, c.c.Values[0], h)
		for k := range out {
			out[k] = x
		}
		return out
	}
	tau, cm := c.tauM.Block(lo, hi)[:n], c.c.Block(lo, hi)[:n]
	for k := range out {
		out[k] = propagator21(tau[k], tauS, cm[k], h)
	}
	return out
}

// oneChannel is UpdateBlock for the common case of one expon/CUBA channel
// in one pass over the neurons (the same operations in the same order as
// the general path, so the same bits). done is false when the channel is
// of another kind (the general path reports it).
func (s *iafExpIntegrate) oneChannel(t ecs.Tick, p *ecs.PopView, c *iafExpConsts, b *iafBlock, lo, hi int) (done bool, err error) {
	ch := &p.Channels.List[0]
	pr := &ch.Params
	if pr.Kind != components.SynExpon || pr.Out != components.OutCUBA {
		return false, nil
	}
	mem, in, r, n := b.mem, b.in, b.r, len(b.mem)
	g, ring := stepSlots(t, p, ch, lo, hi)
	g, ring = g[:n], ring[:n]
	p21 := s.factors(c, pr.TauMs, t.DtMs, lo, hi)[:n]
	d := math.Exp(-t.DtMs / pr.TauMs)
	scale := pr.ScaleMV
	var bad uint64
	for k := range mem {
		gk := g[k]
		if r[k].Steps > 0 {
			r[k].Steps--
		} else {
			v1 := b.membrane(k)
			v1 += p21[k] * (gk * scale)
			mem[k].V = v1 + in[k].DeltaMV
		}
		gk = gk*d + ring[k]
		g[k], ring[k] = gk, 0
		bad |= expAllOnes(gk)
	}
	if bad != 0 {
		if err := checkChannel(t, p, ch, lo, hi); err != nil {
			return true, err
		}
	}
	endInputs(p, in, hi)
	return true, nil
}

// iafBlock is one block of a NEST iaf population (iaf_psc_exp,
// iaf_psc_alpha): its columns and per-neuron constants, the step's shared
// input, and the membrane part of the exact update.
type iafBlock struct {
	mem              []components.Membrane
	in               []components.Input
	r                []components.RefractoryCount
	p22, p20, eL, iE []float64
	bias             float64
}

// newIafBlock binds neurons lo..hi-1 of p; it fails when the propagators
// were computed for another dt.
func newIafBlock(t ecs.Tick, p *ecs.PopView, lo, hi int) (*iafExpConsts, iafBlock, error) {
	c, err := derived[iafExpConsts](p)
	if err != nil {
		return nil, iafBlock{}, err
	}
	if t.DtMs != c.dtMs {
		return nil, iafBlock{}, fmt.Errorf("population %q: propagators were computed for dt = %v ms, the step is %v ms (call Sim.Refresh)", p.Name, c.dtMs, t.DtMs)
	}
	mem := p.Membrane[lo:hi]
	n := len(mem)
	return c, iafBlock{
		mem: mem, in: p.Input[lo:hi][:n], r: ecs.Column[components.RefractoryCount](p, 0)[lo:hi][:n],
		p22: c.p22.Block(lo, hi)[:n], p20: c.p20.Block(lo, hi)[:n], eL: c.eL.Block(lo, hi)[:n], iE: c.iE.Block(lo, hi)[:n],
		bias: p.SharedInput.CurrentMA,
	}, nil
}

// membrane is y ← P22·y + P20·(I_e + I) of neuron k (V relative to E_L);
// the channels' terms are added after it.
func (b *iafBlock) membrane(k int) float64 {
	v := b.mem[k].V
	return b.eL[k] + b.p22[k]*(v-b.eL[k]) + b.p20[k]*(b.iE[k]+current(&b.in[k], b.bias, v))
}

// finish counts down the clamped neurons, adds the delta inputs of the
// others and clears the block's inputs.
func (b *iafBlock) finish(p *ecs.PopView, hi int) {
	for k := range b.mem {
		if b.r[k].Steps > 0 {
			b.r[k].Steps--
		} else {
			b.mem[k].V += b.in[k].DeltaMV
		}
	}
	endInputs(p, b.in, hi)
}
