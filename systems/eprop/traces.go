package eprop

// Traces holds e-prop's state for a Layer and a rate readout: the
// eligibility vectors, the κ-filtered eligibility traces and the gradient
// accumulators, all updated forward in time. Memory is O(synapses): a few
// N×P matrices, independent of the sequence length.
//
// For neuron j, presynaptic entry i and the step n (docs/learning.md):
//
//	ε_v^n = c_j^n·ε_v^{n−1} + b_j^n·p_i^n
//	    c_j^n = (1 − s0_j^n if hard reset, else 1)·(1 if held, else α_j)
//	    b_j^n = 0 if held, else K_j·R_j            (K = 1 − α = 1 − e^(−dt/τ))
//	ε_a^n = ρ_j·(ψ_j^{n−1}·ε_v^{n−1} + (1 − β_j·ψ_j^{n−1})·ε_a^{n−1})   (adaptive only)
//	e^n   = ψ_j^n·(ε_v^n − β_j·ε_a^n)
//	ē^n   = κ·ē^{n−1} + c·e^n                      (the readout's filter)
//	G    += L_j^n·ē^n                              (task gradient)
//	SE   += e^n                                    (for the rate regulariser)
//
// When every neuron has the same α and K·R, no hard reset and no
// refractory period, ε_v does not depend on j and is kept once per
// presynaptic entry (z̄_i, P values instead of N×P).
//
// The readout's own gradient uses ẑ_j^n = κ·ẑ_j^{n−1} + c·z_j^n:
// GOut_kj += err_k^n·ẑ_j^n.
type Traces struct {
	L        *Layer
	P, N, K  int
	Kappa, C float64
	// PreTrace reports the per-presynaptic-entry form of ε_v (ZBar).
	PreTrace bool
	ZBar     []float64 // P: ε_v per presynaptic entry (PreTrace)
	zbOld    []float64
	EpsV     []float64 // N×P (without PreTrace)
	EpsA     []float64 // N×P (with adaptive neurons)
	EBar     []float64 // N×P
	G        []float64 // N×P: Σ_n L^n·ē^n, summed over the trials of a batch
	SE       []float64 // N×P: Σ_n e^n (nil without regularisation)
	ZHat     []float64 // N
	GOut     []float64 // K×N: Σ_n err^n·ẑ^n
	Count    []float64 // N: spikes, summed over the batch
	Steps    int       // steps, summed over the batch
	// Lazy rows (LIF with PreTrace): row j's trace is ē_j = Sigma_j·EBar_j
	// and its gradient G_j + Mu_j·EBar_j, so a step where ψ_j = 0 costs
	// O(1) instead of O(P) for that row (Flush materialises them).
	Lazy      bool
	Sigma, Mu []float64
}

// lazyFloor is the scale below which a lazy row is renormalised, so the
// stored trace never exceeds the true one by more than 1/lazyFloor.
const lazyFloor = 1.0 / 1024

// NewTraces allocates traces for l feeding a readout of k outputs with
// filter κ and input factor c; reg adds the Σe accumulator of the
// firing-rate regulariser.
func NewTraces(l *Layer, k int, kappa, c float64, reg bool) *Traces {
	p, n := l.P(), l.N
	t := &Traces{L: l, P: p, N: n, K: k, Kappa: kappa, C: c,
		EBar: make([]float64, n*p), G: make([]float64, n*p), ZHat: make([]float64, n),
		GOut: make([]float64, k*n), Count: make([]float64, n)}
	t.PreTrace = l.Uniform && !l.AnyHard && !l.AnyRefractory
	if t.PreTrace {
		t.ZBar, t.zbOld = make([]float64, p), make([]float64, p)
		if !l.AnyAdaptive {
			t.Lazy, t.Sigma, t.Mu = true, make([]float64, n), make([]float64, n)
			for j := range t.Sigma {
				t.Sigma[j] = 1
			}
		}
	} else {
		t.EpsV = make([]float64, n*p)
	}
	if l.AnyAdaptive {
		t.EpsA = make([]float64, n*p)
	}
	if reg {
		t.SE = make([]float64, n*p)
	}
	return t
}

// StartTrial clears the per-trial state (eligibility vectors and traces),
// keeping the gradient accumulators.
func (t *Traces) StartTrial() {
	t.Flush()
	clear(t.ZBar)
	clear(t.EpsV)
	clear(t.EpsA)
	clear(t.EBar)
	clear(t.ZHat)
}

// ClearGradients zeroes the accumulators (after an update).
func (t *Traces) ClearGradients() {
	t.Flush()
	clear(t.G)
	clear(t.SE)
	clear(t.GOut)
	clear(t.Count)
	t.Steps = 0
}

