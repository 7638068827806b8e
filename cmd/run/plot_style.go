package main

import (
	"bufio"
	"bytes"
	"fmt"
	"image/color"
	"image/png"
	"io"
	"os"
	"path/filepath"

	"gonum.org/v1/plot"
	"gonum.org/v1/plot/plotter"
	"gonum.org/v1/plot/vg"
	"gonum.org/v1/plot/vg/draw"
	"gonum.org/v1/plot/vg/vgimg"
	"gonum.org/v1/plot/vg/vgpdf"
	"gonum.org/v1/plot/vg/vgsvg"
)

// Figure geometry shared by the runner's figures.
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
	kind                plotKind
	vector              vg.CanvasWriterTo // the SVG or PDF canvas, nil for PNG
	img                 *vgimg.Canvas     // the PNG canvas, nil for SVG and PDF
	overlay             *svgOverlay       // SVG elements after gonum's, nil unless SVG
	axes, legend, whole draw.Canvas
	page                draw.Canvas // the whole image, no margins
}

// figureTarget is where a drawn figure goes: the file path in format
// kind, or, when path is "", the bytes of buf (the report's inline SVG).
type figureTarget struct {
	kind plotKind
	path string
	buf  *bytes.Buffer
}

// fileTarget is the figure file name+ext of kind in dir.
func fileTarget(dir, name string, kind plotKind) figureTarget {
	return figureTarget{kind: kind, path: filepath.Join(dir, name+kind.ext())}
}

// newFigure returns a white figWidth × h figure drawn for kind (PNG, SVG
// or PDF).
func newFigure(h vg.Length, kind plotKind) figure { return newFigureWH(figWidth, h, kind) }

// newFigureWH returns a white w × h figure drawn for kind.
func newFigureWH(w, h vg.Length, kind plotKind) figure {
	f := figure{kind: kind}
	switch kind {
	case plotSVG:
		f.vector = vgsvg.New(w, h)
		f.overlay = &svgOverlay{}
	case plotPDF:
		f.vector = vgpdf.New(w, h)
	default:
		f.kind = plotPNG
		f.img = vgimg.NewWith(vgimg.UseWH(w, h), vgimg.UseDPI(figDPI), vgimg.UseBackgroundColor(color.White))
	}
	var dc draw.Canvas
	if f.img != nil {
		dc = draw.New(f.img)
	} else { // vector canvases start transparent
		dc = draw.New(f.vector)
		dc.SetColor(color.White)
		dc.Fill(dc.Rectangle.Path())
	}
	f.page = dc
	f.axes = draw.Crop(dc, vg.Points(4), -legendW, vg.Points(4), -vg.Points(4))
	f.legend = draw.Crop(dc, w-legendW+vg.Points(8), -vg.Points(4), 0, -vg.Points(36))
	f.whole = draw.Crop(dc, vg.Points(4), -vg.Points(16), vg.Points(4), -vg.Points(4))
	return f
}

// save writes the figure to t: a file, or t.buf.
func (f figure) save(t figureTarget) error {
	if t.path == "" {
		return f.encode(t.buf)
	}
	out, err := os.Create(t.path)
	if err != nil {
		return fmt.Errorf("writing %s: %w", t.path, err)
	}
	w := bufio.NewWriterSize(out, 1<<16)
	err = f.encode(w)
	if err == nil {
		err = w.Flush()
	}
	if cerr := out.Close(); err == nil {
		err = cerr
	}
	if err != nil {
		return fmt.Errorf("writing %s: %w", t.path, err)
	}
	return nil
}

// encode writes the figure in its format. PNGs are compressed at
// deflate's fastest level (figures are written on every run; the files
// are a few per cent larger than at the default level). An SVG gets its
// overlay's elements (see svgOverlay).
func (f figure) encode(w io.Writer) error {
	if f.img != nil {
		enc := png.Encoder{CompressionLevel: png.BestSpeed}
		return enc.Encode(w, f.img.Image())
	}
	if f.overlay == nil || len(f.overlay.buf) == 0 {
		_, err := f.vector.WriteTo(w)
		return err
	}
	var doc bytes.Buffer
	if _, err := f.vector.WriteTo(&doc); err != nil {
		return err
	}
	return writeWithOverlay(w, doc.Bytes(), f.overlay)
}

// colorGrey is the colour of separators and reference lines.
func colorGrey() color.Color { return color.Gray{Y: 150} }
