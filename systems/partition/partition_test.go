package partition_test

import (
	"fmt"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/spikecs/spikecs/ecs"
	"github.com/spikecs/spikecs/scenarios"
	"github.com/spikecs/spikecs/systems"
	"github.com/spikecs/spikecs/systems/partition"
)

// spikeLines collects recorded spikes as "step,population,neuron" lines.
type spikeLines struct{ b strings.Builder }

func (s *spikeLines) WriteSpike(t ecs.Tick, pop, neuron int) error {
	fmt.Fprintf(&s.b, "%d,%d,%d\n", t.Step, pop, neuron)
	return nil
}

// mixedScenario has what makes partitioning hard: a Poisson source,
// per-synapse random delays (so the exchange runs every d_min > 1 steps)
// and weights, per-neuron random parameters, a Poisson input into V, a
// per-neuron current list and short-term plasticity.
const mixedScenario = `
name: mixed
dt: 0.1 ms
duration: 60 ms
seed: 11
populations:
  - name: src
    size: 50
    source: {kind: poisson, rate: {dist: uniform, low: 20 Hz, high: 80 Hz}}
  - name: exc
    size: 203
    model: ALIF
    params:
      tau: {dist: normal, mean: 20 ms, sd: 2 ms}
      V_th: {dist: uniform, low: 0.9 mV, high: 1.1 mV}
      V_init: {dist: uniform, low: 0 mV, high: 1 mV}
  - name: inh
    size: 57
    model: LIFRef
    params:
      tau_ref: {dist: uniform, low: 1 ms, high: 3 ms}
      V_init: {dist: uniform, low: 0 mV, high: 1 mV}
  - name: drv
    size: 6
    model: LIF
projections:
  - {name: se, pre: src, post: exc, synapse: {kind: expon, tau: 5 ms}, output: {kind: cuba}, connect: {rule: fixed_prob, p: 0.2}, weight: {dist: uniform, low: 0.2 mS, high: 0.4 mS}, delay: {dist: uniform, low: 0.5 ms, high: 2 ms}}
  - {name: ee, pre: exc, post: exc, synapse: {kind: expon, tau: 5 ms}, output: {kind: cuba}, connect: {rule: fixed_in_degree, n: 10}, weight: 0.05 mS, delay: 0.6 ms, plasticity: {kind: std}}
  - {name: ei, pre: exc, post: inh, synapse: {kind: expon, tau: 5 ms}, output: {kind: cuba}, connect: {rule: fixed_out_degree, n: 8}, weight: 0.1 mS, delay: {dist: uniform, low: 0.3 ms, high: 1 ms}, g_init: {dist: uniform, low: 0 mS, high: 0.1 mS}}
  - {name: ie, pre: inh, post: exc, synapse: {kind: alpha, tau: 8 ms}, output: {kind: cuba}, connect: {rule: fixed_total, n: 900}, weight: -0.1 mS, delay: 0.3 ms}
  - {name: di, pre: drv, post: inh, synapse: {kind: expon, tau: 5 ms}, output: {kind: cuba}, connect: {rule: all_to_all}, weight: 0.05 mS, delay: 0.5 ms}
inputs:
  - population: drv
    current: [1.01 mA, 1.2 mA, 1.5 mA, 0.5 mA, 2 mA, 1.1 mA]
  - population: exc
    poisson: {count: 20, rate: 50 Hz, weight: 0.05 mV}
  - population: exc
    poisson: {count: 20, rate: 50 Hz, weight: 0.05 mV}
  - population: inh
    current: 1.05 mA
record:
  spikes: [src, exc, inh, drv]
`

// preSideScenario has pre-side AMPA synapses (sent every step: the
// exchange runs every step), short-term facilitation, a spike-time source,
// explicit weighted pairs and a one_to_one rule, and a pre_range.
const preSideScenario = `
name: preside
dt: 0.1 ms
duration: 50 ms
seed: 4
populations:
  - name: kick
    size: 12
    source: {kind: spike_times, times: [1 ms, 2 ms, 2 ms, 7.5 ms, 9 ms, 20 ms, 21 ms], neurons: [0, 3, 11, 5, 5, 7, 1]}
  - name: a
    size: 30
    model: LIFRef
    params: {V_init: {dist: uniform, low: 0 mV, high: 1 mV}, tau_ref: 1 ms}
  - name: b
    size: 30
    model: LIF
    params: {V_init: {dist: uniform, low: 0 mV, high: 1 mV}}
projections:
  - {name: ka, pre: kick, post: a, synapse: {kind: expon, tau: 2 ms}, output: {kind: cuba}, connect: {rule: pairs, pairs: [[0, 0, 2 mS], [3, 29, 2 mS], [11, 14, 3 mS], [5, 15, 2.5 mS], [7, 16, 2 mS], [1, 2, 2 mS]]}}
  - {name: ab, pre: a, post: b, synapse: {kind: ampa}, output: {kind: cuba}, connect: {rule: fixed_prob, p: 0.3}, weight: 4 mS, pre_range: [0, 20]}
  - {name: ba, pre: b, post: a, synapse: {kind: expon, tau: 3 ms}, output: {kind: cuba}, connect: {rule: one_to_one}, weight: 0.6 mS, plasticity: {kind: stp}}
inputs:
  - population: a
    current: 1.15 mA
  - population: b
    poisson: {count: 50, rate: 40 Hz, weight: 0.1 mV}
record:
  spikes: [kick, a, b]
`

