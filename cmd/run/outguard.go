package main

import (
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"sync"
)

// outputMarker is the file the runner writes into every output directory
// it publishes. A directory holding it is a previous runner output, which
// the next run to the same -out may replace as a whole; any other
// non-empty directory is refused unless -force is given.
const outputMarker = ".spikecs-output"

// markerText is the content of outputMarker.
const markerText = "This directory was written by spikecs's runner (cmd/run); the next run with the same -out replaces it as a whole.\n"

// outError is a refused -out: a usage error (exit status 2).
type outError struct{ msg string }

func (e *outError) Error() string { return e.msg }

// busyError is a -out another live run is writing (exit status 1).
type busyError struct{ msg string }

func (e *busyError) Error() string { return e.msg }

// target is an output directory a run is about to publish: its parent
// exists, it is locked against other runs, and the temporary directory
// being written is known so that an abort can remove it.
type target struct {
	out     string
	parent  string
	created []string // parent directories made for it, outermost first
	lock    *outLock

	mu        sync.Mutex
	tmp       string // the .partial- directory being written, "" when none
	published bool
	released  bool
}

// guard is what prepareOut checks an -out against.
type guard struct {
	// files are paths the run reads (the scenario file, a checkpoint
	// directory) that must not lie inside the output directory.
	files []string
	// force allows replacing a non-empty directory without the marker.
	force bool
	// notes, when not nil, receives one line per stale temporary
	// directory removed.
	notes io.Writer
}

// prepareOut checks out before anything runs (not the working directory
// or one of its parents, no input file inside it, a previous runner
// output or empty or absent unless g.force), makes its parent, locks it
// against a concurrent run and removes the temporary directories that
// dead runs left next to it.
func prepareOut(out string, g guard) (*target, error) {
	abs, err := filepath.Abs(out)
	if err != nil {
		return nil, &outError{fmt.Sprintf("-out %s: %v", out, err)}
	}
	real := resolve(abs)
	if cwd, err := os.Getwd(); err == nil && within(resolve(cwd), real) {
		return nil, &outError{fmt.Sprintf("-out %s is the working directory or one of its parents; the runner replaces its output directory as a whole, so give a new directory (e.g. out/NAME)", out)}
	}
	for _, f := range g.files {
		if f == "" {
			continue
		}
		fa, err := filepath.Abs(f)
		if err != nil {
			continue
		}
		if within(resolve(fa), real) {
			return nil, &outError{fmt.Sprintf("-out %s contains %s, which this run reads; replacing the directory would delete it, so give another -out", out, f)}
		}
	}
	if err := checkReplaceable(out, g.force); err != nil {
		return nil, err
	}
	tg, err := lockOut(out)
	if err != nil {
		return nil, err
	}
	tg.removeStale(g.notes)
	return tg, nil
}

// checkReplaceable refuses an existing out that is a file, or a non-empty
// directory the runner did not write (unless force).
func checkReplaceable(out string, force bool) error {
	fi, err := os.Stat(out)
	if errors.Is(err, os.ErrNotExist) {
		return nil
	}
	if err != nil {
		return &outError{fmt.Sprintf("-out %s: %v", out, err)}
	}
	if !fi.IsDir() {
		return &outError{fmt.Sprintf("-out %s exists and is not a directory", out)}
	}
	if _, err := os.Stat(filepath.Join(out, outputMarker)); err == nil || force {
		return nil
	}
	es, err := os.ReadDir(out)
	if err != nil {
		return &outError{fmt.Sprintf("-out %s: %v", out, err)}
	}
	if len(es) == 0 {
		return nil
	}
	return &outError{fmt.Sprintf("-out %s exists and was not written by the runner (it has %d entries and no %s file); refusing to replace it: give a new directory, or -force to replace it with everything in it", out, len(es), outputMarker)}
}

// resolve returns path with symbolic links resolved as far as it exists.
func resolve(path string) string {
	rest := ""
	for p := filepath.Clean(path); ; p = filepath.Dir(p) {
		if r, err := filepath.EvalSymlinks(p); err == nil {
			return filepath.Join(r, rest)
		}
		if filepath.Dir(p) == p {
			return path
		}
		rest = filepath.Join(filepath.Base(p), rest)
	}
}

// within reports whether path is dir or lies inside it (both absolute
// and clean).
func within(path, dir string) bool {
	rel, err := filepath.Rel(dir, path)
	return err == nil && rel != ".." && !strings.HasPrefix(rel, ".."+string(filepath.Separator)) && !filepath.IsAbs(rel)
}

