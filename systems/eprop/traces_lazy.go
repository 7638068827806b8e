package eprop

// updateLazy is Update for lazy rows.
func (t *Traces) updateLazy(f *Forward, lsig []float64) {
	l := t.L
	p := t.P
	alpha, kr := l.Alpha[0], l.K[0]*l.R[0]
	t.zeta, t.zetaOld = t.zetaOld, t.zeta
	zn, zo := t.zeta[:p], t.zetaOld[:p]
	for i, x := range f.Pre[:p] {
		zn[i] = alpha*zo[i] + kr*x
	}
	for j := range t.N {
		lo, hi := j*p, j*p+p
		psi, pp := f.Psi[j], f.PsiPrev[j]
		rho, beta := l.Rho[j], l.Beta[j]
		sv, sa := t.sigV[j], t.sigA[j]
		var d, a []float64
		if t.EpsV != nil {
			d = t.EpsV[lo:hi]
		}
		if rho != 0 {
			a = t.EpsA[lo:hi]
		}
		// ε_a^n = ρ·ε_a^{n−1} when ψ^{n−1} = 0; otherwise step n − 1
		// already computed it (below, fused with e^{n−1}).
		if rho != 0 && pp == 0 {
			sa *= rho
		}
		// ε_v^n.
		cv, bv := alpha, kr
		if f.Held[j] {
			cv, bv = 1, 0
		}
		if l.Hard[j] {
			cv *= 1 - f.S0[j]
		}
		if cv == alpha && bv == kr {
			sv *= alpha
		} else {
			b := bv / kr // 0 or 1: the input enters as K·R·p = ζ^n − α·ζ^{n−1}
			if t.dZero[j] {
				for i, z := range zo {
					d[i] = cv*z + b*(zn[i]-alpha*z) - zn[i]
				}
			} else {
				for i, z := range zo {
					d[i] = cv*(z+sv*d[i]) + b*(zn[i]-alpha*z) - zn[i]
				}
			}
			sv, t.dZero[j] = 1, false
		}
		// e^n, ē^n, G and SE.
		se := t.sigE[j] * t.Kappa
		if psi != 0 {
			ac := t.C / se
			sink := t.scratch[:p]
			if t.SE != nil {
				sink = t.SE[lo:hi]
			}
			var dd []float64
			if !t.dZero[j] {
				dd = d
			}
			if a == nil {
				addLazy(t.EBar[lo:hi], t.G[lo:hi], sink, zn, dd, psi, sv, ac, -t.mu[j]*ac)
			} else {
				// Also ε_a^{n+1} = ρ·(ψ^n·ε_v^n + (1 − β·ψ^n)·ε_a^n), needed next step.
				addLazyAdaptive(t.EBar[lo:hi], t.G[lo:hi], sink, zn, dd, a, psi, sv, -beta*sa, ac, -t.mu[j]*ac, rho*(1-beta*psi)*sa, rho*psi)
				sa, t.aZero[j] = 1, false
			}
		}
		t.mu[j] += lsig[j] * se
		t.sigE[j] = se
		if se < lazyFloor {
			t.flushRow(j)
		}
		if sv < lazyFloor {
			if !t.dZero[j] {
				for i := range d {
					d[i] *= sv
				}
			}
			sv = 1
		}
		if sa < lazyFloor {
			if !t.aZero[j] {
				for i := range a {
					a[i] *= sa
				}
			}
			sa = 1
		}
		t.sigV[j], t.sigA[j] = sv, sa
	}
}

// addLazy adds e_i = ψ·(ζ_i + sv·d_i) (d nil: 0) to a lazy row: ac·e to
// its E, gc·e to its Ĝ (skipped when gc = 0: no learning signal yet in
// this trial) and e to se.
func addLazy(ebar, g, se, zn, d []float64, psi, sv, ac, gc float64) {
	n := len(ebar)
	g, se, zn = g[:n], se[:n], zn[:n]
	switch {
	case d == nil && gc == 0:
		for i, z := range zn {
			x := psi * z
			ebar[i] += ac * x
			se[i] += x
		}
	case d == nil:
		for i, z := range zn {
			x := psi * z
			ebar[i] += ac * x
			g[i] += gc * x
			se[i] += x
		}
	case gc == 0:
		d = d[:n]
		for i, z := range zn {
			x := psi * (z + sv*d[i])
			ebar[i] += ac * x
			se[i] += x
		}
	default:
		d = d[:n]
		for i, z := range zn {
			x := psi * (z + sv*d[i])
			ebar[i] += ac * x
			g[i] += gc * x
			se[i] += x
		}
	}
}

// addLazyAdaptive is addLazy for an adaptive row, with
// e_i = ψ·(v_i + ba·a_i), v_i = ζ_i + sv·d_i, and the next step's
// ε_a: a_i ← ca·a_i + cz·v_i.
func addLazyAdaptive(ebar, g, se, zn, d, a []float64, psi, sv, ba, ac, gc, ca, cz float64) {
	n := len(ebar)
	g, se, zn, a = g[:n], se[:n], zn[:n], a[:n]
	switch {
	case d == nil && gc == 0:
		for i, v := range zn {
			ai := a[i]
			x := psi * (v + ba*ai)
			ebar[i] += ac * x
			se[i] += x
			a[i] = ca*ai + cz*v
		}
	case d == nil:
		for i, v := range zn {
			ai := a[i]
			x := psi * (v + ba*ai)
			ebar[i] += ac * x
			g[i] += gc * x
			se[i] += x
			a[i] = ca*ai + cz*v
		}
	case gc == 0:
		d = d[:n]
		for i, z := range zn {
			v, ai := z+sv*d[i], a[i]
			x := psi * (v + ba*ai)
			ebar[i] += ac * x
			se[i] += x
			a[i] = ca*ai + cz*v
		}
	default:
		d = d[:n]
		for i, z := range zn {
			v, ai := z+sv*d[i], a[i]
			x := psi * (v + ba*ai)
			ebar[i] += ac * x
			g[i] += gc * x
			se[i] += x
			a[i] = ca*ai + cz*v
		}
	}
}
