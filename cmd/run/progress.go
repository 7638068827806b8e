package main

import (
	"fmt"
	"io"
	"os"
	"sync"
	"time"

	"github.com/schollz/progressbar/v3"
	"golang.org/x/term"
)

// progress is the terminal progress bar of a run or a sweep: steps done
// of all steps with the ETA, and simulated seconds per wall-clock second.
// It is safe for concurrent use by the runs of a sweep. Runs call add
// about progressUpdates times each, and the bar redraws at most every
// 100 ms, so its cost is negligible.
type progress struct {
	bar   *progressbar.ProgressBar
	label string
	start time.Time
	mu    sync.Mutex
	simMs float64 // simulated time so far, summed over runs
}

// newProgress returns a bar on stderr for totalSteps steps, or nil (no
// bar) with quiet or when stderr is not a terminal.
func newProgress(stderr io.Writer, quiet bool, label string, totalSteps int64) *progress {
	f, ok := stderr.(*os.File)
	// Drawn on stderr, and only for an interactive session: both stdout and
	// stderr are terminals (a redirected stdout means a script is reading).
	if quiet || totalSteps <= 0 || !ok || !term.IsTerminal(int(f.Fd())) || !term.IsTerminal(int(os.Stdout.Fd())) {
		return nil
	}
	return newProgressTo(stderr, label, totalSteps)
}

// newProgressTo returns a bar drawn on w, terminal or not.
func newProgressTo(w io.Writer, label string, totalSteps int64) *progress {
	p := &progress{label: label, start: time.Now()}
	p.bar = progressbar.NewOptions64(totalSteps,
		progressbar.OptionSetWriter(w),
		progressbar.OptionSetDescription(label),
		progressbar.OptionSetWidth(30),
		progressbar.OptionShowCount(),
		progressbar.OptionSetItsString("steps"),
		progressbar.OptionSetPredictTime(true),
		progressbar.OptionSetElapsedTime(true),
		progressbar.OptionThrottle(100*time.Millisecond),
		progressbar.OptionOnCompletion(func() { fmt.Fprintln(w) }),
	)
	return p
}

// add counts steps of dtMs each.
func (p *progress) add(steps int, dtMs float64) {
	if p == nil {
		return
	}
	p.mu.Lock()
	p.simMs += float64(steps) * dtMs
	rate := p.simMs * 1e-3 / max(time.Since(p.start).Seconds(), 1e-9)
	p.mu.Unlock()
	p.bar.Describe(fmt.Sprintf("%s %6.3f sim-s/s", p.label, rate))
	_ = p.bar.Add64(int64(steps))
}

// reporter returns the runConfig.progress callback of a run of dtMs
// steps, or nil without a bar.
func (p *progress) reporter(dtMs float64) func(int) {
	if p == nil {
		return nil
	}
	return func(steps int) { p.add(steps, dtMs) }
}

// finish ends the bar (also when a run stopped early) and moves to the
// next line.
func (p *progress) finish() {
	if p == nil {
		return
	}
	if !p.bar.IsFinished() {
		_ = p.bar.Exit() // prints the newline through OptionOnCompletion
	}
}
