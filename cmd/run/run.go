package main

import (
	"errors"
	"flag"
	"fmt"
	"io"
	"path/filepath"

	"github.com/spikecs/spikecs/ecs"
	"github.com/spikecs/spikecs/scenarios"
	"github.com/spikecs/spikecs/scenarios/units"
	"github.com/spikecs/spikecs/systems/surrogate/surrogateplot"
)

// run is main without os.Exit, for tests.
func run(args []string, stdout, stderr io.Writer) int {
	o, err := parseFlags(args, stderr)
	if errors.Is(err, flag.ErrHelp) {
		return exitOK
	}
	if err != nil {
		return fail(stderr, exitUsage, err)
	}
	switch {
	case o.list:
		for _, b := range scenarios.Builtins() {
			fmt.Fprintf(stdout, "%-18s %s\n", b.Name, b.Summary)
		}
		fmt.Fprintf(stdout, "%-18s %s\n", foragingName, "Agents on a torus with food patches: spiking Braitenberg brains vs random walkers (docs/embedding.md)")
		return exitOK
	case o.plotSurrogates != "":
		path := filepath.Join(o.plotSurrogates, "surrogates.png")
		if err := surrogateplot.Write(path); err != nil {
			return fail(stderr, exitRun, err)
		}
		if !o.quiet {
			fmt.Fprintf(stdout, "wrote %s\n", path)
		}
		return exitOK
	case o.scenario == foragingName:
		return runForaging(o, stdout, stderr)
	case o.experiment():
		return runExperiment(o, stdout, stderr)
	}
	return runSingle(o, stdout, stderr)
}

// runSingle runs one scenario (with -set, -seed and -duration applied).
func runSingle(o *options, stdout, stderr io.Writer) int {
	sc, err := load(o, o.sets)
	if err != nil {
		return fail(stderr, exitUsage, err)
	}
	steps, err := ecs.StepsFor(sc.DurationMs, sc.DtMs)
	if err != nil {
		return fail(stderr, exitUsage, &scenarios.Error{File: sc.File, Key: "duration", Msg: err.Error()})
	}
	if o.validate {
		if err := sc.Check(); err != nil {
			return fail(stderr, exitUsage, err)
		}
		if !o.quiet {
			fmt.Fprintf(stdout, "%s: ok (populations: %d)\n", sc.File, len(sc.Populations))
		}
		return exitOK
	}
	out := o.out
	if out == "" {
		out = filepath.Join("out", sc.Name)
	}
	bar := newProgress(stderr, o.quiet, sc.Name, int64(steps))
	stop, release := watchInterrupt()
	sum, err := runScenario(sc, out, runConfig{format: o.format, plots: o.plots, stop: stop, progress: bar.reporter(sc.DtMs)})
	release()
	bar.finish()
	if err != nil {
		return fail(stderr, exitCode(err), err)
	}
	if !o.quiet {
		printSummary(stdout, sum, out)
	}
	if sum.Interrupted {
		fmt.Fprintf(stderr, "run: interrupted after %d of %d steps; what was recorded is in %s\n", sum.Steps, sum.StepsPlanned, out)
		return exitInterrupted
	}
	return exitOK
}

// exitCode is exitUsage for a mistake in the scenario, else exitRun.
func exitCode(err error) int {
	var se *scenarios.Error
	if errors.As(err, &se) {
		return exitUsage
	}
	return exitRun
}

// load reads the scenario with the overrides, then applies -seed and
// -duration.
func load(o *options, overrides []scenarios.Override) (*scenarios.Scenario, error) {
	sc, err := scenarios.LoadWith(o.scenario, overrides...)
	if err != nil {
		return nil, err
	}
	if o.seed != "" {
		if sc.Seed, err = parseSeed(o.seed); err != nil {
			return nil, err
		}
	}
	if o.duration != "" {
		d, err := units.ParseAs(o.duration, units.Time)
		if err != nil {
			return nil, fmt.Errorf("-duration: %v", err)
		}
		if d < 0 {
			return nil, fmt.Errorf("-duration: must be >= 0, got %q", o.duration)
		}
		if _, err := ecs.StepsFor(d, sc.DtMs); err != nil {
			return nil, fmt.Errorf("-duration: %v", err)
		}
		sc.DurationMs = d
	}
	return sc, nil
}
