package main

import (
	"fmt"

	"gonum.org/v1/plot/plotter"
	"gonum.org/v1/plot/vg"
	"gonum.org/v1/plot/vg/draw"

	"github.com/spikecs/spikecs/systems/eprop"
)

// plotLoss draws loss.png: the loss per iteration, its running mean over
// 100 iterations and, for classification, the validation errors.
func plotLoss(t figureTarget, name string, res *eprop.TrainResult) error {
	yl := "loss"
	if res.Validation != nil {
		yl = "loss; validation error"
	}
	p := newPlot(name+": learning curve", "iteration", yl)
	raw, mean := make(plotter.XYs, len(res.Loss)), make(plotter.XYs, len(res.Loss))
	s := 0.0
	for i, l := range res.Loss {
		s += l
		if i >= 100 {
			s -= res.Loss[i-100]
		}
		raw[i] = plotter.XY{X: float64(i + 1), Y: l}
		mean[i] = plotter.XY{X: float64(i + 1), Y: s / float64(min(i+1, 100))}
	}
	lr, err := plotter.NewLine(raw)
	if err != nil {
		return err
	}
	lr.Color, lr.Width = colorGrey(), vg.Points(0.6)
	lm, err := plotter.NewLine(mean)
	if err != nil {
		return err
	}
	lm.Color, lm.Width = colorOf(0), vg.Points(1.5)
	p.Add(lr, lm)
	p.Y.Min = 0
	leg := newLegend()
	leg.Add("loss", lr)
	leg.Add("mean of 100", lm)
	for k, label := range []string{"validation error", "confirmation"} {
		var pts plotter.XYs
		for _, v := range res.Validation {
			if v.Confirmation == (k == 1) {
				pts = append(pts, plotter.XY{X: float64(v.Iteration), Y: v.Error})
			}
		}
		if len(pts) == 0 {
			continue
		}
		sc, err := plotter.NewScatter(pts)
		if err != nil {
			return err
		}
		sc.GlyphStyle.Color, sc.GlyphStyle.Radius, sc.GlyphStyle.Shape = colorOf(1+k), vg.Points(2.5), draw.CircleGlyph{}
		p.Add(sc)
		leg.Add(label, dot{colorOf(1 + k)})
	}
	fig := newFigure(vg.Points(300), t.kind)
	p.Draw(fig.axes)
	leg.Draw(fig.legend)
	return fig.save(t)
}

// plotReadout draws readout.png: each readout output against its target
// over the last trial (the target only on the steps the loss weighs), one
// panel per output.
func plotReadout(t figureTarget, name string, res *eprop.TrainResult) error {
	fig := newFigure(vg.Points(140*float64(res.K+1)), t.kind)
	rows := draw.Tiles{Rows: res.K, Cols: 1, PadY: vg.Points(6)}
	leg := newLegend()
	for k := range res.K {
		title := ""
		if k == 0 {
			title = name + ": readout vs target, last trial"
		}
		p := newPlot(title, "t (ms)", fmt.Sprintf("y%d", k))
		y, tg := make(plotter.XYs, res.Steps), make(plotter.XYs, 0, res.Steps)
		for n := range res.Steps {
			y[n] = plotter.XY{X: float64(n) * res.DtMs, Y: res.Readout[n*res.K+k]}
			if res.Weight == nil || res.Weight[n] != 0 { // the target where the loss sees it
				tg = append(tg, plotter.XY{X: float64(n) * res.DtMs, Y: res.Target[n*res.K+k]})
			}
		}
		lt, err := plotter.NewLine(tg)
		if err != nil {
			return err
		}
		lt.Color, lt.Width = colorOf(1), vg.Points(1.5)
		ly, err := plotter.NewLine(y)
		if err != nil {
			return err
		}
		ly.Color, ly.Width = colorOf(0), vg.Points(1.2)
		p.Add(lt, ly)
		p.Draw(rows.At(fig.axes, 0, k))
		if k == 0 {
			leg.Add("target", lt)
			leg.Add("readout", ly)
		}
	}
	leg.Draw(fig.legend)
	return fig.save(t)
}
