package surrogate

import (
	"fmt"
	"math"
	"slices"
	"strings"

	"github.com/spikecs/spikecs/components"
)

// Default returns the reference default surrogate of every neuron model
// (IF, LIF, LIFRef, ALIF): relu_grad with alpha = 0.3 and width = 1, i.e.
// g'(x) = max(0.3 - 0.3*|x|, 0). A spec of Kind SurrogateUnset behaves
// exactly like this one.
func Default() components.SurrogateSpec {
	return components.SurrogateSpec{Kind: components.SurrogateReluGrad, P: [4]float64{0.3, 1}}
}

// New builds a validated SurrogateSpec from a family name (see Families),
// parameter values by name and the fixed flag. Parameters not given take the
// family's defaults. fixed = true selects the corrected formula and is only
// accepted for the seven Fixable families.
//
// Errors (plain values, never panics): an unknown family (the message lists
// all names); an unknown parameter (the message names it and lists the
// family's parameters); fixed on a family without a corrected variant; a
// non-finite value; a value outside the family's domain. The domains are:
// widths, periods, standard deviations and sharpness factors must be > 0
// (they divide, or a non-positive value inverts or flattens the curve);
// factors that scale the gradient (relu_grad alpha, gaussian_grad alpha,
// multi_gaussian_grad h and scale, leaky_relu alpha and beta, log_tailed_relu
// alpha, piecewise_leaky_relu c, s2nn beta and epsilon) must be >= 0;
// squarewave_fourier_series n must be an integer in [1, 65536].
func New(name string, params map[string]float64, fixed bool) (components.SurrogateSpec, error) {
	d, err := lookupDef(name)
	if err != nil {
		return components.SurrogateSpec{}, err
	}
	var spec components.SurrogateSpec
	spec.Kind = d.Kind
	copy(spec.P[:], d.Defaults)

	keys := make([]string, 0, len(params))
	for k := range params {
		keys = append(keys, k)
	}
	slices.Sort(keys) // deterministic error messages
	for _, k := range keys {
		i := slices.Index(d.Params, k)
		if i < 0 {
			return components.SurrogateSpec{}, fmt.Errorf("surrogate %s: unknown parameter %q (valid: %s)",
				d.Name, k, strings.Join(d.Params, ", "))
		}
		spec.P[i] = params[k]
	}
	if fixed && !d.Fixable {
		return components.SurrogateSpec{}, fmt.Errorf("surrogate %s: fixed: true is only valid for the families with a corrected variant (%s); %s's 0.1.10 formula needs no fix",
			d.Name, strings.Join(fixableNames(), ", "), d.Name)
	}
	spec.Fixed = fixed
	for i, p := range d.Params {
		if err := check(d.rules[i], spec.P[i]); err != nil {
			return components.SurrogateSpec{}, fmt.Errorf("surrogate %s: parameter %s = %v: %w", d.Name, p, spec.P[i], err)
		}
	}
	return spec, nil
}

// check reports why v violates rule c, or nil.
func check(c constraint, v float64) error {
	if math.IsNaN(v) || math.IsInf(v, 0) {
		return fmt.Errorf("must be finite")
	}
	switch c {
	case positive:
		if v <= 0 {
			return fmt.Errorf("must be > 0")
		}
	case nonNegative:
		if v < 0 {
			return fmt.Errorf("must be >= 0")
		}
	case positiveInt:
		if v != math.Trunc(v) || v < 1 || v > maxTerms {
			return fmt.Errorf("must be an integer between 1 and %d", maxTerms)
		}
	}
	return nil
}

// fixableNames lists the families that have a corrected variant.
func fixableNames() []string {
	var names []string
	for _, d := range families() {
		if d.Fixable {
			names = append(names, d.Name)
		}
	}
	return names
}
