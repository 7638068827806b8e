package systems

import (
	"math"

	"github.com/spikecs/spikecs/components"
	"github.com/spikecs/spikecs/ecs"
)

// Integrate advances the membrane by one exponential-Euler step (reference
// §2.1) from the post-reset V1, adds the delta inputs, and clears the
// step's Input accumulators:
//
//	f(v) = (−v + V_rest + R·I(v)) / tau,  I(v) = CurrentMA + shared + DIdV·v
//	A    = f'(v) = (−1 + R·DIdV) / tau
//	V2   = V1 + dt·φ(dt·A)·f(V1),          φ(z) = (e^z − 1)/z
//	V3   = V2 + DeltaMV
//
// For a V-independent input (DIdV = 0) this is V2 = V1 + K·(V_rest + R·I − V1)
// with the precomputed K = 1 − exp(−dt/tau), exact for constant input.
//
// With Refractory in hold mode, a neuron with t − LastSpikeMs < tau_ref
// keeps V1 and its inputs of this step are discarded (reference LIFRef
// §1.3); in block mode it integrates (Spike blocks its output). With
// Adaptation, a ← a·exp(−dt/tau_a) (never held).
//
// The zero value is ready to use; it keeps one scratch buffer of a block
// for the factors φ(dt·A) of the neurons with V-dependent input, computed
// in one batched pass before the update.
type Integrate struct {
	phi []float64
}

// Name returns "integrate".
func (*Integrate) Name() string { return "integrate" }

// UpdateBlock integrates neurons lo..hi-1 of p.
func (s *Integrate) UpdateBlock(t ecs.Tick, p *ecs.PopView, lo, hi int) error {
	if p.Membrane == nil { // spike sources have no membrane
		return nil
	}
	mp := p.MembraneParams
	m := p.Membrane[lo:hi]
	in := p.Input[lo:hi][:len(m)]
	bias := p.SharedInput.CurrentMA
	r := mp.ROhm.Block(lo, hi)[:len(m)]
	tau := mp.TauMs.Block(lo, hi)[:len(m)]
	rest := mp.VRestMV.Block(lo, hi)[:len(m)]
	decay := mp.Decay.Block(lo, hi)[:len(m)]
	phi := s.factors(t.DtMs, in, r, tau)
	held := p.Refractory
	if blocking(p) {
		held = nil // block mode: V integrates while refractory
	}
	if held == nil && mp.ROhm.IsShared() && mp.VRestMV.IsShared() && mp.Decay.IsShared() {
		r, rest, decay := mp.ROhm.Values[0], mp.VRestMV.Values[0], mp.Decay.Values[0]
		for k := range m {
			if in[k].DIdV == 0 {
				m[k].V += decay*(rest+r*(in[k].CurrentMA+bias)-m[k].V) + in[k].DeltaMV
			} else {
				m[k].V = advanceLinear(m[k].V, &in[k], bias, r, tau[k], rest, t.DtMs, phiAt(phi, k, t.DtMs, &in[k], r, tau[k]))
			}
			in[k] = components.Input{}
		}
	} else if held == nil {
		for k := range m {
			if in[k].DIdV == 0 {
				m[k].V += decay[k]*(rest[k]+r[k]*(in[k].CurrentMA+bias)-m[k].V) + in[k].DeltaMV
			} else {
				m[k].V = advanceLinear(m[k].V, &in[k], bias, r[k], tau[k], rest[k], t.DtMs, phiAt(phi, k, t.DtMs, &in[k], r[k], tau[k]))
			}
			in[k] = components.Input{}
		}
	} else if mp.ROhm.IsShared() && mp.VRestMV.IsShared() && mp.Decay.IsShared() && p.RefractoryParams.TauRefMs.IsShared() {
		last := held[lo:hi][:len(m)]
		r, rest, decay := mp.ROhm.Values[0], mp.VRestMV.Values[0], mp.Decay.Values[0]
		ref := p.RefractoryParams.TauRefMs.Values[0]
		for k := range m {
			if !(t.TMs-last[k].LastSpikeMs < ref) {
				if in[k].DIdV == 0 {
					m[k].V += decay*(rest+r*(in[k].CurrentMA+bias)-m[k].V) + in[k].DeltaMV
				} else {
					m[k].V = advanceLinear(m[k].V, &in[k], bias, r, tau[k], rest, t.DtMs, phiAt(phi, k, t.DtMs, &in[k], r, tau[k]))
				}
			}
			in[k] = components.Input{}
		}
	} else {
		last := held[lo:hi][:len(m)]
		ref := p.RefractoryParams.TauRefMs.Block(lo, hi)[:len(m)]
		for k := range m {
			if !(t.TMs-last[k].LastSpikeMs < ref[k]) {
				if in[k].DIdV == 0 {
					m[k].V += decay[k]*(rest[k]+r[k]*(in[k].CurrentMA+bias)-m[k].V) + in[k].DeltaMV
				} else {
					m[k].V = advanceLinear(m[k].V, &in[k], bias, r[k], tau[k], rest[k], t.DtMs, phiAt(phi, k, t.DtMs, &in[k], r[k], tau[k]))
				}
			}
			in[k] = components.Input{}
		}
	}
	if p.Adaptation != nil {
		a := p.Adaptation[lo:hi][:len(m)]
		if p.AdaptationParams.Decay.IsShared() {
			da := p.AdaptationParams.Decay.Values[0]
			for k := range a {
				a[k].A *= da
			}
		} else {
			da := p.AdaptationParams.Decay.Block(lo, hi)[:len(m)]
			for k := range a {
				a[k].A *= da[k]
			}
		}
	}
	if hi == p.N { // the shared input of this step is used up
		p.SharedInput.CurrentMA = 0
	}
	return nil
}

