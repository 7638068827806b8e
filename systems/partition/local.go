package partition

import (
	"fmt"
	"runtime"
	"sync"
	"sync/atomic"
	"time"
)

// spinFor is how long a partition waiting at a barrier polls before it
// sleeps. With a free core per partition, polling keeps the wake-up
// latency at a few µs; sleeping costs a futex wake-up and a scheduler
// round trip, which measured about 100 µs per step at 40k neurons on this
// project's 2-core machine (2 partitions: 1.36–1.39× the speed of one
// world with 30 µs of polling, 1.92–1.98× with 500 µs; docs/performance.md).
// On an oversubscribed machine (other jobs, or more partitions than cores)
// polling takes a core from the partition being waited for, so it stops
// after this long.
const spinFor = 500 * time.Microsecond

// localGroup is the shared state of in-process partitions.
type localGroup struct {
	size     int
	timeout  time.Duration
	mu       sync.Mutex
	arrived  int
	gen      atomic.Uint64   // barrier generation, advanced by the last arrival
	sleepers []int           // partitions asleep at the current barrier
	wake     []chan struct{} // per partition, capacity 1: the last arrival's token
	// slots[parity][rank] holds rank's copy of its message of the
	// allgathers with that parity (double buffered: one barrier each).
	slots [2][][]int32

	abortOnce sync.Once
	aborted   chan struct{}
	abortErr  error
}

// localComm is one partition's handle on a localGroup.
type localComm struct {
	g      *localGroup
	rank   int
	timer  *time.Timer
	parity int
}

// NewLocalGroup returns the communicators of k partitions that run on
// goroutines of this process (one per partition); timeout <= 0 means
// DefaultTimeout. A barrier costs one mutex and an atomic counter; a
// waiting partition polls for spinFor and then sleeps on a channel. An
// allgather copies each message once into a double-buffered slot and
// meets at one barrier. After the buffers have grown, neither allocates.
func NewLocalGroup(k int, timeout time.Duration) ([]Communicator, error) {
	if k < 1 {
		return nil, fmt.Errorf("partitions: need at least 1, got %d", k)
	}
	if timeout <= 0 {
		timeout = DefaultTimeout
	}
	g := &localGroup{size: k, timeout: timeout, aborted: make(chan struct{}), sleepers: make([]int, 0, k), wake: make([]chan struct{}, k)}
	g.slots[0], g.slots[1] = make([][]int32, k), make([][]int32, k)
	for r := range g.wake {
		g.wake[r] = make(chan struct{}, 1)
	}
	out := make([]Communicator, k)
	for r := range out {
		t := time.NewTimer(timeout)
		t.Stop()
		out[r] = &localComm{g: g, rank: r, timer: t}
	}
	return out, nil
}

// Rank returns the partition index.
func (c *localComm) Rank() int { return c.rank }

// Size returns the number of partitions.
func (c *localComm) Size() int { return c.g.size }

// Abort releases every waiting partition with an error naming this one.
func (c *localComm) Abort(err error) {
	g := c.g
	g.abortOnce.Do(func() {
		g.abortErr = fmt.Errorf("partition %d: %w: %v", c.rank, ErrAborted, err)
		close(g.aborted)
	})
}

// Barrier waits for every partition, the timeout, or an abort. The last
// partition to arrive advances the generation and wakes the sleepers; the
// others poll the generation for spinFor, then sleep on their own wake
// channel. Nothing is allocated.
func (c *localComm) Barrier() error {
	g := c.g
	select {
	case <-g.aborted:
		return g.abortErr
	default:
	}
	g.mu.Lock()
	gen := g.gen.Load()
	g.arrived++
	if g.arrived == g.size {
		g.arrived = 0
		g.gen.Add(1)
		for _, r := range g.sleepers {
			g.wake[r] <- struct{}{} // capacity 1, and r sleeps at most once per generation
		}
		g.sleepers = g.sleepers[:0]
		g.mu.Unlock()
		return nil
	}
	g.mu.Unlock()
	// Poll first: with a free core per partition the others arrive soon.
	start := time.Now()
	for i := 1; ; i++ {
		if g.gen.Load() != gen {
			return nil
		}
		if i%64 == 0 {
			if time.Since(start) > spinFor {
				break
			}
			runtime.Gosched()
		}
	}
	g.mu.Lock()
	if g.gen.Load() != gen {
		g.mu.Unlock()
		return nil
	}
	g.sleepers = append(g.sleepers, c.rank)
	g.mu.Unlock()
	c.timer.Reset(g.timeout)
	defer c.timer.Stop()
	select {
	case <-g.wake[c.rank]:
		return nil
	case <-g.aborted:
		return g.abortErr
	case <-c.timer.C:
		err := fmt.Errorf("partition %d: spike exchange timed out after %v waiting for the other partitions", c.rank, g.timeout)
		c.Abort(err)
		return err
	}
}

// AllgatherV copies send into this partition's slot of the current
// parity, waits for every partition and concatenates all slots in rank
// order. A slot of one parity is rewritten only two allgathers later,
// after every partition has passed the next barrier and so finished
// reading it.
func (c *localComm) AllgatherV(send, recv []int32, counts []int) ([]int32, error) {
	g := c.g
	slots := g.slots[c.parity]
	c.parity ^= 1
	slots[c.rank] = append(slots[c.rank][:0], send...)
	if err := c.Barrier(); err != nil {
		return recv, err
	}
	recv = recv[:0]
	for r, m := range slots {
		counts[r] = len(m)
		recv = append(recv, m...)
	}
	return recv, nil
}
