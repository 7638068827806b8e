//go:build mpi || mpich

package partition_test

import (
	"fmt"
	"math/rand/v2"
	"os"
	"runtime"
	"slices"
	"testing"
	"time"

	"github.com/stretchr/testify/require"

	"github.com/spikecs/spikecs/ecs"
	"github.com/spikecs/spikecs/systems/partition"
)

// mpiWorld is the MPI communicator when the test binary runs under
// mpirun (nil otherwise: the MPI benchmarks skip).
var mpiWorld partition.Communicator

// TestMain initialises MPI from the main goroutine when started by
// mpirun:
//
//	go test -c -tags mpi -o /tmp/partition.test ./systems/partition/
//	mpirun --allow-run-as-root --oversubscribe -np 2 /tmp/partition.test \
//	    -test.run XXX -test.bench MPI -test.benchtime 3x
//
// The benchmarks call MPI from their own goroutine, one call at a time
// (OpenMPI's shared-memory transport allows it; the runner itself keeps
// every call on the main thread).
func TestMain(m *testing.M) {
	if !partition.LaunchedByMPI() {
		os.Exit(m.Run())
	}
	runtime.LockOSThread()
	comm, finish, err := partition.StartMPI(0)
	if err != nil {
		fmt.Fprintln(os.Stderr, err)
		os.Exit(1)
	}
	mpiWorld = comm
	if comm.Rank() != 0 { // one report, from rank 0
		os.Stdout, _ = os.Open(os.DevNull)
	}
	code := m.Run()
	finish()
	os.Exit(code)
}

// BenchmarkMPICOBA runs COBA scaled to 40k neurons in one world on rank 0
// (the baseline; the other ranks wait) and then split across all ranks,
// alternately in each iteration; it reports both wall times per
// biological second, the speedup and the exchange time per step. Use a
// fixed -test.benchtime Nx so that every rank runs the same iterations.
func BenchmarkMPICOBA(b *testing.B) {
	if mpiWorld == nil {
		b.Skip("not under mpirun")
	}
	comm := mpiWorld
	sc := scaledCOBA(b, 10, 10)
	var single *ecs.Sim
	var err error
	if comm.Rank() == 0 {
		single, err = sc.Build(ecs.Options{})
		require.NoError(b, err)
	}
	sim, err := sc.Build(ecs.Options{Partition: ecs.Partition{Index: comm.Rank(), Count: comm.Size()}})
	require.NoError(b, err)
	part, err := partition.Attach(sim, sc.Network(), comm)
	require.NoError(b, err)
	const warm, steps = 1000, 1000
	if single != nil {
		require.NoError(b, single.Run(warm))
	}
	_, err = part.Run(warm)
	require.NoError(b, err)
	g0 := part.Exchange.GatherTime
	var tSingle, tParts, cSingle, cPart time.Duration
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		require.NoError(b, comm.Barrier())
		t0 := time.Now()
		if single != nil {
			c, err := cpuLocked(func() error { return single.Run(steps) })
			require.NoError(b, err)
			cSingle += c
		}
		require.NoError(b, comm.Barrier())
		t1 := time.Now()
		c, err := cpuLocked(func() error { _, err := part.Run(steps); return err })
		require.NoError(b, err)
		cPart += c
		require.NoError(b, comm.Barrier())
		tSingle, tParts = tSingle+t1.Sub(t0), tParts+time.Since(t1)
	}
	b.StopTimer()
	// The largest CPU time of one rank's partition.
	cpus, err := comm.AllgatherV([]int32{int32(cPart.Milliseconds())}, nil, make([]int, comm.Size()))
	require.NoError(b, err)
	maxCPU := time.Duration(slices.Max(cpus)) * time.Millisecond
	if maxCPU > 0 && cSingle > 0 {
		b.ReportMetric(cSingle.Seconds()/maxCPU.Seconds(), "cpu-speedup")
	}
	bio := float64(b.N) * steps * sc.DtMs * 1e-3
	b.ReportMetric(float64(comm.Size()), "ranks")
	b.ReportMetric(tSingle.Seconds()/bio, "s/bio-s-single")
	b.ReportMetric(tParts.Seconds()/bio, "s/bio-s-ranks")
	b.ReportMetric(tSingle.Seconds()/tParts.Seconds(), "speedup")
	b.ReportMetric(float64((part.Exchange.GatherTime-g0).Microseconds())/float64(b.N*steps), "exchange-µs/step")
}

// BenchmarkMPIExchange measures one spike exchange per step among all
// ranks (80 or 800 spikes per step in all, from a 32 000 + 8 000 neuron
// network), against the same exchange with one in-process partition.
func BenchmarkMPIExchange(b *testing.B) {
	if mpiWorld == nil {
		b.Skip("not under mpirun")
	}
	for _, spikes := range []int{80, 800} {
		b.Run(fmt.Sprintf("spikes=%d", spikes), func(b *testing.B) {
			base := exchangeTime(b, 1, spikes, b.N)
			comm := mpiWorld
			sim, err := ecs.New(ecs.Options{Partition: ecs.Partition{Index: comm.Rank(), Count: comm.Size()}})
			require.NoError(b, err)
			for _, spec := range []ecs.PopulationSpec{ecs.LIF("exc", 32000), ecs.LIF("inh", 8000)} {
				_, err = sim.AddPopulation(spec)
				require.NoError(b, err)
			}
			ex, err := partition.NewExchange(sim, comm, 1)
			require.NoError(b, err)
			rng := rand.New(rand.NewPCG(uint64(comm.Rank()), 1))
			for id, share := range []int{spikes * 4 / 5 / comm.Size(), spikes / 5 / comm.Size()} {
				v, err := sim.Bind(id)
				require.NoError(b, err)
				fired := make([]int32, share)
				for i := range fired {
					fired[i] = int32(rng.IntN(v.N))
				}
				slices.Sort(fired)
				*v.Fired = fired
				require.NoError(b, sim.Unbind(v))
			}
			require.NoError(b, comm.Barrier())
			start := time.Now()
			for s := 0; s < b.N; s++ {
				require.NoError(b, ex.Update(sim, ecs.Tick{Step: int64(s), DtMs: 0.1}))
			}
			got := time.Since(start)
			b.ReportMetric(float64(comm.Size()), "ranks")
			b.ReportMetric(float64(got.Nanoseconds())/1e3/float64(b.N), "µs/step")
			b.ReportMetric(float64(base.Nanoseconds())/1e3/float64(b.N), "µs/step-K=1")
			b.ReportMetric(got.Seconds()/base.Seconds(), "x-K=1")
		})
	}
}