// loadScenario parses a built-in or inline scenario, shortened to ms.
func loadScenario(t *testing.T, nameOrYAML string, ms float64) *scenarios.Scenario {
	t.Helper()
	var sc *scenarios.Scenario
	var err error
	if strings.Contains(nameOrYAML, "\n") {
		sc, err = scenarios.Parse([]byte(nameOrYAML), "inline.yaml")
	} else {
		sc, err = scenarios.Load(nameOrYAML)
	}
	require.NoError(t, err)
	sc.DurationMs = ms
	return sc
}

// runSingle runs sc in one ordinary Sim and returns its spikes and the
// synaptic events.
func runSingle(t *testing.T, sc *scenarios.Scenario) (string, int64) {
	t.Helper()
	sim, err := sc.Build(ecs.Options{})
	require.NoError(t, err)
	out := &spikeLines{}
	rec, err := systems.NewSpikeRecorder(sim, sim.Populations(), out)
	require.NoError(t, err)
	require.NoError(t, sim.AddSystem(ecs.StageRecord, rec))
	steps, err := ecs.StepsFor(sc.DurationMs, sc.DtMs)
	require.NoError(t, err)
	require.NoError(t, sim.Run(steps))
	var ev int64
	if sc.Network() != nil {
		ev = sc.Network().Events()
	}
	return out.b.String(), ev
}

// runPartitioned runs sc in k goroutine partitions and returns the merged
// spikes recorded on partition 0, the summed events and partition 0's
// exchange interval.
func runPartitioned(t *testing.T, sc *scenarios.Scenario, k int) (string, int64, int) {
	t.Helper()
	parts, err := partition.BuildLocal(k, func(p ecs.Partition) (*ecs.Sim, *systems.Network, error) {
		return sc.BuildNetwork(ecs.Options{Partition: p})
	})
	require.NoError(t, err)
	out := &spikeLines{}
	sim0 := parts[0].Sim
	rec, err := systems.NewSpikeRecorder(sim0, sim0.Populations(), out)
	require.NoError(t, err)
	pr := &partition.Recorder{Exchange: parts[0].Exchange, Spikes: rec}
	require.NoError(t, sim0.AddSystem(ecs.StageRecord, pr))
	steps, err := ecs.StepsFor(sc.DurationMs, sc.DtMs)
	require.NoError(t, err)
	ran, err := partition.RunLocal(parts, steps)
	require.NoError(t, err)
	require.Equal(t, steps, ran)
	require.NoError(t, pr.Drain(sim0))
	var ev int64
	for _, p := range parts {
		if p.Net != nil {
			ev += p.Net.Events()
		}
	}
	return out.b.String(), ev, parts[0].Exchange.Interval()
}

// TestSpikesIdenticalForAnyPartitionCount: the union of all partitions'
// spikes (recorded in step, population, global neuron order) is
// byte-identical to the single-world run for K = 1, 2, 4, and so is the
// number of synaptic events.
func TestSpikesIdenticalForAnyPartitionCount(t *testing.T) {
	cases := []struct {
		name     string
		scenario string
		ms       float64
		interval int // expected exchange interval (d_min in steps)
	}{
		{"coba", "coba", 150, 1},
		{"cuba", "cuba", 150, 1},
		{"mixed sources, delays, random parameters", mixedScenario, 60, 3},
		{"pre-side synapses, STP, spike times, pairs", preSideScenario, 50, 1},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			single, events := runSingle(t, loadScenario(t, c.scenario, c.ms))
			require.Greater(t, strings.Count(single, "\n"), 100, "the reference run must spike enough to be a test")
			for _, k := range []int{1, 2, 4} {
				got, ev, interval := runPartitioned(t, loadScenario(t, c.scenario, c.ms), k)
				assert.Equal(t, c.interval, interval, "K=%d: exchange interval", k)
				assert.Equal(t, events, ev, "K=%d: synaptic events", k)
				if got != single {
					t.Errorf("K=%d: merged spikes differ from the single run (%d vs %d lines)", k, strings.Count(got, "\n"), strings.Count(single, "\n"))
				}
			}
		})
	}
}
