package ecs_test

import (
	"math"
	"math/rand/v2"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/spikecs/spikecs/ecs"
)

// countingSource is a PCG source that counts the 64-bit draws.
type countingSource struct {
	src rand.Source
	n   int
}

func (c *countingSource) Uint64() uint64 { c.n++; return c.src.Uint64() }

// millsRatio is Q(x)/φ(x) for x >= 5 (Q the upper normal tail), by its
// continued fraction 1/(x + 1/(x + 2/(x + 3/(x + …)))), evaluated from
// the 400th term backwards.
func millsRatio(x float64) float64 {
	t := x
	for k := 400; k >= 1; k-- {
		t = x + float64(k)/t
	}
	return 1 / t
}

// truncMoments is the closed form of the mean and variance of N(mu, sd²)
// truncated to [lo, hi]: with a, b the standardised bounds, Z = Φ(b) − Φ(a),
//
//	mean = mu + sd·(φ(a) − φ(b))/Z
//	var  = sd²·(1 + (a·φ(a) − b·φ(b))/Z − ((φ(a) − φ(b))/Z)²)
//
// An interval above the mean is mirrored (the mean changes sign), so that
// Φ is only taken in the accurate lower tail. For an interval more than
// 5 sd out, Φ would underflow (beyond 37 sd), so the fractions are
// divided by φ at the bound nearer the mean and written with the Mills
// ratio R = Q/φ: for 0 < a < b with E = φ(b)/φ(a) = exp(−(b − a)(b + a)/2),
//
//	(φ(a) − φ(b))/Z = (1 − E)/(R(a) − E·R(b)),  (a·φ(a) − b·φ(b))/Z = (a − b·E)/(R(a) − E·R(b)).
func truncMoments(mu, sd, lo, hi float64) (mean, variance float64) {
	a, b := (lo-mu)/sd, (hi-mu)/sd
	sign := 1.0
	if a > 0 { // mirror into the lower tail: [−b, −a]
		a, b, sign = -b, -a, -1
	}
	var m, s float64 // (φ(a) − φ(b))/Z and (a·φ(a) − b·φ(b))/Z in the lower-tail orientation
	if b < -5 {
		// In the upper tail [ua, ub] = [−b, −a]: Z = Q(ua) − Q(ub); the
		// lower-tail φ(a) − φ(b) is φ(ub) − φ(ua), so m changes sign and
		// s keeps it.
		ua, ub := -b, -a
		e := math.Exp(-(ub - ua) * (ub + ua) / 2)
		den := millsRatio(ua) - e*millsRatio(ub)
		m = -(1 - e) / den
		s = (ua - ub*e) / den
	} else {
		phi := func(x float64) float64 { return math.Exp(-x*x/2) / math.Sqrt(2*math.Pi) }
		cdf := func(x float64) float64 { return 0.5 * math.Erfc(-x/math.Sqrt2) }
		z := cdf(b) - cdf(a)
		m = (phi(a) - phi(b)) / z
		s = (a*phi(a) - b*phi(b)) / z
	}
	return mu + sign*sd*m, sd * sd * (1 + s - m*m)
}

// TestTruncNormalMoments compares the sample mean and variance of 100000
// draws with the closed form, within 5 standard errors (of the mean:
// sqrt(var/n); of the variance: sqrt((m4 − var²)/n), m4 the sample's
// fourth central moment). The far-tail intervals are the ones inverse-CDF
// sampling got wrong: [8, 9] gave 8.0766 in most draws, [8.5, 9] was
// rejected as having no probability mass.
func TestTruncNormalMoments(t *testing.T) {
	cases := []struct{ mu, sd, lo, hi float64 }{
		{0, 1, 8, 9},
		{0, 1, 8.5, 9},
		{0, 1, -9, -8.5},
		{0, 1, 37, 38},        // Φ(−38) underflows
		{0, 1, 100, 101},      // e^(−5000)
		{0, 1, 1000, 1000.01}, // narrow and far
		{0, 1, 5.5, 1e6},      // a wide one-sided tail
		{3, 2, -20, -7},       // below the mean: 5 to 11.5 sd
		{0.1, 0.05, 0, 0.3},   // the default built-in's beta
		{0, 1, -1, 2},
		{0, 1, 0.1, 5},
		{-55, 2, -70, -56},
	}
	const n = 100000
	for _, c := range cases {
		r := rand.New(rand.NewPCG(1, 2))
		p, err := ecs.TruncNormal(c.mu, c.sd, c.lo, c.hi).Resolve(n, r)
		require.NoError(t, err, "%+v", c)
		xs := p.Values
		var sum float64
		for _, x := range xs {
			require.True(t, x >= c.lo && x <= c.hi, "%+v: draw %v outside the interval", c, x)
			sum += x
		}
		mean := sum / n
		var m2, m4 float64
		for _, x := range xs {
			d := (x - mean) * (x - mean)
			m2, m4 = m2+d, m4+d*d
		}
		m2, m4 = m2/n, m4/n
		wantMean, wantVar := truncMoments(c.mu, c.sd, c.lo, c.hi)
		require.Positive(t, wantVar, "%+v", c)
		assert.InDelta(t, wantMean, mean, 5*math.Sqrt(wantVar/n), "%+v: mean", c)
		assert.InDelta(t, wantVar, m2, 5*math.Sqrt((m4-m2*m2)/n), "%+v: variance", c)
	}
}

