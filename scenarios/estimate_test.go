package scenarios

import (
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/spikecs/spikecs/systems"
)

// TestEstimateMemoryCountsTheExpectedSynapses: the expected number of
// synapses of every connectivity rule, and the per-synapse cost from
// systems.SynapseBytes.
func TestEstimateMemoryCountsTheExpectedSynapses(t *testing.T) {
	const pops = "populations:\n  - {name: a, size: 1000, model: LIF}\n  - {name: b, size: 400, model: LIF}\n"
	for _, tc := range []struct {
		connect string
		want    int64
	}{
		{"{rule: fixed_prob, p: 0.1}", 1000 * 400 / 10},
		{"{rule: fixed_out_degree, n: 7}", 1000 * 7},
		{"{rule: fixed_out_degree, p: 0.05}", 1000 * 20},
		{"{rule: fixed_in_degree, n: 9}", 400 * 9},
		{"{rule: fixed_in_degree, p: 0.01}", 400 * 10},
		{"{rule: fixed_total, n: 1234}", 1234},
		{"{rule: all_to_all}", 1000 * 400},
	} {
		y := pops + "projections:\n  - {pre: a, post: b, synapse: {kind: expon, tau: 5 ms}, output: {kind: cuba}, connect: " + tc.connect + ", weight: 1 nS}\n"
		sc, err := Parse([]byte(y), "e.yaml")
		require.NoError(t, err, tc.connect)
		e := sc.EstimateMemory()
		assert.Equal(t, int64(1400), e.Neurons, tc.connect)
		assert.Equal(t, tc.want, e.Synapses, tc.connect)
		_, peak := systems.SynapseBytes(sc.Projections[0].Spec)
		assert.Equal(t, tc.want*peak, e.SynapseBytes, tc.connect)
		assert.Equal(t, e.NeuronBytes+e.SynapseBytes+e.RecordBytes, e.Bytes)
	}
}

// TestEstimateMemoryOfAHugeScenarioIsQuick: 3·10⁸ neurons are parsed and
// estimated without allocating per neuron.
func TestEstimateMemoryOfAHugeScenarioIsQuick(t *testing.T) {
	start := time.Now()
	sc, err := Parse([]byte("populations:\n  - {name: p, size: 300000000, model: LIF}\nprojections:\n  - {pre: p, post: p, synapse: {kind: expon, tau: 5 ms}, output: {kind: cuba}, connect: {rule: fixed_prob, p: 0.1}, weight: 1 nS}\n"), "huge.yaml")
	require.NoError(t, err)
	e := sc.EstimateMemory()
	assert.Less(t, time.Since(start), 5*time.Second)
	assert.Equal(t, int64(300_000_000), e.Neurons)
	assert.Equal(t, int64(9e15), e.Synapses)
	assert.Greater(t, e.Bytes, int64(9e16), "at least 10 bytes per synapse")
	assert.Contains(t, e.String(), "300000000 neurons, 9000000000000000 synapses: about ")
	assert.Contains(t, e.String(), "PiB")
}

func TestHumanBytes(t *testing.T) {
	for b, want := range map[int64]string{0: "0 B", 1023: "1023 B", 1024: "1 KiB", 1536: "1.5 KiB", 3 << 30: "3 GiB", 43208388608: "40.2 GiB"} {
		assert.Equal(t, want, HumanBytes(b), "%d", b)
	}
}
