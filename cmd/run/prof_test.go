package main

import (
	"os"
	"runtime/pprof"
	"testing"
)

func TestProfileCUBA(t *testing.T) {
	name := os.Getenv("SPIKECS_PROFILE")
	if name == "" {
		t.Skip("set SPIKECS_PROFILE=coba|cuba")
	}
	f, _ := os.Create("/tmp/run.prof")
	pprof.StartCPUProfile(f)
	code := run([]string{"-quiet", "-out", t.TempDir() + "/o", name}, os.Stdout, os.Stderr)
	pprof.StopCPUProfile()
	if code != 0 {
		t.Fatal(code)
	}
}
