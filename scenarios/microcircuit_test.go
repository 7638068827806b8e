package scenarios_test

import (
	"fmt"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/spikecs/spikecs/ecs"
	"github.com/spikecs/spikecs/scenarios"
)

// ExampleMicrocircuitSynapseCounts prints the synapses per projection of
// the full-scale microcircuit and their total (NEST's connection count of
// the published model on this machine, 298,958,137, is this total plus
// one connection per neuron to its spike recorder: 77,169).
func ExampleMicrocircuitSynapseCounts() {
	c := scenarios.MicrocircuitSynapseCounts(1, 1)
	var total int64
	fmt.Println("target\\source     L23E     L23I      L4E      L4I      L5E      L5I      L6E      L6I")
	for i, name := range []string{"L23E", "L23I", "L4E", "L4I", "L5E", "L5I", "L6E", "L6I"} {
		fmt.Printf("%-13s", name)
		for j := range c[i] {
			fmt.Printf(" %8d", c[i][j])
			total += c[i][j]
		}
		fmt.Println()
	}
	fmt.Println("total", total, "+ 77169 recorder connections =", total+77169)
	// Output:
	// target\source     L23E     L23I      L4E      L4I      L5E      L5I      L6E      L6I
	// L23E          45499805 22323577 20253647  9670918  3293578        0  2271404        0
	// L23I          17443694  5018763  4105338  1690074  2221213        0   353461        0
	// L4E            3503670   756561 24482849 17413576   714524     7003 14624432        0
	// L4I            8114254    92832  9933538  5223272    87836        0  8810905        0
	// L5E           10613575  1817058  5507804   151900  2040738  2407889  1438969        0
	// L5I            1241436   169424   607667    12851   319602   430444   132414        0
	// L6E            4681225   556108  6727570  1320234  4112225   305029  8372649 10827677
	// L6I            2260836    17207   220033     8078   401638    25218  2888426  1354320
	// total 298880968 + 77169 recorder connections = 298958137
}

// TestMicrocircuitYAMLBuilds: the generated scenario of a down-scaled
// microcircuit parses, validates against the schema's keys and builds
// with exactly the table's synapse counts per projection.
func TestMicrocircuitYAMLBuilds(t *testing.T) {
	y, err := scenarios.MicrocircuitYAML(scenarios.MicrocircuitOptions{Scale: 0.02, KScale: 0.1, DurationMs: 10, Seed: 3})
	require.NoError(t, err)
	sc, err := scenarios.Parse([]byte(y), "microcircuit.yaml")
	require.NoError(t, err)
	_, net, err := sc.BuildNetwork(ecs.Options{})
	require.NoError(t, err)
	want := scenarios.MicrocircuitSynapseCounts(0.02, 0.1)
	names := []string{"L23E", "L23I", "L4E", "L4I", "L5E", "L5I", "L6E", "L6I"}
	got := map[string]int{}
	for _, pr := range net.Projections() {
		got[pr.Name] = len(pr.Targets)
		assert.NotNil(t, pr.Weights32, "%s: float32 weights", pr.Name)
		assert.NotNil(t, pr.Delays8, "%s: one-byte delays", pr.Name)
	}
	for i, post := range names {
		for j, pre := range names {
			assert.Equal(t, int(want[i][j]), got[pre+"->"+post], "%s->%s", pre, post)
		}
	}
	_, err = scenarios.MicrocircuitYAML(scenarios.MicrocircuitOptions{Scale: 41, KScale: 1})
	assert.ErrorContains(t, err, "scale")
}

// TestMicrocircuitEstimate: the memory estimate of the full-scale
// microcircuit counts its 298,880,968 synapses at 10 bytes each (int32
// target, float32 weight, a delay counted at its widest two bytes; the
// build uses one, 9 B) and fixed_total_number's peak is what it stores.
func TestMicrocircuitEstimate(t *testing.T) {
	y, err := scenarios.MicrocircuitYAML(scenarios.MicrocircuitOptions{Scale: 1, KScale: 1})
	require.NoError(t, err)
	sc, err := scenarios.Parse([]byte(y), "microcircuit.yaml")
	require.NoError(t, err)
	e := sc.EstimateMemory()
	assert.Equal(t, int64(77169), e.Neurons)
	assert.Equal(t, int64(298880968), e.Synapses)
	assert.Equal(t, int64(298880968*10), e.SynapseBytes)
}
