package surrogate

import (
	"fmt"
	"strings"

	"github.com/spikecs/spikecs/components"
)

// Family describes one surrogate-gradient family: its scenario name, its
// parameters in the reference constructor order (SurrogateSpec.P[i] holds
// Params[i]) with their default values, whether the reference defines the
// primitive g(x), and whether a corrected (Fixed) variant exists.
type Family struct {
	// Kind is the family's components.SurrogateKind.
	Kind components.SurrogateKind
	// Name is the snake_case name used in scenario files, e.g. "relu_grad".
	Name string
	// Params are the parameter names in the reference constructor order.
	Params []string
	// Defaults are the reference defaults, Defaults[i] for Params[i].
	Defaults []float64
	// HasPrimitive reports whether the reference defines g(x)
	// (surrogate_fun). Faithful arctan defines it but its code cannot run,
	// so Primitive still reports false for it unless Fixed.
	HasPrimitive bool
	// Fixable reports whether the family has a corrected variant, i.e. is
	// one of the seven families whose 0.1.10 formula braintools later fixed.
	Fixable bool
	// Summary is a one-line plain-text statement of g'(x).
	Summary string
}

// constraint is the admissible range of one parameter.
type constraint uint8

const (
	anyFinite   constraint = iota
	positive               // > 0: a width, period, standard deviation or sharpness
	nonNegative            // >= 0: a factor that scales the gradient
	positiveInt            // an integer >= 1 (a number of terms)
)

// maxTerms bounds squarewave_fourier_series' n: each term costs one cosine
// (≈ 18 ns) per neuron per step, so 65536 terms is far beyond any useful
// series, and the bound keeps the float-to-int conversion of n safe.
const maxTerms = 1 << 16

// familyDef is the static description of a family plus its parameter
// constraints, rules[i] for Params[i]. families() builds a fresh table on
// every call, so there is no shared table anyone could modify.
type familyDef struct {
	Family
	rules []constraint
}

