package main

import (
	"errors"
	"flag"
	"fmt"
	"io"
	"path/filepath"
	"strconv"
	"strings"

	"github.com/spikecs/spikecs/ecs"
	"github.com/spikecs/spikecs/scenarios"
	"github.com/spikecs/spikecs/scenarios/units"
	"github.com/spikecs/spikecs/systems/surrogate/surrogateplot"
)

// options are the parsed command line.
type options struct {
	out            string
	seed           string
	duration       string
	quiet          bool
	list           bool
	validate       bool
	plotSurrogates string
	scenario       string
}

// parseFlags reads the command line; errors are usage errors.
func parseFlags(args []string, stderr io.Writer) (*options, error) {
	o := &options{}
	fs := flag.NewFlagSet("run", flag.ContinueOnError)
	// The flag package would print its error and the whole usage text;
	// run prints one line instead (and the usage only for -h).
	fs.SetOutput(io.Discard)
	fs.StringVar(&o.out, "out", "", "output directory (default out/<scenario name>)")
	fs.StringVar(&o.seed, "seed", "", "seed (a whole number >= 0; overrides the file)")
	fs.StringVar(&o.duration, "duration", "", "run length with a unit, e.g. 2s or 500ms (overrides the file)")
	fs.BoolVar(&o.quiet, "quiet", false, "print nothing on success")
	fs.BoolVar(&o.list, "list", false, "list the built-in scenarios and exit")
	fs.BoolVar(&o.validate, "validate", false, "check the scenario (parse and build) without running it")
	fs.StringVar(&o.plotSurrogates, "plot-surrogates", "", "write surrogates.png (all surrogate families) into this directory and exit")
	if err := fs.Parse(args); err != nil {
		if errors.Is(err, flag.ErrHelp) {
			fmt.Fprintf(stderr, "usage: run [flags] [SCENARIO]\n\nSCENARIO is a .yaml file or a built-in name (see -list); default %q.\n\nflags:\n", scenarios.DefaultName)
			fs.SetOutput(stderr)
			fs.PrintDefaults()
			return nil, err
		}
		return nil, fmt.Errorf("%v (see run -h)", err)
	}
	switch fs.NArg() {
	case 0:
		o.scenario = scenarios.DefaultName
	case 1:
		o.scenario = fs.Arg(0)
	default:
		hint := ""
		for _, a := range fs.Args()[1:] {
			if strings.HasPrefix(a, "-") {
				hint = "; flags go before the scenario"
				break
			}
		}
		return nil, fmt.Errorf("expected at most one scenario, got %d: %s%s", fs.NArg(), strings.Join(fs.Args(), " "), hint)
	}
	return o, nil
}

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
			fmt.Fprintf(stdout, "%-16s %s\n", b.Name, b.Summary)
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
	}
	sc, err := scenarios.Load(o.scenario)
	if err != nil {
		return fail(stderr, exitUsage, err)
	}
	if err := applyOverrides(sc, o); err != nil {
		return fail(stderr, exitUsage, err)
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
	if o.out == "" {
		o.out = filepath.Join("out", sc.Name)
	}
	sum, err := execute(sc, o.out)
	if err != nil {
		var se *scenarios.Error
		if errors.As(err, &se) {
			return fail(stderr, exitUsage, err)
		}
		return fail(stderr, exitRun, err)
	}
	if !o.quiet {
		printSummary(stdout, sum, o.out)
	}
	return exitOK
}

// applyOverrides applies -seed and -duration.
func applyOverrides(sc *scenarios.Scenario, o *options) error {
	if o.seed != "" {
		s, err := strconv.ParseUint(o.seed, 10, 64)
		if err != nil {
			return fmt.Errorf("-seed: expected a whole number >= 0, got %q", o.seed)
		}
		sc.Seed = s
	}
	if o.duration != "" {
		d, err := units.ParseAs(o.duration, units.Time)
		if err != nil {
			return fmt.Errorf("-duration: %v", err)
		}
		if d < 0 {
			return fmt.Errorf("-duration: must be >= 0, got %q", o.duration)
		}
		if _, err := ecs.StepsFor(d, sc.DtMs); err != nil {
			return fmt.Errorf("-duration: %v", err)
		}
		sc.DurationMs = d
	}
	return nil
}
