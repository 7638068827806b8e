package surrogateplot

import (
	"fmt"
	"image/color"
	"math"
	"strconv"
	"strings"

	"gonum.org/v1/plot"
	"gonum.org/v1/plot/font"
	"gonum.org/v1/plot/plotter"
	"gonum.org/v1/plot/vg"
	"gonum.org/v1/plot/vg/draw"
	"gonum.org/v1/plot/vg/vgimg"

	"github.com/spikecs/spikecs/systems/surrogate"
)

// Figure layout: 3 columns × 6 rows of panels under a header with the title
// and the line legend.
const (
	cols, rows  = 3, 6
	panelWidth  = 3.7 * vg.Inch
	panelHeight = 2.45 * vg.Inch
	headerH     = 0.95 * vg.Inch
	dpi         = 110
)

// lineStyles returns the four line styles: faithful 0.1.10 curves solid,
// braintools-fixed curves dashed; g' in blue and green, g in orange and red.
func lineStyles() (gradFaithful, primFaithful, gradFixed, primFixed draw.LineStyle) {
	var (
		blue   = color.RGBA{R: 0x1f, G: 0x77, B: 0xb4, A: 0xff}
		orange = color.RGBA{R: 0xff, G: 0x7f, B: 0x0e, A: 0xff}
		green  = color.RGBA{R: 0x2c, G: 0xa0, B: 0x2c, A: 0xff}
		red    = color.RGBA{R: 0xd6, G: 0x27, B: 0x28, A: 0xff}
	)
	dash := []vg.Length{vg.Points(4), vg.Points(2.5)}
	w := vg.Points(1.6)
	return draw.LineStyle{Color: blue, Width: w},
		draw.LineStyle{Color: orange, Width: w},
		draw.LineStyle{Color: green, Width: w, Dashes: dash},
		draw.LineStyle{Color: red, Width: w, Dashes: dash}
}

// Write draws all 18 surrogate families with their default parameters into
// one PNG at path: a 3 × 6 grid of panels over x in [-3, 3], each with the
// surrogate gradient g'(x) and, where the family defines it, the primitive
// g(x). Faithful 0.1.10 curves are solid; for the seven families with a
// corrected variant, the braintools-fixed curves that differ are dashed.
//
// The image (1221 × 1722 pixels) is written to a temporary file in the
// same directory and renamed over path, so a failed or interrupted write
// never leaves a half-written PNG behind. Cost: ≈ 0.2 s, mostly rendering
// and PNG encoding.
func Write(path string) error {
	img := vgimg.NewWith(
		vgimg.UseWH(cols*panelWidth, rows*panelHeight+headerH),
		vgimg.UseDPI(dpi),
		vgimg.UseBackgroundColor(color.White),
	)
	dc := draw.New(img)
	header := draw.Crop(dc, 0, 0, rows*panelHeight, 0)
	body := draw.Crop(dc, 0, 0, 0, -headerH)

	drawHeader(header)
	plots, err := panels()
	if err != nil {
		return err
	}
	tiles := draw.Tiles{
		Rows: rows, Cols: cols,
		PadX: vg.Points(14), PadY: vg.Points(10),
		PadTop: vg.Points(4), PadBottom: vg.Points(6),
		PadLeft: vg.Points(8), PadRight: vg.Points(12),
	}
	canvases := plot.Align(plots, tiles, body)
	for r := range rows {
		for c := range cols {
			if plots[r][c] != nil {
				plots[r][c].Draw(canvases[r][c])
			}
		}
	}
	return writeAtomically(path, vgimg.PngCanvas{Canvas: img})
}

// panels builds one plot per family, row-major in Kind order.
func panels() ([][]*plot.Plot, error) {
	fams := surrogate.Families()
	if len(fams) > rows*cols {
		return nil, fmt.Errorf("surrogateplot: %d families do not fit a %d×%d grid", len(fams), cols, rows)
	}
	xs := samples()
	gFaith, pFaith, gFix, pFix := lineStyles()
	plots := make([][]*plot.Plot, rows)
	for r := range plots {
		plots[r] = make([]*plot.Plot, cols)
	}
	for i, f := range fams {
		spec, err := surrogate.New(f.Name, nil, false)
		if err != nil {
			return nil, fmt.Errorf("surrogateplot: %w", err)
		}
		grad, prim := gradCurve(spec, xs), primitiveCurve(spec, xs)
		var gradFixed, primFixed curve
		if f.Fixable {
			fixed := spec
			fixed.Fixed = true
			if c := gradCurve(fixed, xs); !equal(c, grad) {
				gradFixed = c
			}
			if c := primitiveCurve(fixed, xs); !equal(c, prim) {
				primFixed = c
			}
		}

		p := plot.New()
		p.Title.Text = f.Name + "\n" + paramText(f)
		p.Title.TextStyle.Font.Size = vg.Points(11)
		p.Title.Padding = vg.Points(3)
		p.X.Tick.Marker = plot.ConstantTicks(ticks(-3, 3, 1))
		p.Y.Tick.Marker = plot.TickerFunc(yTicks)
		for _, ax := range []*plot.Axis{&p.X, &p.Y} {
			ax.Tick.Label.Font.Size = vg.Points(8.5)
			ax.Padding = vg.Points(2)
		}
		if i/cols == rows-1 || i+cols >= len(fams) {
			p.X.Label.Text = "x = v_scaled"
			p.X.Label.TextStyle.Font.Size = vg.Points(9)
		}
		grid := plotter.NewGrid()
		grid.Vertical.Color = color.Gray{Y: 225}
		grid.Horizontal.Color = color.Gray{Y: 225}
		p.Add(grid)
		for _, l := range []struct {
			c   curve
			sty draw.LineStyle
		}{{prim, pFaith}, {grad, gFaith}, {primFixed, pFix}, {gradFixed, gFix}} {
			if err := addCurve(p, xs, l.c, l.sty); err != nil {
				return nil, fmt.Errorf("surrogateplot: %s: %w", f.Name, err)
			}
		}
		// Set the ranges last: Add widens them to the data, poles included.
		p.X.Min, p.X.Max = xMin, xMax
		p.Y.Min, p.Y.Max = yRange(grad, prim, gradFixed, primFixed)
		plots[i/cols][i%cols] = p
	}
	return plots, nil
}

