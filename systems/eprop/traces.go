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
// The readout's own gradient uses ẑ_j^n = κ·ẑ_j^{n−1} + c·z_j^n:
// GOut_kj += err_k^n·ẑ_j^n.
//
// Lazy rows. When every neuron has the same α and K·R (Layer.Uniform),
// ε_v is stored as ζ_i + σ_v,j·D_ji, with the presynaptic trace
// ζ^n = α·ζ^{n−1} + K·R·p^n shared by all rows; ε_a as σ_a,j·A_ji; ē as
// σ_e,j·E_ji and G as Ĝ_ji + μ_j·E_ji. A step in which neuron j has
// ψ_j^n = ψ_j^{n−1} = 0 and is neither held nor hard-reset only updates
// the row's scalars (σ ← decay·σ, μ += L·σ_e): O(1) instead of O(P). The
// other steps cost O(P) for that row. Scales below 1/1024 are folded back
// into their rows, so stored values never exceed the true ones by more
// than 1024. Flush materialises G and ē.
type Traces struct {
	L        *Layer
	P, N, K  int
	Kappa, C float64
	// Lazy reports the lazy-row form (Layer.Uniform); otherwise every row
	// keeps its own ε_v (EpsV) and is updated every step.
	Lazy bool
	G    []float64 // N×P: Σ_n L^n·ē^n, summed over the trials of a batch (Ĝ when Lazy)
	EBar []float64 // N×P: ē (E when Lazy)
	EpsV []float64 // N×P: ε_v (D when Lazy; nil without holds and hard resets)
	EpsA []float64 // N×P: ε_a (A when Lazy; nil without adaptive neurons)
	SE   []float64 // N×P: Σ_n e^n (nil without regularisation)
	ZHat []float64 // N
	GOut []float64 // K×N: Σ_n err^n·ẑ^n
	// Count and Steps are the spikes per neuron and the steps since the
	// last update (for the rate regulariser).
	Count []float64
	Steps int
	// count0 and steps0 are Count and Steps at the start of the trial.
	count0 []float64
	steps0 int
	// Lazy state: ζ of this and the previous step (P), and per row the
	// scales σ_e, σ_v, σ_a, the gradient coefficient μ and whether D and A
	// are all zero.
	zeta, zetaOld        []float64
	sigE, sigV, sigA, mu []float64
	dZero, aZero         []bool
	scratch              []float64
}

// lazyFloor is the scale below which a lazy row is renormalised.
const lazyFloor = 1.0 / 1024

// NewTraces allocates traces for l feeding a readout of k outputs with
// filter κ and input factor c; reg adds the Σe accumulator of the
// firing-rate regulariser.
func NewTraces(l *Layer, k int, kappa, c float64, reg bool) *Traces {
	p, n := l.P(), l.N
	t := &Traces{L: l, P: p, N: n, K: k, Kappa: kappa, C: c, Lazy: l.Uniform,
		EBar: make([]float64, n*p), G: make([]float64, n*p), ZHat: make([]float64, n),
		GOut: make([]float64, k*n), Count: make([]float64, n), count0: make([]float64, n), scratch: make([]float64, p)}
	if !t.Lazy || l.AnyHard || l.AnyHold {
		t.EpsV = make([]float64, n*p)
	}
	if l.AnyAdaptive {
		t.EpsA = make([]float64, n*p)
	}
	if reg {
		t.SE = make([]float64, n*p)
	}
	if t.Lazy {
		t.zeta, t.zetaOld = make([]float64, p), make([]float64, p)
		t.sigE, t.sigV, t.sigA, t.mu = make([]float64, n), make([]float64, n), make([]float64, n), make([]float64, n)
		t.dZero, t.aZero = make([]bool, n), make([]bool, n)
	}
	t.StartTrial()
	return t
}

// StartTrial clears the per-trial state (eligibility vectors and traces),
// keeping the gradient accumulators.
func (t *Traces) StartTrial() {
	t.Flush()
	copy(t.count0, t.Count)
	t.steps0 = t.Steps
	clear(t.EpsV)
	clear(t.EpsA)
	clear(t.EBar)
	clear(t.ZHat)
	if t.Lazy {
		clear(t.zeta)
		for j := range t.N {
			t.sigE[j], t.sigV[j], t.sigA[j], t.mu[j] = 1, 1, 1, 0
			t.dZero[j], t.aZero[j] = true, true
		}
	}
}

// ClearGradients zeroes the accumulators (after an update).
func (t *Traces) ClearGradients() {
	t.Flush()
	clear(t.G)
	clear(t.SE)
	clear(t.GOut)
	clear(t.Count)
	clear(t.count0)
	t.Steps, t.steps0 = 0, 0
}

// Flush materialises the lazy rows' gradient and trace: G_j += μ_j·E_j,
// E_j *= σ_e,j, then σ_e,j = 1 and μ_j = 0. Call it before reading G or
// EBar (Gradient and the trainer do).
func (t *Traces) Flush() {
	if !t.Lazy {
		return
	}
	for j := range t.N {
		t.flushRow(j)
	}
}

// flushRow materialises lazy row j's G and ē.
func (t *Traces) flushRow(j int) {
	p := t.P
	ebar, g := t.EBar[j*p:j*p+p], t.G[j*p:j*p+p]
	mu, sg := t.mu[j], t.sigE[j]
	if mu != 0 || sg != 1 {
		for i, e := range ebar {
			g[i] += mu * e
			ebar[i] = e * sg
		}
	}
	t.mu[j], t.sigE[j] = 0, 1
}

// Update advances the traces by the step f just took, with the learning
// signals lsig (N values, L_j^n = Σ_k B_jk·err_k^n) and the readout errors
// err (K values).
func (t *Traces) Update(f *Forward, lsig, err []float64) {
	if t.Lazy {
		t.updateLazy(f, lsig)
	} else {
		t.updateDense(f, lsig)
	}
	kappa, c, n := t.Kappa, t.C, t.N
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

// updateDense is Update with every row's own ε_v, for layers whose
// neurons differ in α or K·R.
func (t *Traces) updateDense(f *Forward, lsig []float64) {
	l := t.L
	p := t.P
	for j := range t.N {
		lo, hi := j*p, j*p+p
		var se, ea []float64
		if t.SE != nil {
			se = t.SE[lo:hi]
		}
		if l.Rho[j] != 0 {
			ea = t.EpsA[lo:hi]
		}
		cv, bv := l.Alpha[j], l.K[j]*l.R[j]
		if f.Held[j] {
			cv, bv = 1, 0
		}
		if l.Hard[j] {
			cv *= 1 - f.S0[j]
		}
		rowGeneral(t.EBar[lo:hi], t.G[lo:hi], se, t.EpsV[lo:hi], ea, f.Pre, cv, bv, f.Psi[j], f.PsiPrev[j], l.Rho[j], l.Beta[j], t.Kappa, t.C, lsig[j])
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
