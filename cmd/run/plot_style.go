package main

import (
	"fmt"
	"image/color"
	"image/png"
	"os"

	"gonum.org/v1/plot"
	"gonum.org/v1/plot/plotter"
	"gonum.org/v1/plot/vg"
	"gonum.org/v1/plot/vg/draw"
	"gonum.org/v1/plot/vg/vgimg"
)

// Figure geometry shared by the runner's PNGs.
const (
	figWidth   = 10 * vg.Inch
	legendW    = 1.6 * vg.Inch // legend column right of the axes
	figDPI     = 110
	titleSize  = 13
	labelSize  = 11
	tickSize   = 9.5
	legendSize = 10
)

// colorOf returns the i-th colour of matplotlib's tab10 palette, cycling,
// so colours match what users know.
func colorOf(i int) color.Color {
	palette := [...]color.RGBA{
		{0x1f, 0x77, 0xb4, 0xff}, {0xff, 0x7f, 0x0e, 0xff}, {0x2c, 0xa0, 0x2c, 0xff},
		{0xd6, 0x27, 0x28, 0xff}, {0x94, 0x67, 0xbd, 0xff}, {0x8c, 0x56, 0x4b, 0xff},
		{0xe3, 0x77, 0xc2, 0xff}, {0x7f, 0x7f, 0x7f, 0xff}, {0xbc, 0xbd, 0x22, 0xff},
		{0x17, 0xbe, 0xcf, 0xff},
	}
	return palette[i%len(palette)]
}

// newPlot returns a plot with the runner's fonts and a light grid.
func newPlot(title, xLabel, yLabel string) *plot.Plot {
	p := plot.New()
	p.Title.Text = title
	p.Title.TextStyle.Font.Size = titleSize
	p.X.Label.Text, p.Y.Label.Text = xLabel, yLabel
	for _, ax := range []*plot.Axis{&p.X, &p.Y} {
		ax.Label.TextStyle.Font.Size = labelSize
		ax.Tick.Label.Font.Size = tickSize
	}
	p.X.Tick.Marker, p.Y.Tick.Marker = niceTicks{}, niceTicks{noMinor: true}
	g := plotter.NewGrid()
	g.Vertical.Color, g.Horizontal.Color = color.Gray{Y: 225}, color.Gray{Y: 225}
	p.Add(g)
	return p
}

// newLegend returns a legend in the runner's font, top left of its area.
func newLegend() plot.Legend {
	l := plot.NewLegend()
	l.TextStyle.Font.Size = legendSize
	l.Top, l.Left = true, true
	l.ThumbnailWidth = vg.Points(18)
	l.Padding = vg.Points(5)
	return l
}

// dot is a legend thumbnail: a filled disc of one colour, readable even
// when the plotted glyphs are a pixel wide.
type dot struct{ c color.Color }

// Thumbnail draws the disc.
func (d dot) Thumbnail(c *draw.Canvas) {
	r := vg.Points(4)
	c.DrawGlyphNoClip(draw.GlyphStyle{Color: d.c, Radius: r, Shape: draw.CircleGlyph{}}, c.Center())
}

// figure is an image with the axes on the left and a legend column on
// the right (whole is the full image, for figures without a legend).
type figure struct {
	img                 *vgimg.Canvas
	axes, legend, whole draw.Canvas
}

// newFigure returns a white figWidth × h figure.
func newFigure(h vg.Length) figure {
	img := vgimg.NewWith(vgimg.UseWH(figWidth, h), vgimg.UseDPI(figDPI), vgimg.UseBackgroundColor(color.White))
	dc := draw.New(img)
	return figure{
		img:    img,
		axes:   draw.Crop(dc, vg.Points(4), -legendW, vg.Points(4), -vg.Points(4)),
		legend: draw.Crop(dc, figWidth-legendW+vg.Points(8), -vg.Points(4), 0, -vg.Points(36)),
		whole:  draw.Crop(dc, vg.Points(4), -vg.Points(16), vg.Points(4), -vg.Points(4)),
	}
}

// save writes the figure as a PNG, compressed at deflate's fastest level
// (figures are written on every run; the files are a few per cent larger
// than at the default level).
func (f figure) save(path string) error {
	out, err := os.Create(path)
	if err != nil {
		return fmt.Errorf("writing %s: %w", path, err)
	}
	enc := png.Encoder{CompressionLevel: png.BestSpeed}
	if err := enc.Encode(out, f.img.Image()); err != nil {
		out.Close()
		return fmt.Errorf("writing %s: %w", path, err)
	}
	if err := out.Close(); err != nil {
		return fmt.Errorf("writing %s: %w", path, err)
	}
	return nil
}

// colorGrey is the colour of separators and reference lines.
func colorGrey() color.Color { return color.Gray{Y: 150} }
