package main

import (
	"encoding/csv"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strconv"
	"sync"
	"sync/atomic"
	"time"

	"github.com/spikecs/spikecs/ecs"
	"github.com/spikecs/spikecs/scenarios"
)

// runInfo is the "run" entry of a sweep run's summary.json.
type runInfo struct {
	Dir   string     `json:"dir"`
	Trial int        `json:"trial"`
	Seed  uint64     `json:"seed"`
	Set   []setValue `json:"set"` // the swept values of this run
}

// setValue is one swept path and its value in a run.
type setValue struct {
	Path  string `json:"path"`
	Value string `json:"value"`
}

// runExperiment runs every combination of -sweep values times -trials on
// -workers goroutines, each run into its own subdirectory of -out, and
// writes sweep.csv; the whole output goes through one temporary directory.
func runExperiment(o *options, stdout, stderr io.Writer) int {
	runs, err := planRuns(o)
	if err != nil {
		return fail(stderr, exitUsage, err)
	}
	var largest scenarios.Estimate
	for _, r := range runs {
		if e := r.sc.EstimateMemory(); e.Bytes > largest.Bytes {
			largest = e
		}
	}
	if err := checkMemory(o, runs[0].sc, largest, min(o.workers, len(runs))); err != nil {
		if !o.quiet && o.validate {
			fmt.Fprintf(stdout, "%s: memory estimate of the largest run %s\n", runs[0].sc.File, largest)
		}
		return fail(stderr, exitRun, err)
	}
	if o.validate {
		if !o.quiet {
			fmt.Fprintf(stdout, "%s: memory estimate of the largest run %s\n", runs[0].sc.File, largest)
		}
		for _, r := range runs {
			if err := r.sc.Check(); err != nil {
				return fail(stderr, exitUsage, fmt.Errorf("run %s: %w", r.dir, err))
			}
		}
		if !o.quiet {
			fmt.Fprintf(stdout, "%s: ok (%d runs)\n", runs[0].sc.File, len(runs))
		}
		return exitOK
	}
	out := o.out
	if out == "" {
		out = filepath.Join("out", runs[0].sc.Name)
	}
	var total int64
	for _, r := range runs {
		n, err := ecs.StepsFor(r.sc.DurationMs, r.sc.DtMs)
		if err != nil {
			return fail(stderr, exitUsage, err)
		}
		total += int64(n)
	}
	tg, err := prepareOut(out, o.guard(stderr))
	if err != nil {
		return fail(stderr, outErrorCode(err), err)
	}
	defer tg.release()
	bar := newProgress(stderr, o.quiet, fmt.Sprintf("%s (%d runs)", runs[0].sc.Name, len(runs)), total)
	sw, release := watchSignals(tg.abort)
	start := time.Now()
	var sums []*summary
	err = tg.publish(func(tmp string) error {
		var err error
		if sums, err = executeRuns(runs, tmp, o, sw.stop, bar); err != nil {
			return err
		}
		return writeSweepCSV(filepath.Join(tmp, "sweep.csv"), o.sweeps, runs, sums)
	})
	release()
	bar.finish()
	if err != nil {
		return fail(stderr, exitCode(err), err)
	}
	done, interrupted := 0, false
	for _, s := range sums {
		if s != nil {
			done++
			interrupted = interrupted || s.Interrupted
		}
	}
	interrupted = interrupted || done < len(runs)
	if !o.quiet {
		fmt.Fprintf(stdout, "%s: %d of %d runs in %.3f s on %d workers; outputs in %s (sweep.csv, one directory per run)\n",
			runs[0].sc.Name, done, len(runs), time.Since(start).Seconds(), min(o.workers, len(runs)), out)
	}
	if interrupted {
		fmt.Fprintf(stderr, "run: interrupted: %d of %d runs started; what was recorded is in %s\n", done, len(runs), out)
		return sw.exitCode()
	}
	return exitOK
}

