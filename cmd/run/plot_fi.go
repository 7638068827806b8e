package main

import (
	"fmt"
	"sort"
	"strings"

	"gonum.org/v1/plot/plotter"
	"gonum.org/v1/plot/vg"
	"gonum.org/v1/plot/vg/draw"

	"github.com/spikecs/spikecs/scenarios"
)

// fiPrefix marks the scenarios that get fi.png.
const fiPrefix = "fi-curve"

// fiCurve is one population's f–I points, by increasing current.
type fiCurve struct {
	name     string
	id       int
	currents []float64 // mA
	rates    []float64 // Hz
}

// fiCurves computes, for every neuron population with current inputs,
// each neuron's rate (spikes / duration) against its input current: the
// sum of the current inputs to the population, taken as constant (start
// and stop are ignored; Poisson inputs are left out).
func fiCurves(sc *scenarios.Scenario, stats *spikeStats, durationMs float64) []fiCurve {
	var out []fiCurve
	for id, pop := range sc.Populations {
		var ins []scenarios.Input
		for _, in := range sc.Inputs {
			if in.Population == pop.Spec.Name && in.Poisson == nil {
				ins = append(ins, in)
			}
		}
		if len(ins) == 0 || durationMs <= 0 {
			continue
		}
		c := fiCurve{name: pop.Spec.Name, id: id}
		idx := make([]int, pop.Spec.Size)
		for i := range idx {
			idx[i] = i
			var cur float64
			for _, in := range ins {
				cur += in.CurrentMA.At(i)
			}
			c.currents = append(c.currents, cur)
			c.rates = append(c.rates, float64(stats.pops[id].count[i])/(durationMs*1e-3))
		}
		sort.SliceStable(idx, func(a, b int) bool { return c.currents[idx[a]] < c.currents[idx[b]] })
		sorted := fiCurve{name: c.name, id: id}
		for _, i := range idx {
			sorted.currents = append(sorted.currents, c.currents[i])
			sorted.rates = append(sorted.rates, c.rates[i])
		}
		out = append(out, sorted)
	}
	return out
}

// plotFI draws fi.png: rate against input current, one line with a
// marker per neuron for each population.
func plotFI(t figureTarget, scenario string, curves []fiCurve) error {
	var models []string
	for _, c := range curves {
		models = append(models, c.name)
	}
	p := newPlot(fmt.Sprintf("%s: f–I curve (%s)", scenario, strings.Join(models, ", ")), "input current I (mA)", "rate (Hz)")
	leg := newLegend()
	for _, c := range curves {
		xys := make(plotter.XYs, len(c.currents))
		for i := range xys {
			xys[i] = plotter.XY{X: c.currents[i], Y: c.rates[i]}
		}
		l, s, err := plotter.NewLinePoints(xys)
		if err != nil {
			return fmt.Errorf("fi: %w", err)
		}
		l.LineStyle = draw.LineStyle{Color: colorOf(c.id), Width: vg.Points(1.5)}
		s.GlyphStyle = draw.GlyphStyle{Color: colorOf(c.id), Radius: vg.Points(2.8), Shape: draw.CircleGlyph{}}
		p.Add(l, s)
		leg.Add(c.name, l, s)
	}
	p.X.Min, p.Y.Min = min(p.X.Min, 0), 0
	f := newFigure(4.6*vg.Inch, t.kind)
	p.Draw(f.axes)
	leg.Draw(f.legend)
	return f.save(t)
}
