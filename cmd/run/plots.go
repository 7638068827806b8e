package main

import (
	"bytes"
	"fmt"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"sync"

	"github.com/spikecs/spikecs/ecs"
	"github.com/spikecs/spikecs/scenarios"
)

// namedFigure is one figure of a run: its file name without extension
// and the function drawing it to a target.
type namedFigure struct {
	name string
	draw func(t figureTarget) error
}

// reportFigure is a figure as the report shows it: its name and its SVG
// document without the XML prologue, ready to inline in HTML.
type reportFigure struct {
	Name string
	File string // the figure's file in the output directory
	SVG  []byte
}

// writePlots writes the figures of a run that ran ran steps in format
// kind: raster when spikes were recorded, traces when state was, rate
// always, fi for the fi-curve scenarios and weights for scenarios with
// learning, and returns them as SVG for report.html (see drawFigures).
func writePlots(dir string, sc *scenarios.Scenario, sim *ecs.Sim, ran int, outs *outputs, kind plotKind) ([]reportFigure, error) {
	return drawFigures(dir, runFigures(sc, sim, ran, outs), kind)
}

// drawFigures writes figs into dir as files of kind and returns each
// also as SVG for report.html (for -plots svg the same bytes as the
// file). Each figure's SVG and file are drawn and encoded on goroutines
// of their own (the figures only read what they show); the error is the
// first figure's, in that order.
func drawFigures(dir string, figs []namedFigure, kind plotKind) ([]reportFigure, error) {
	// Two jobs per figure: the SVG for the report (and the file, for
	// -plots svg) and, for PNG and PDF, the file.
	svgs := make([]reportFigure, len(figs))
	errs := make([]error, 2*len(figs))
	var wg sync.WaitGroup
	for i, fig := range figs {
		wg.Go(func() { svgs[i], errs[2*i] = drawSVG(dir, fig, kind == plotSVG) })
		if kind != plotSVG {
			wg.Go(func() { errs[2*i+1] = fig.draw(fileTarget(dir, fig.name, kind)) })
		}
	}
	wg.Wait()
	if err := firstError(errs); err != nil {
		return nil, err
	}
	var out []reportFigure
	for i, f := range svgs {
		if len(f.SVG) > 0 { // traces draws nothing without state
			f.File = figs[i].name + kind.ext()
			out = append(out, f)
		}
	}
	return out, nil
}

// drawSVG draws fig as SVG for the report and, with file, writes it into
// dir as <name>.svg.
func drawSVG(dir string, fig namedFigure, file bool) (reportFigure, error) {
	rf := reportFigure{Name: fig.name}
	var buf bytes.Buffer
	if err := fig.draw(figureTarget{kind: plotSVG, buf: &buf}); err != nil {
		return rf, err
	}
	if buf.Len() == 0 {
		return rf, nil
	}
	if file {
		path := filepath.Join(dir, fig.name+plotSVG.ext())
		if err := os.WriteFile(path, buf.Bytes(), 0o644); err != nil {
			return rf, fmt.Errorf("writing %s: %w", path, err)
		}
	}
	rf.SVG = inlineSVG(buf.Bytes())
	return rf, nil
}

// inlineSVG strips what precedes the <svg element (the XML declaration
// and a comment), which HTML does not take.
func inlineSVG(doc []byte) []byte {
	if i := bytes.Index(doc, []byte("<svg")); i > 0 {
		return doc[i:]
	}
	return doc
}

// runFigures lists the figures of a run.
func runFigures(sc *scenarios.Scenario, sim *ecs.Sim, ran int, outs *outputs) []namedFigure {
	names := sim.Populations()
	sizes := make([]int, len(names))
	for i := range names {
		sizes[i] = sim.GlobalSize(i)
	}
	endMs := float64(ran) * sc.DtMs
	var figs []namedFigure
	if len(sc.Record.Spikes) > 0 {
		shown := make([]int, len(sizes)) // the raster's rows: the written neurons
		for i, n := range sizes {
			shown[i] = sampled(n, sc.Record.SpikeSample)
		}
		d := rasterData{scenario: sc.Name, names: names, sizes: shown, record: outs.spikes.record, sample: outs.spikes.raster, endMs: endMs}
		figs = append(figs, namedFigure{"raster", func(t figureTarget) error { return plotRaster(t, d) }})
	}
	if len(sc.Record.State) > 0 {
		figs = append(figs, namedFigure{"traces", func(t figureTarget) error {
			if pops, vars, ok := traceGrid(outs.state.traces); ok {
				return plotTracesGrid(t, sc.Name, names, outs.state.traces, endMs, pops, vars, modelVarUnits(sc))
			}
			return plotTraces(t, sc.Name, names, outs.state.traces, endMs)
		}})
	}
	figs = append(figs, namedFigure{"rate", func(t figureTarget) error { return plotRate(t, sc.Name, names, outs.spikes.stats, ran) }})
	if net := sc.Network(); net != nil && len(net.Plastic()) > 0 {
		figs = append(figs, namedFigure{"weights", func(t figureTarget) error { return plotWeights(t, sc.Name, net.Plastic()) }})
	}
	if strings.HasPrefix(sc.Name, fiPrefix) {
		if curves := fiCurves(sc, outs.spikes.stats, endMs); len(curves) > 0 {
			figs = append(figs, namedFigure{"fi", func(t figureTarget) error { return plotFI(t, sc.Name, curves) }})
		}
	}
	return figs
}

// firstError returns the first non-nil error of errs, or nil.
func firstError(errs []error) error {
	for _, err := range errs {
		if err != nil {
			return err
		}
	}
	return nil
}

// sortStrings sorts in place.
func sortStrings(xs []string) { sort.Strings(xs) }
