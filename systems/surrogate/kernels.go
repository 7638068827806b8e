package surrogate

import "math"

// Scalar g'(x) kernels, one per family (and per fixed variant where the
// fix changes g'). Each takes its loop-invariant coefficients precomputed, so
// that GradSlice can compute them once per block and Grad once per call; both
// then run the same inlined arithmetic and agree bit for bit.
//
// The operation order follows the 0.1.10 code (reference §4.1) so that
// rounding matches it as closely as float64 allows.

// sqrt2Pi is sqrt(2*pi).
const sqrt2Pi = 2.5066282746310002

// choose returns a if c else b. Written as a select of bit patterns so the
// compiler emits a conditional move instead of a branch: surrogate inputs
// straddle the threshold unpredictably, and a mispredicted branch costs more
// than evaluating both sides.
//
// (Both bit patterns must be taken before the if; otherwise the compiler
// keeps the branch.)
func choose(c bool, a, b float64) float64 {
	ra, rb := math.Float64bits(a), math.Float64bits(b)
	r := rb
	if c {
		r = ra
	}
	return math.Float64frombits(r)
}

// expit is the logistic sigmoid 1/(1+exp(-z)); it saturates to 0 and 1
// without producing NaN.
func expit(z float64) float64 { return 1 / (1 + math.Exp(-z)) }

// sigmoidGrad: g'(x) = (1 - s)*s*alpha, s = expit(x*alpha).
func sigmoidGrad(alpha, x float64) float64 {
	s := expit(x * alpha)
	return (1 - s) * s * alpha
}

// piecewiseQuadraticGrad (faithful parabola): g'(x) = 0 if |x| > bound,
// else -(alpha*x)^2 + alpha; bound = 1/alpha.
func piecewiseQuadraticGrad(alpha, bound, x float64) float64 {
	ax := alpha * x
	return choose(math.Abs(x) > bound, 0, -(ax*ax)+alpha)
}

// piecewiseQuadraticGradFixed (triangle): g'(x) = 0 if |x| > bound, else
// alpha - alpha2*|x|; bound = 1/alpha, alpha2 = alpha^2.
func piecewiseQuadraticGradFixed(alpha, alpha2, bound, x float64) float64 {
	ax := math.Abs(x)
	return choose(ax > bound, 0, alpha-alpha2*ax)
}

// piecewiseExpGrad: g'(x) = halfAlpha*exp(negAlpha*|x|).
func piecewiseExpGrad(halfAlpha, negAlpha, x float64) float64 {
	return halfAlpha * math.Exp(negAlpha*math.Abs(x))
}

// softSignGrad: g'(x) = halfAlpha / (1 + |alpha*x|)^2.
func softSignGrad(alpha, halfAlpha, x float64) float64 {
	d := 1 + math.Abs(alpha*x)
	return halfAlpha / (d * d)
}

// arctanGrad: g'(x) = halfAlpha / (1 + (k*x)^2), k = pi/2*alpha.
func arctanGrad(halfAlpha, k, x float64) float64 {
	t := k * x
	return halfAlpha / (1 + t*t)
}

// nonzeroSignLogGrad: g'(x) = 1/(invAlpha + |x|).
func nonzeroSignLogGrad(invAlpha, x float64) float64 {
	return 1 / (invAlpha + math.Abs(x))
}

// erfGrad: g'(x) = c*exp(negAlpha2*x*x), c = alpha/sqrt(pi),
// negAlpha2 = -alpha^2.
func erfGrad(c, negAlpha2, x float64) float64 {
	return c * math.Exp(negAlpha2*x*x)
}

// piecewiseLeakyReluGrad: g'(x) = c if |x| > w else inside, where inside is
// 1/w (faithful) or 1/(2w) (fixed).
func piecewiseLeakyReluGrad(c, w, inside, x float64) float64 {
	return choose(math.Abs(x) > w, c, inside)
}

// squarewaveGrad: g'(x) = scale*[cos(w*x) + sum_{i=2}^{last} cos((2i-1)*w*x)],
// scale = 4/T, w = 2*pi/T; last = n-1 (faithful) or n (fixed).
func squarewaveGrad(w, scale float64, last int, x float64) float64 {
	dx := math.Cos(w * x)
	for i := 2; i <= last; i++ {
		dx += math.Cos(float64(2*i-1) * w * x)
	}
	return dx * scale
}

