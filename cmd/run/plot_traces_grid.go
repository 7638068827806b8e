package main

import (
	"fmt"
	"math"
	"slices"

	"gonum.org/v1/plot"
	"gonum.org/v1/plot/plotter"
	"gonum.org/v1/plot/vg"
	"gonum.org/v1/plot/vg/draw"

	"github.com/spikecs/spikecs/scenarios"
)

// gridMinPops is the number of recorded populations from which traces.png
// draws one row per population (when they record the same variables):
// overlaid, the firing patterns of several single-neuron populations are
// unreadable.
const gridMinPops = 3

// traceGrid returns the recorded populations (in order of first series)
// and their common variables when traces.png should be a grid: at least
// gridMinPops populations, each recording the same variables.
func traceGrid(c *traceCollector) (pops []int, vars []string, ok bool) {
	perPop := map[int][]string{}
	for _, s := range c.series {
		p := s.key.pop
		if _, seen := perPop[p]; !seen {
			pops = append(pops, p)
		}
		if !slices.Contains(perPop[p], s.key.variable) {
			perPop[p] = append(perPop[p], s.key.variable)
		}
	}
	if len(pops) < gridMinPops {
		return nil, nil, false
	}
	vars = perPop[pops[0]]
	for _, p := range pops[1:] {
		if !slices.Equal(perPop[p], vars) {
			return nil, nil, false
		}
	}
	return pops, vars, true
}

// modelVarUnits returns the unit of every model state variable of the
// scenario's populations ("w": "mA", "u": "mV/ms").
func modelVarUnits(sc *scenarios.Scenario) map[string]string {
	out := map[string]string{}
	for _, p := range sc.Populations {
		for _, col := range p.Spec.Descriptor().State {
			for _, v := range col.Vars {
				out[v.Name] = v.Unit
			}
		}
	}
	return out
}

// prefixScale returns the factor and unit that show values of magnitude
// peak (in unit) with a readable number: mA and S values below 1e-3 are
// shown in µ/n/p units (w of an AdEx neuron is ~1e-7 mA = 100 pA).
func prefixScale(unit string, peak float64) (float64, string) {
	ladders := map[string][]string{"mA": {"mA", "µA", "nA", "pA"}, "S": {"S", "mS", "µS", "nS", "pS"}}
	steps, ok := ladders[unit]
	if !ok || peak == 0 || math.IsNaN(peak) {
		return 1, unit
	}
	f := 1.0
	for _, u := range steps {
		if peak*f >= 1 {
			return f, u
		}
		if u == steps[len(steps)-1] {
			return f, u
		}
		f *= 1e3
	}
	return 1, unit
}

// plotTracesGrid draws traces.png as a grid: one row per population, one
// column per variable, a line per recorded neuron; the row's population
// is the panel title, and a legend names the neurons of rows with several.
func plotTracesGrid(t figureTarget, scenario string, names []string, c *traceCollector, endMs float64, pops []int, vars []string, units map[string]string) error {
	row := map[int]int{}
	for i, p := range pops {
		row[p] = i
	}
	col := map[string]int{}
	for j, v := range vars {
		col[v] = j
	}
	// Per variable, one scale for every row (so rows compare).
	scale, label := make([]float64, len(vars)), make([]string, len(vars))
	for j, v := range vars {
		peak := 0.0
		for _, s := range c.series {
			if s.key.variable == v {
				_, vs := s.dec.points()
				for _, x := range vs {
					if x > noSpikeYet {
						peak = max(peak, math.Abs(x))
					}
				}
			}
		}
		label[j], scale[j] = traceLabel(v), 1
		if u, ok := units[v]; ok && label[j] == v {
			f, shown := prefixScale(u, peak)
			scale[j], label[j] = f, fmt.Sprintf("%s (%s)", v, shown)
		}
	}
	plots := make([][]*plot.Plot, len(pops))
	for i, p := range pops {
		plots[i] = make([]*plot.Plot, len(vars))
		for j := range vars {
			xl := ""
			if i == len(pops)-1 {
				xl = "t (ms)"
			}
			pl := newPlot("", xl, label[j])
			pl.Title.Text = names[p]
			pl.Title.TextStyle.Font.Size = labelSize
			if i < len(pops)-1 {
				pl.X.Tick.Marker = niceTicks{noLabels: true}
			}
			pl.X.Min, pl.X.Max = 0, max(endMs, 1e-9)
			plots[i][j] = pl
		}
	}
	// A legend of neurons in the first column of the rows with several.
	multi := map[int]bool{}
	firstNeuron := map[int]int{}
	for _, s := range c.series {
		if n, ok := firstNeuron[s.key.pop]; !ok {
			firstNeuron[s.key.pop] = s.key.neuron
		} else if n != s.key.neuron {
			multi[s.key.pop] = true
		}
	}
	leg := newLegend() // the rows with several neurons: which colour is which

	colour := map[[2]int]int{}
	for _, s := range c.series {
		k := [2]int{s.key.pop, s.key.neuron}
		if _, ok := colour[k]; !ok {
			n := 0
			for kk := range colour {
				if kk[0] == k[0] {
					n++
				}
			}
			colour[k] = n
		}
		j := col[s.key.variable]
		ts, vs := s.dec.points()
		ys := make([]float64, len(vs))
		for i, x := range vs {
			ys[i] = x
			if x > noSpikeYet {
				ys[i] = x * scale[j]
			}
		}
		for _, seg := range segmentsAbove(ts, ys, noSpikeYet) {
			l, err := plotter.NewLine(seg)
			if err != nil {
				return fmt.Errorf("traces: %w", err)
			}
			l.LineStyle = draw.LineStyle{Color: colorOf(colour[k]), Width: vg.Points(1.2)}
			plots[row[s.key.pop]][j].Add(l)
		}
		if j == 0 && multi[s.key.pop] {
			leg.Add(fmt.Sprintf("%s[%d]", names[s.key.pop], s.key.neuron), lineThumb{draw.LineStyle{Color: colorOf(colour[k]), Width: vg.Points(2)}})
		}
	}
	h := vg.Length(len(pops))*1.45*vg.Inch + 0.8*vg.Inch
	f := newFigure(h, t.kind)
	top := f.whole
	if len(multi) > 0 {
		top = f.axes
	}
	titleH := vg.Points(titleSize * 2.2)
	heading := top
	heading.Min.Y = top.Max.Y - titleH
	top.Max.Y -= titleH
	title := scenario + ": recorded state (one row per population)"
	if note := c.note(); note != "" {
		title += "; " + note
	}
	sty := draw.TextStyle{Color: plots[0][0].Title.TextStyle.Color, Font: plots[0][0].Title.TextStyle.Font, XAlign: draw.XCenter, YAlign: draw.YCenter, Handler: plots[0][0].Title.TextStyle.Handler}
	sty.Font.Size = titleSize
	heading.FillText(sty, heading.Center(), title)
	tiles := draw.Tiles{Rows: len(pops), Cols: len(vars), PadY: vg.Points(6), PadX: vg.Points(18)}
	canvases := plot.Align(plots, tiles, top)
	for i := range plots {
		for j := range plots[i] {
			plots[i][j].Draw(canvases[i][j])
		}
	}
	if len(multi) > 0 {
		leg.Draw(f.legend)
	}
	return f.save(t)
}