// families returns a freshly built table of the 18 families in Kind order.
// Cost: a few small allocations; it is meant for setup, not for the hot path.
func families() []familyDef {
	return []familyDef{
		{Family{components.SurrogateSigmoid, "sigmoid", []string{"alpha"}, []float64{4},
			true, false, "g'(x) = alpha*s*(1-s), s = sigmoid(alpha*x)"},
			[]constraint{positive}},
		{Family{components.SurrogatePiecewiseQuadratic, "piecewise_quadratic", []string{"alpha"}, []float64{1},
			true, true, "g'(x) = alpha - (alpha*x)^2 for |x| <= 1/alpha, else 0 (fixed: alpha - alpha^2*|x|)"},
			[]constraint{positive}},
		{Family{components.SurrogatePiecewiseExp, "piecewise_exp", []string{"alpha"}, []float64{1},
			true, false, "g'(x) = (alpha/2)*exp(-alpha*|x|)"},
			[]constraint{positive}},
		{Family{components.SurrogateSoftSign, "soft_sign", []string{"alpha"}, []float64{1},
			true, false, "g'(x) = (alpha/2) / (1 + |alpha*x|)^2"},
			[]constraint{positive}},
		{Family{components.SurrogateArctan, "arctan", []string{"alpha"}, []float64{1},
			true, true, "g'(x) = (alpha/2) / (1 + (pi/2*alpha*x)^2)"},
			[]constraint{positive}},
		{Family{components.SurrogateNonzeroSignLog, "nonzero_sign_log", []string{"alpha"}, []float64{1},
			true, false, "g'(x) = 1 / (1/alpha + |x|)"},
			[]constraint{positive}},
		{Family{components.SurrogateERF, "erf", []string{"alpha"}, []float64{1},
			true, true, "g'(x) = alpha/sqrt(pi) * exp(-alpha^2*x^2)"},
			[]constraint{positive}},
		{Family{components.SurrogatePiecewiseLeakyRelu, "piecewise_leaky_relu", []string{"c", "w"}, []float64{0.01, 1},
			true, true, "g'(x) = c for |x| > w, else 1/w (fixed: 1/(2w))"},
			[]constraint{nonNegative, positive}},
		{Family{components.SurrogateSquarewaveFourierSeries, "squarewave_fourier_series", []string{"n", "t_period"}, []float64{2, 8},
			true, true, "g'(x) = (4/T)*[cos(w*x) + sum_{i=2}^{n-1} cos((2i-1)*w*x)], w = 2*pi/T (fixed: sum to i = n)"},
			[]constraint{positiveInt, positive}},
		{Family{components.SurrogateS2NN, "s2nn", []string{"alpha", "beta", "epsilon"}, []float64{4, 1, 1e-8},
			true, false, "g'(x) = alpha*s*(1-s) with s = sigmoid(alpha*x) for x < 0, else beta/(x+1)"},
			[]constraint{positive, nonNegative, nonNegative}},
		{Family{components.SurrogateQPseudoSpike, "q_pseudo_spike", []string{"alpha"}, []float64{2},
			true, true, "g'(x) = (1 + 2|x|/(alpha+1))^(-alpha)"},
			[]constraint{positive}},
		{Family{components.SurrogateLeakyRelu, "leaky_relu", []string{"alpha", "beta"}, []float64{0.1, 1},
			true, false, "g'(x) = alpha for x < 0, else beta"},
			[]constraint{nonNegative, nonNegative}},
		{Family{components.SurrogateLogTailedRelu, "log_tailed_relu", []string{"alpha"}, []float64{0},
			true, false, "g'(x) = 1/x for x > 1, 1 for 0 < x <= 1, alpha for x <= 0"},
			[]constraint{nonNegative}},
		{Family{components.SurrogateReluGrad, "relu_grad", []string{"alpha", "width"}, []float64{0.3, 1},
			false, false, "g'(x) = max(alpha*width - alpha*|x|, 0)"},
			[]constraint{nonNegative, positive}},
		{Family{components.SurrogateGaussianGrad, "gaussian_grad", []string{"sigma", "alpha"}, []float64{0.5, 0.5},
			false, true, "g'(x) = alpha * exp(-x^2*sigma^2/2) / (sqrt(2*pi)*sigma) (fixed: exponent -x^2/(2*sigma^2))"},
			[]constraint{positive, nonNegative}},
		{Family{components.SurrogateMultiGaussianGrad, "multi_gaussian_grad", []string{"h", "s", "sigma", "scale"}, []float64{0.15, 6, 0.5, 0.5},
			false, false, "g'(x) = scale*[(1+h)*N(x;0,sigma) - h*N(x;sigma,s*sigma) - h*N(x;-sigma,s*sigma)]"},
			[]constraint{nonNegative, positive, positive, nonNegative}},
		{Family{components.SurrogateInvSquareGrad, "inv_square_grad", []string{"alpha"}, []float64{100},
			false, false, "g'(x) = 1 / (alpha*|x| + 1)^2"},
			[]constraint{positive}},
		{Family{components.SurrogateSlayerGrad, "slayer_grad", []string{"alpha"}, []float64{1},
			false, false, "g'(x) = exp(-alpha*|x|)"},
			[]constraint{positive}},
	}
}

// Families returns the 18 surrogate families in Kind order (sigmoid first,
// slayer_grad last). The result is a fresh copy; changing it changes nothing
// else. Cost: a few dozen small allocations; call it at setup, not per step.
func Families() []Family {
	defs := families()
	out := make([]Family, len(defs))
	for i, d := range defs {
		out[i] = d.Family
	}
	return out
}

// ByKind returns the family of kind k. SurrogateUnset and out-of-range kinds
// report false (Unset has no family of its own; it stands for Default()).
func ByKind(k components.SurrogateKind) (Family, bool) {
	if k == components.SurrogateUnset || k >= components.SurrogateKindCount {
		return Family{}, false
	}
	return families()[k-1].Family, true
}

// Lookup returns the family with the given snake_case name ("relu_grad").
// Names are matched exactly. An unknown name gives an error that lists every
// valid name.
func Lookup(name string) (Family, error) {
	d, err := lookupDef(name)
	if err != nil {
		return Family{}, err
	}
	return d.Family, nil
}

func lookupDef(name string) (familyDef, error) {
	defs := families()
	for _, d := range defs {
		if d.Name == name {
			return d, nil
		}
	}
	names := make([]string, len(defs))
	for i, d := range defs {
		names[i] = d.Name
	}
	return familyDef{}, fmt.Errorf("unknown surrogate family %q (valid: %s)", name, strings.Join(names, ", "))
}
