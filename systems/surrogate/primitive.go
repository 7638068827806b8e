package surrogate

import (
	"math"

	"github.com/spikecs/spikecs/components"
)

// Primitive returns the family's "original function" g(x), whose derivative
// g'(x) is meant to be the surrogate gradient, and true; or 0 and false where
// g is not defined. The reference never uses g in simulation or training; it
// exists for plots and consistency checks.
//
// Faithful (!s.Fixed) values are g as 0.1.10 codes it, including its bugs:
//   - arctan: the coded g calls arctan2 with one argument and raises, so
//     Primitive reports false;
//   - erf: g(x) = 0.5*erf(-alpha*x) is decreasing (the wrong sign);
//   - q_pseudo_spike: g uses 2/(alpha-1) where g' uses 2/(alpha+1), so the
//     two disagree and g is non-finite at x = -(alpha-1)/2 for alpha > 1; at
//     alpha = 1 the reference divides a Python float by zero and raises, so
//     Primitive reports false;
//   - piecewise_quadratic and piecewise_leaky_relu: g is the correct
//     antiderivative of the fixed g', not of the faithful one;
//   - log_tailed_relu: g jumps from 1 to 0 at x = 1 (log(x) for x > 1).
//
// Fixed values differ for arctan (arctan(pi/2*alpha*x)/pi + 0.5), erf
// (0.5*(1 - erf(-alpha*x))), q_pseudo_spike (the antiderivative of g' through
// (0, 0.5)) and squarewave_fourier_series (n terms instead of n-1).
//
// relu_grad, gaussian_grad, multi_gaussian_grad, inv_square_grad and
// slayer_grad define no g and report false. Kind SurrogateUnset behaves like
// Default() (relu_grad), so it reports false too.
func Primitive(s components.SurrogateSpec, x float64) (float64, bool) {
	p := s.P
	switch s.Kind {
	case components.SurrogateSigmoid:
		// g(x) = sigmoid(alpha*x)
		return expit(p[0] * x), true
	case components.SurrogatePiecewiseQuadratic:
		// g(x) = 0 if x < -1/alpha; 1 if x > 1/alpha;
		// else (-alpha*|x|/2 + 1)*alpha*x + 0.5
		alpha := p[0]
		switch {
		case x < -1/alpha:
			return 0, true
		case x > 1/alpha:
			return 1, true
		}
		return (-alpha*math.Abs(x)/2+1)*alpha*x + 0.5, true
	case components.SurrogatePiecewiseExp:
		// g(x) = exp(alpha*x)/2 if x < 0 else 1 - exp(-alpha*x)/2
		if x < 0 {
			return math.Exp(p[0]*x) / 2, true
		}
		return 1 - math.Exp(-p[0]*x)/2, true
	case components.SurrogateSoftSign:
		// g(x) = x/(2/alpha + 2|x|) + 0.5
		return x/(2/p[0]+2*math.Abs(x)) + 0.5, true
	case components.SurrogateArctan:
		if !s.Fixed {
			return 0, false
		}
		// fixed: g(x) = arctan(pi/2*alpha*x)/pi + 0.5
		return math.Atan(math.Pi/2*p[0]*x)/math.Pi + 0.5, true
	case components.SurrogateNonzeroSignLog:
		// g(x) = sign0(x)*log(|alpha*x| + 1), sign0(x) = -1 if x < 0 else 1
		sign := 1.0
		if x < 0 {
			sign = -1
		}
		return sign * math.Log(math.Abs(p[0]*x)+1), true
	case components.SurrogateERF:
		if s.Fixed {
			// fixed: g(x) = 0.5*(1 - erf(-alpha*x))
			return 0.5 * (1 - math.Erf(-p[0]*x)), true
		}
		// faithful: g(x) = 0.5*erf(-alpha*x), decreasing
		return math.Erf(-p[0]*x) * 0.5, true
	case components.SurrogatePiecewiseLeakyRelu:
		// g(x) = c*x + c*w if x < -w; c*x - c*w + 1 if x > w; else 0.5*x/w + 0.5
		c, w := p[0], p[1]
		switch {
		case x < -w:
			return c*x + c*w, true
		case x > w:
			return c*x - c*w + 1, true
		}
		return 0.5*x/w + 0.5, true
	case components.SurrogateSquarewaveFourierSeries:
		// g(x) = 0.5 + (2/pi)*[sin(w*x) + sum_{i=2}^{last} sin((2i-1)*w*x)/(2i-1)]
		w := math.Pi * 2 / p[1]
		ret := math.Sin(w * x)
		last := squarewaveLast(p[0], s.Fixed)
		for i := 2; i <= last; i++ {
			c := float64(2*i - 1)
			ret += math.Sin(c*w*x) / c
		}
		return 0.5 + 2/math.Pi*ret, true
	case components.SurrogateS2NN:
		// g(x) = sigmoid(alpha*x) if x < 0 else beta*log(|x+1| + epsilon) + 0.5
		if x < 0 {
			return expit(x * p[0]), true
		}
		return p[1]*math.Log(math.Abs(x+1)+p[2]) + 0.5, true
	case components.SurrogateQPseudoSpike:
		alpha := p[0]
		if s.Fixed {
			return qPseudoSpikeFixed(alpha, x), true
		}
		if alpha == 1 {
			return 0, false // 2/(alpha-1) raises ZeroDivisionError in the reference
		}
		// faithful: g(x) = 0.5*(1 - 2/(alpha-1)*|x|)^(1-alpha) if x < 0,
		//           else 1 - 0.5*(1 + 2/(alpha-1)*|x|)^(1-alpha)
		k := 2 / (alpha - 1)
		if x < 0 {
			return 0.5 * math.Pow(1-k*math.Abs(x), 1-alpha), true
		}
		return 1 - 0.5*math.Pow(1+k*math.Abs(x), 1-alpha), true
	case components.SurrogateLeakyRelu:
		// g(x) = alpha*x if x < 0 else beta*x
		if x < 0 {
			return p[0] * x, true
		}
		return p[1] * x, true
	case components.SurrogateLogTailedRelu:
		// g(x) = log(x) if x > 1; x if 0 < x <= 1; alpha*x otherwise
		switch {
		case x > 1:
			return math.Log(x), true
		case x > 0:
			return x, true
		}
		return p[0] * x, true
	}
	return 0, false
}

// qPseudoSpikeFixed is braintools' corrected g for q_pseudo_spike, the
// antiderivative of g'(x) = (1 + 2|x|/(alpha+1))^(-alpha) through (0, 0.5):
//
//	g(x) = 0.5 + sign(x)*(alpha+1)/(2(1-alpha))*[(1 + 2|x|/(alpha+1))^(1-alpha) - 1]
//
// and, at alpha = 1, 0.5 + sign(x)*(alpha+1)/2*log(1 + 2|x|/(alpha+1)).
// sign(0) = 0, so g(0) = 0.5.
func qPseudoSpikeFixed(alpha, x float64) float64 {
	base := 1 + 2/(alpha+1)*math.Abs(x)
	var integral float64
	if alpha == 1 {
		integral = (alpha + 1) / 2 * math.Log(base)
	} else {
		integral = (alpha + 1) / (2 * (1 - alpha)) * (math.Pow(base, 1-alpha) - 1)
	}
	return 0.5 + sign(x)*integral
}

// sign is jnp.sign: -1, 0 or +1 (NaN for NaN).
func sign(x float64) float64 {
	switch {
	case x > 0:
		return 1
	case x < 0:
		return -1
	}
	return x // ±0 or NaN
}
