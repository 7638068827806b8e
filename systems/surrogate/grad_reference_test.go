package surrogate_test

import (
	"math"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/spikecs/spikecs/components"
	"github.com/spikecs/spikecs/systems/surrogate"
)

// referenceXs are the abscissae of the reference table (§4.2).
var referenceXs = [6]float64{-1.0, -0.5, 0.0, 0.3, 1.0, 2.0}

// referenceTable is §4.2 verbatim: g'(x) of every family with its default
// parameters, faithful formulas, at referenceXs.
var referenceTable = []struct {
	name string
	want [6]float64
}{
	{"sigmoid", [6]float64{0.0706508, 0.419974, 1, 0.711578, 0.0706508, 0.00134095}},
	{"piecewise_quadratic", [6]float64{0, 0.75, 1, 0.91, 0, 0}},
	{"piecewise_exp", [6]float64{0.18394, 0.303265, 0.5, 0.370409, 0.18394, 0.0676676}},
	{"soft_sign", [6]float64{0.125, 0.222222, 0.5, 0.295858, 0.125, 0.0555556}},
	{"arctan", [6]float64{0.1442, 0.309243, 0.5, 0.409143, 0.1442, 0.0459998}},
	{"nonzero_sign_log", [6]float64{0.5, 0.666667, 1, 0.769231, 0.5, 0.333333}},
	{"erf", [6]float64{0.207554, 0.439391, 0.56419, 0.51563, 0.207554, 0.0103335}},
	{"piecewise_leaky_relu", [6]float64{1, 1, 1, 1, 1, 0.01}},
	{"squarewave_fourier_series", [6]float64{0.353553, 0.46194, 0.5, 0.486185, 0.353553, 3.1e-17}},
	{"s2nn", [6]float64{0.0706508, 0.419974, 1, 0.769231, 0.5, 0.333333}},
	{"q_pseudo_spike", [6]float64{0.36, 0.5625, 1, 0.694444, 0.36, 0.183673}},
	{"leaky_relu", [6]float64{0.1, 0.1, 1, 1, 1, 1}},
	{"log_tailed_relu", [6]float64{0, 0, 0, 1, 1, 0.5}},
	{"relu_grad", [6]float64{0, 0.15, 0.3, 0.21, 0, 0}},
	{"gaussian_grad", [6]float64{0.352065, 0.386668, 0.398942, 0.394479, 0.352065, 0.241971}},
	{"multi_gaussian_grad", [6]float64{0.043452, 0.258858, 0.439112, 0.363632, 0.043452, -0.0156955}},
	{"inv_square_grad", [6]float64{9.80296e-05, 0.000384468, 1, 0.00104058, 9.80296e-05, 2.47519e-05}},
	{"slayer_grad", [6]float64{0.367879, 0.606531, 1, 0.740818, 0.367879, 0.135335}},
}

// withinPrinted reports whether got matches a value printed to 6
// significant digits. Rounding to 6 significant digits leaves a relative
// error of at most 5e-6, so a relative tolerance of 1e-5 accepts every
// correct value and rejects any formula error larger than that. Exact zeros
// in the table must come out as exact zeros.
func withinPrinted(want, got float64) bool {
	if want == 0 {
		return got == 0
	}
	return math.Abs(got-want) <= 1e-5*math.Abs(want)
}

func TestGradMatchesReferenceTableForEveryFamily(t *testing.T) {
	require.Len(t, referenceTable, 18, "the reference table has one row per family")
	for _, row := range referenceTable {
		t.Run(row.name, func(t *testing.T) {
			spec, err := surrogate.New(row.name, nil, false)
			require.NoError(t, err)
			for i, x := range referenceXs {
				got := surrogate.Grad(spec, x)
				if row.name == "squarewave_fourier_series" && x == 2 {
					// The table prints "~0 (3.1e-17)": cos(pi/2) rounding noise.
					assert.InDelta(t, 0, got, 1e-15, "g'(2) of the single-cosine series is cos(pi/2) = 0 up to rounding")
					continue
				}
				assert.Truef(t, withinPrinted(row.want[i], got),
					"%s: g'(%v) = %.9g, reference §4.2 prints %g (relative tolerance 1e-5)", row.name, x, got, row.want[i])
			}
		})
	}
}

func TestReferenceTableCoversFamiliesInKindOrder(t *testing.T) {
	fams := surrogate.Families()
	require.Len(t, fams, len(referenceTable))
	for i, f := range fams {
		assert.Equal(t, referenceTable[i].name, f.Name, "row %d", i)
		assert.Equal(t, components.SurrogateKind(i+1), f.Kind, "%s must have Kind %d", f.Name, i+1)
	}
}
