// Command run runs a spikecs scenario and writes spikes.csv, state.csv and
// summary.json; docs/scenarios.md describes the scenario format, the flags
// and the outputs.
//
//	go run ./cmd/run                       # the embedded default scenario
//	go run ./cmd/run [flags] SCENARIO      # a .yaml path or a built-in name
//	go run ./cmd/run -list                 # built-in scenarios
//
// Exit status: 0 on success, 1 when the simulation fails (e.g. a NaN
// state), 2 for a usage or scenario mistake. On any error no output
// directory is left behind.
package main

import (
	"fmt"
	"io"
	"os"
)

func main() {
	os.Exit(run(os.Args[1:], os.Stdout, os.Stderr))
}

// Exit codes.
const (
	exitOK    = 0
	exitRun   = 1
	exitUsage = 2
)

// fail prints one error line and returns the exit code.
func fail(stderr io.Writer, code int, err error) int {
	fmt.Fprintf(stderr, "run: %v\n", err)
	return code
}
