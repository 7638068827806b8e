package eprop

// BPTTResult is the gradient backpropagation through time computes for one
// trial.
type BPTTResult struct {
	Loss float64   // task loss E
	GW   []float64 // N×P: dE/dW (task loss + rate regulariser)
	GOut []float64 // K×N: dE/dW_out
}

// BPTT computes the gradient of one trial's loss (task loss plus, with
// c_reg > 0, the rate regulariser of this trial alone) with respect to W
// and W_out by backpropagation through time over stored states — the
// exact reference e-prop is tested against. It uses the same
// pseudo-derivative (ψ, 0 while refractory) and stops the same
// z-gradients as e-prop: through the recurrent input W_rec·z^{n−1} and
// through the reset; the z-path into the neuron's own adaptation is kept.
// The readout's error reaches z_j through the feedback weights B (B =
// W_outᵀ for the true gradient).
//
// It stores every step's state, so its memory grows with the sequence
// length: use it for short sequences and small networks (the test
// oracle). The trainer's weights are not changed.
func (t *Trainer) BPTT(tr *Trial) (BPTTResult, error) {
	l, k := t.L, t.Cfg.Outputs
	n, p, steps := l.N, l.P(), tr.Steps
	if err := t.checkTrial(tr); err != nil {
		return BPTTResult{}, err
	}
	z := make([]float64, steps*n)
	psi := make([]float64, steps*n)
	s0 := make([]float64, steps*n)
	held := make([]bool, steps*n)
	pre := make([]float64, steps*p)
	errs := make([]float64, steps*k)
	f := NewForward(l)
	out, _ := NewRateReadout(k, n, t.Cfg.TauOutMs, l.DtMs, t.Cfg.OneMinusKappa)
	copy(out.W, t.Out.W)
	res := BPTTResult{GW: make([]float64, n*p), GOut: make([]float64, k*n)}
	for s := range steps {
		if err := f.Advance(tr.X[s*l.In:(s+1)*l.In], t.wt); err != nil {
			return res, err
		}
		out.Step(f.Z)
		m := 1.0
		if tr.Weight != nil {
			m = tr.Weight[s]
		}
		res.Loss += stepLoss(t.Cfg.Loss, out.Y, tr.Target[s*k:(s+1)*k], m, errs[s*k:(s+1)*k])
		copy(z[s*n:], f.Z)
		copy(psi[s*n:], f.Psi)
		copy(s0[s*n:], f.S0)
		copy(held[s*n:], f.Held)
		copy(pre[s*p:], f.Pre)
	}
	// Rate regulariser: dE_reg/dz_j^n = c_reg·(f_j − f*)/(T·dt), constant in n.
	reg := make([]float64, n)
	if t.Cfg.CReg > 0 {
		dur := float64(steps) * l.DtMs
		for j := range n {
			c := 0.0
			for s := range steps {
				c += z[s*n+j]
			}
			reg[j] = t.Cfg.CReg * (c/dur - t.Cfg.FTargetHz/1000) / dur
		}
	}
	yBack := make([]float64, k)  // dE/dy^n (total)
	dV := make([]float64, n)     // dE/dV^{n+1} while processing n
	dA := make([]float64, n)     // dE/da^{n+1}
	cvNext := make([]float64, n) // ∂V^{n+1}/∂V^n (0 after the last step)
	for s := steps - 1; s >= 0; s-- {
		for kk := range k {
			yBack[kk] = errs[s*k+kk] + out.Kappa*yBack[kk]
		}
		for kk := range k {
			for j := range n {
				res.GOut[kk*n+j] += yBack[kk] * out.C * z[s*n+j]
			}
		}
		for j := range n {
			gz := reg[j]
			for kk := range k {
				gz += t.B[j*k+kk] * out.C * yBack[kk]
			}
			gz += l.Rho[j] * dA[j] // a^{n+1} = ρ(a^n + z^n)
			ps := psi[s*n+j]
			v := ps*gz + cvNext[j]*dV[j]
			a := -l.Beta[j]*ps*gz + l.Rho[j]*dA[j]
			dV[j], dA[j] = v, a
			// ∂V^n/∂V^{n−1} and the input factor of step n.
			cv, bv := l.Alpha[j], l.K[j]*l.R[j]
			if held[s*n+j] {
				cv, bv = 1, 0
			}
			if l.Hard[j] {
				cv *= 1 - s0[s*n+j]
			}
			cvNext[j] = cv
			if bv == 0 || v == 0 {
				continue
			}
			row, ps2 := res.GW[j*p:j*p+p], pre[s*p:s*p+p]
			for i, x := range ps2 {
				row[i] += v * bv * x
			}
		}
	}
	return res, nil
}
