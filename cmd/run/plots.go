package main

import (
	"path/filepath"
	"sort"
	"strings"

	"github.com/spikecs/spikecs/ecs"
	"github.com/spikecs/spikecs/scenarios"
)

// writePlots writes the figures of a run that ran ran steps: raster.png
// when spikes were recorded, traces.png when state was, rate.png always,
// fi.png for the fi-curve scenarios and weights.png for scenarios with
// learning.
func writePlots(dir string, sc *scenarios.Scenario, sim *ecs.Sim, ran int, outs *outputs) error {
	names := sim.Populations()
	sizes := make([]int, len(names))
	for i := range names {
		sizes[i] = sim.GlobalSize(i)
	}
	endMs := float64(ran) * sc.DtMs
	if len(sc.Record.Spikes) > 0 {
		d := rasterData{scenario: sc.Name, names: names, sizes: sizes, record: outs.spikes.record, sample: outs.spikes.raster, endMs: endMs}
		if err := plotRaster(filepath.Join(dir, "raster.png"), d); err != nil {
			return err
		}
	}
	if len(sc.Record.State) > 0 {
		if err := plotTraces(filepath.Join(dir, "traces.png"), sc.Name, names, outs.state.traces, endMs); err != nil {
			return err
		}
	}
	if err := plotRate(filepath.Join(dir, "rate.png"), sc.Name, names, outs.spikes.stats, ran); err != nil {
		return err
	}
	if net := sc.Network(); net != nil && len(net.Plastic()) > 0 {
		if err := plotWeights(filepath.Join(dir, "weights.png"), sc.Name, net.Plastic()); err != nil {
			return err
		}
	}
	if strings.HasPrefix(sc.Name, fiPrefix) {
		if curves := fiCurves(sc, outs.spikes.stats, endMs); len(curves) > 0 {
			if err := plotFI(filepath.Join(dir, "fi.png"), sc.Name, curves); err != nil {
				return err
			}
		}
	}
	return nil
}

// sortStrings sorts in place.
func sortStrings(xs []string) { sort.Strings(xs) }
