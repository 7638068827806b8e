package main

import (
	"path/filepath"
	"sort"
	"strings"
	"sync"

	"github.com/spikecs/spikecs/ecs"
	"github.com/spikecs/spikecs/scenarios"
)

// writePlots writes the figures of a run that ran ran steps: raster.png
// when spikes were recorded, traces.png when state was, rate.png always,
// fi.png for the fi-curve scenarios and weights.png for scenarios with
// learning. The figures are drawn and encoded at the same time, each on
// its own goroutine (they only read the run's collectors); the error is
// the first figure's, in that order.
func writePlots(dir string, sc *scenarios.Scenario, sim *ecs.Sim, ran int, outs *outputs) error {
	names := sim.Populations()
	sizes := make([]int, len(names))
	for i := range names {
		sizes[i] = sim.GlobalSize(i)
	}
	endMs := float64(ran) * sc.DtMs
	var figs []func() error
	if len(sc.Record.Spikes) > 0 {
		d := rasterData{scenario: sc.Name, names: names, sizes: sizes, record: outs.spikes.record, sample: outs.spikes.raster, endMs: endMs}
		figs = append(figs, func() error { return plotRaster(filepath.Join(dir, "raster.png"), d) })
	}
	if len(sc.Record.State) > 0 {
		figs = append(figs, func() error {
			if pops, vars, ok := traceGrid(outs.state.traces); ok {
				return plotTracesGrid(filepath.Join(dir, "traces.png"), sc.Name, names, outs.state.traces, endMs, pops, vars, modelVarUnits(sc))
			}
			return plotTraces(filepath.Join(dir, "traces.png"), sc.Name, names, outs.state.traces, endMs)
		})
	}
	figs = append(figs, func() error { return plotRate(filepath.Join(dir, "rate.png"), sc.Name, names, outs.spikes.stats, ran) })
	if net := sc.Network(); net != nil && len(net.Plastic()) > 0 {
		figs = append(figs, func() error { return plotWeights(filepath.Join(dir, "weights.png"), sc.Name, net.Plastic()) })
	}
	if strings.HasPrefix(sc.Name, fiPrefix) {
		if curves := fiCurves(sc, outs.spikes.stats, endMs); len(curves) > 0 {
			figs = append(figs, func() error { return plotFI(filepath.Join(dir, "fi.png"), sc.Name, curves) })
		}
	}
	errs := make([]error, len(figs))
	var wg sync.WaitGroup
	for i, fig := range figs {
		wg.Add(1)
		go func() {
			defer wg.Done()
			errs[i] = fig()
		}()
	}
	wg.Wait()
	return firstError(errs)
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