// Update advances the traces by the step f just took, with the learning
// signals lsig (N values, L_j^n = Σ_k B_jk·err_k^n) and the readout errors
// err (K values).
func (t *Traces) Update(f *Forward, lsig, err []float64) {
	l := t.L
	p, n := t.P, t.N
	kappa, c := t.Kappa, t.C
	if t.PreTrace {
		copy(t.zbOld, t.ZBar)
		a, b := l.Alpha[0], l.K[0]*l.R[0]
		for i, x := range f.Pre {
			t.ZBar[i] = a*t.ZBar[i] + b*x
		}
	}
	for j := range n {
		lo, hi := j*p, j*p+p
		ebar, g := t.EBar[lo:hi], t.G[lo:hi]
		var se []float64
		if t.SE != nil {
			se = t.SE[lo:hi]
		}
		psi, lj := f.Psi[j], lsig[j]
		adaptive := l.Rho[j] != 0
		switch {
		case t.Lazy:
			sg := t.Sigma[j] * kappa
			if psi != 0 {
				a := c * psi / sg
				rowLIFLazy(ebar, g, se, t.ZBar, a, -t.Mu[j]*a, psi)
			}
			t.Mu[j] += lj * sg
			t.Sigma[j] = sg
			if sg < lazyFloor {
				t.flushRow(j)
			}
		case t.PreTrace && !adaptive:
			rowLIF(ebar, g, se, t.ZBar, psi, kappa, c, lj)
		case t.PreTrace:
			rowALIF(ebar, g, se, t.EpsA[lo:hi], t.zbOld, t.ZBar, psi, f.PsiPrev[j], l.Rho[j], l.Beta[j], kappa, c, lj)
		default:
			var ea []float64
			if adaptive {
				ea = t.EpsA[lo:hi]
			}
			cv, bv := l.Alpha[j], l.K[j]*l.R[j]
			if f.Held[j] {
				cv, bv = 1, 0
			}
			if l.Hard[j] {
				cv *= 1 - f.S0[j]
			}
			rowGeneral(ebar, g, se, t.EpsV[lo:hi], ea, f.Pre, cv, bv, psi, f.PsiPrev[j], l.Rho[j], l.Beta[j], kappa, c, lj)
		}
	}
	for j, z := range f.Z {
		t.ZHat[j] = kappa*t.ZHat[j] + c*z
		t.Count[j] += z
	}
	for k, e := range err {
		if e == 0 {
			continue
		}
		row := t.GOut[k*n : k*n+n]
		for j, zh := range t.ZHat {
			row[j] += e * zh
		}
	}
	t.Steps++
}

// Flush materialises the lazy rows: G_j += Mu_j·EBar_j, EBar_j *=
// Sigma_j, then Sigma_j = 1, Mu_j = 0. Call it before reading G or EBar
// (Gradient and the trainer do).
func (t *Traces) Flush() {
	if !t.Lazy {
		return
	}
	for j := range t.N {
		t.flushRow(j)
	}
}

// flushRow materialises lazy row j.
func (t *Traces) flushRow(j int) {
	p := t.P
	ebar, g := t.EBar[j*p:j*p+p], t.G[j*p:j*p+p]
	mu, sg := t.Mu[j], t.Sigma[j]
	for i, e := range ebar {
		g[i] += mu * e
		ebar[i] = e * sg
	}
	t.Mu[j], t.Sigma[j] = 0, 1
}

// rowLIFLazy adds a·z̄ to a lazy row's trace, b·z̄ to its gradient and
// ψ·z̄ to its Σe.
func rowLIFLazy(ebar, g, se, zb []float64, a, b, psi float64) {
	g = g[:len(ebar)]
	zb = zb[:len(ebar)]
	if se == nil {
		for i, z := range zb {
			ebar[i] += a * z
			g[i] += b * z
		}
		return
	}
	se = se[:len(ebar)]
	for i, z := range zb {
		ebar[i] += a * z
		g[i] += b * z
		se[i] += psi * z
	}
}

// rowLIF updates one row with the shared presynaptic trace zb.
func rowLIF(ebar, g, se, zb []float64, psi, kappa, c, lj float64) {
	g = g[:len(ebar)]
	zb = zb[:len(ebar)]
	if psi == 0 {
		for i := range ebar {
			e := kappa * ebar[i]
			ebar[i] = e
			g[i] += lj * e
		}
		return
	}
	cp := c * psi
	for i := range ebar {
		e := kappa*ebar[i] + cp*zb[i]
		ebar[i] = e
		g[i] += lj * e
	}
	if se != nil {
		se = se[:len(zb)]
		for i, z := range zb {
			se[i] += psi * z
		}
	}
}

// rowALIF updates one adaptive row with the shared presynaptic traces of
// the previous (zo) and this (zn) step.
func rowALIF(ebar, g, se, ea, zo, zn []float64, psi, psiPrev, rho, beta, kappa, c, lj float64) {
	n := len(ebar)
	g, ea, zo, zn = g[:n], ea[:n], zo[:n], zn[:n]
	ca, cz := rho*(1-beta*psiPrev), rho*psiPrev
	for i := range ebar {
		a := ca*ea[i] + cz*zo[i]
		ea[i] = a
		e := psi * (zn[i] - beta*a)
		eb := kappa*ebar[i] + c*e
		ebar[i] = eb
		g[i] += lj * eb
		if se != nil {
			se[i] += e
		}
	}
}

// rowGeneral updates one row with its own per-synapse ε_v.
func rowGeneral(ebar, g, se, ev, ea, pre []float64, cv, bv, psi, psiPrev, rho, beta, kappa, c, lj float64) {
	n := len(ebar)
	g, ev, pre = g[:n], ev[:n], pre[:n]
	if ea == nil {
		for i := range ebar {
			v := cv*ev[i] + bv*pre[i]
			ev[i] = v
			e := psi * v
			eb := kappa*ebar[i] + c*e
			ebar[i] = eb
			g[i] += lj * eb
			if se != nil {
				se[i] += e
			}
		}
		return
	}
	ea = ea[:n]
	ca, cz := rho*(1-beta*psiPrev), rho*psiPrev
	for i := range ebar {
		a := ca*ea[i] + cz*ev[i]
		ea[i] = a
		v := cv*ev[i] + bv*pre[i]
		ev[i] = v
		e := psi * (v - beta*a)
		eb := kappa*ebar[i] + c*e
		ebar[i] = eb
		g[i] += lj * eb
		if se != nil {
			se[i] += e
		}
	}
}
