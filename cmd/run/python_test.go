package main

import (
	"context"
	"os"
	"os/exec"
	"path/filepath"
	"testing"
	"time"

	"github.com/stretchr/testify/require"
)

// TestPythonPackage runs python/tests (unittest) against a runner built
// from this package: spikecs.load reads csv and npy outputs, spike counts
// equal summary.json's, state arrays are T×N.
func TestPythonPackage(t *testing.T) {
	if testing.Short() {
		t.Skip("-short: the Python package test builds the runner")
	}
	py := findPython(t, "numpy", "pandas")
	bin := filepath.Join(t.TempDir(), "run")
	ctx, cancel := context.WithTimeout(context.Background(), 5*time.Minute)
	defer cancel()
	build := exec.CommandContext(ctx, "go", "build", "-o", bin, ".")
	out, err := build.CombinedOutput()
	require.NoError(t, err, "go build: %s", out)
	tests, err := filepath.Abs(filepath.Join("..", "..", "python", "tests"))
	require.NoError(t, err)
	cmd := exec.CommandContext(ctx, py, "-m", "unittest", "discover", "-s", tests, "-v")
	cmd.Env = append(os.Environ(), "SPIKECS_BINARY="+bin)
	out, err = cmd.CombinedOutput()
	require.NoError(t, err, "python unittest:\n%s", out)
	t.Logf("%s", out)
}
