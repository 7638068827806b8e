package main

import (
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strings"

	"github.com/spikecs/spikecs/ecs"
	"github.com/spikecs/spikecs/scenarios"
	"github.com/spikecs/spikecs/scenarios/units"
	"github.com/spikecs/spikecs/systems/partition"
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
		for _, e := range epropSummaries() {
			fmt.Fprintf(stdout, "%-18s %s\n", e[0], e[1])
		}
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
	case (o.scenario == foragingName || o.scenario == epropSineName || o.scenario == epropEvidenceName) &&
		(o.partitions != 1 || partition.LaunchedByMPI()):
		return fail(stderr, exitUsage, fmt.Errorf("%s does not run partitioned (-partitions, mpirun): it is not one network of populations", o.scenario))
	case o.scenario == foragingName || (o.resume != "" && isForagingCheckpoint(o.resume)):
		return runForaging(o, stdout, stderr)
	case o.scenario == epropSineName || o.scenario == epropEvidenceName || (o.resume != "" && isTrainCheckpoint(o.resume)):
		return runTraining(o, stdout, stderr)
	case o.experiment():
		if o.partitions != 1 || partition.LaunchedByMPI() {
			return fail(stderr, exitUsage, fmt.Errorf("sweeps and trials (-sweep, -trials) do not run partitioned (-partitions, mpirun); use -workers to run them in parallel"))
		}
		return runExperiment(o, stdout, stderr)
	}
	return runSingle(o, stdout, stderr)
}

