package ecs

import (
	"fmt"
	"math"
	"math/rand/v2"

	"gonum.org/v1/gonum/stat/distuv"
)

// minRedrawMass is the smallest probability a redraw interval may have:
// below it, redrawing would take more than 100 draws per value on average.
const minRedrawMass = 0.01

// NormalRedraw draws from N(mean, sd²) and draws again while the value is
// outside [lo, hi] — NEST's nest.math.redraw(nest.random.normal(mean,
// sd), min=lo, max=hi). lo may be -Inf and hi +Inf (a one-sided bound):
// the Potjans–Diesmann microcircuit keeps excitatory weights >= 0 with
// NormalRedraw(w, 0.1·w, 0, +Inf) and its delays >= dt with
// NormalRedraw(d, d/2, dt, +Inf). The distribution is the normal truncated
// to [lo, hi] (as TruncNormal), drawn by rejection.
func NormalRedraw(mean, sd, lo, hi float64) Value {
	return Value{kind: valueNormalRedraw, x: mean, y: sd, lo: lo, hi: hi}
}

// Bounds returns the interval every drawn or listed value lies in (±Inf
// where unbounded): used to size storage and to find the shortest delay
// of synapses that are drawn only in part (a partition's own columns).
func (v Value) Bounds() (lo, hi float64) {
	switch v.kind {
	case valueScalar:
		return v.x, v.x
	case valueUniform:
		return v.x, v.y
	case valueTruncNormal, valueNormalRedraw:
		return v.lo, v.hi
	case valueList:
		lo, hi = math.Inf(1), math.Inf(-1)
		for _, x := range v.xs {
			lo, hi = math.Min(lo, x), math.Max(hi, x)
		}
		return lo, hi
	}
	return math.Inf(-1), math.Inf(1)
}

// Draw returns one value drawn from r (the value itself for a scalar),
// from the distribution Resolve draws from; a list has no single value and
// returns NaN. Call Check first.
func (v Value) Draw(r *rand.Rand) float64 {
	switch v.kind {
	case valueScalar:
		return v.x
	case valueNormal:
		return v.x + v.y*r.NormFloat64()
	case valueUniform:
		return v.x + (v.y-v.x)*r.Float64()
	case valueTruncNormal:
		var out [1]float64
		drawTruncNormal(v.x, v.y, v.lo, v.hi, r, out[:])
		return out[0]
	case valueNormalRedraw:
		return v.redraw(r)
	}
	return math.NaN()
}

// redraw draws N(mean, sd²) until the value is inside [lo, hi].
func (v Value) redraw(r *rand.Rand) float64 {
	for {
		x := v.x + v.y*r.NormFloat64()
		if x >= v.lo && x <= v.hi {
			return x
		}
	}
}

// checkRedraw validates a NormalRedraw: finite mean and sd >= 0, lo < hi
// (either may be infinite), and enough probability inside [lo, hi] that
// redrawing ends (at least minRedrawMass).
func (v Value) checkRedraw() error {
	if math.IsNaN(v.x) || math.IsInf(v.x, 0) || math.IsNaN(v.y) || math.IsInf(v.y, 0) || v.y < 0 || math.IsNaN(v.lo) || math.IsNaN(v.hi) || !(v.lo < v.hi) {
		return fmt.Errorf("%s: needs a finite mean, a finite sd >= 0 and min < max", v)
	}
	mass := 1.0
	if v.y == 0 {
		if v.x < v.lo || v.x > v.hi {
			mass = 0
		}
	} else {
		d := distuv.Normal{Mu: v.x, Sigma: v.y}
		mass = d.CDF(v.hi) - d.CDF(v.lo)
	}
	if mass < minRedrawMass {
		return fmt.Errorf("%s: only %.3g of the normal lies inside the bounds (at least %g is needed for redrawing to end)", v, mass, minRedrawMass)
	}
	return nil
}

// IsList reports whether the value is a list (one value per element).
func (v Value) IsList() bool { return v.kind == valueList }
