package partition_test

import (
	"errors"
	"fmt"
	"math/rand/v2"
	"runtime"
	"slices"
	"strings"
	"sync"
	"syscall"
	"testing"
	"time"

	"github.com/stretchr/testify/require"

	"github.com/spikecs/spikecs/components"
	"github.com/spikecs/spikecs/ecs"
	"github.com/spikecs/spikecs/scenarios"
	"github.com/spikecs/spikecs/systems"
	"github.com/spikecs/spikecs/systems/partition"
)

// scaledCOBA returns the coba built-in with both populations scaled by s
// and the weights divided by w (w = s keeps p fixed: 4k·s neurons,
// 0.32M·s² synapses; w < s divides p by s/w so that every neuron keeps
// the in-degree of the 4k·w network).
func scaledCOBA(tb testing.TB, s, w int) *scenarios.Scenario {
	src, ok := scenarios.BuiltinSource("coba")
	require.True(tb, ok)
	y := strings.Replace(string(src), "size: 3200", fmt.Sprintf("size: %d", 3200*s), 1)
	y = strings.Replace(y, "size: 800", fmt.Sprintf("size: %d", 800*s), 1)
	y = strings.ReplaceAll(y, "weight: 6 nS", fmt.Sprintf("weight: %g nS", 6/float64(w)))
	y = strings.ReplaceAll(y, "weight: 67 nS", fmt.Sprintf("weight: %g nS", 67/float64(w)))
	y = strings.ReplaceAll(y, "p: 0.02}", fmt.Sprintf("p: %g}", 0.02*float64(w)/float64(s)))
	sc, err := scenarios.Parse([]byte(y), "builtin:coba")
	require.NoError(tb, err)
	return sc
}

// buildParts builds k goroutine partitions of sc.
func buildParts(tb testing.TB, sc *scenarios.Scenario, k int) []*partition.Part {
	parts, err := partition.BuildLocal(k, func(p ecs.Partition) (*ecs.Sim, *systems.Network, error) {
		return sc.BuildNetwork(ecs.Options{Partition: p})
	})
	require.NoError(tb, err)
	return parts
}

// BenchmarkPartitionedCOBA runs COBA scaled to 4k and 40k neurons in one
// world (the baseline) and in K goroutine partitions, alternately in each
// iteration, and reports wall time per biological second of both (the
// split run through RunLocal, as the runner does), the speedup (single /
// partitioned) and the exchange time per step (the allgather, waiting for
// the slower partition included). Each iteration then runs the partitions
// as many steps again with every goroutine locked to its OS thread, so
// that the thread's CPU time (getrusage RUSAGE_THREAD) can be measured:
// cpu-speedup = CPU time of the single world / the largest CPU time of one
// partition, the wall-time speedup the split would reach with a free core
// per partition and no waiting (on a machine whose cores are busy with
// other work the wall-time speedup is lower). Setup is excluded; warm-up
// 100 ms.
//
//	go test -run XXX -bench PartitionedCOBA -benchtime 3x ./systems/partition/
func BenchmarkPartitionedCOBA(b *testing.B) {
	cases := []struct {
		name    string
		s, w, k int
	}{
		{"4k/K=2", 1, 1, 2},
		{"40k/K=2", 10, 10, 2},
		{"40k/K=4", 10, 10, 4},
		// p fixed at 400k is 3.2e9 synapses, beyond this machine's 24 GiB;
		// this keeps the 40k in-degree (p = 0.002, 320M synapses).
		{"400k-p0.002/K=2", 100, 10, 2},
	}
	for _, c := range cases {
		s, w, k := c.s, c.w, c.k
		b.Run(c.name, func(b *testing.B) {
			sc := scaledCOBA(b, s, w)
			single, err := sc.Build(ecs.Options{})
			require.NoError(b, err)
			parts := buildParts(b, sc, k)
			const warm, steps = 1000, 1000
			require.NoError(b, single.Run(warm))
			_, _, err = runLocked(parts, warm)
			require.NoError(b, err)
			var tSingle, tParts, cSingle, cParts, gather time.Duration
			b.ResetTimer()
			for i := 0; i < b.N; i++ {
				t0 := time.Now()
				c, err := cpuLocked(func() error { return single.Run(steps) })
				require.NoError(b, err)
				t1, g0 := time.Now(), parts[0].Exchange.GatherTime
				_, err = partition.RunLocal(parts, steps) // what the runner does
				require.NoError(b, err)
				tSingle, tParts = tSingle+t1.Sub(t0), tParts+time.Since(t1)
				gather += parts[0].Exchange.GatherTime - g0
				cp, _, err := runLocked(parts, steps) // the same steps on locked threads, for CPU times
				require.NoError(b, err)
				cSingle, cParts = cSingle+c, cParts+cp
			}
			bio := float64(b.N) * steps * sc.DtMs * 1e-3
			b.ReportMetric(tSingle.Seconds()/bio, "s/bio-s-single")
			b.ReportMetric(tParts.Seconds()/bio, "s/bio-s-parts")
			b.ReportMetric(tSingle.Seconds()/tParts.Seconds(), "speedup")
			b.ReportMetric(cSingle.Seconds()/cParts.Seconds(), "cpu-speedup")
			b.ReportMetric(float64(gather.Microseconds())/float64(b.N*steps), "exchange-µs/step")
		})
	}
}