// runSingle runs one scenario (with -set, -seed and -duration applied),
// or continues a checkpointed one (-resume).
func runSingle(o *options, stdout, stderr io.Writer) int {
	if o.checkpoint < 0 {
		return fail(stderr, exitUsage, fmt.Errorf("-checkpoint-every: must be > 0, got %v", o.checkpoint))
	}
	var sc *scenarios.Scenario
	var resume *resumeState
	var err error
	if o.resume != "" {
		sc, resume, err = prepareResume(o)
	} else {
		sc, err = load(o, o.sets)
	}
	if err != nil {
		return fail(stderr, exitUsage, err)
	}
	steps, err := ecs.StepsFor(sc.DurationMs, sc.DtMs)
	if err != nil {
		return fail(stderr, exitUsage, &scenarios.Error{File: sc.File, Key: "duration", Msg: err.Error()})
	}
	if sc.Record.StartMs > 0 && sc.Record.StartMs >= sc.DurationMs {
		return fail(stderr, exitUsage, &scenarios.Error{File: sc.File, Line: sc.Record.StartLine, Key: "record.start",
			Msg: fmt.Sprintf("the recording starts at %v ms, not before the end of the run (%v ms); shorten it (a generated microcircuit: -set microcircuit.warm_up=0ms) or run longer", sc.Record.StartMs, sc.DurationMs)})
	}
	est := sc.EstimateMemory()
	memErr := error(nil)
	if !partition.LaunchedByMPI() { // under mpirun each rank holds a part
		memErr = checkMemory(o, sc, est, 1)
	}
	if o.validate {
		if !o.quiet {
			fmt.Fprintf(stdout, "%s: memory estimate %s\n", sc.File, est)
		}
		if memErr != nil {
			return fail(stderr, exitRun, fmt.Errorf("%w (not built)", memErr))
		}
		if err := sc.Check(); err != nil {
			return fail(stderr, exitUsage, err)
		}
		if o.partitions > 1 { // e.g. a population smaller than the partitions
			if _, err := sc.Build(ecs.Options{Partition: ecs.Partition{Count: o.partitions}}); err != nil {
				return fail(stderr, exitUsage, err)
			}
		}
		if !o.quiet {
			fmt.Fprintf(stdout, "%s: ok (populations: %d)\n", sc.File, len(sc.Populations))
		}
		return exitOK
	}
	if memErr != nil {
		return fail(stderr, exitRun, memErr)
	}
	parts, finish, err := setupPartitions(o, sc)
	if err != nil {
		return fail(stderr, exitUsage, err)
	}
	defer finish()
	out := o.out
	if out == "" {
		out = filepath.Join("out", sc.Name)
	}
	cfg := runConfig{format: o.format, plots: o.plots, plotKind: o.plotKind, report: newReportSource(o), resume: resume, checkpointEvery: o.checkpoint, parts: parts}
	if parts.rank() != 0 { // an MPI rank other than 0: no outputs, no messages
		sw, release := watchSignals(nil)
		cfg.stop = sw.stop
		_, err := executePartitioned(sc, "", cfg)
		release()
		if err != nil {
			return fail(stderr, exitCode(err), fmt.Errorf("rank %d of %d: %w", parts.rank(), parts.k, err))
		}
		return exitOK
	}
	if o.checkpoint > 0 {
		if cfg.checkpointMeta, err = checkpointMeta(o, sc, out); err != nil {
			return fail(stderr, exitUsage, err)
		}
	}
	tg, err := prepareOut(out, o.guard(stderr))
	if err != nil {
		return fail(stderr, outErrorCode(err), err)
	}
	defer tg.release()
	cfg.target = tg
	bar := newProgress(stderr, o.quiet, sc.Name, int64(steps))
	cfg.progress = bar.reporter(sc.DtMs)
	sw, release := watchSignals(tg.abort)
	cfg.stop = sw.stop
	sum, err := runScenario(sc, out, cfg)
	release()
	bar.finish()
	if err != nil {
		return fail(stderr, exitCode(err), err)
	}
	if !sum.Interrupted {
		cleanupCheckpoint(o, out)
	}
	if !o.quiet {
		printSummary(stdout, sum, out)
	}
	if sum.Interrupted {
		fmt.Fprintf(stderr, "run: interrupted after %d of %d steps; what was recorded is in %s\n", sum.Steps, sum.StepsPlanned, out)
		return sw.exitCode()
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
	if err := unknownBuiltin(o.scenario); err != nil {
		return nil, err
	}
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

// unknownBuiltin returns the error for a scenario argument that is neither
// a file nor a built-in, listing every built-in (the YAML ones and the
// runner's own: foraging and the training scenarios).
func unknownBuiltin(name string) error {
	if _, ok := scenarios.BuiltinSource(name); ok || strings.ContainsAny(name, "/.") {
		return nil
	}
	if _, err := os.Stat(name); !errors.Is(err, os.ErrNotExist) {
		return nil
	}
	var names []string
	for _, b := range scenarios.Builtins() {
		names = append(names, b.Name)
	}
	names = append(names, foragingName)
	for _, e := range epropSummaries() {
		names = append(names, e[0])
	}
	return &scenarios.Error{File: name, Msg: fmt.Sprintf("no such file and no built-in scenario of that name; built-ins: %s (see run -list)", strings.Join(names, ", "))}
}

// prepareResume reads the checkpoint of -resume and rebuilds its scenario
// exactly (source, overrides, seed, duration, output choices).
func prepareResume(o *options) (*scenarios.Scenario, *resumeState, error) {
	if len(o.sets) > 0 || o.seed != "" || o.duration != "" || o.experiment() || o.scenario != scenarios.DefaultName {
		return nil, nil, fmt.Errorf("-resume continues a run exactly: give only -resume DIR (and optionally -out, -checkpoint-every, -quiet)")
	}
	ck, err := readCheckpoint(o.resume)
	if err != nil {
		return nil, nil, err
	}
	sc, err := scenarios.ParseWith(ck.Source, ck.File, ck.Overrides...)
	if err != nil {
		return nil, nil, fmt.Errorf("-resume: the checkpointed scenario no longer loads: %w", err)
	}
	sc.Seed, sc.DurationMs = ck.Seed, ck.DurationMs
	if o.format, err = parseFormat(ck.Format); err != nil {
		return nil, nil, err
	}
	o.plots, o.plotKind = ck.Plots, plotPNG
	if k, err := parsePlotKind(ck.PlotKind); err == nil && ck.PlotKind != "" {
		o.plotKind = k
	}
	if o.out == "" {
		o.out = ck.Out
	}
	// The run about to start journals into journal.bin again: replay the
	// previous one from journal.replay (kept if an earlier resume failed).
	replay := filepath.Join(o.resume, "journal.replay")
	if _, err := os.Stat(filepath.Join(o.resume, "journal.bin")); err == nil {
		if err := os.Rename(filepath.Join(o.resume, "journal.bin"), replay); err != nil {
			return nil, nil, fmt.Errorf("-resume: %w", err)
		}
	}
	if _, err := os.Stat(replay); err != nil {
		return nil, nil, fmt.Errorf("-resume %s: the output journal is missing", o.resume)
	}
	return sc, &resumeState{ck: ck, journal: replay}, nil
}

// checkpointMeta describes how a checkpointed run is rebuilt.
func checkpointMeta(o *options, sc *scenarios.Scenario, out string) (checkpoint, error) {
	if o.experiment() {
		return checkpoint{}, fmt.Errorf("-checkpoint-every works for single runs, not sweeps or trials")
	}
	if err := checkpointable(sc); err != nil {
		return checkpoint{}, err
	}
	meta := checkpoint{File: sc.File, Overrides: o.sets, Seed: sc.Seed, DurationMs: sc.DurationMs,
		Format: o.format.String(), Plots: o.plots, PlotKind: o.plotKind.String(), Out: out}
	if o.resume != "" { // a resumed run keeps the source it was checkpointed with
		ck, err := readCheckpoint(o.resume)
		if err != nil {
			return checkpoint{}, err
		}
		meta.Source, meta.Overrides = ck.Source, ck.Overrides
		return meta, nil
	}
	src, err := scenarioSource(o.scenario)
	if err != nil {
		return checkpoint{}, fmt.Errorf("-checkpoint-every: cannot keep the scenario source: %w", err)
	}
	meta.Source = src
	return meta, nil
}

// cleanupCheckpoint removes the checkpoint directory of a finished run.
func cleanupCheckpoint(o *options, out string) {
	if o.checkpoint > 0 || o.resume != "" {
		_ = os.RemoveAll(checkpointDir(out))
		if o.resume != "" {
			_ = os.Remove(filepath.Join(o.resume, "journal.replay"))
		}
	}
}