// factors returns φ(dt·A), A = (−1 + R·DIdV)/tau, for the neurons of the
// block with a V-dependent input (others get 0, unused) — one batched pass,
// so the hot loop calls no function for it. When the block's first neuron
// has a V-independent input (a current-based population) it returns nil
// without scanning; advance then computes φ per neuron for the rare
// neuron that does have one.
func (s *Integrate) factors(dt float64, in []components.Input, r, tau []float64) []float64 {
	n := len(in)
	if n == 0 || in[0].DIdV == 0 {
		return nil
	}
	if cap(s.phi) < n {
		s.phi = make([]float64, n)
	}
	phi := s.phi[:n]
	r, tau = r[:n], tau[:n]
	linear := false
	for k := range in {
		z := 0.0
		if in[k].DIdV != 0 {
			linear = true
			z = dt * ((-1 + r[k]*in[k].DIdV) / tau[k])
		}
		phi[k] = z
	}
	if !linear {
		return nil
	}
	exprelSlice(phi)
	return phi
}

// factor returns φ(dt·A) for one neuron: the same value factors computes.
func factor(dt float64, in *components.Input, r, tau float64) float64 {
	z := [1]float64{dt * ((-1 + r*in.DIdV) / tau)}
	exprelSlice(z[:])
	return z[0]
}

// phiAt returns neuron k's factor: from the batch when there is one, else
// computed for this neuron alone.
func phiAt(phi []float64, k int, dt float64, in *components.Input, r, tau float64) float64 {
	if phi != nil {
		return phi[k]
	}
	return factor(dt, in, r, tau)
}

// advanceLinear is one exponential-Euler step of the membrane plus delta
// input for a V-dependent input (DIdV != 0), with the rate's factor
// phi = φ(dt·A) from factors: V2 = V1 + dt·φ·f(V1) + ΔV.
func advanceLinear(v1 float64, in *components.Input, bias, r, tau, rest, dt, phi float64) float64 {
	f := (-v1 + rest + r*((in.CurrentMA+bias)+in.DIdV*v1)) / tau
	return v1 + dt*phi*f + in.DeltaMV
}

// exprelScalar replaces every z of zs by φ(z) = (e^z − 1)/z, with φ(0) = 1.
// For |z| <= 1/2 — every step of a conductance-based neuron with
// dt·(1 + R·g)/tau <= 1/2 — it sums the Taylor series Σ z^k/(k+1)! to
// k = 16 in Estrin's form (truncation < 1e-19, measured error <= 2 ulp
// against math.Expm1(z)/z), cheaper than math.Expm1 and a division;
// elsewhere it is math.Expm1(z)/z.
func exprelScalar(zs []float64) {
	const (
		c1  = 1.0 / 2
		c2  = 1.0 / 6
		c3  = 1.0 / 24
		c4  = 1.0 / 120
		c5  = 1.0 / 720
		c6  = 1.0 / 5040
		c7  = 1.0 / 40320
		c8  = 1.0 / 362880
		c9  = 1.0 / 3628800
		c10 = 1.0 / 39916800
		c11 = 1.0 / 479001600
		c12 = 1.0 / 6227020800
		c13 = 1.0 / 87178291200
		c14 = 1.0 / 1307674368000
		c15 = 1.0 / 20922789888000
		c16 = 1.0 / 355687428096000
	)
	for i, z := range zs {
		switch {
		case z == 0:
			zs[i] = 1
		case math.Abs(z) > 0.5:
			zs[i] = math.Expm1(z) / z
		default:
			z2 := z * z
			z4 := z2 * z2
			z8 := z4 * z4
			a := 1 + z*c1 + z2*(c2+z*c3)
			b := c4 + z*c5 + z2*(c6+z*c7)
			c := c8 + z*c9 + z2*(c10+z*c11)
			d := c12 + z*c13 + z2*(c14+z*c15) + z4*c16
			zs[i] = a + z4*b + z8*(c+z4*d)
		}
	}
}
