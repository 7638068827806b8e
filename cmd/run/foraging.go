package main

import (
	"fmt"
	"io"
	"path/filepath"
	"time"

	"github.com/spikecs/spikecs/systems/agents/foraging"
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
// writes summary.json, report.html and foraging.png (unless -plots=false).
func runForaging(o *options, stdout, stderr io.Writer) int {
	if len(o.sets) > 0 || o.experiment() || o.duration != "" || o.format.npy {
		return fail(stderr, exitUsage, fmt.Errorf("foraging takes only -seed, -out, -force, -plots and -quiet"))
	}
	if o.checkpoint != 0 || o.resume != "" {
		return fail(stderr, exitUsage, fmt.Errorf("foraging has no checkpoints (-checkpoint-every, -resume): it runs in well under a second; SIGINT/SIGTERM still stop it with what it did"))
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
	sw, release := watchSignals(tg.abort)
	defer release()
	start := time.Now()
	res, err := foraging.RunForaging(foraging.ForagingOptions{Seed: seed, Stop: sw.stop.Load})
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
	if res.Interrupted {
		fmt.Fprintf(stderr, "run: interrupted after %d ticks; what was recorded is in %s\n", res.Ticks, out)
		return sw.exitCode()
	}
	return exitOK
}
