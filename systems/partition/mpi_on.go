//go:build mpi || mpich

package partition

/*
#cgo mpi pkg-config: ompi
#cgo mpich pkg-config: mpich
#include <mpi.h>

static int spikecs_init_funneled(void) {
	int provided = 0;
	return MPI_Init_thread(NULL, NULL, MPI_THREAD_FUNNELED, &provided);
}

static int spikecs_allgather_int(int *send, int *recv) {
	return MPI_Allgather(send, 1, MPI_INT, recv, 1, MPI_INT, MPI_COMM_WORLD);
}

static int spikecs_allgatherv(int *send, int n, int *recv, int *counts, int *displs) {
	return MPI_Allgatherv(send, n, MPI_INT, recv, counts, displs, MPI_INT, MPI_COMM_WORLD);
}

static void spikecs_abort(int code) {
	MPI_Abort(MPI_COMM_WORLD, code);
}
*/
import "C"

import (
	"fmt"
	"os"
	"sync/atomic"
	"time"
	"unsafe"

	"cogentcore.org/lab/base/mpi"
)

// MPIBuilt reports whether this binary was built with MPI support (build
// tag mpi for OpenMPI or mpich for MPICH).
const MPIBuilt = true

// mpiComm is a Communicator over MPI_COMM_WORLD. Only the goroutine that
// called StartMPI (locked to its OS thread, MPI_THREAD_FUNNELED) may use it.
type mpiComm struct {
	comm    *mpi.Comm
	rank    int
	size    int
	timeout time.Duration
	busy    atomic.Int64 // UnixNano start of the collective in progress, 0 when idle
	counts  []C.int
	displs  []C.int
	one     [1]C.int
	done    chan struct{}
	failed  error // set by Abort
}

// StartMPI initialises MPI (cogentcore.org/lab/base/mpi, MPI_COMM_WORLD)
// and returns the communicator of this rank and the function that
// finalises MPI — or, after Abort, ends all ranks with MPI_Abort. Call it from the main goroutine locked to its OS thread
// (runtime.LockOSThread in an init function) and make every collective
// call from there. A watchdog ends the process with a message when a
// collective call takes longer than timeout (<= 0: DefaultTimeout): an
// MPI collective cannot be interrupted, and a rank that died would
// otherwise make the others wait forever.
func StartMPI(timeout time.Duration) (Communicator, func(), error) {
	if !LaunchedByMPI() {
		return nil, func() {}, fmt.Errorf("this binary was built with MPI but not started by an MPI launcher; run it as: mpirun -np K %s ...", os.Args[0])
	}
	if timeout <= 0 {
		timeout = DefaultTimeout
	}
	if rc := C.spikecs_init_funneled(); rc != 0 {
		return nil, func() {}, fmt.Errorf("MPI_Init_thread failed with code %d", int(rc))
	}
	comm, err := mpi.NewComm(nil)
	if err != nil {
		mpi.Finalize()
		return nil, func() {}, fmt.Errorf("MPI communicator: %w", err)
	}
	c := &mpiComm{comm: comm, rank: mpi.WorldRank(), size: mpi.WorldSize(), timeout: timeout, done: make(chan struct{})}
	c.counts = make([]C.int, c.size)
	c.displs = make([]C.int, c.size)
	go c.watchdog()
	finish := func() {
		close(c.done)
		if c.failed != nil {
			fmt.Fprintf(os.Stderr, "run: rank %d of %d failed; aborting all ranks\n", c.rank, c.size)
			C.spikecs_abort(1)
		}
		mpi.Finalize()
	}
	return c, finish, nil
}

// watchdog ends the process when a collective call hangs.
func (c *mpiComm) watchdog() {
	tick := time.NewTicker(min(time.Second, c.timeout/4+time.Millisecond))
	defer tick.Stop()
	for {
		select {
		case <-c.done:
			return
		case <-tick.C:
			if start := c.busy.Load(); start != 0 && time.Since(time.Unix(0, start)) > c.timeout {
				fmt.Fprintf(os.Stderr, "run: rank %d of %d: spike exchange timed out after %v waiting for the other ranks (one died or hangs)\n", c.rank, c.size, c.timeout)
				os.Exit(1)
			}
		}
	}
}

// Rank returns this rank.
func (c *mpiComm) Rank() int { return c.rank }

// Size returns the number of ranks.
func (c *mpiComm) Size() int { return c.size }

// Abort records that this rank failed; the function StartMPI returned
// then ends every rank with MPI_Abort instead of finalising (the other
// ranks are blocked in collectives this rank will never join). Until
// then the caller can report the error and clean up.
func (c *mpiComm) Abort(err error) {
	if c.failed == nil {
		c.failed = err
	}
}

// Barrier waits for every rank.
func (c *mpiComm) Barrier() error {
	c.busy.Store(time.Now().UnixNano())
	defer c.busy.Store(0)
	if err := c.comm.Barrier(); err != nil {
		return fmt.Errorf("rank %d: MPI barrier: %w", c.rank, err)
	}
	return nil
}

// AllgatherV gathers the message lengths (MPI_Allgather) and then the
// messages (MPI_Allgatherv) of every rank.
func (c *mpiComm) AllgatherV(send, recv []int32, counts []int) ([]int32, error) {
	c.busy.Store(time.Now().UnixNano())
	defer c.busy.Store(0)
	c.one[0] = C.int(len(send))
	if rc := C.spikecs_allgather_int(&c.one[0], &c.counts[0]); rc != 0 {
		return recv, fmt.Errorf("rank %d: MPI_Allgather of message lengths failed with code %d", c.rank, int(rc))
	}
	total := 0
	for r, n := range c.counts {
		counts[r] = int(n)
		c.displs[r] = C.int(total)
		total += int(n)
	}
	if cap(recv) < total {
		recv = make([]int32, total, total+total/4)
	}
	recv = recv[:total]
	var sp, rp *C.int
	var dummy C.int
	sp, rp = &dummy, &dummy
	if len(send) > 0 {
		sp = (*C.int)(unsafe.Pointer(&send[0]))
	}
	if total > 0 {
		rp = (*C.int)(unsafe.Pointer(&recv[0]))
	}
	if rc := C.spikecs_allgatherv(sp, C.int(len(send)), rp, &c.counts[0], &c.displs[0]); rc != 0 {
		return recv, fmt.Errorf("rank %d: MPI_Allgatherv failed with code %d", c.rank, int(rc))
	}
	return recv, nil
}
