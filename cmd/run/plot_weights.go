package main

import (
	"fmt"
	"image/color"

	"gonum.org/v1/plot"
	"gonum.org/v1/plot/plotter"
	"gonum.org/v1/plot/vg"
	"gonum.org/v1/plot/vg/draw"

	"github.com/spikecs/spikecs/components"
)

// weightBins is the number of histogram bins of weights.png.
const weightBins = 40

// plotWeights draws weights.png: one panel per plastic projection with the
// histogram of its final weights as fractions of w_max (0 … 1), the
// picture of Song et al. 2000's bimodal distribution.
func plotWeights(t figureTarget, scenario string, prs []*components.Projection) error {
	plots := make([][]*plot.Plot, len(prs))
	for n, pr := range prs {
		title := ""
		if n == 0 {
			title = fmt.Sprintf("%s: final weights", scenario)
		}
		p := newPlot(title, "w / w_max", fmt.Sprintf("%s (synapses)", pr.Name))
		counts := make([]float64, weightBins)
		for _, w := range pr.Weights {
			b := int(w / pr.STDP.WMaxS * weightBins)
			counts[min(max(b, 0), weightBins-1)]++
		}
		h := &plotter.Histogram{Width: 1.0 / weightBins}
		for b, k := range counts {
			h.Bins = append(h.Bins, plotter.HistogramBin{Min: float64(b) / weightBins, Max: float64(b+1) / weightBins, Weight: k})
		}
		c := colorOf(n)
		r, g, b, _ := c.RGBA()
		h.FillColor = color.NRGBA{R: uint8(r >> 8), G: uint8(g >> 8), B: uint8(b >> 8), A: 160}
		h.LineStyle = draw.LineStyle{Color: c, Width: vg.Points(0.8)}
		p.Add(h)
		p.X.Min, p.X.Max = 0, 1
		p.Y.Min = 0
		plots[n] = []*plot.Plot{p}
	}
	f := newFigure(vg.Length(len(prs))*2.2*vg.Inch+0.6*vg.Inch, t.kind)
	tiles := draw.Tiles{Rows: len(prs), Cols: 1, PadY: vg.Points(8)}
	canvases := plot.Align(plots, tiles, f.whole)
	for i := range plots {
		plots[i][0].Draw(canvases[i][0])
	}
	return f.save(t)
}