// s2nnGrad: g'(x) = alpha*s*(1-s) with s = expit(alpha*x) for x < 0, else
// beta/(x+1).
func s2nnGrad(alpha, beta, x float64) float64 {
	if x < 0 {
		s := expit(alpha * x)
		return alpha * s * (1 - s)
	}
	return beta / (x + 1)
}

// qPseudoSpikeGrad: g'(x) = (1 + c*|x|)^negAlpha, c = 2/(alpha+1).
func qPseudoSpikeGrad(c, negAlpha, x float64) float64 {
	return math.Pow(1+c*math.Abs(x), negAlpha)
}

// leakyReluGrad: g'(x) = alpha if x < 0 else beta.
func leakyReluGrad(alpha, beta, x float64) float64 {
	return choose(x < 0, alpha, beta)
}

// logTailedReluGrad: g'(x) = 1/x if x > 1; 1 if 0 < x <= 1; alpha if x <= 0.
func logTailedReluGrad(alpha, x float64) float64 {
	return choose(x > 1, 1/x, choose(x > 0, 1, alpha))
}

// reluGrad: g'(x) = max(alphaWidth - |x|*alpha, 0), alphaWidth = alpha*width.
// NaN propagates, as jnp.maximum does.
func reluGrad(alpha, alphaWidth, x float64) float64 {
	return max(alphaWidth-math.Abs(x)*alpha, 0)
}

// gaussianGrad (faithful): g'(x) = alpha*(exp(-(x^2)/2*sigma2) / den),
// sigma2 = sigma^2, den = sqrt(2*pi)*sigma.
func gaussianGrad(alpha, sigma2, den, x float64) float64 {
	return alpha * (math.Exp(-(x*x)/2*sigma2) / den)
}

// gaussianGradFixed: g'(x) = alpha*(exp(-(x^2)/twoSigma2) / den),
// twoSigma2 = 2*sigma^2, den = sqrt(2*pi)*sigma.
func gaussianGradFixed(alpha, twoSigma2, den, x float64) float64 {
	return alpha * (math.Exp(-(x*x)/twoSigma2) / den)
}

// multiGaussianGrad: g'(x) = scale*[g1*(1+h) - g2*h - g3*h] with
// g1 = exp(-x^2/two1)/den1, g2 = exp(-(x-sigma)^2/two2)/den2,
// g3 = exp(-(x+sigma)^2/two2)/den2; two1 = 2*sigma^2, den1 = sqrt(2*pi)*sigma,
// two2 = 2*(s*sigma)^2, den2 = sqrt(2*pi)*s*sigma.
func multiGaussianGrad(h, onePlusH, sigma, scale, two1, den1, two2, den2, x float64) float64 {
	g1 := math.Exp(-(x*x)/two1) / den1
	d2 := x - sigma
	g2 := math.Exp(-(d2*d2)/two2) / den2
	d3 := x + sigma
	g3 := math.Exp(-(d3*d3)/two2) / den2
	return scale * (g1*onePlusH - g2*h - g3*h)
}

// invSquareGrad: g'(x) = 1/(alpha*|x| + 1)^2.
func invSquareGrad(alpha, x float64) float64 {
	d := alpha*math.Abs(x) + 1
	return 1 / (d * d)
}

// slayerGrad: g'(x) = exp(negAlpha*|x|).
func slayerGrad(negAlpha, x float64) float64 {
	return math.Exp(negAlpha * math.Abs(x))
}

// squarewaveLast returns the index of the last summed term: the faithful
// code sums i = 2..n-1 (range(2, n)), the fixed one i = 2..n. n is
// truncated toward zero, as a hand-built spec may hold a fraction.
// A hand-built n outside [1, maxTerms] (or NaN) is clamped into it; New
// rejects such values.
func squarewaveLast(n float64, fixed bool) int {
	switch {
	case n > maxTerms:
		n = maxTerms
	case !(n >= 1):
		n = 1
	}
	last := int(n)
	if !fixed {
		last--
	}
	return last
}
