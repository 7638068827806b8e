package main

import (
	"bytes"
	"encoding/json"
	"os"
	"path/filepath"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// TestForagingBuiltin: `run foraging` writes summary.json with the
// foraging result (spiking agents beat random walkers by > 1.5×) and
// foraging.png.
func TestForagingBuiltin(t *testing.T) {
	out := filepath.Join(t.TempDir(), "f")
	var stdout, stderr bytes.Buffer
	require.Equal(t, exitOK, run([]string{"-out", out, "-seed", "2", "foraging"}, &stdout, &stderr), stderr.String())
	data, err := os.ReadFile(filepath.Join(out, "summary.json"))
	require.NoError(t, err)
	var s struct {
		Scenario string
		Foraging struct {
			Brain  float64 `json:"brain_food_per_agent"`
			Random float64 `json:"random_food_per_agent"`
			Seed   uint64  `json:"seed"`
		}
	}
	require.NoError(t, json.Unmarshal(data, &s))
	assert.Equal(t, "foraging", s.Scenario)
	assert.Equal(t, uint64(2), s.Foraging.Seed)
	assert.Greater(t, s.Foraging.Brain, 1.5*s.Foraging.Random)
	assert.FileExists(t, filepath.Join(out, "foraging.png"))
	assert.Contains(t, stdout.String(), "food per spiking agent")

	require.Equal(t, exitUsage, run([]string{"-out", out, "-duration", "1s", "foraging"}, &stdout, &stderr))
	stdout.Reset()
	require.Equal(t, exitOK, run([]string{"-list"}, &stdout, &stderr))
	assert.Contains(t, stdout.String(), "foraging")
}