// threadCPU returns the CPU time (user + system) of the calling OS thread.
func threadCPU() time.Duration {
	var ru syscall.Rusage
	const rusageThread = 1 // RUSAGE_THREAD (Linux)
	if err := syscall.Getrusage(rusageThread, &ru); err != nil {
		return 0
	}
	return time.Duration(ru.Utime.Nano() + ru.Stime.Nano())
}

// cpuLocked runs f on the calling goroutine locked to its thread and
// returns the thread's CPU time spent in f.
func cpuLocked(f func() error) (time.Duration, error) {
	runtime.LockOSThread()
	defer runtime.UnlockOSThread()
	c0 := threadCPU()
	err := f()
	return threadCPU() - c0, err
}

// runLocked runs every partition for steps steps on its own goroutine
// locked to an OS thread (as RunLocal does, plus the locking) and returns
// the largest CPU time of one partition and the steps run.
func runLocked(parts []*partition.Part, steps int) (time.Duration, int, error) {
	var wg sync.WaitGroup
	cpu := make([]time.Duration, len(parts))
	errs := make([]error, len(parts))
	ran := make([]int, len(parts))
	for r, p := range parts {
		wg.Add(1)
		go func() {
			defer wg.Done()
			cpu[r], errs[r] = cpuLocked(func() error {
				var err error
				ran[r], err = p.Run(steps)
				return err
			})
		}()
	}
	wg.Wait()
	return slices.Max(cpu), ran[0], errors.Join(errs...)
}

// BenchmarkExchange measures one spike exchange per step between k
// goroutine partitions of a 32 000 + 8 000 neuron network firing spikes
// neurons per step in all (COBA 40k at ≈ 20 Hz fires ≈ 80), against the
// same exchange with k = 1 (no partner: encoding and decoding only), in
// µs per step.
//
//	go test -run XXX -bench Exchange -benchtime 20000x ./systems/partition/
func BenchmarkExchange(b *testing.B) {
	for _, spikes := range []int{80, 800} {
		for _, k := range []int{2, 4} {
			b.Run(fmt.Sprintf("spikes=%d/K=%d", spikes, k), func(b *testing.B) {
				base := exchangeTime(b, 1, spikes, b.N)
				got := exchangeTime(b, k, spikes, b.N)
				b.ReportMetric(float64(got.Nanoseconds())/1e3/float64(b.N), "µs/step")
				b.ReportMetric(float64(base.Nanoseconds())/1e3/float64(b.N), "µs/step-K=1")
				b.ReportMetric(got.Seconds()/base.Seconds(), "x-K=1")
			})
		}
	}
}