// addCurve adds c (if any) to p as one line per drawable segment.
func addCurve(p *plot.Plot, xs []float64, c curve, sty draw.LineStyle) error {
	if c == nil {
		return nil
	}
	for _, seg := range segments(xs, c) {
		l, err := plotter.NewLine(seg)
		if err != nil {
			return err
		}
		l.LineStyle = sty
		p.Add(l)
	}
	return nil
}

// paramText renders the family's default parameters, "alpha=4".
func paramText(f surrogate.Family) string {
	parts := make([]string, len(f.Params))
	for i, name := range f.Params {
		parts[i] = name + "=" + strconv.FormatFloat(f.Defaults[i], 'g', -1, 64)
	}
	return strings.Join(parts, ", ")
}

// ticks returns labelled ticks at lo, lo+step, ..., hi.
func ticks(lo, hi, step float64) []plot.Tick {
	var ts []plot.Tick
	for i := 0; ; i++ {
		v := lo + float64(i)*step
		if v > hi+1e-9 {
			return ts
		}
		ts = append(ts, plot.Tick{Value: v, Label: strconv.FormatFloat(v, 'g', -1, 64)})
	}
}

// yTicks labels multiples of 0.25, 0.5 or 1, whichever gives at most six
// labels in [lo, hi].
func yTicks(lo, hi float64) []plot.Tick {
	step := 1.0
	for _, s := range []float64{0.25, 0.5} {
		if (hi-lo)/s <= 6 {
			step = s
			break
		}
	}
	return ticks(math.Ceil(lo/step)*step, hi, step)
}

// drawHeader writes the figure title and a one-row legend of the four line
// styles.
func drawHeader(c draw.Canvas) {
	title := draw.TextStyle{
		Color:   color.Black,
		Font:    font.From(plot.DefaultFont, vg.Points(15)),
		XAlign:  draw.XCenter,
		YAlign:  draw.YTop,
		Handler: plot.DefaultTextHandler,
	}
	title.Font.Weight = 700 // bold, if the font family has it
	c.FillText(title, vg.Point{X: c.Center().X, Y: c.Max.Y - vg.Points(6)},
		"Surrogate gradients of brainstate 0.1.10, default parameters, x in [-3, 3]")

	note := draw.TextStyle{
		Color:   color.Gray{Y: 70},
		Font:    font.From(plot.DefaultFont, vg.Points(10.5)),
		XAlign:  draw.XCenter,
		YAlign:  draw.YTop,
		Handler: plot.DefaultTextHandler,
	}
	c.FillText(note, vg.Point{X: c.Center().X, Y: c.Max.Y - vg.Points(28)},
		"Dashed: the corrected variant (Fixed) of the seven fixable families, drawn only where it differs from 0.1.10.")

	label := draw.TextStyle{
		Color:   color.Black,
		Font:    font.From(plot.DefaultFont, vg.Points(11)),
		XAlign:  draw.XLeft,
		YAlign:  draw.YCenter,
		Handler: plot.DefaultTextHandler,
	}
	gFaith, pFaith, gFix, pFix := lineStyles()
	entries := []struct {
		sty  draw.LineStyle
		text string
	}{
		{gFaith, "g'(x) as coded in 0.1.10"},
		{pFaith, "g(x) as coded in 0.1.10"},
		{gFix, "g'(x) fixed (braintools)"},
		{pFix, "g(x) fixed (braintools)"},
	}
	const sample = 28 // points
	gap := vg.Points(8)
	total := vg.Length(0)
	for _, e := range entries {
		total += vg.Points(sample) + gap + label.Width(e.text) + vg.Points(22)
	}
	x := c.Center().X - total/2
	y := c.Min.Y + vg.Points(14)
	for _, e := range entries {
		c.StrokeLine2(e.sty, x, y, x+vg.Points(sample), y)
		x += vg.Points(sample) + gap
		c.FillText(label, vg.Point{X: x, Y: y}, e.text)
		x += label.Width(e.text) + vg.Points(22)
	}
}
