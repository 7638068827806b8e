//go:build mpi || mpich

package main

import "runtime"

// MPI is initialised with MPI_THREAD_FUNNELED: every MPI call must come
// from the thread that initialised it. Locking the main goroutine to its
// OS thread here, before main runs, keeps every call of the runner (which
// makes them all from the main goroutine) on that thread.
func init() { runtime.LockOSThread() }
