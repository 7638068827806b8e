package main

import (
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strconv"
	"time"

	"github.com/spikecs/spikecs/scenarios"
	"github.com/spikecs/spikecs/systems/agents/foraging"
	"github.com/spikecs/spikecs/systems/partition"
)

// foragingName is the built-in that is an agent-based world rather than a
// YAML scenario (docs/embedding.md).
const foragingName = "foraging"

// foragingSummary is summary.json of a foraging run.
type foragingSummary struct {
	Scenario    string                  `json:"scenario"`
	Seed        uint64                  `json:"seed"`
	Interrupted bool                    `json:"interrupted"` // stopped by SIGINT/SIGTERM before its ticks
	Version     string                  `json:"version"`     // the runner's build (see buildVersion)
	Foraging    foraging.ForagingResult `json:"foraging"`
	WallS       float64                 `json:"wall_s"`
}

// runForaging runs the foraging world (seed from -seed, default 1) and
// writes summary.json, report.html and foraging.png (unless -plots=false);
// -checkpoint-every saves its state for -resume.
func runForaging(o *options, stdout, stderr io.Writer) int {
	return runForagingStop(o, stdout, stderr, nil)
}

// runForagingStop is runForaging with an extra stop condition (nil: none),
// asked before every tick as SIGINT/SIGTERM are; the tests use it to stop
// a run at a given tick.
func runForagingStop(o *options, stdout, stderr io.Writer, stop func() bool) int {
	if len(o.sets) > 0 || o.experiment() || o.duration != "" || o.format.npy {
		return fail(stderr, exitUsage, fmt.Errorf("foraging takes only -seed, -out, -force, -plots, -quiet, -checkpoint-every and -resume"))
	}
	if o.checkpoint < 0 {
		return fail(stderr, exitUsage, fmt.Errorf("-checkpoint-every: must be > 0, got %v", o.checkpoint))
	}
	var resume *foragingCheckpoint
	if o.resume != "" {
		if o.seed != "" || o.scenario != scenarios.DefaultName || o.partitions != 1 || partition.LaunchedByMPI() {
			return fail(stderr, exitUsage, fmt.Errorf("-resume continues a run exactly: give only -resume DIR (and optionally -out, -checkpoint-every, -quiet); foraging does not run partitioned"))
		}
		ck, err := readForagingCheckpoint(o.resume)
		if err != nil {
			return fail(stderr, exitUsage, err)
		}
		o.scenario, o.plots, o.seed = foragingName, ck.Plots, strconv.FormatUint(ck.Seed, 10)
		if o.out == "" {
			o.out = ck.Out
		}
		resume = ck
	}
	seed := uint64(1)
	if o.seed != "" {
		s, err := parseSeed(o.seed)
		if err != nil {
			return fail(stderr, exitUsage, err)
		}
		seed = s
	}
	if o.validate {
		if !o.quiet {
			fmt.Fprintln(stdout, "foraging: ok (a built-in world)")
		}
		return exitOK
	}
	out := o.out
	if out == "" {
		out = filepath.Join("out", foragingName)
	}
	tg, err := prepareOut(out, o.guard(stderr))
	if err != nil {
		return fail(stderr, outErrorCode(err), err)
	}
	defer tg.release()
	fo := foraging.ForagingOptions{Seed: seed}
	if resume != nil {
		fo.Resume = resume.State
	}
	if o.checkpoint > 0 {
		meta := foragingCheckpoint{Seed: seed, Plots: o.plots, Out: out}
		if fo.Checkpoint, err = foragingCheckpointer(checkpointDir(out), o.checkpoint, meta); err != nil {
			return fail(stderr, exitRun, err)
		}
	}
	sw, release := watchSignals(tg.abort)
	defer release()
	fo.Stop = func() bool { return sw.stop.Load() || (stop != nil && stop()) }
	start := time.Now()
	res, err := foraging.RunForaging(fo)
	if errors.Is(err, foraging.ErrState) {
		return fail(stderr, exitUsage, fmt.Errorf("-resume %s: %w; rerun from the start", o.resume, err))
	}
	if err != nil {
		return fail(stderr, exitRun, err)
	}
	sum := foragingSummary{Scenario: foragingName, Seed: seed, Interrupted: res.Interrupted, Version: buildVersion(),
		Foraging: res, WallS: time.Since(start).Seconds()}
	err = tg.publish(func(tmp string) error {
		if err := writeForagingFigure(tmp, sum, builtinPlotKind(o)); err != nil {
			return err
		}
		return writeJSON(filepath.Join(tmp, "summary.json"), sum)
	})
	if err != nil {
		return fail(stderr, exitRun, err)
	}
	if !o.quiet {
		fmt.Fprintf(stdout, "foraging, seed %d: %.1f food per spiking agent, %.1f per random walker (%.2fx) in %.2f s\noutputs in %s\n",
			seed, res.BrainFoodPerAgent, res.RandomFoodPerAgent, res.Ratio, sum.WallS, out)
	}
	if !res.Interrupted && (o.checkpoint > 0 || o.resume != "") {
		_ = os.RemoveAll(checkpointDir(out))
	}
	if res.Interrupted {
		where := ""
		if o.checkpoint > 0 {
			where = fmt.Sprintf("; continue with -resume %s", checkpointDir(out))
		}
		fmt.Fprintf(stderr, "run: interrupted after %d ticks; what was recorded is in %s%s\n", res.Ticks, out, where)
		return sw.exitCode()
	}
	return exitOK
}
