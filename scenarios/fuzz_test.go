package scenarios_test

import (
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/spikecs/spikecs/ecs"
	"github.com/spikecs/spikecs/scenarios"
	"github.com/spikecs/spikecs/systems"
)

// Bounds of the work FuzzParse does per input: a file declaring more
// neurons or (an upper bound of) more synapses than this is parsed but not
// built, since building allocates per neuron and per synapse and a few
// bytes of YAML can ask for gigabytes ("size: 2000000000"). The loader
// itself accepts such files; only the fuzz target skips their build.
const (
	fuzzMaxNeurons  = 100_000
	fuzzMaxSynapses = 1_000_000
	// fuzzMaxRingBytes bounds the arrival ring buffers of the channels:
	// max(1, delay in steps) slots of 8 bytes per post neuron ("delay:
	// 6553 ms" onto 100000 neurons would ask for 52 GB).
	fuzzMaxRingBytes = 256 << 20
	// fuzzSteps is how many steps a built scenario runs.
	fuzzSteps = 5
)

// FuzzParse feeds arbitrary bytes to Parse and, when they parse and are
// small enough (see fuzzMaxNeurons), builds the simulation with the
// runner's options and runs fuzzSteps steps. Nothing may panic; parse and
// build errors must be *scenarios.Error (a run may fail, e.g. on a
// conductance that overflows, but with an error). The seed corpus is
// every built-in, every bad case of bad_input_test.go and the network,
// merge-key and every-key files of the tests (also stored in
// testdata/fuzz/FuzzParse, with the inputs fuzzing found).
//
//	go test -run XXX -fuzz FuzzParse -fuzztime 10m -parallel 1 ./scenarios/
func FuzzParse(f *testing.F) {
	for _, seed := range fuzzSeeds() {
		f.Add(seed)
	}
	f.Fuzz(func(t *testing.T, data []byte) {
		sc, err := scenarios.Parse(data, "fuzz.yaml")
		if err != nil {
			requireScenarioError(t, err)
			return
		}
		if !smallEnough(sc) {
			return
		}
		sim, err := sc.Build(ecs.Options{NoSurrogateGrad: !sc.NeedsSurrogateGrad()})
		if err != nil {
			requireScenarioError(t, err)
			return
		}
		_ = sim.Run(fuzzSteps) // a runtime error is fine; a panic is not
	})
}

// requireScenarioError fails unless err is a *scenarios.Error.
func requireScenarioError(t *testing.T, err error) {
	t.Helper()
	var se *scenarios.Error
	if !errors.As(err, &se) {
		t.Fatalf("error is %T, not *scenarios.Error: %v", err, err)
	}
}

// smallEnough reports whether building sc stays within the fuzz bounds.
func smallEnough(sc *scenarios.Scenario) bool {
	sizes := map[string]int64{}
	var neurons int64
	for _, p := range sc.Populations {
		sizes[p.Spec.Name] = int64(p.Spec.Size)
		neurons += int64(p.Spec.Size)
	}
	if neurons > fuzzMaxNeurons {
		return false
	}
	var synapses, ringBytes int64
	for _, pr := range sc.Projections {
		pre, post := sizes[pr.Spec.Pre], sizes[pr.Spec.Post]
		ringBytes += 8 * post * ringSlots(pr.Spec.DelayMs, sc.DtMs)
		if ringBytes > fuzzMaxRingBytes {
			return false
		}
		if pr.Spec.PreTo > 0 {
			pre = int64(pr.Spec.PreTo - pr.Spec.PreFrom)
		}
		c := pr.Spec.Conn
		switch c.Kind {
		case systems.FixedOutDegree:
			synapses += pre * max(int64(c.N), post)
		case systems.FixedInDegree:
			synapses += post * max(int64(c.N), pre)
		case systems.FixedTotal:
			synapses += int64(c.N)
		case systems.Pairs:
			synapses += int64(len(c.PreIdx))
		default:
			synapses += pre * post
		}
		if synapses > fuzzMaxSynapses || synapses < 0 {
			return false
		}
	}
	return true
}

// ringSlots is an upper bound of the ring buffer slots a projection's
// delays need: exact for a shared delay, the largest possible otherwise.
func ringSlots(delay ecs.Value, dtMs float64) int64 {
	if !delay.IsSet() {
		return 1
	}
	if delay.IsShared() {
		if d, err := delay.Resolve(1, nil); err == nil && d.Values[0] >= 0 && d.Values[0]/dtMs < 1<<16 {
			return int64(d.Values[0]/dtMs) + 2
		}
	}
	return 1 << 16
}

// fuzzSeeds returns the seed corpus: the built-ins, the bad cases, and
// files using the network keys, merge keys and every key.
func fuzzSeeds() [][]byte {
	var seeds [][]byte
	for _, b := range scenarios.Builtins() {
		data, _ := scenarios.BuiltinSource(b.Name)
		seeds = append(seeds, data)
	}
	for _, c := range badCases {
		seeds = append(seeds, []byte(c.yaml))
	}
	for _, c := range moreBadCases {
		seeds = append(seeds, []byte(c.yaml))
	}
	seeds = append(seeds, []byte(networkYAML), []byte(mergeYAML))
	if every, err := os.ReadFile(filepath.Join("testdata", "schema", "every_key.yaml")); err == nil {
		seeds = append(seeds, every)
	}
	return seeds
}

// TestWriteFuzzSeedCorpus writes the seeds into testdata/fuzz/FuzzParse
// (as seed-<name> files in the go test fuzz format) when
// SPIKECS_WRITE_FUZZ_CORPUS is set; run it after adding built-ins or bad
// cases. Inputs found by fuzzing sit next to them.
func TestWriteFuzzSeedCorpus(t *testing.T) {
	if os.Getenv("SPIKECS_WRITE_FUZZ_CORPUS") == "" {
		t.Skip("set SPIKECS_WRITE_FUZZ_CORPUS=1 to rewrite the seed corpus")
	}
	dir := filepath.Join("testdata", "fuzz", "FuzzParse")
	require.NoError(t, os.MkdirAll(dir, 0o755))
	old, err := filepath.Glob(filepath.Join(dir, "seed-*"))
	require.NoError(t, err)
	for _, f := range old {
		require.NoError(t, os.Remove(f))
	}
	for i, seed := range fuzzSeeds() {
		name := fmt.Sprintf("seed-%03d", i)
		data := fmt.Sprintf("go test fuzz v1\n[]byte(%q)\n", seed)
		require.NoError(t, os.WriteFile(filepath.Join(dir, name), []byte(data), 0o644))
	}
}

// TestAliasesOfAliasesAreBounded pins the loader's bound on the expanded
// YAML tree: nine levels of ten aliases would be 10⁹ nodes.
func TestAliasesOfAliasesAreBounded(t *testing.T) {
	var b strings.Builder
	b.WriteString("a0: &a0 [x, x, x, x, x, x, x, x, x, x]\n")
	for i := 1; i <= 9; i++ {
		fmt.Fprintf(&b, "a%d: &a%d [%s]\n", i, i, strings.TrimSuffix(strings.Repeat(fmt.Sprintf("*a%d, ", i-1), 10), ", "))
	}
	b.WriteString("populations: *a9\n")
	start := time.Now()
	_, err := scenarios.Parse([]byte(b.String()), "laughs.yaml")
	require.Error(t, err)
	assert.Contains(t, err.Error(), "more than 1000000 YAML nodes")
	assert.Less(t, time.Since(start), 2*time.Second, "rejected quickly")
}
