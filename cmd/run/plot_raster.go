package main

import (
	"fmt"
	"math"
	"strconv"
	"strings"

	"gonum.org/v1/plot"
	"gonum.org/v1/plot/plotter"
	"gonum.org/v1/plot/vg"
	"gonum.org/v1/plot/vg/draw"
)

// rasterData is what raster.png shows.
type rasterData struct {
	scenario string
	names    []string // all populations, by ID
	sizes    []int
	record   []bool // populations in record.spikes
	sample   *rasterSample
	endMs    float64 // end of the run actually simulated
}

// rasterHeight is the height of raster.png.
const rasterHeight = 5.2 * vg.Inch

// plotRaster draws raster.png: one row per neuron of the recorded
// populations, stacked in file order, one colour per population. Spikes
// are dots, or short bars when there are few rows. A note in the title
// says when the sample was thinned (see rasterSample).
func plotRaster(t figureTarget, d rasterData) error {
	var offsets []float64
	rows := 0
	for id := range d.names {
		offsets = append(offsets, float64(rows))
		if d.record[id] {
			rows += d.sizes[id]
		}
	}
	title := d.scenario + ": spike raster"
	if note := d.sample.note(); note != "" {
		title += "\n" + note
	} else if len(d.sample.pts) == 0 {
		title += " (no spikes)"
	}
	p := newPlot(title, "t (ms)", "")
	p.Y.Label.Text = "neuron"
	xys := make([]plotter.XYs, len(d.names))
	for _, pt := range d.sample.pts {
		xys[pt.pop] = append(xys[pt.pop], plotter.XY{X: pt.tMs, Y: offsets[pt.pop] + float64(pt.neuron)})
	}
	shown := (rows + int(d.sample.neuronStride) - 1) / int(d.sample.neuronStride)
	glyph := rasterGlyph(shown, len(d.sample.pts))
	perNeuron := rows <= 24 // label every row
	f := newFigure(rasterHeight, t.kind)
	leg := newLegend()
	var ticks []plot.Tick
	for id, name := range d.names {
		if !d.record[id] {
			continue
		}
		sc, err := plotter.NewScatter(xys[id])
		if err != nil {
			return fmt.Errorf("raster: %w", err)
		}
		sc.GlyphStyle = glyph
		sc.GlyphStyle.Color = colorOf(id)
		if f.overlay != nil {
			p.Add(svgScatter{sc, f.overlay})
		} else {
			p.Add(sc)
		}
		leg.Add(name, dot{colorOf(id)})
		if perNeuron {
			for i := 0; i < d.sizes[id]; i++ {
				ticks = append(ticks, plot.Tick{Value: offsets[id] + float64(i), Label: fmt.Sprintf("%s[%d]", name, i)})
			}
		} else {
			mid := offsets[id] + float64(d.sizes[id]-1)/2
			ticks = append(ticks, plot.Tick{Value: mid, Label: fmt.Sprintf("%s (%d)", name, d.sizes[id])})
		}
		if offsets[id] > 0 {
			if err := addHLine(p, offsets[id]-0.5, d.endMs, f.overlay); err != nil {
				return err
			}
		}
	}
	p.Y.Tick.Marker = plot.ConstantTicks(ticks)
	p.X.Min, p.X.Max = 0, math.Max(d.endMs, 1e-9)
	p.Y.Min, p.Y.Max = -0.5, float64(max(rows, 1))-0.5
	p.Draw(f.axes)
	leg.Draw(f.legend)
	return f.save(t)
}

// rasterGlyph returns the spike mark: a bar 3/4 of a row tall when rows
// are a few points high, else a dot sized for the number of spikes.
func rasterGlyph(rows, points int) draw.GlyphStyle {
	rowH := (rasterHeight - 1.2*vg.Inch) / vg.Length(max(rows, 1))
	if rowH >= vg.Points(4) {
		return draw.GlyphStyle{Shape: vbar{}, Radius: min(rowH*0.38, vg.Points(14))}
	}
	r := max(vg.Points(0.6), min(vg.Points(1.3), rowH))
	if points > 20_000 {
		r = min(r, vg.Points(0.8))
	}
	return draw.GlyphStyle{Shape: draw.CircleGlyph{}, Radius: r}
}

// vbar is a glyph drawing a vertical bar of height 2·Radius, the
// classic raster tick.
type vbar struct{}

// DrawGlyph draws the bar.
func (vbar) DrawGlyph(c *draw.Canvas, sty draw.GlyphStyle, pt vg.Point) {
	c.StrokeLine2(draw.LineStyle{Color: sty.Color, Width: vg.Points(1.4)}, pt.X, pt.Y-sty.Radius, pt.X, pt.Y+sty.Radius)
}

// addHLine adds a thin grey separator at y from t = 0 to endMs, into
// the overlay when there is one (SVG, where the dots are there too).
func addHLine(p *plot.Plot, y, endMs float64, overlay *svgOverlay) error {
	l, err := plotter.NewLine(plotter.XYs{{X: 0, Y: y}, {X: endMs, Y: y}})
	if err != nil {
		return fmt.Errorf("raster: %w", err)
	}
	l.LineStyle = draw.LineStyle{Color: colorGrey(), Width: vg.Points(0.8)}
	if overlay != nil {
		p.Add(svgLine{l, overlay})
	} else {
		p.Add(l)
	}
	return nil
}

// note says how the sample was thinned, or "" when it holds every spike.
func (r *rasterSample) note() string {
	if r.neuronStride == 1 && r.spikeStride == 1 {
		return ""
	}
	s := "shown: "
	if r.neuronStride > 1 {
		s += fmt.Sprintf("every %s neuron", ordinal(int64(r.neuronStride)))
	}
	if r.spikeStride > 1 {
		if r.neuronStride > 1 {
			s += ", "
		}
		s += fmt.Sprintf("every %s spike", ordinal(r.spikeStride))
	}
	return s + fmt.Sprintf(" (%s of %s spikes)", thousands(int64(len(r.pts))), thousands(r.total))
}

// ordinal writes 2 as "2nd", 4 as "4th".
func ordinal(n int64) string {
	suffix := "th"
	switch {
	case n%100 >= 11 && n%100 <= 13:
	case n%10 == 1:
		suffix = "st"
	case n%10 == 2:
		suffix = "nd"
	case n%10 == 3:
		suffix = "rd"
	}
	return fmt.Sprintf("%d%s", n, suffix)
}

// thousands writes n with comma thousands separators: 76058 as 76,058.
func thousands(n int64) string {
	s := strconv.FormatInt(n, 10)
	neg := strings.HasPrefix(s, "-")
	s = strings.TrimPrefix(s, "-")
	for i := len(s) - 3; i > 0; i -= 3 {
		s = s[:i] + "," + s[i:]
	}
	if neg {
		s = "-" + s
	}
	return s
}
