//go:build !unix

package main

import "fmt"

// outLock is a no-op where flock is not available: concurrent runs to the
// same output directory are not detected there.
type outLock struct{}

// lockHeld is the error of acquireLock when a live process holds the lock.
type lockHeld struct{ pid int }

func (e *lockHeld) Error() string { return fmt.Sprintf("locked by pid %d", e.pid) }

// acquireLock does nothing on this platform.
func acquireLock(string) (*outLock, error) { return &outLock{}, nil }

// release does nothing on this platform.
func (*outLock) release() {}

// processAlive cannot tell on this platform, so it says yes (stale
// temporary directories are then left alone).
func processAlive(int) bool { return true }
