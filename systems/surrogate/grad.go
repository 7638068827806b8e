package surrogate

import (
	"math"

	"github.com/spikecs/spikecs/components"
)

// Grad returns the surrogate gradient g'(x) of spec s at the scaled voltage
// x: the 0.1.10 formula exactly as coded (bugs included, reference §4.1)
// when !s.Fixed, the braintools-corrected formula (§4.3) when s.Fixed. The
// formulas are listed on Families and in docs/surrogates.md.
//
// Kind SurrogateUnset evaluates Default() (relu_grad 0.3, 1) and ignores P
// and Fixed. Fixed is ignored by families without a corrected variant, and
// by arctan, erf and q_pseudo_spike, whose fixes change only g. An invalid
// Kind (>= SurrogateKindCount) gives NaN.
//
// Cost: one switch plus the formula, ≈ 2–40 ns. For a block of neurons use
// GradSlice, which hoists the switch and the coefficients out of the loop.
func Grad(s components.SurrogateSpec, x float64) float64 {
	p := s.P
	switch s.Kind {
	case components.SurrogateUnset:
		d := Default()
		return reluGrad(d.P[0], d.P[0]*d.P[1], x)
	case components.SurrogateSigmoid:
		return sigmoidGrad(p[0], x)
	case components.SurrogatePiecewiseQuadratic:
		if s.Fixed {
			return piecewiseQuadraticGradFixed(p[0], p[0]*p[0], 1/p[0], x)
		}
		return piecewiseQuadraticGrad(p[0], 1/p[0], x)
	case components.SurrogatePiecewiseExp:
		return piecewiseExpGrad(p[0]/2, -p[0], x)
	case components.SurrogateSoftSign:
		return softSignGrad(p[0], p[0]*0.5, x)
	case components.SurrogateArctan:
		return arctanGrad(p[0]*0.5, math.Pi/2*p[0], x)
	case components.SurrogateNonzeroSignLog:
		return nonzeroSignLogGrad(1/p[0], x)
	case components.SurrogateERF:
		return erfGrad(p[0]/math.SqrtPi, -(p[0] * p[0]), x)
	case components.SurrogatePiecewiseLeakyRelu:
		if s.Fixed {
			return piecewiseLeakyReluGrad(p[0], p[1], 1/(2*p[1]), x)
		}
		return piecewiseLeakyReluGrad(p[0], p[1], 1/p[1], x)
	case components.SurrogateSquarewaveFourierSeries:
		return squarewaveGrad(math.Pi*2/p[1], 4/p[1], squarewaveLast(p[0], s.Fixed), x)
	case components.SurrogateS2NN:
		return s2nnGrad(p[0], p[1], x)
	case components.SurrogateQPseudoSpike:
		return qPseudoSpikeGrad(2/(p[0]+1), -p[0], x)
	case components.SurrogateLeakyRelu:
		return leakyReluGrad(p[0], p[1], x)
	case components.SurrogateLogTailedRelu:
		return logTailedReluGrad(p[0], x)
	case components.SurrogateReluGrad:
		return reluGrad(p[0], p[0]*p[1], x)
	case components.SurrogateGaussianGrad:
		if s.Fixed {
			return gaussianGradFixed(p[1], 2*(p[0]*p[0]), sqrt2Pi*p[0], x)
		}
		return gaussianGrad(p[1], p[0]*p[0], sqrt2Pi*p[0], x)
	case components.SurrogateMultiGaussianGrad:
		h, sd, sigma, scale := p[0], p[1], p[2], p[3]
		ss := sd * sigma
		return multiGaussianGrad(h, 1+h, sigma, scale, 2*(sigma*sigma), sqrt2Pi*sigma, 2*(ss*ss), sqrt2Pi*sd*sigma, x)
	case components.SurrogateInvSquareGrad:
		return invSquareGrad(p[0], x)
	case components.SurrogateSlayerGrad:
		return slayerGrad(-p[0], x)
	}
	return math.NaN()
}
