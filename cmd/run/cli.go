package main

import (
	"errors"
	"flag"
	"fmt"
	"io"
	"runtime"
	"strconv"
	"strings"
	"time"

	"github.com/spikecs/spikecs/scenarios"
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
	format         outputFormat
	plots          bool                 // figures on (-plots other than none)
	plotKind       plotKind             // -plots
	sets           []scenarios.Override // -set, in order
	sweeps         []sweepAxis          // -sweep, in order
	trials         int
	workers        int
	checkpoint     time.Duration // -checkpoint-every
	resume         string        // -resume DIR
	partitions     int           // -partitions K
	force          bool          // -force: replace a non-runner -out
	memoryCheck    bool          // -memory-check: refuse runs larger than the available memory
}

// parseFlags reads the command line; errors are usage errors.
func parseFlags(args []string, stderr io.Writer) (*options, error) {
	o := &options{}
	fs := flag.NewFlagSet("run", flag.ContinueOnError)
	// The flag package would print its error and the whole usage text;
	// run prints one line instead (and the usage only for -h).
	fs.SetOutput(io.Discard)
	fs.StringVar(&o.out, "out", "", "output directory (default out/<scenario name>)")
	fs.BoolVar(&o.force, "force", false, "replace -out even if it is a non-empty directory the runner did not write (it holds no "+outputMarker+")")
	fs.BoolVar(&o.memoryCheck, "memory-check", true, "refuse a run whose memory estimate exceeds the available memory (MemAvailable), before allocating")
	fs.StringVar(&o.seed, "seed", "", "seed (a whole number >= 0; overrides the file)")
	fs.StringVar(&o.duration, "duration", "", "run length with a unit, e.g. 2s or 500ms (overrides the file)")
	fs.BoolVar(&o.quiet, "quiet", false, "print nothing on success (and no progress bar)")
	fs.BoolVar(&o.list, "list", false, "list the built-in scenarios and exit")
	fs.BoolVar(&o.validate, "validate", false, "check the scenario (parse and build, every sweep combination) without running it")
	format := fs.String("format", "csv", "data files: csv (spikes.csv, state.csv), npy (.npy arrays), both (csv,npy), sonata (spikes.h5; needs a binary built with -tags hdf5) or a comma-separated list")
	plots := fs.String("plots", "png", "figure format: png, svg, pdf or none (true = png, false = none); report.html shows them as SVG either way")
	fs.StringVar(&o.plotSurrogates, "plot-surrogates", "", "write surrogates.png (all surrogate families) into this directory and exit")
	fs.Func("set", "set a value of the scenario: path=value, e.g. populations.exc.params.tau=12ms (repeatable)", func(s string) error {
		ov, err := scenarios.ParseOverride(s)
		if err != nil {
			return err
		}
		o.sets = append(o.sets, ov)
		return nil
	})
	fs.Func("sweep", "run every value: path=v1,v2,... (repeatable: the runs are the cartesian product)", func(s string) error {
		ax, err := parseSweep(s)
		if err != nil {
			return err
		}
		o.sweeps = append(o.sweeps, ax)
		return nil
	})
	fs.DurationVar(&o.checkpoint, "checkpoint-every", 0, "save the full state this often (wall time, e.g. 1s) into OUT.checkpoint/ for -resume")
	fs.StringVar(&o.resume, "resume", "", "continue the run checkpointed in this directory (OUT.checkpoint) to the end")
	fs.IntVar(&o.trials, "trials", 1, "runs per parameter combination, with seeds derived from the seed (see docs/scenarios.md)")
	fs.IntVar(&o.partitions, "partitions", 1, "split the network into K partitions run on goroutines (a binary built with -tags mpi under mpirun uses the MPI ranks instead); spikes are identical for any K")
	fs.IntVar(&o.workers, "workers", runtime.NumCPU(), "runs of a sweep executed at once")
	if err := fs.Parse(args); err != nil {
		if errors.Is(err, flag.ErrHelp) {
			fmt.Fprintf(stderr, "usage: run [flags] [SCENARIO]\n\nSCENARIO is a .yaml file or a built-in name (see -list); default %q.\n\nflags:\n", scenarios.DefaultName)
			fs.SetOutput(stderr)
			fs.PrintDefaults()
			fmt.Fprint(stderr, exitStatusHelp)
			return nil, err
		}
		return nil, fmt.Errorf("%v (see run -h)", flagError(err))
	}
	var err error
	if o.format, err = parseFormat(*format); err != nil {
		return nil, err
	}
	if o.plotKind, err = parsePlotKind(*plots); err != nil {
		return nil, err
	}
	o.plots = o.plotKind != plotNone
	if err := checkSweepPaths(o.sets, o.sweeps); err != nil {
		return nil, err
	}
	if o.trials < 1 {
		return nil, fmt.Errorf("-trials: must be at least 1, got %d", o.trials)
	}
	if o.workers < 1 {
		return nil, fmt.Errorf("-workers: must be at least 1, got %d", o.workers)
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

// flagError shortens the flag package's "invalid value "x" for flag -set:
// <our message>" to "-set: <our message>".
func flagError(err error) error {
	msg := err.Error()
	if i := strings.Index(msg, " for flag -"); strings.HasPrefix(msg, "invalid value ") && i > 0 {
		rest := msg[i+len(" for flag "):]
		if name, detail, ok := strings.Cut(rest, ": "); ok {
			return fmt.Errorf("%s: %s", name, detail)
		}
	}
	return err
}

// experiment reports whether the options ask for several runs.
func (o *options) experiment() bool { return len(o.sweeps) > 0 || o.trials > 1 }

// parseSeed reads -seed.
func parseSeed(s string) (uint64, error) {
	v, err := strconv.ParseUint(s, 10, 64)
	if err != nil {
		return 0, fmt.Errorf("-seed: expected a whole number >= 0, got %q", s)
	}
	return v, nil
}