// lockOut makes the parent of out and takes its lock (see outLock): a
// second run to the same out fails at once, naming the process that
// holds it.
func lockOut(out string) (*target, error) {
	parent := filepath.Dir(filepath.Clean(out))
	created, err := mkdirAll(parent)
	if err != nil {
		return nil, fmt.Errorf("output directory: %w", err)
	}
	lk, err := acquireLock(filepath.Join(parent, "."+filepath.Base(filepath.Clean(out))+".lock"))
	if err != nil {
		removeEmpty(created)
		var held *lockHeld
		if errors.As(err, &held) {
			who := "another run"
			if held.pid > 0 {
				who = fmt.Sprintf("another run (pid %d)", held.pid)
			}
			return nil, &busyError{fmt.Sprintf("-out %s: %s is writing it; wait for it to finish or give another -out", out, who)}
		}
		return nil, fmt.Errorf("output directory %s: %w", parent, err)
	}
	return &target{out: out, parent: parent, created: created, lock: lk}, nil
}

// partialPrefix is the name prefix of out's temporary directories.
func partialPrefix(out string) string {
	return "." + filepath.Base(filepath.Clean(out)) + ".partial-"
}

// removeStale removes the temporary directories of out whose run is gone
// (killed, e.g. by kill -9): their names carry the pid of the run, and
// the lock held now means no live run of this binary writes them.
func (tg *target) removeStale(notes io.Writer) {
	prefix := partialPrefix(tg.out)
	es, err := os.ReadDir(tg.parent)
	if err != nil {
		return
	}
	for _, e := range es {
		name := e.Name()
		if !e.IsDir() || !strings.HasPrefix(name, prefix) {
			continue
		}
		pidText, _, ok := strings.Cut(strings.TrimPrefix(name, prefix), "-")
		pid, err := strconv.Atoi(pidText)
		if !ok || err != nil || pid <= 0 {
			continue // not named by this runner: leave it
		}
		if pid != os.Getpid() && processAlive(pid) {
			continue
		}
		path := filepath.Join(tg.parent, name)
		if os.RemoveAll(path) == nil && notes != nil {
			fmt.Fprintf(notes, "run: removed %s, left by an earlier run (pid %d) that did not finish\n", path, pid)
		}
	}
}

// publish makes a fresh temporary directory next to out, calls write with
// it, marks it as runner output and moves it to out (replacing an existing
// out as a whole). On failure the temporary directory is removed and an
// existing out is left as it was.
func (tg *target) publish(write func(tmp string) error) error {
	tmp, err := os.MkdirTemp(tg.parent, partialPrefix(tg.out)+strconv.Itoa(os.Getpid())+"-")
	if err != nil {
		return fmt.Errorf("output directory: %w", err)
	}
	tg.mu.Lock()
	tg.tmp = tmp
	tg.mu.Unlock()
	ok := false
	defer func() {
		if !ok {
			tg.mu.Lock()
			_ = os.RemoveAll(tmp)
			tg.tmp = ""
			tg.mu.Unlock()
		}
	}()
	if err := os.Chmod(tmp, 0o755); err != nil {
		return fmt.Errorf("output directory: %w", err)
	}
	if err := write(tmp); err != nil {
		return err
	}
	if err := os.WriteFile(filepath.Join(tmp, outputMarker), []byte(markerText), 0o644); err != nil {
		return fmt.Errorf("output directory: %w", err)
	}
	tg.mu.Lock()
	defer tg.mu.Unlock()
	if err := replaceDir(tmp, tg.out); err != nil {
		return err
	}
	tg.tmp, tg.published, ok = "", true, true
	return nil
}

// abort removes the temporary directory being written and releases the
// lock; it is called just before the process exits on a second signal.
func (tg *target) abort() {
	tg.mu.Lock()
	if tg.tmp != "" {
		// The run may still be adding files: try a few times.
		for range 3 {
			if os.RemoveAll(tg.tmp) == nil {
				break
			}
		}
		_ = os.RemoveAll(tg.tmp + ".old")
		tg.tmp = ""
	}
	tg.mu.Unlock()
	tg.release()
}

// release removes the lock (and the parent directories made for out when
// nothing was published). It may be called more than once.
func (tg *target) release() {
	tg.mu.Lock()
	defer tg.mu.Unlock()
	if tg.released {
		return
	}
	tg.released = true
	tg.lock.release()
	if !tg.published {
		removeEmpty(tg.created)
	}
}

// guard returns the checks of -out for this command line: the scenario
// file, a -resume directory and a -set init= directory must not be inside
// it.
func (o *options) guard(notes io.Writer) guard {
	g := guard{force: o.force}
	if o.quiet {
		g.notes = io.Discard
	} else {
		g.notes = notes
	}
	if _, err := os.Stat(o.scenario); err == nil {
		g.files = append(g.files, o.scenario)
	}
	if o.resume != "" {
		g.files = append(g.files, o.resume)
	}
	for _, s := range o.sets {
		if s.Path == "init" {
			g.files = append(g.files, s.Value)
		}
	}
	return g
}

// outErrorCode is the exit status of a prepareOut error: 2 for a refused
// -out, 1 when another run holds it or the file system fails.
func outErrorCode(err error) int {
	var oe *outError
	if errors.As(err, &oe) {
		return exitUsage
	}
	return exitRun
}
