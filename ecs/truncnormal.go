package ecs

import (
	"fmt"
	"math"
	"math/rand/v2"

	"gonum.org/v1/gonum/stat/distuv"
)

// tailCutSD is how many standard deviations beyond the mean an interval
// must lie, entirely, for the truncated normal to switch from inverse-CDF
// sampling to exponential rejection (truncTail). Below it the lower-tail
// CDF values are at least 2.9e-7 and the inverse CDF is accurate.
const tailCutSD = 5

// truncCanonical returns the truncated normal N(mu, sd²) on [lo, hi] in
// canonical orientation: the lower bound at or below the mean. An interval
// that lies entirely above the mean is mirrored, N(−mu, sd²) on
// [−hi, −lo], and flip reports it: the draws are then negated. Negation is
// exact in floating point, so an interval and its mirror image give
// exactly opposite draws from the same stream, and the inverse CDF only
// ever evaluates the accurate lower tail (Φ(x) for x far above the mean
// rounds to 1, which lost the upper tail: [8, 9] sd returned 8.0766 in
// most draws, and [8.5, 9] had "no mass").
func truncCanonical(mu, lo, hi float64) (cmu, clo, chi float64, flip bool) {
	if lo > mu {
		return -mu, -hi, -lo, true
	}
	return mu, lo, hi, false
}

// checkTruncNormal reports an interval that float64 cannot sample: one
// lying so far from the mean that its distance in standard deviations
// overflows (more than about 1.8e308 sd).
func checkTruncNormal(mu, sd, lo, hi float64) error {
	cmu, _, chi, _ := truncCanonical(mu, lo, hi)
	if b := (chi - cmu) / sd; math.IsInf(b, -1) || math.IsNaN(b) {
		return fmt.Errorf("truncnormal(%g, %g, [%g, %g]): the interval lies too many standard deviations from the mean to sample in float64", mu, sd, lo, hi)
	}
	return nil
}

// drawTruncNormal fills out with draws from N(mu, sd²) truncated to
// [lo, hi], from r. In canonical orientation (truncCanonical) an interval
// reaching within tailCutSD of the mean is sampled by inverse CDF, one
// uniform per draw: x = F⁻¹(F(lo) + (F(hi) − F(lo))·u). An interval
// entirely more than tailCutSD below the mean is sampled by truncTail on
// its standardised mirror image, a variable number of uniforms per draw.
// Both are exact up to rounding, so the result does not depend on which
// one runs; the same seed gives the same draws.
func drawTruncNormal(mu, sd, lo, hi float64, r *rand.Rand, out []float64) {
	cmu, clo, chi, flip := truncCanonical(mu, lo, hi)
	sign := 1.0
	if flip {
		sign = -1
	}
	if b := (chi - cmu) / sd; b < -tailCutSD {
		a := (clo - cmu) / sd // may be −Inf: one-sided
		for i := range out {
			z := -truncTail(-b, -a, r)
			x := sign * (cmu + sd*z)
			out[i] = math.Min(math.Max(x, lo), hi)
		}
		return
	}
	d := distuv.Normal{Mu: cmu, Sigma: sd}
	plo, phi := d.CDF(clo), d.CDF(chi)
	for i := range out {
		x := sign * d.Quantile(plo+(phi-plo)*r.Float64())
		out[i] = math.Min(math.Max(x, lo), hi)
	}
}

// truncTail draws Z ~ N(0, 1) conditioned on a <= Z <= b, for 0 < a < b
// (b may be +Inf), by rejection from an exponential proposal (C. P.
// Robert, "Simulation of truncated normal variables", Statistics and
// Computing 5, 1995). The proposal z = a + E, E ~ Exp(λ) truncated to
// [0, b − a], is drawn by inversion:
//
//	z = a − log(1 − u·w)/λ,  w = 1 − e^(−λ(b − a))
//
// The target over proposal density ratio is ∝ exp(−z²/2 + λz) =
// exp(λ²/2)·exp(−(z − λ)²/2) <= exp(λ²/2), so z is accepted with
// probability exp(−(z − λ)²/2). Robert's rate λ = (a + √(a² + 4))/2
// maximises the acceptance of the one-sided tail; for a >= 5 (how
// drawTruncNormal uses it) a numerical integration over a in [5, 1e6]
// and b − a in [1e-9, ∞) gives an acceptance of at least 0.98.
func truncTail(a, b float64, r *rand.Rand) float64 {
	lam := (a + math.Hypot(a, 2)) / 2
	w := -math.Expm1(-lam * (b - a))
	for {
		z := a - math.Log1p(-w*r.Float64())/lam
		z = math.Min(z, b)
		d := z - lam
		if r.Float64() < math.Exp(-d*d/2) {
			return z
		}
	}
}
