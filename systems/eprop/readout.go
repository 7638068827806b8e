package eprop

import (
	"fmt"
	"math"
)

// RateReadout is the leaky rate readout of reference §6.6
// (LeakyRateReadout): K outputs driven by N inputs,
//
//	y_k^n = κ·y_k^{n−1} + c·Σ_j W_kj·z_j^n,     κ = exp(−dt/τ_out)
//
// with c = 1 (the reference) or c = 1 − κ (Bellec's and NEST's
// normalisation, OneMinusKappa). It reads the spikes of the same step
// (it runs after the spike stage). W is K×N, row-major by output.
type RateReadout struct {
	K, N  int
	Kappa float64 // exp(−dt/τ_out)
	C     float64 // input factor: 1 or 1 − κ
	W     []float64
	Y     []float64 // outputs of the last step
}

// NewRateReadout returns a readout of k outputs from n inputs with time
// constant tauMs (ms) at step dtMs, zero weights and zero state.
func NewRateReadout(k, n int, tauMs, dtMs float64, oneMinusKappa bool) (*RateReadout, error) {
	if k < 1 || n < 1 {
		return nil, fmt.Errorf("readout: needs at least one input and one output, got %d inputs and %d outputs", n, k)
	}
	if !(tauMs > 0) || math.IsInf(tauMs, 0) {
		return nil, fmt.Errorf("readout: tau_out must be > 0 ms and finite, got %v", tauMs)
	}
	kappa := math.Exp(-dtMs / tauMs)
	c := 1.0
	if oneMinusKappa {
		c = -math.Expm1(-dtMs / tauMs)
	}
	return &RateReadout{K: k, N: n, Kappa: kappa, C: c, W: make([]float64, k*n), Y: make([]float64, k)}, nil
}

// Reset sets the outputs to 0.
func (r *RateReadout) Reset() { clear(r.Y) }

// Step advances the outputs with the inputs z (N values) of this step.
func (r *RateReadout) Step(z []float64) {
	n := r.N
	for k := range r.Y {
		row := r.W[k*n : k*n+n]
		s := 0.0
		for j, zj := range z[:n] {
			if zj != 0 {
				s += row[j] * zj
			}
		}
		r.Y[k] = r.Kappa*r.Y[k] + r.C*s
	}
}

// SpikeReadout is the leaky spiking readout of reference §6.6
// (LeakySpikeReadout): K leaky integrate-and-fire outputs driven by N
// inputs through W (K×N, mV per input spike, no R),
//
//	s0 = H((V − V_th)/V_th); soft: V1 = V − V_th·s0; hard: V1 = V·(1 − s0)
//	V2 = V1 + (1 − e^(−dt/τ))·(Σ_j W_kj·x_j − V1)
//	out = H((V2 − V_th)/V_th)
//
// The reference's weight is square (in_size = out_size); here K and N may
// differ.
type SpikeReadout struct {
	K, N  int
	Decay float64 // 1 − exp(−dt/τ)
	VThMV float64
	Hard  bool
	W     []float64
	V     []float64 // mV
	Out   []float64 // spike output of the last step
}

// NewSpikeReadout returns a spiking readout of k outputs from n inputs
// with time constant tauMs and threshold vThMV (> 0), zero weights and V = 0.
func NewSpikeReadout(k, n int, tauMs, dtMs, vThMV float64, hard bool) (*SpikeReadout, error) {
	if k < 1 || n < 1 {
		return nil, fmt.Errorf("spike readout: needs at least one input and one output, got %d inputs and %d outputs", n, k)
	}
	if !(tauMs > 0) || math.IsInf(tauMs, 0) || !(vThMV > 0) {
		return nil, fmt.Errorf("spike readout: tau must be > 0 ms and V_th > 0 mV, got %v ms and %v mV", tauMs, vThMV)
	}
	return &SpikeReadout{K: k, N: n, Decay: -math.Expm1(-dtMs / tauMs), VThMV: vThMV, Hard: hard,
		W: make([]float64, k*n), V: make([]float64, k), Out: make([]float64, k)}, nil
}

// Step advances the readout with the inputs x (N values) of this step.
func (r *SpikeReadout) Step(x []float64) {
	n := r.N
	for k := range r.V {
		row := r.W[k*n : k*n+n]
		cur := 0.0
		for j, xj := range x[:n] {
			if xj != 0 {
				cur += row[j] * xj
			}
		}
		v := r.V[k]
		s0 := 0.0
		if (v-r.VThMV)/r.VThMV >= 0 {
			s0 = 1
		}
		if r.Hard {
			v -= v * s0
		} else {
			v -= r.VThMV * s0
		}
		v += r.Decay * (cur - v)
		r.V[k] = v
		r.Out[k] = 0
		if (v-r.VThMV)/r.VThMV >= 0 {
			r.Out[k] = 1
		}
	}
}
