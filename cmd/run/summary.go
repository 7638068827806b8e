package main

import (
	"encoding/json"
	"fmt"
	"io"
	"os"
	"sort"

	"github.com/spikecs/spikecs/ecs"
	"github.com/spikecs/spikecs/scenarios"
	"github.com/spikecs/spikecs/systems"
)

// summary is summary.json.
type summary struct {
	Scenario       string        `json:"scenario"`
	File           string        `json:"file"`
	Seed           uint64        `json:"seed"`
	Steps          int           `json:"steps"`
	StepsPlanned   int           `json:"steps_planned"`
	Interrupted    bool          `json:"interrupted"`
	DtMs           float64       `json:"dt_ms"`
	DurationMs     float64       `json:"duration_ms"`
	Populations    []popSummary  `json:"populations"`
	SpikesTotal    int64         `json:"spikes_total"`
	SynapticEvents int64         `json:"synaptic_events"`
	Partitions     int           `json:"partitions,omitempty"` // worlds the network was split into (0: not split)
	WallS          float64       `json:"wall_s"`
	StepsPerS      float64       `json:"steps_per_s"`
	SimSPerWallS   float64       `json:"sim_s_per_wall_s"`
	Format         string        `json:"format"`
	Codes          codes         `json:"codes"`
	Files          []string      `json:"files"`
	StateArrays    []stateArrays `json:"state_arrays,omitempty"` // the dense state files (-format npy, both)
	Run            *runInfo      `json:"run,omitempty"`          // a run of a sweep
	// RecordStartMs is record.start: counts, rates and CV(ISI) cover
	// [record_start_ms, duration_ms).
	RecordStartMs float64 `json:"record_start_ms,omitempty"`
	Version       string  `json:"version"` // the runner's build (see buildVersion)
	// Resolved is the scenario as it ran: the file with -set/-sweep
	// applied and -seed/-duration's values (scenarios.Scenario.Resolved).
	Resolved map[string]any `json:"resolved_scenario,omitempty"`
}

// codes are the tables behind the integer columns of the .npy files.
type codes struct {
	Population []string `json:"population"` // spikes_population.npy, state_population.npy
	Var        []string `json:"var"`        // state_var.npy
}

// popSummary is one population's line of summary.json.
type popSummary struct {
	Name   string   `json:"name"`
	Model  string   `json:"model"`
	Size   int      `json:"size"`
	Spikes int64    `json:"spikes"`
	RateHz float64  `json:"rate_hz"`
	CVISI  *float64 `json:"cv_isi"` // null when no neuron spiked 3 times
}

// newSummary describes a run of ran of planned steps that took wall
// seconds.
func newSummary(sc *scenarios.Scenario, sim *ecs.Sim, planned, ran int, counts []int64, stats *spikeStats, wall float64) *summary {
	s := &summary{Scenario: sc.Name, File: sc.File, Seed: sc.Seed, Steps: ran, StepsPlanned: planned,
		Interrupted: ran < planned, DtMs: sc.DtMs, DurationMs: float64(ran) * sc.DtMs, WallS: wall,
		Codes: codes{Population: sim.Populations(), Var: systems.StateVars()}, RecordStartMs: sc.Record.StartMs}
	if wall > 0 {
		s.StepsPerS = float64(ran) / wall
		s.SimSPerWallS = s.DurationMs * 1e-3 / wall
	}
	if net := sc.Network(); net != nil {
		s.SynapticEvents = net.Events()
	}
	for i, pop := range sc.Populations {
		model := pop.Spec.Model
		switch {
		case pop.Spec.Source != nil:
			model = "source"
		case model == "":
			model = "custom"
		}
		n := counts[i]
		window := s.DurationMs
		if sc.Record.StartMs > 0 { // record.start: counts and rates of the window
			n, window = stats.spikes(i), s.DurationMs-sc.Record.StartMs
		}
		ps := popSummary{Name: pop.Spec.Name, Model: model, Size: pop.Spec.Size, Spikes: n}
		if window > 0 {
			ps.RateHz = float64(n) / float64(pop.Spec.Size) / (window * 1e-3)
		}
		if cv, ok := stats.cvISI(i); ok {
			ps.CVISI = &cv
		}
		s.SpikesTotal += n
		s.Populations = append(s.Populations, ps)
	}
	return s
}

// listFiles returns the names of the files in dir, sorted.
func listFiles(dir string) ([]string, error) {
	es, err := os.ReadDir(dir)
	if err != nil {
		return nil, fmt.Errorf("output: %w", err)
	}
	var names []string
	for _, e := range es {
		if !e.IsDir() {
			names = append(names, e.Name())
		}
	}
	sort.Strings(names)
	return names, nil
}

// writeJSON writes v as indented JSON.
func writeJSON(path string, v any) error {
	data, err := json.MarshalIndent(v, "", "  ")
	if err != nil {
		return fmt.Errorf("writing %s: %w", path, err)
	}
	if err := os.WriteFile(path, append(data, '\n'), 0o644); err != nil {
		return fmt.Errorf("writing %s: %w", path, err)
	}
	return nil
}

// printSummary prints a short human summary.
func printSummary(w io.Writer, s *summary, out string) {
	what := ""
	if s.Interrupted {
		what = fmt.Sprintf(" (interrupted after %d of %d steps)", s.Steps, s.StepsPlanned)
	}
	fmt.Fprintf(w, "%s: %d steps of %.6g ms (%.6g ms) in %.3f s, %.3g simulated s per s, seed %d%s\n",
		s.Scenario, s.Steps, s.DtMs, s.DurationMs, s.WallS, s.SimSPerWallS, s.Seed, what)
	nameW, modelW := 14, 7 // columns widen for long names
	for _, p := range s.Populations {
		nameW, modelW = max(nameW, len(p.Name)), max(modelW, len(p.Model))
	}
	for _, p := range s.Populations {
		cv := "      -"
		if p.CVISI != nil {
			cv = fmt.Sprintf("%7.3f", *p.CVISI)
		}
		fmt.Fprintf(w, "  %-*s %-*s %7d neurons %9d spikes %9.2f Hz  CV(ISI) %s\n", nameW, p.Name, modelW, p.Model, p.Size, p.Spikes, p.RateHz, cv)
	}
	if s.SynapticEvents > 0 {
		fmt.Fprintf(w, "  %d synaptic events\n", s.SynapticEvents)
	}
	fmt.Fprintf(w, "outputs in %s (summary.json", out)
	for _, f := range s.Files {
		fmt.Fprintf(w, ", %s", f)
	}
	fmt.Fprintln(w, ")")
}