// exchangeTime runs steps exchanges among k partitions whose neurons fire
// spikes per step in all, and returns partition 0's wall time.
func exchangeTime(b *testing.B, k, spikes, steps int) time.Duration {
	comms, err := partition.NewLocalGroup(k, time.Minute)
	require.NoError(b, err)
	exs := make([]*partition.Exchange, k)
	sims := make([]*ecs.Sim, k)
	for r := range exs {
		sims[r], err = ecs.New(ecs.Options{Partition: ecs.Partition{Index: r, Count: k}})
		require.NoError(b, err)
		for _, spec := range []ecs.PopulationSpec{ecs.LIF("exc", 32000), ecs.LIF("inh", 8000)} {
			_, err = sims[r].AddPopulation(spec)
			require.NoError(b, err)
		}
		exs[r], err = partition.NewExchange(sims[r], comms[r], 1)
		require.NoError(b, err)
		// This partition's share of the spikes: fixed random neurons.
		rng := rand.New(rand.NewPCG(uint64(r), 1))
		for id, share := range []int{spikes * 4 / 5 / k, spikes / 5 / k} {
			v, err := sims[r].Bind(id)
			require.NoError(b, err)
			fired := make([]int32, share)
			for i := range fired {
				fired[i] = int32(rng.IntN(v.N))
			}
			slices.Sort(fired)
			*v.Fired = fired
			require.NoError(b, sims[r].Unbind(v))
		}
	}
	var wg sync.WaitGroup
	var elapsed time.Duration
	for r := range exs {
		wg.Add(1)
		go func() {
			defer wg.Done()
			start := time.Now()
			for s := 0; s < steps; s++ {
				if err := exs[r].Update(sims[r], ecs.Tick{Step: int64(s), DtMs: 0.1}); err != nil {
					b.Error(err)
					return
				}
			}
			if r == 0 {
				elapsed = time.Since(start)
			}
		}()
	}
	wg.Wait()
	return elapsed
}

// BenchmarkPartitionBuild times the partition-independent connectivity
// builder on one 20 000 → 20 000 projection with 8M synapses — fixed_prob
// (p = 0.02) and fixed_in_degree (400 per post neuron), shared weight —
// for the whole projection (baseline) against partition 0 of 2. For
// fixed_prob the partition draws every row and keeps the synapses onto
// its half; for fixed_in_degree it draws only its own post neurons'
// columns. It reports synapses of the whole projection per second of
// build time, the fraction kept and the ratio of the build times.
//
//	go test -run XXX -bench PartitionBuild -benchtime 3x ./systems/partition/
func BenchmarkPartitionBuild(b *testing.B) {
	const n = 20000
	for _, conn := range []systems.Connectivity{
		{Kind: systems.FixedProb, P: 0.02},
		{Kind: systems.FixedInDegree, N: 400},
	} {
		name := map[systems.ConnKind]string{systems.FixedProb: "fixed_prob", systems.FixedInDegree: "fixed_in_degree"}[conn.Kind]
		b.Run(name, func(b *testing.B) {
			spec := systems.ProjectionSpec{Pre: "a", Post: "a", Conn: conn,
				Channel: components.ChannelParams{Kind: components.SynExpon, TauMs: 5, Out: components.OutCOBA},
				Weight:  ecs.Scalar(1e-9)}
			build := func(p ecs.Partition) (time.Duration, int64) {
				sim, err := systems.NewSim(ecs.Options{Seed: 1, Partition: p})
				require.NoError(b, err)
				_, err = sim.AddPopulation(ecs.LIF("a", n))
				require.NoError(b, err)
				net, err := systems.NewNetwork(sim)
				require.NoError(b, err)
				start := time.Now()
				_, err = net.Connect(spec)
				require.NoError(b, err)
				return time.Since(start), net.Synapses()
			}
			var tWhole, tPart time.Duration
			var whole, kept int64
			for i := 0; i < b.N; i++ {
				d, syn := build(ecs.Partition{})
				tWhole, whole = tWhole+d, syn
				d, syn = build(ecs.Partition{Index: 0, Count: 2})
				tPart, kept = tPart+d, syn
			}
			b.ReportMetric(float64(whole)*float64(b.N)/tWhole.Seconds()/1e6, "M-syn/s-whole")
			b.ReportMetric(float64(whole)*float64(b.N)/tPart.Seconds()/1e6, "M-syn/s-part")
			b.ReportMetric(float64(kept)/float64(whole), "kept-fraction")
			b.ReportMetric(tPart.Seconds()/tWhole.Seconds(), "x-whole")
		})
	}
}
