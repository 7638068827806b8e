package main

import (
	"encoding/json"
	"os"
	"path/filepath"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/spikecs/spikecs/scenarios"
)

// TestUnknownBuiltinListsAllBuiltins: the error for an unknown name lists
// the YAML built-ins and the runner's own (foraging, the training runs).
func TestUnknownBuiltinListsAllBuiltins(t *testing.T) {
	t.Chdir(t.TempDir())
	r := runCLI(t, "nosuch")
	assert.Equal(t, exitUsage, r.code)
	requireOneLine(t, r.stderr)
	for _, b := range scenarios.Builtins() {
		assert.Contains(t, r.stderr, b.Name)
	}
	for _, name := range []string{foragingName, epropSineName, epropEvidenceName} {
		assert.Contains(t, r.stderr, name)
	}
}

// TestHelpDocumentsTheExitStatuses: -h ends with the exit statuses.
func TestHelpDocumentsTheExitStatuses(t *testing.T) {
	r := runCLI(t, "-h")
	assert.Equal(t, exitOK, r.code)
	for _, want := range []string{"exit status:", "130", "143", "bad input", "-force", "-memory-check"} {
		assert.Contains(t, r.stderr, want)
	}
}

// TestSummaryRecordsVersionAndResolvedScenario: summary.json has the
// build's version and the scenario as it ran, after -set, -seed and
// -duration.
func TestSummaryRecordsVersionAndResolvedScenario(t *testing.T) {
	out := filepath.Join(t.TempDir(), "o")
	r := runCLI(t, "-quiet", "-out", out, "-seed", "9", "-duration", "20ms", "-set", "populations.exc.params.tau=12ms", "lif-demo")
	require.Equal(t, exitOK, r.code, r.stderr)
	data, err := os.ReadFile(filepath.Join(out, "summary.json"))
	require.NoError(t, err)
	var s struct {
		Version  string         `json:"version"`
		Resolved map[string]any `json:"resolved_scenario"`
	}
	require.NoError(t, json.Unmarshal(data, &s))
	assert.NotEmpty(t, s.Version)
	assert.Equal(t, buildVersion(), s.Version)
	require.NotNil(t, s.Resolved)
	assert.Equal(t, "lif-demo", s.Resolved["name"])
	assert.Equal(t, 9.0, s.Resolved["seed"])
	assert.Equal(t, "20 ms", s.Resolved["duration"])
	assert.Equal(t, "0.1 ms", s.Resolved["dt"])
	pops := s.Resolved["populations"].([]any)
	params := pops[0].(map[string]any)["params"].(map[string]any)
	assert.Equal(t, "12ms", params["tau"], "the -set value")
	assert.Equal(t, []any{"1 mV", "1.2 mV", "0.8 mV"}, params["V_th"], "the file's values")
}

// TestCheckpointFileIsWrittenDurably: writeFileSynced replaces a file
// atomically and leaves no temporary file.
func TestCheckpointFileIsWrittenDurably(t *testing.T) {
	dir := t.TempDir()
	path := filepath.Join(dir, "checkpoint.gob")
	require.NoError(t, os.WriteFile(path, []byte("old"), 0o644))
	require.NoError(t, writeFileSynced(path, []byte("new")))
	data, err := os.ReadFile(path)
	require.NoError(t, err)
	assert.Equal(t, "new", string(data))
	assert.Equal(t, []string{"checkpoint.gob"}, entries(t, dir))
}
