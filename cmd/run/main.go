// Command run runs a spikecs scenario and writes spikes.csv, state.csv and
// summary.json; docs/scenarios.md describes the scenario format, the flags
// and the outputs.
//
//	go run ./cmd/run                       # the embedded default scenario
//	go run ./cmd/run [flags] SCENARIO      # a .yaml path or a built-in name
//	go run ./cmd/run -list                 # built-in scenarios
//
// Exit status: 0 on success, 1 for a runtime failure (e.g. a NaN state,
// too little memory, -out busy), 2 for bad input (a usage or scenario
// mistake, a refused -out), 130/143 when SIGINT/SIGTERM stopped the run
// (its outputs are written). On any error no output directory is left
// behind.
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

// exitStatusHelp ends the -h text.
const exitStatusHelp = `
exit status:
  0    success
  1    runtime failure: the simulation failed (NaN state), an output could not be
       written, another run is writing -out, or the memory estimate exceeds the
       available memory
  2    bad input: a usage or scenario mistake, or a refused -out
  130  interrupted by SIGINT (Ctrl-C), 143 by SIGTERM: the outputs recorded so far
       are written; a second signal aborts at once without output
`

// fail prints one error line and returns the exit code.
func fail(stderr io.Writer, code int, err error) int {
	fmt.Fprintf(stderr, "run: %v\n", err)
	return code
}
