package main

import (
	"fmt"
	"image/color"

	"gonum.org/v1/plot"
	"gonum.org/v1/plot/plotter"
	"gonum.org/v1/plot/vg"
	"gonum.org/v1/plot/vg/draw"
)

// plotRate draws rate.png: one panel per population, stacked on a shared
// time axis, with its rate (spikes per neuron per second) in the bins of
// stats as a filled step line, over the steps actually run.
func plotRate(t figureTarget, scenario string, names []string, stats *spikeStats, ran int) error {
	binMs := float64(stats.binSteps) * stats.dtMs
	endMs := float64(ran) * stats.dtMs
	plots := make([][]*plot.Plot, len(names))
	for id, name := range names {
		title := ""
		if id == 0 {
			title = fmt.Sprintf("%s: population rate (bins of %.6g ms)", scenario, binMs)
		}
		xl := ""
		if id == len(names)-1 {
			xl = "t (ms)"
		}
		p := newPlot(title, xl, name+" (Hz)")
		if id < len(names)-1 {
			p.X.Tick.Marker = niceTicks{noLabels: true}
		}
		starts, hz := stats.rateHz(id, ran)
		if len(starts) > 0 {
			xys := make(plotter.XYs, 0, len(starts)+1)
			for i := range starts {
				xys = append(xys, plotter.XY{X: starts[i], Y: hz[i]})
			}
			xys = append(xys, plotter.XY{X: endMs, Y: hz[len(hz)-1]})
			l, err := plotter.NewLine(xys)
			if err != nil {
				return fmt.Errorf("rate: %w", err)
			}
			l.StepStyle = plotter.PostStep
			c := colorOf(id)
			l.LineStyle = draw.LineStyle{Color: c, Width: vg.Points(1.3)}
			r, g, b, _ := c.RGBA()
			l.FillColor = color.NRGBA{R: uint8(r >> 8), G: uint8(g >> 8), B: uint8(b >> 8), A: 70}
			p.Add(l)
		}
		p.X.Min, p.X.Max = 0, max(endMs, 1e-9)
		p.Y.Min = 0
		p.Y.Max = max(p.Y.Max, 1)
		plots[id] = []*plot.Plot{p}
	}
	panelH := 1.5 * vg.Inch
	if len(names) <= 2 {
		panelH = 2 * vg.Inch
	}
	f := newFigure(vg.Length(len(names))*panelH+0.6*vg.Inch, t.kind)
	tiles := draw.Tiles{Rows: len(names), Cols: 1, PadY: vg.Points(6)}
	canvases := plot.Align(plots, tiles, f.whole)
	for i := range plots {
		plots[i][0].Draw(canvases[i][0])
	}
	return f.save(t)
}
