package main

import (
	"bytes"
	"fmt"
	"image/color"
	"io"
	"strconv"

	"gonum.org/v1/plot"
	"gonum.org/v1/plot/plotter"
	"gonum.org/v1/plot/vg"
	"gonum.org/v1/plot/vg/draw"
)

// The raster of a run has tens of thousands of dots. gonum/plot's SVG
// backend writes each as a <path> element of its own, formatted with
// fmt: about 100 bytes and a few microseconds per dot, most of the cost
// of report.html. For SVG the raster's plotters instead write their
// marks into an overlay, one <path> per population whose subpaths are
// the dots (zero-length strokes with round caps) or bars, which is
// spliced into the document after gonum's drawing (see figure.encode).
// The layout is gonum's: the overlay plotters keep the glyph boxes that
// pad the axes, and they come after every plotter gonum draws (the grid),
// so the stacking order is the same as with gonum's glyphs.

// svgOverlay collects SVG elements drawn in canvas coordinates (points,
// y up: the coordinates inside vgsvg's flipping group).
type svgOverlay struct{ buf []byte }

// svgScatter is a scatter whose glyphs go into an overlay as one path.
type svgScatter struct {
	*plotter.Scatter
	out *svgOverlay
}

// Plot writes the scatter's marks: a dot (CircleGlyph) is a zero-length
// line with round caps as wide as the disc, a vbar a vertical line
// 1.4 pt wide. Marks outside the data area are dropped, as draw.Canvas
// does.
func (s svgScatter) Plot(c draw.Canvas, p *plot.Plot) {
	trX, trY := p.Transforms(&c)
	sty := s.GlyphStyle
	r := sty.Radius.Points()
	b := s.out.buf
	b = append(b, `<path style="fill:none;stroke:`...)
	b = appendSVGColor(b, sty.Color)
	bar := false
	if _, ok := sty.Shape.(vbar); ok {
		bar = true
		b = append(b, `;stroke-width:1.4" d="`...)
	} else {
		b = append(b, `;stroke-linecap:round;stroke-width:`...)
		b = appendPt(b, 2*r)
		b = append(b, `" d="`...)
	}
	for _, xy := range s.XYs {
		pt := vg.Point{X: trX(xy.X), Y: trY(xy.Y)}
		if !c.Contains(pt) {
			continue
		}
		b = append(b, 'M')
		if bar {
			b = appendPt(b, pt.X.Points())
			b = append(b, ',')
			b = appendPt(b, pt.Y.Points()-r)
			b = append(b, 'v')
			b = appendPt(b, 2*r)
		} else {
			b = appendPt(b, pt.X.Points())
			b = append(b, ',')
			b = appendPt(b, pt.Y.Points())
			b = append(b, "h0"...)
		}
	}
	s.out.buf = append(b, "\"/>\n"...)
}

// svgLine is a polyline written into an overlay (the raster's
// separators, which come after its dots).
type svgLine struct {
	*plotter.Line
	out *svgOverlay
}

// Plot writes the line as one path.
func (l svgLine) Plot(c draw.Canvas, p *plot.Plot) {
	trX, trY := p.Transforms(&c)
	b := l.out.buf
	b = append(b, `<path style="fill:none;stroke:`...)
	b = appendSVGColor(b, l.LineStyle.Color)
	b = append(b, `;stroke-width:`...)
	b = appendPt(b, l.LineStyle.Width.Points())
	b = append(b, `" d="`...)
	for i, xy := range l.XYs {
		if i == 0 {
			b = append(b, 'M')
		} else {
			b = append(b, 'L')
		}
		b = appendPt(b, trX(xy.X).Points())
		b = append(b, ',')
		b = appendPt(b, trY(xy.Y).Points())
	}
	l.out.buf = append(b, "\"/>\n"...)
}

// appendPt appends a coordinate in points with two decimals (1/7200 in).
func appendPt(b []byte, x float64) []byte { return strconv.AppendFloat(b, x, 'f', 2, 64) }

// appendSVGColor appends c as #RRGGBB (the overlay's marks are opaque).
func appendSVGColor(b []byte, c color.Color) []byte {
	const hex = "0123456789ABCDEF"
	if c == nil {
		c = color.Black
	}
	n := color.NRGBAModel.Convert(c).(color.NRGBA)
	return append(b, '#', hex[n.R>>4], hex[n.R&15], hex[n.G>>4], hex[n.G&15], hex[n.B>>4], hex[n.B&15])
}

// svgEnd is how vgsvg ends a document whose pushes and pops balance: the
// group that flips the y axis, then the svg element.
const svgEnd = "</g>\n</svg>\n"

// writeWithOverlay writes the SVG document doc with the overlay's
// elements inserted at the end of the flipping group.
func writeWithOverlay(w io.Writer, doc []byte, o *svgOverlay) error {
	if len(o.buf) == 0 {
		_, err := w.Write(doc)
		return err
	}
	if !bytes.HasSuffix(doc, []byte(svgEnd)) {
		return fmt.Errorf("svg: unexpected end of the document from gonum/plot (%q)", doc[max(0, len(doc)-len(svgEnd)):])
	}
	cut := len(doc) - len(svgEnd)
	for _, part := range [][]byte{doc[:cut], o.buf, doc[cut:]} {
		if _, err := w.Write(part); err != nil {
			return err
		}
	}
	return nil
}
