package ecs

import (
	"fmt"
	"math"
	"math/rand/v2"

	"github.com/spikecs/spikecs/components"
)

type valueKind uint8

const (
	valueUnset valueKind = iota
	valueScalar
	valueList
	valueNormal
	valueUniform
	valueTruncNormal
	valueNormalRedraw
)

// Value describes a neuron parameter or initial state before it is
// resolved for a population: a scalar, one value per neuron, or a seeded
// random initializer. The zero Value is unset (the model default applies).
// Units are those of the field it is assigned to (docs/units.md).
type Value struct {
	kind   valueKind
	x      float64   // scalar, mean or lower bound
	y      float64   // standard deviation or upper bound
	lo, hi float64   // truncation bounds
	xs     []float64 // per-neuron values
}

// Scalar is one value shared by all neurons.
func Scalar(x float64) Value { return Value{kind: valueScalar, x: x} }

// List is one value per neuron; its length must equal the population size.
func List(xs ...float64) Value { return Value{kind: valueList, xs: xs} }

// Normal draws each neuron's value from N(mean, sd²).
func Normal(mean, sd float64) Value { return Value{kind: valueNormal, x: mean, y: sd} }

// Uniform draws each neuron's value from U[lo, hi).
func Uniform(lo, hi float64) Value { return Value{kind: valueUniform, x: lo, y: hi} }

// TruncNormal draws each neuron's value from N(mean, sd²) truncated to
// [lo, hi]: by inverse-CDF sampling in the accurate lower tail, or, for
// an interval more than 5 sd from the mean, by exponential rejection
// (see drawTruncNormal). Any finite interval with lo < hi can be sampled.
func TruncNormal(mean, sd, lo, hi float64) Value {
	return Value{kind: valueTruncNormal, x: mean, y: sd, lo: lo, hi: hi}
}

// IsSet reports whether the value was given.
func (v Value) IsSet() bool { return v.kind != valueUnset }

// IsShared reports whether the value resolves to one value for all neurons.
func (v Value) IsShared() bool { return v.kind == valueScalar }

// Or returns v if it is set, else def.
func (v Value) Or(def Value) Value {
	if v.IsSet() {
		return v
	}
	return def
}

// String describes the value, e.g. "10", "normal(-55, 2)".
func (v Value) String() string {
	switch v.kind {
	case valueScalar:
		return fmt.Sprintf("%g", v.x)
	case valueList:
		return fmt.Sprintf("list of %d", len(v.xs))
	case valueNormal:
		return fmt.Sprintf("normal(%g, %g)", v.x, v.y)
	case valueUniform:
		return fmt.Sprintf("uniform(%g, %g)", v.x, v.y)
	case valueTruncNormal:
		return fmt.Sprintf("truncnormal(%g, %g, [%g, %g])", v.x, v.y, v.lo, v.hi)
	case valueNormalRedraw:
		return fmt.Sprintf("normal(%g, %g) redrawn into [%g, %g]", v.x, v.y, v.lo, v.hi)
	}
	return "unset"
}

// Check validates the value's own parameters (finite numbers, sd >= 0,
// lo <= hi, a truncation interval float64 can sample) and, for a list,
// its length against the population size n.
func (v Value) Check(n int) error {
	finite := func(xs ...float64) bool {
		for _, x := range xs {
			if math.IsNaN(x) || math.IsInf(x, 0) {
				return false
			}
		}
		return true
	}
	switch v.kind {
	case valueUnset:
		return fmt.Errorf("value is not set")
	case valueScalar:
		if !finite(v.x) {
			return fmt.Errorf("value %v is not finite", v.x)
		}
	case valueList:
		if len(v.xs) != n {
			return fmt.Errorf("list has %d values, expected %d (one per neuron)", len(v.xs), n)
		}
		for i, x := range v.xs {
			if !finite(x) {
				return fmt.Errorf("list value %d (%v) is not finite", i, x)
			}
		}
	case valueNormal:
		if !finite(v.x, v.y) || v.y < 0 {
			return fmt.Errorf("normal(%g, %g): mean must be finite and sd finite and >= 0", v.x, v.y)
		}
	case valueUniform:
		if !finite(v.x, v.y) || v.y < v.x {
			return fmt.Errorf("uniform(%g, %g): bounds must be finite with lo <= hi", v.x, v.y)
		}
	case valueTruncNormal:
		if !finite(v.x, v.y, v.lo, v.hi) || v.y <= 0 || v.hi <= v.lo {
			return fmt.Errorf("truncnormal(%g, %g, [%g, %g]): needs finite values, sd > 0 and lo < hi", v.x, v.y, v.lo, v.hi)
		}
		return checkTruncNormal(v.x, v.y, v.lo, v.hi)
	case valueNormalRedraw:
		return v.checkRedraw()
	}
	return nil
}

// Resolve turns the value into a Param of n elements (neurons or
// synapses), drawing from r for random initializers (n draws, in order). A
// scalar stays shared; a list must have n values.
func (v Value) Resolve(n int, r *rand.Rand) (components.Param, error) {
	return v.resolve(n, r)
}

// resolve is Resolve.
func (v Value) resolve(n int, r *rand.Rand) (components.Param, error) {
	if err := v.Check(n); err != nil {
		return components.Param{}, err
	}
	switch v.kind {
	case valueScalar:
		return components.Shared(v.x), nil
	case valueList:
		return components.PerNeuron(append([]float64(nil), v.xs...)), nil
	}
	out := make([]float64, n)
	switch v.kind {
	case valueNormal:
		for i := range out {
			out[i] = v.x + v.y*r.NormFloat64()
		}
	case valueUniform:
		for i := range out {
			out[i] = v.x + (v.y-v.x)*r.Float64()
		}
	case valueTruncNormal:
		drawTruncNormal(v.x, v.y, v.lo, v.hi, r, out)
	case valueNormalRedraw:
		for i := range out {
			out[i] = v.redraw(r)
		}
	}
	return components.PerNeuron(out), nil
}
