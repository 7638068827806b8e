package main

import (
	"encoding/json"
	"fmt"
	"io"
	"os"

	"github.com/spikecs/spikecs/ecs"
	"github.com/spikecs/spikecs/scenarios"
)

// summary is summary.json.
type summary struct {
	Scenario    string       `json:"scenario"`
	File        string       `json:"file"`
	Seed        uint64       `json:"seed"`
	Steps       int          `json:"steps"`
	DtMs        float64      `json:"dt_ms"`
	DurationMs  float64      `json:"duration_ms"`
	Populations []popSummary `json:"populations"`
	SpikesTotal int64        `json:"spikes_total"`
	WallS       float64      `json:"wall_s"`
	StepsPerS   float64      `json:"steps_per_s"`
}

// popSummary is one population's line of summary.json.
type popSummary struct {
	Name   string  `json:"name"`
	Model  string  `json:"model"`
	Size   int     `json:"size"`
	Spikes int64   `json:"spikes"`
	RateHz float64 `json:"rate_hz"`
}

func newSummary(sc *scenarios.Scenario, sim *ecs.Sim, steps int, counts []int64, wall float64) *summary {
	s := &summary{Scenario: sc.Name, File: sc.File, Seed: sc.Seed, Steps: steps, DtMs: sc.DtMs,
		DurationMs: float64(steps) * sc.DtMs, WallS: wall}
	if wall > 0 {
		s.StepsPerS = float64(steps) / wall
	}
	for i, pop := range sc.Populations {
		model := pop.Spec.Model
		switch {
		case pop.Spec.Source != nil:
			model = "source"
		case model == "":
			model = "custom"
		}
		ps := popSummary{Name: pop.Spec.Name, Model: model, Size: pop.Spec.Size, Spikes: counts[i]}
		if s.DurationMs > 0 {
			ps.RateHz = float64(counts[i]) / float64(pop.Spec.Size) / (s.DurationMs * 1e-3)
		}
		s.SpikesTotal += counts[i]
		s.Populations = append(s.Populations, ps)
	}
	return s
}

// writeJSON writes v as indented JSON.
func writeJSON(path string, v any) error {
	data, err := json.MarshalIndent(v, "", "  ")
	if err != nil {
		return err
	}
	return os.WriteFile(path, append(data, '\n'), 0o644)
}

// printSummary prints a short human summary.
func printSummary(w io.Writer, s *summary, out string) {
	fmt.Fprintf(w, "%s: %d steps of %g ms (%g ms) in %.3f s, seed %d\n", s.Scenario, s.Steps, s.DtMs, s.DurationMs, s.WallS, s.Seed)
	for _, p := range s.Populations {
		fmt.Fprintf(w, "  %-14s %-7s %7d neurons %9d spikes %9.2f Hz\n", p.Name, p.Model, p.Size, p.Spikes, p.RateHz)
	}
	fmt.Fprintf(w, "outputs in %s (spikes.csv, state.csv, summary.json)\n", out)
}
