package main

import (
	"bytes"
	_ "embed"
	"encoding/base64"
	"fmt"
	"html"
	"html/template"
	"os"
	"path/filepath"
	"sort"

	"codeberg.org/go-fonts/liberation/liberationserifregular"

	"github.com/spikecs/spikecs/scenarios"
)

// reportFile is the name of the HTML report in every output directory.
const reportFile = "report.html"

//go:embed report.html.tmpl
var reportTemplate string

// reportStyle is the style sheet of every report page.
//
//go:embed report.css
var reportStyle string

// reportSource is what report.html says about where a run came from: the
// scenario's YAML and the -set overrides applied to it.
type reportSource struct {
	yaml string
	sets []string
}

// newReportSource returns the source of the run the options ask for.
// The YAML is left out (the report says so) when it cannot be read.
func newReportSource(o *options) reportSource {
	var rs reportSource
	for _, s := range o.sets {
		rs.sets = append(rs.sets, s.Path+"="+s.Value)
	}
	if o.resume != "" {
		if ck, err := readCheckpoint(o.resume); err == nil {
			rs.yaml = string(ck.Source)
			rs.sets = nil
			for _, s := range ck.Overrides {
				rs.sets = append(rs.sets, s.Path+"="+s.Value)
			}
		}
		return rs
	}
	if src, err := scenarioSource(o.scenario); err == nil {
		rs.yaml = string(src)
	}
	return rs
}

// reportData is what report.html.tmpl renders.
type reportData struct {
	Sum      *summary
	Settings [][2]string // name, value
	Sets     []string
	Swept    []setValue
	YAML     string
	Figures  []reportFigureHTML
	Files    []reportLink
	Plots    string
	FontCSS  template.CSS // @font-face of the figures' font, when there are figures
	Style    template.CSS // reportStyle
}

// reportFigureHTML is a figure for the template: trusted SVG.
type reportFigureHTML struct {
	Name, File string
	SVG        template.HTML
}

// reportLink is one data file of the output directory.
type reportLink struct {
	Name, Size string
}

// writeReport writes report.html into dir: the scenario as run, the
// summary table, the figures inline and links to the files of dir
// (summary.json, written after it, included). It needs no network to be
// viewed.
func writeReport(dir string, sc *scenarios.Scenario, sum *summary, figs []reportFigure, src reportSource, kind plotKind) error {
	d := reportData{Sum: sum, Sets: src.sets, YAML: src.yaml, Plots: kind.String()}
	if sum.Run != nil {
		d.Swept = sum.Run.Set
	}
	d.Settings = [][2]string{
		{"scenario", sc.Name},
		{"file", sc.File},
		{"seed", fmt.Sprint(sum.Seed)},
		{"time step", fmt.Sprintf("%.6g ms", sum.DtMs)},
		{"duration", fmt.Sprintf("%.6g ms (%d of %d steps)", sum.DurationMs, sum.Steps, sum.StepsPlanned)},
		{"spikes", fmt.Sprintf("%d", sum.SpikesTotal)},
		{"synaptic events", fmt.Sprintf("%d", sum.SynapticEvents)},
		{"data format", sum.Format},
	}
	if sum.Partitions > 0 {
		d.Settings = append(d.Settings, [2]string{"partitions", fmt.Sprint(sum.Partitions)})
	}
	if sum.Interrupted {
		d.Settings = append(d.Settings, [2]string{"interrupted", "yes: what was recorded until then"})
	}
	d.Figures, d.FontCSS, d.Style = figuresHTML(figs), fontCSS(figs), template.CSS(reportStyle)
	var err error
	if d.Files, err = reportLinks(dir); err != nil {
		return err
	}
	return executeReport(dir, reportTemplate, d)
}

// figuresHTML returns the figures for a template: trusted SVG.
func figuresHTML(figs []reportFigure) []reportFigureHTML {
	var out []reportFigureHTML
	for _, f := range figs {
		// The SVG comes from gonum/plot's vgsvg backend, which escapes
		// every text it writes, and the overlay (numbers only): it is
		// trusted markup.
		out = append(out, reportFigureHTML{Name: f.Name, File: f.File, SVG: template.HTML(f.SVG)})
	}
	return out
}

