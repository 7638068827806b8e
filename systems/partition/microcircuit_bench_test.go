package partition_test

import (
	"os"
	"strconv"
	"testing"
	"time"

	"github.com/stretchr/testify/require"

	"github.com/spikecs/spikecs/ecs"
	"github.com/spikecs/spikecs/scenarios"
	"github.com/spikecs/spikecs/systems"
	"github.com/spikecs/spikecs/systems/partition"
)

// BenchmarkMicrocircuit builds the Potjans–Diesmann microcircuit (DC
// background) on 2 goroutine partitions, as `run -partitions 2
// microcircuit` does, runs 100 ms of warm-up and then times 100 ms per
// iteration, and reports the real-time factor (wall s per biological s),
// the synaptic events per second of wall time and the ns of one core per
// event. The scale defaults to 0.1 (30 M synapses); set
// SPIKECS_MC_SCALE=1 for the full model (0.3 G synapses, 2.7 GB, about
// 10 s to build):
//
//	SPIKECS_MC_SCALE=1 go test -run XXX -bench Microcircuit -benchtime 5x ./systems/partition/
func BenchmarkMicrocircuit(b *testing.B) {
	scale := 0.1
	if s := os.Getenv("SPIKECS_MC_SCALE"); s != "" {
		var err error
		scale, err = strconv.ParseFloat(s, 64)
		require.NoError(b, err)
	}
	y, err := scenarios.MicrocircuitYAML(scenarios.MicrocircuitOptions{Scale: scale, KScale: 1, DurationMs: 1e6, Seed: 55})
	require.NoError(b, err)
	sc, err := scenarios.Parse([]byte(y), "microcircuit.yaml")
	require.NoError(b, err)
	const k, steps = 2, 1000 // 100 ms at dt 0.1 ms
	// The runner's options: no surrogate derivatives (nothing reads them).
	parts, err := partition.BuildLocal(k, func(p ecs.Partition) (*ecs.Sim, *systems.Network, error) {
		return sc.BuildNetwork(ecs.Options{Partition: p, NoSurrogateGrad: !sc.NeedsSurrogateGrad()})
	})
	require.NoError(b, err)
	_, err = partition.RunLocal(parts, steps) // warm-up
	require.NoError(b, err)
	events := func() int64 {
		var n int64
		for _, p := range parts {
			n += p.Net.Events()
		}
		return n
	}
	e0 := events()
	b.ResetTimer()
	t0 := time.Now()
	for i := 0; i < b.N; i++ {
		_, err := partition.RunLocal(parts, steps)
		require.NoError(b, err)
	}
	wall := time.Since(t0).Seconds()
	ev := float64(events() - e0)
	b.ReportMetric(wall/(float64(b.N)*steps*sc.DtMs*1e-3), "rtf")
	b.ReportMetric(ev/wall/1e6, "Mevents/s")
	b.ReportMetric(wall*k*1e9/ev, "core-ns/event")
}
