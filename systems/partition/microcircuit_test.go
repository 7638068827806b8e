package partition_test

import (
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/spikecs/spikecs/scenarios"
)

// TestMicrocircuitSpikesIdenticalForAnyPartitionCount: a down-scaled
// PD14-like network (fixed_total_number projections with redrawn normal
// weights in float32 and delays of one byte, rounded to the nearest step;
// iaf_psc_exp neurons) spikes identically for K = 1, 2 and 3
// partitions and in one ordinary Sim, with the same synaptic events.
func TestMicrocircuitSpikesIdenticalForAnyPartitionCount(t *testing.T) {
	y, err := scenarios.MicrocircuitYAML(scenarios.MicrocircuitOptions{Scale: 0.02, KScale: 0.2, DurationMs: 100, Seed: 5})
	require.NoError(t, err)
	single, events := runSingle(t, loadScenario(t, y, 100))
	require.Greater(t, strings.Count(single, "\n"), 300, "the reference run must spike enough to be a test")
	require.Greater(t, events, int64(100000))
	for _, k := range []int{1, 2, 3} {
		got, ev, interval := runPartitioned(t, loadScenario(t, y, 100), k)
		assert.Equal(t, 1, interval, "K=%d: d_min is dt (delays redrawn >= 0.1 ms)", k)
		assert.Equal(t, events, ev, "K=%d: synaptic events", k)
		if got != single {
			t.Errorf("K=%d: merged spikes differ from the single run (%d vs %d lines)", k, strings.Count(got, "\n"), strings.Count(single, "\n"))
		}
	}
}