// executeRuns runs the planned runs into subdirectories of dir, o.workers
// at a time, and returns their summaries by run index (nil for runs not
// started because of a SIGINT). The first failure stops the other runs
// and is returned (the lowest run index wins, so the message does not
// depend on scheduling).
func executeRuns(runs []plannedRun, dir string, o *options, stop *atomic.Bool, bar *progress) ([]*summary, error) {
	sums := make([]*summary, len(runs))
	errs := make([]error, len(runs))
	var next atomic.Int64
	src := newReportSource(o)
	var wg sync.WaitGroup
	for range min(o.workers, len(runs)) {
		wg.Go(func() {
			for {
				i := int(next.Add(1)) - 1
				if i >= len(runs) || stop.Load() {
					return
				}
				r := runs[i]
				sub := filepath.Join(dir, r.dir)
				if err := os.Mkdir(sub, 0o755); err != nil {
					errs[i] = fmt.Errorf("output: %w", err)
					stop.Store(true)
					return
				}
				info := &runInfo{Dir: r.dir, Trial: r.trial, Seed: r.seed, Set: []setValue{}}
				for a, ax := range o.sweeps {
					info.Set = append(info.Set, setValue{Path: ax.path, Value: r.values[a]})
				}
				cfg := runConfig{format: o.format, plots: o.plots, plotKind: o.plotKind, report: src, stop: stop, progress: bar.reporter(r.sc.DtMs), info: info}
				sum, err := execute(r.sc, sub, cfg)
				if err != nil {
					errs[i] = fmt.Errorf("run %s: %w", r.dir, err)
					stop.Store(true)
					return
				}
				sums[i] = sum
			}
		})
	}
	wg.Wait()
	for _, err := range errs {
		if err != nil {
			return nil, err
		}
	}
	return sums, nil
}

// writeSweepCSV writes one row per run that ran: its directory, the swept
// values, trial, seed, steps run, whether it was interrupted, the rate of
// every population (Hz), and the wall-clock seconds of its simulation
// loop. wall_s is the last column and the only one that changes from one
// execution to the next.
func writeSweepCSV(path string, axes []sweepAxis, runs []plannedRun, sums []*summary) error {
	var pops []string
	seen := map[string]bool{}
	for _, s := range sums {
		for _, p := range s.popsOrNil() {
			if !seen[p.Name] {
				seen[p.Name] = true
				pops = append(pops, p.Name)
			}
		}
	}
	f, err := os.Create(path)
	if err != nil {
		return fmt.Errorf("output: %w", err)
	}
	w := csv.NewWriter(f)
	header := []string{"run"}
	for _, ax := range axes {
		header = append(header, ax.path)
	}
	header = append(header, "trial", "seed", "steps", "interrupted")
	for _, p := range pops {
		header = append(header, "rate_hz."+p)
	}
	_ = w.Write(append(header, "wall_s"))
	for i, s := range sums {
		if s == nil {
			continue
		}
		row := append([]string{runs[i].dir}, runs[i].values...)
		row = append(row, strconv.Itoa(runs[i].trial), strconv.FormatUint(runs[i].seed, 10),
			strconv.Itoa(s.Steps), strconv.FormatBool(s.Interrupted))
		rates := map[string]float64{}
		for _, p := range s.Populations {
			rates[p.Name] = p.RateHz
		}
		for _, p := range pops {
			cell := ""
			if r, ok := rates[p]; ok {
				cell = strconv.FormatFloat(r, 'g', -1, 64)
			}
			row = append(row, cell)
		}
		_ = w.Write(append(row, strconv.FormatFloat(s.WallS, 'f', 6, 64)))
	}
	w.Flush()
	err = w.Error()
	if cerr := f.Close(); err == nil {
		err = cerr
	}
	if err != nil {
		return fmt.Errorf("writing %s: %w", path, err)
	}
	return nil
}

// popsOrNil returns s's populations, or nil for a run that did not run.
func (s *summary) popsOrNil() []popSummary {
	if s == nil {
		return nil
	}
	return s.Populations
}