// TestTruncNormalSymmetric: an interval and its mirror image about the
// mean give exactly opposite draws from the same seed, in the far tail and
// near the mean.
func TestTruncNormalSymmetric(t *testing.T) {
	for _, c := range []struct{ mu, sd, lo, hi float64 }{
		{0, 1, 8.5, 9}, {0, 1, 8, 9}, {0, 1, 1, 2}, {3, 0.5, 5, 6}, {0, 1, 0.5, 40},
	} {
		up, err := ecs.TruncNormal(c.mu, c.sd, c.lo, c.hi).Resolve(1000, rand.New(rand.NewPCG(7, 7)))
		require.NoError(t, err)
		down, err := ecs.TruncNormal(-c.mu, c.sd, -c.hi, -c.lo).Resolve(1000, rand.New(rand.NewPCG(7, 7)))
		require.NoError(t, err)
		for i := range up.Values {
			require.Equal(t, up.Values[i], -down.Values[i], "%+v draw %d", c, i)
		}
	}
}

// TestTruncNormalFarTail: the case, five draws of N(0, 1) on
// [8, 9], are five different values; the same seed repeats them; the
// rejection sampler needs few uniforms per draw (acceptance >= 0.98, so
// about two per draw).
func TestTruncNormalFarTail(t *testing.T) {
	draw := func(seed uint64) []float64 {
		p, err := ecs.TruncNormal(0, 1, 8, 9).Resolve(5, rand.New(rand.NewPCG(seed, 1)))
		require.NoError(t, err)
		return p.Values
	}
	xs := draw(1)
	seen := map[float64]bool{}
	for _, x := range xs {
		assert.False(t, seen[x], "repeated draw %v in %v", x, xs)
		seen[x] = true
	}
	assert.Equal(t, xs, draw(1), "same seed, same draws")
	assert.NotEqual(t, xs, draw(2))

	src := &countingSource{src: rand.NewPCG(3, 4)}
	const n = 10000
	_, err := ecs.TruncNormal(0, 1, 8.5, 9).Resolve(n, rand.New(src))
	require.NoError(t, err)
	assert.Less(t, float64(src.n)/n, 2.1, "uniforms per draw")
	assert.NoError(t, ecs.TruncNormal(0, 1, 8.5, 9).Check(1))
	assert.NoError(t, ecs.TruncNormal(0, 1, 1e6, 1e6+1).Check(1))
}

// TestTruncNormalKeepsCentralDraws: intervals whose lower bound is at or
// below the mean are sampled exactly as before the far-tail fix (inverse
// CDF of the normal, one uniform per draw), so seeds keep their values.
func TestTruncNormalKeepsCentralDraws(t *testing.T) {
	mu, sd, lo, hi := 0.1, 0.05, 0.0, 0.3
	p, err := ecs.TruncNormal(mu, sd, lo, hi).Resolve(100, rand.New(rand.NewPCG(5, 6)))
	require.NoError(t, err)
	r := rand.New(rand.NewPCG(5, 6))
	cdf := func(x float64) float64 { return 0.5 * math.Erfc(-(x-mu)/(sd*math.Sqrt2)) }
	plo, phi := cdf(lo), cdf(hi)
	for i, x := range p.Values {
		u := plo + (phi-plo)*r.Float64()
		// x is the normal quantile of u: check Φ(x) = u to rounding.
		assert.InDelta(t, u, cdf(x), 1e-15, "draw %d", i)
	}
}
