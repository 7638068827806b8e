package components

// SurrogateKind identifies one of the 18 surrogate-gradient families of
// brainstate 0.1.10 (reference §4). The zero value, SurrogateUnset, means
// "not chosen": the engine substitutes the reference default of every neuron
// model, relu_grad with alpha = 0.3 and width = 1.
type SurrogateKind uint8

// The surrogate families, in the order of the reference's __all__ list.
// Their snake_case names (as used in scenario files) are given by the
// systems/surrogate package.
const (
	SurrogateUnset SurrogateKind = iota
	SurrogateSigmoid
	SurrogatePiecewiseQuadratic
	SurrogatePiecewiseExp
	SurrogateSoftSign
	SurrogateArctan
	SurrogateNonzeroSignLog
	SurrogateERF
	SurrogatePiecewiseLeakyRelu
	SurrogateSquarewaveFourierSeries
	SurrogateS2NN
	SurrogateQPseudoSpike
	SurrogateLeakyRelu
	SurrogateLogTailedRelu
	SurrogateReluGrad
	SurrogateGaussianGrad
	SurrogateMultiGaussianGrad
	SurrogateInvSquareGrad
	SurrogateSlayerGrad
	// SurrogateKindCount is one past the last valid kind.
	SurrogateKindCount
)

// SurrogateSpec selects the surrogate gradient g'(x) of a neuron's spike
// function H(x) (H(0) = 1) and holds its parameters. All parameters are
// dimensionless (x is the scaled voltage v_scaled).
//
// It is a component in two places: on a population entity it is the
// population's default; on a neuron entity it overrides that default for the
// neuron, so a population may mix families neuron by neuron.
//
// P holds the family's parameters in the order the systems/surrogate package
// lists them (for relu_grad: alpha, width). Fixed selects the corrected
// formula (braintools' 2026 fixes) for the seven families whose 0.1.10
// formula is wrong; the default false is the faithful 0.1.10 behaviour.
type SurrogateSpec struct {
	P     [4]float64
	Kind  SurrogateKind
	Fixed bool
}
