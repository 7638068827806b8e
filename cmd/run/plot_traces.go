package main

import (
	"fmt"
	"strings"

	"gonum.org/v1/plot"
	"gonum.org/v1/plot/plotter"
	"gonum.org/v1/plot/vg"
	"gonum.org/v1/plot/vg/draw"
)

// traceLabel is a variable's axis label with its unit.
func traceLabel(v string) string {
	switch v {
	case "V":
		return "V (mV)"
	case "a":
		return "a (dimensionless)"
	case "spike":
		return "spike (0 or 1)"
	case "spike_grad":
		return "spike_grad (1/mV)"
	case "last_spike":
		return "last_spike (ms)"
	}
	return v
}

// noSpikeYet is the last_spike value before a neuron's first spike
// (−1e7 ms); values below it are not drawn.
const noSpikeYet = -1e6

// plotTraces draws traces.png: one panel per recorded variable, in the
// order of record.state, sharing the time axis, with a line per recorded
// neuron (the same colour for a neuron in every panel).
func plotTraces(t figureTarget, scenario string, names []string, c *traceCollector, endMs float64) error {
	var vars []string
	byVar := map[string][]*traceSeries{}
	neuronColor := map[[2]int]int{}
	leg := newLegend()
	for _, s := range c.series {
		v := s.key.variable
		if _, ok := byVar[v]; !ok {
			vars = append(vars, v)
		}
		byVar[v] = append(byVar[v], s)
		k := [2]int{s.key.pop, s.key.neuron}
		if _, ok := neuronColor[k]; !ok {
			neuronColor[k] = len(neuronColor)
			l := draw.LineStyle{Color: colorOf(neuronColor[k]), Width: vg.Points(2)}
			leg.Add(fmt.Sprintf("%s[%d]", names[k[0]], k[1]), lineThumb{l})
		}
	}
	if len(vars) == 0 {
		return nil
	}
	plots := make([][]*plot.Plot, len(vars))
	for i, v := range vars {
		title := ""
		if i == 0 {
			title = scenario + ": recorded state"
			if note := c.note(); note != "" {
				title += "\n" + note
			}
		}
		xl := ""
		if i == len(vars)-1 {
			xl = "t (ms)"
		}
		p := newPlot(title, xl, traceLabel(v))
		if i < len(vars)-1 {
			p.X.Tick.Marker = niceTicks{noLabels: true}
		}
		for _, s := range byVar[v] {
			ts, vs := s.dec.points()
			for _, seg := range segmentsAbove(ts, vs, noSpikeYet) {
				l, err := plotter.NewLine(seg)
				if err != nil {
					return fmt.Errorf("traces: %w", err)
				}
				l.LineStyle = draw.LineStyle{Color: colorOf(neuronColor[[2]int{s.key.pop, s.key.neuron}]), Width: vg.Points(1.2)}
				p.Add(l)
			}
		}
		p.X.Min, p.X.Max = 0, max(endMs, 1e-9)
		plots[i] = []*plot.Plot{p}
	}
	h := vg.Length(len(vars))*2.1*vg.Inch + 0.5*vg.Inch
	f := newFigure(h, t.kind)
	tiles := draw.Tiles{Rows: len(vars), Cols: 1, PadY: vg.Points(8)}
	canvases := plot.Align(plots, tiles, f.axes)
	for i := range plots {
		plots[i][0].Draw(canvases[i][0])
	}
	leg.Draw(f.legend)
	return f.save(t)
}

// segmentsAbove splits a series into lines at values below floor.
func segmentsAbove(ts, vs []float64, floor float64) []plotter.XYs {
	var out []plotter.XYs
	var cur plotter.XYs
	for i := range ts {
		if vs[i] < floor {
			if len(cur) > 0 {
				out = append(out, cur)
			}
			cur = nil
			continue
		}
		cur = append(cur, plotter.XY{X: ts[i], Y: vs[i]})
	}
	if len(cur) > 0 {
		out = append(out, cur)
	}
	return out
}

// note says which series were left out, or "".
func (c *traceCollector) note() string {
	var parts []string
	for v, n := range c.skipped {
		parts = append(parts, fmt.Sprintf("%d series of %s", n, v))
	}
	if len(parts) == 0 {
		return ""
	}
	sortStrings(parts)
	return fmt.Sprintf("first %d series per variable shown (%s not drawn)", maxTraceSeries, strings.Join(parts, ", "))
}

// lineThumb is a legend thumbnail: a short horizontal line.
type lineThumb struct{ sty draw.LineStyle }

// Thumbnail draws the line across the middle of c.
func (l lineThumb) Thumbnail(c *draw.Canvas) {
	y := c.Center().Y
	c.StrokeLine2(l.sty, c.Min.X, y, c.Max.X, y)
}