// fontCSS is the @font-face of the figures' font, "" without figures.
// The figures were laid out with Liberation Serif's metrics: the font
// goes into the page so that their text fits on machines without it,
// subset to the characters the figures' texts use (about 60 kB of base64
// instead of 0.5 MB; the whole font if subsetting fails).
func fontCSS(figs []reportFigure) template.CSS {
	if len(figs) == 0 {
		return ""
	}
	// Printable ASCII always: FreeType's auto-hinter (Chromium on Linux)
	// measures the font's heights on letters such as o, x, H and E, and
	// without them hints the other glyphs slightly differently.
	runes := figureRunes(figs)
	for r := rune(' '); r <= '~'; r++ {
		runes = append(runes, r)
	}
	ttf, err := subsetTTF(liberationserifregular.TTF, runes)
	if err != nil {
		ttf = liberationserifregular.TTF
	}
	return template.CSS(`@font-face { font-family: "Liberation Serif"; font-style: normal; font-weight: normal; src: url(data:font/ttf;base64,` +
		base64.StdEncoding.EncodeToString(ttf) + `) format("truetype"); }`)
}

// figureRunes returns the characters of the <text> elements of the
// figures' SVG, in order of first use.
func figureRunes(figs []reportFigure) []rune {
	seen := map[rune]bool{}
	var out []rune
	for _, f := range figs {
		doc := f.SVG
		for {
			i := bytes.Index(doc, []byte("<text"))
			if i < 0 {
				break
			}
			doc = doc[i:]
			gt, end := bytes.IndexByte(doc, '>'), bytes.Index(doc, []byte("</text>"))
			if gt < 0 || end < gt {
				break
			}
			for _, r := range html.UnescapeString(string(doc[gt+1 : end])) {
				if !seen[r] {
					seen[r] = true
					out = append(out, r)
				}
			}
			doc = doc[end:]
		}
	}
	return out
}

// executeReport renders the template text with d into dir/report.html.
func executeReport(dir, text string, d any) error {
	path := filepath.Join(dir, reportFile)
	tmpl, err := template.New("report").Funcs(template.FuncMap{
		"value": func(p *float64) float64 { return *p },
	}).Parse(text)
	if err != nil {
		return fmt.Errorf("writing %s: %w", path, err)
	}
	var b bytes.Buffer
	if err := tmpl.Execute(&b, d); err != nil {
		return fmt.Errorf("writing %s: %w", path, err)
	}
	if err := os.WriteFile(path, b.Bytes(), 0o644); err != nil {
		return fmt.Errorf("writing %s: %w", path, err)
	}
	return nil
}

// reportLinks lists the files of dir with their sizes, plus summary.json
// (written after the report).
func reportLinks(dir string) ([]reportLink, error) {
	es, err := os.ReadDir(dir)
	if err != nil {
		return nil, fmt.Errorf("output: %w", err)
	}
	links := []reportLink{{Name: "summary.json"}}
	for _, e := range es {
		if e.IsDir() || e.Name() == reportFile || e.Name() == "summary.json" {
			continue
		}
		size := ""
		if info, err := e.Info(); err == nil {
			size = humanBytes(info.Size())
		}
		links = append(links, reportLink{Name: e.Name(), Size: size})
	}
	sort.Slice(links, func(i, j int) bool { return links[i].Name < links[j].Name })
	return links, nil
}

// humanBytes writes a size as 512 B, 1.5 kB, 12.3 MB.
func humanBytes(n int64) string {
	switch {
	case n < 1000:
		return fmt.Sprintf("%d B", n)
	case n < 1000_000:
		return fmt.Sprintf("%.1f kB", float64(n)/1e3)
	case n < 1000_000_000:
		return fmt.Sprintf("%.1f MB", float64(n)/1e6)
	}
	return fmt.Sprintf("%.2f GB", float64(n)/1e9)
}
