package main

import (
	"os"
	"runtime/pprof"
	"strings"
	"testing"
)

// TestProfileRun writes a CPU profile of one runner process to
// /tmp/run.prof: SPIKECS_PROFILE names the scenario, SPIKECS_PROFILE_ARGS
// adds flags (e.g. "-set microcircuit.scale=0.5 -duration 300ms").
func TestProfileRun(t *testing.T) {
	name := os.Getenv("SPIKECS_PROFILE")
	if name == "" {
		t.Skip("set SPIKECS_PROFILE=coba|cuba|microcircuit (and SPIKECS_PROFILE_ARGS for flags)")
	}
	f, err := os.Create("/tmp/run.prof")
	if err != nil {
		t.Fatal(err)
	}
	args := append([]string{"-quiet", "-plots=false", "-out", t.TempDir() + "/o"}, strings.Fields(os.Getenv("SPIKECS_PROFILE_ARGS"))...)
	if err := pprof.StartCPUProfile(f); err != nil {
		t.Fatal(err)
	}
	code := run(append(args, name), os.Stdout, os.Stderr)
	pprof.StopCPUProfile()
	if code != 0 {
		t.Fatal(code)
	}
}
