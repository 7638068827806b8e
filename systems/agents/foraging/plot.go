package foraging

import (
	"fmt"
	"image/color"
	"math"
	"os"

	"gonum.org/v1/plot"
	"gonum.org/v1/plot/font"
	"gonum.org/v1/plot/palette"
	"gonum.org/v1/plot/plotter"
	"gonum.org/v1/plot/text"
	"gonum.org/v1/plot/vg"
	"gonum.org/v1/plot/vg/draw"
	"gonum.org/v1/plot/vg/vgimg"
)

// Figure settings.
const (
	plotAgents = 4   // trajectories drawn per kind
	plotTicks  = 500 // the last ticks of each drawn trajectory
	plotDPI    = 110
	axesSide   = 8.2 * vg.Inch // the square field with its axes
	sideWidth  = 2.8 * vg.Inch // the column right of it: legend and numbers
)

// brainColor is the colour of brain agents: orange (with randomColor's
// blue, colour-blind safe).
func brainColor() color.Color { return color.RGBA{0xd9, 0x5f, 0x02, 0xff} }

// randomColor is the colour of random walkers: blue.
func randomColor() color.Color { return color.RGBA{0x1f, 0x77, 0xb4, 0xff} }

// FigureWidth and FigureHeight are the size of the foraging figure.
const (
	FigureWidth  = axesSide + sideWidth
	FigureHeight = axesSide
)

// WriteForagingPNG draws the foraging figure (see DrawForaging) and
// writes it as a PNG to path.
func WriteForagingPNG(path string, r ForagingResult) error {
	img := vgimg.NewWith(vgimg.UseWH(FigureWidth, FigureHeight), vgimg.UseDPI(plotDPI), vgimg.UseBackgroundColor(color.White))
	if err := DrawForaging(draw.New(img), r); err != nil {
		return err
	}
	fh, err := os.Create(path)
	if err != nil {
		return fmt.Errorf("foraging figure: %w", err)
	}
	if _, err := (vgimg.PngCanvas{Canvas: img}).WriteTo(fh); err != nil {
		_ = fh.Close()
		return fmt.Errorf("foraging figure %s: %w", path, err)
	}
	if err := fh.Close(); err != nil {
		return fmt.Errorf("foraging figure %s: %w", path, err)
	}
	return nil
}

// DrawForaging draws the final food field (white: none, dark green: a
// full cell) and the last 500 ticks of four trajectories of each kind —
// brain agents orange, random walkers blue, a dot where each ends — with
// a legend and the run's numbers in a column on the right, onto dc, a
// FigureWidth × FigureHeight canvas (any vg backend: the runner's
// report draws it as SVG too).
func DrawForaging(dc draw.Canvas, r ForagingResult) error {
	if r.Size == 0 || len(r.Food) != r.Size*r.Size || len(r.Paths) != len(r.HasBrain) {
		return fmt.Errorf("foraging figure: the result has no food field or paths (size %d, %d cells, %d paths)", r.Size, len(r.Food), len(r.Paths))
	}
	p := plot.New()
	p.Title.Text = fmt.Sprintf("Foraging on a %d×%d torus, seed %d", r.Size, r.Size, r.Seed)
	p.Title.TextStyle.Font.Size = 14
	p.X.Label.Text, p.Y.Label.Text = "x (cells)", "y (cells)"
	for _, ax := range []*plot.Axis{&p.X, &p.Y} {
		ax.Label.TextStyle.Font.Size = 12
		ax.Tick.Label.Font.Size = 10
	}
	size := float64(r.Size)
	p.X.Min, p.X.Max, p.Y.Min, p.Y.Max = 0, size, 0, size

	hm := plotter.NewHeatMap(foodGrid{r}, greens(64))
	hm.Min, hm.Max = 0, 1
	p.Add(hm)
	drawn := map[bool]int{}
	for i, path := range r.Paths {
		brain := r.HasBrain[i]
		if drawn[brain] >= plotAgents || len(path) == 0 {
			continue
		}
		drawn[brain]++
		c := randomColor()
		if brain {
			c = brainColor()
		}
		if err := addPath(p, path[max(0, len(path)-plotTicks):], size, c); err != nil {
			return fmt.Errorf("foraging figure: %w", err)
		}
	}

	p.Draw(draw.Crop(dc, vg.Points(4), -sideWidth, vg.Points(4), -vg.Points(4)))
	side := draw.Crop(dc, axesSide+vg.Points(8), -vg.Points(8), vg.Points(8), -vg.Points(40))
	drawSide(side, r, drawn)
	return nil
}

