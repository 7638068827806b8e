package main

import (
	"math"
	"strconv"

	"gonum.org/v1/plot"
)

// niceTicks is a plot.Ticker with about five major ticks at multiples of
// 1, 2 or 5 times a power of ten, labelled with a fixed number of
// decimals (0, 25, 50 rather than 0.00, 25.00, 50.00), and minor ticks in
// between. With noLabels the labels are left empty (for the upper panels
// of a stack sharing the time axis).
// With noMinor only the major ticks are returned.
type niceTicks struct{ noLabels, noMinor bool }

// Ticks returns the ticks of [lo, hi].
func (n niceTicks) Ticks(lo, hi float64) []plot.Tick {
	span := hi - lo
	if !(span > 0) || math.IsInf(span, 0) {
		return []plot.Tick{{Value: lo, Label: n.label(lo, 0)}}
	}
	mag := math.Pow(10, math.Floor(math.Log10(span/5)))
	step, minors := mag, 5
	for _, c := range []struct {
		m      float64
		minors int
	}{{1, 5}, {2, 4}, {5, 5}, {10, 5}} {
		step, minors = c.m*mag, c.minors
		if span/step <= 7 {
			break
		}
	}
	decimals := max(0, int(-math.Floor(math.Log10(step)+1e-9)))
	var ticks []plot.Tick
	minor := step / float64(minors)
	for k := math.Ceil(lo/minor - 1e-9); k*minor <= hi+1e-9*span; k++ {
		v := k * minor
		if int64(k)%int64(minors) == 0 {
			ticks = append(ticks, plot.Tick{Value: v, Label: n.label(v, decimals)})
		} else if !n.noMinor {
			ticks = append(ticks, plot.Tick{Value: v})
		}
	}
	return ticks
}

// label formats v with the given decimals, writing -0 as 0.
func (n niceTicks) label(v float64, decimals int) string {
	if n.noLabels {
		return ""
	}
	s := strconv.FormatFloat(v, 'f', decimals, 64)
	if f, err := strconv.ParseFloat(s, 64); err == nil && f == 0 {
		s = strconv.FormatFloat(0, 'f', decimals, 64)
	}
	return s
}
