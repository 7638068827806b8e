package main

import (
	"os"
	"os/signal"
	"sync/atomic"
	"syscall"
)

// Exit statuses of a run stopped by a signal (128 + the signal's number,
// as a shell reports a process killed by it); the outputs recorded up to
// the stop are written.
const (
	exitInterrupted = 130 // SIGINT (Ctrl-C)
	exitTerminated  = 143 // SIGTERM (timeout, SLURM, docker stop, kill)
)

// signalWatch is the state of one run's SIGINT/SIGTERM handling.
type signalWatch struct {
	// stop is set by the first signal; runs check it before every step
	// (and training runs before every iteration), stop, and still write
	// what they recorded.
	stop *atomic.Bool
	code atomic.Int32 // exit status for the first signal; 0: none yet
}

// exitCode is the exit status for the signal that stopped the run
// (exitInterrupted when none did, e.g. a sweep whose runs were stopped
// another way).
func (w *signalWatch) exitCode() int {
	if c := int(w.code.Load()); c != 0 {
		return c
	}
	return exitInterrupted
}

// watchSignals returns a watch whose stop flag the first SIGINT or SIGTERM
// sets, and a function that stops watching. A second signal calls abort
// (nil: nothing), which removes the temporary output directory, and ends
// the process at once with 128 + its number.
func watchSignals(abort func()) (*signalWatch, func()) {
	w := &signalWatch{stop: &atomic.Bool{}}
	ch := make(chan os.Signal, 2)
	done := make(chan struct{})
	signal.Notify(ch, os.Interrupt, syscall.SIGTERM)
	go func() {
		for {
			select {
			case s := <-ch:
				code := signalCode(s)
				if w.stop.Load() {
					if abort != nil {
						abort()
					}
					os.Exit(code)
				}
				w.code.Store(int32(code))
				w.stop.Store(true)
			case <-done:
				return
			}
		}
	}()
	return w, func() {
		signal.Stop(ch)
		close(done)
	}
}

// signalCode is the exit status for a signal.
func signalCode(s os.Signal) int {
	if s == syscall.SIGTERM {
		return exitTerminated
	}
	return exitInterrupted
}
