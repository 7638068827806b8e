package main

import (
	"os"
	"os/signal"
	"sync/atomic"
)

// exitInterrupted is the exit status of a run stopped by SIGINT (128 + 2,
// as a shell reports a process killed by it).
const exitInterrupted = 130

// watchInterrupt returns a flag that the first SIGINT sets, and a function
// that stops watching. Runs check the flag before every step, so they stop
// at the next step and still write what they recorded. After the first
// SIGINT the default handler is restored: a second one ends the process
// at once (leaving its temporary .partial- directory behind).
func watchInterrupt() (stop *atomic.Bool, release func()) {
	stop = &atomic.Bool{}
	ch := make(chan os.Signal, 1)
	done := make(chan struct{})
	signal.Notify(ch, os.Interrupt)
	go func() {
		select {
		case <-ch:
			stop.Store(true)
			signal.Stop(ch)
		case <-done:
		}
	}()
	return stop, func() {
		signal.Stop(ch)
		close(done)
	}
}
