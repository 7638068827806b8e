package surrogateplot

import (
	"math"

	"gonum.org/v1/plot/plotter"

	"github.com/spikecs/spikecs/components"
	"github.com/spikecs/spikecs/systems/surrogate"
)

// Sampling of every curve: x = -3 .. 3 in steps of 1/200 (1201 points, so
// the kinks at 0, ±0.5 and ±1 are sampled exactly).
const (
	xMin, xMax = -3.0, 3.0
	perUnit    = 200
)

// yClipLo and yClipHi bound every panel's y range: the faithful
// q_pseudo_spike g has a pole, and leaky_relu's g grows linearly.
const (
	yClipLo, yClipHi = -1.5, 2.2
)

// samples returns the sample abscissae.
func samples() []float64 {
	n := int((xMax-xMin)*perUnit) + 1
	xs := make([]float64, n)
	for i := range xs {
		xs[i] = xMin + float64(i)/perUnit
	}
	return xs
}

// curve is one sampled function; y[i] is NaN where it is undefined.
type curve []float64

func gradCurve(s components.SurrogateSpec, xs []float64) curve {
	ys := make(curve, len(xs))
	surrogate.GradSlice(s, xs, ys)
	return ys
}

// primitiveCurve samples g, or returns nil if the spec defines none.
func primitiveCurve(s components.SurrogateSpec, xs []float64) curve {
	ys := make(curve, len(xs))
	for i, x := range xs {
		g, ok := surrogate.Primitive(s, x)
		if !ok {
			return nil
		}
		ys[i] = g
	}
	return ys
}

// equal reports whether two sampled curves coincide (both nil counts).
func equal(a, b curve) bool {
	if len(a) != len(b) {
		return false
	}
	for i := range a {
		if a[i] != b[i] && !(math.IsNaN(a[i]) && math.IsNaN(b[i])) {
			return false
		}
	}
	return true
}

// segments splits a sampled curve into drawable polylines: it breaks at
// non-finite values and across poles (a jump larger than the whole y
// range), and clamps values far outside the panel so that clipping stays
// numerically tame.
func segments(xs []float64, ys curve) []plotter.XYs {
	const far = 1e3
	var out []plotter.XYs
	var cur plotter.XYs
	flush := func() {
		if len(cur) > 1 {
			out = append(out, cur)
		}
		cur = nil
	}
	for i, y := range ys {
		if math.IsNaN(y) || math.IsInf(y, 0) {
			flush()
			continue
		}
		if len(cur) > 0 && math.Abs(y-cur[len(cur)-1].Y) > yClipHi-yClipLo {
			flush()
		}
		cur = append(cur, plotter.XY{X: xs[i], Y: math.Max(-far, math.Min(far, y))})
	}
	flush()
	return out
}

// yRange returns the panel's y range: it covers 0 and 1 (the spike's two
// levels) and every finite sample, within [yClipLo, yClipHi], with a 5 %
// margin.
func yRange(cs ...curve) (lo, hi float64) {
	lo, hi = 0, 1
	for _, c := range cs {
		for _, y := range c {
			if math.IsNaN(y) || math.IsInf(y, 0) {
				continue
			}
			lo, hi = math.Min(lo, y), math.Max(hi, y)
		}
	}
	lo, hi = math.Max(lo, yClipLo), math.Min(hi, yClipHi)
	pad := 0.05 * (hi - lo)
	return lo - pad, hi + pad
}