// drawSide draws the legend and the run's numbers, top down.
func drawSide(c draw.Canvas, r ForagingResult, drawn map[bool]int) {
	l := plot.NewLegend()
	l.TextStyle.Font.Size = 12
	l.Top, l.Left = true, true
	l.ThumbnailWidth = vg.Points(22)
	l.Padding = vg.Points(5)
	l.Add("spiking brain", swatch{brainColor()})
	l.Add("random walk", swatch{randomColor()})
	l.Add("food (0 … 1 per cell)", swatch{color.RGBA{0x1b, 0x78, 0x37, 0xff}})
	l.Draw(c)

	sty := text.Style{Color: color.Black, Font: font.From(plot.DefaultFont, 11.5), Handler: plot.DefaultTextHandler}
	head := sty
	head.Font = font.From(plot.DefaultFont, 13)
	rows := [][2]string{
		{"Food per agent", ""},
		{"spiking brain", fmt.Sprintf("%.1f", r.BrainFoodPerAgent)},
		{"random walk", fmt.Sprintf("%.1f", r.RandomFoodPerAgent)},
		{"ratio", fmt.Sprintf("%.2f×", r.Ratio)},
		{"", ""},
		{"Run", ""},
		{"agents", fmt.Sprintf("%d + %d", r.BrainAgents, r.RandomAgents)},
		{"ticks", fmt.Sprintf("%d", r.Ticks)},
		{"one tick", fmt.Sprintf("%d × %g ms", r.Substeps, r.DtMs)},
		{"brain", fmt.Sprintf("%d LIF, %d syn.", r.NeuronsPerBrain, r.SynapsesPerBrain)},
		{"mean rate", fmt.Sprintf("%.0f Hz", r.MeanRateHz)},
		{"food left", fmt.Sprintf("%.0f%%", 100*r.FoodLeft)},
		{"", ""},
		{fmt.Sprintf("Drawn: last %d ticks of", plotTicks), ""},
		{fmt.Sprintf("%d + %d agents; dot = end", drawn[true], drawn[false]), ""},
	}
	x0, x1 := c.Min.X+vg.Points(4), c.Min.X+vg.Points(100)
	y := c.Max.Y - vg.Points(80)
	for _, row := range rows {
		switch {
		case row[0] == "Food per agent" || row[0] == "Run":
			c.FillText(head, vg.Point{X: x0, Y: y}, row[0])
		case row[1] == "":
			c.FillText(sty, vg.Point{X: x0, Y: y}, row[0])
		default:
			c.FillText(sty, vg.Point{X: x0 + vg.Points(10), Y: y}, row[0])
			c.FillText(sty, vg.Point{X: x1, Y: y}, row[1])
		}
		y -= vg.Points(17)
	}
}

// addPath adds one trajectory, split where it wraps around the torus, and
// a dot at its end.
func addPath(p *plot.Plot, path []Point, size float64, c color.Color) error {
	start := 0
	flush := func(end int) error {
		if end-start < 2 {
			return nil
		}
		xy := make(plotter.XYs, end-start)
		for k, pt := range path[start:end] {
			xy[k] = plotter.XY{X: pt.X, Y: pt.Y}
		}
		l, err := plotter.NewLine(xy)
		if err != nil {
			return err
		}
		l.Color, l.Width = c, vg.Points(1.5)
		p.Add(l)
		return nil
	}
	for k := 1; k < len(path); k++ {
		if math.Abs(path[k].X-path[k-1].X) > size/2 || math.Abs(path[k].Y-path[k-1].Y) > size/2 {
			if err := flush(k); err != nil {
				return err
			}
			start = k
		}
	}
	if err := flush(len(path)); err != nil {
		return err
	}
	end := path[len(path)-1]
	s, err := plotter.NewScatter(plotter.XYs{{X: end.X, Y: end.Y}})
	if err != nil {
		return err
	}
	s.GlyphStyle = draw.GlyphStyle{Color: c, Radius: vg.Points(4.5), Shape: draw.CircleGlyph{}}
	p.Add(s)
	return nil
}

// foodGrid exposes the final food field as a heat map grid.
type foodGrid struct{ r ForagingResult }

// Dims returns the number of columns and rows.
func (g foodGrid) Dims() (c, r int) { return g.r.Size, g.r.Size }

// Z returns the food of cell (c, r).
func (g foodGrid) Z(c, r int) float64 { return g.r.Food[r*g.r.Size+c] }

// X returns the centre of column c.
func (g foodGrid) X(c int) float64 { return float64(c) + 0.5 }

// Y returns the centre of row r.
func (g foodGrid) Y(r int) float64 { return float64(r) + 0.5 }

// greens is a palette from white (no food) to dark green (a full cell),
// with a gamma of 0.6 so that half-eaten cells stay visible.
func greens(n int) palette.Palette {
	cs := make([]color.Color, n)
	for i := range cs {
		t := math.Pow(float64(i)/float64(n-1), 0.6)
		cs[i] = color.RGBA{
			R: uint8(255 - t*(255-0x1b)),
			G: uint8(255 - t*(255-0x78)),
			B: uint8(255 - t*(255-0x37)),
			A: 255,
		}
	}
	return fixedPalette(cs)
}

// fixedPalette is a palette of given colours.
type fixedPalette []color.Color

// Colors returns the colours.
func (p fixedPalette) Colors() []color.Color { return p }

// swatch is a legend thumbnail: a thick line of one colour.
type swatch struct{ c color.Color }

// Thumbnail draws the swatch.
func (s swatch) Thumbnail(c *draw.Canvas) {
	y := c.Center().Y
	c.StrokeLine2(draw.LineStyle{Color: s.c, Width: vg.Points(4)}, c.Min.X, y, c.Max.X, y)
}
