package partition

import (
	"fmt"
	"sync"
	"time"
)

// localGroup is the shared state of in-process partitions.
type localGroup struct {
	size    int
	timeout time.Duration
	mu      sync.Mutex
	arrived int
	release chan struct{} // closed when every partition reached the barrier
	slots   [][]int32     // each partition's message of the current allgather

	abortOnce sync.Once
	aborted   chan struct{}
	abortErr  error
}

// localComm is one partition's handle on a localGroup.
type localComm struct {
	g     *localGroup
	rank  int
	timer *time.Timer
}

// NewLocalGroup returns the communicators of k partitions that run on
// goroutines of this process (one per partition); timeout <= 0 means
// DefaultTimeout. A barrier costs one mutex and a channel close; an
// allgather exchanges slice headers and copies each message once per
// reader.
func NewLocalGroup(k int, timeout time.Duration) ([]Communicator, error) {
	if k < 1 {
		return nil, fmt.Errorf("partitions: need at least 1, got %d", k)
	}
	if timeout <= 0 {
		timeout = DefaultTimeout
	}
	g := &localGroup{size: k, timeout: timeout, release: make(chan struct{}), slots: make([][]int32, k), aborted: make(chan struct{})}
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

// Barrier waits for every partition, the timeout, or an abort.
func (c *localComm) Barrier() error {
	g := c.g
	select {
	case <-g.aborted:
		return g.abortErr
	default:
	}
	g.mu.Lock()
	ch := g.release
	g.arrived++
	if g.arrived == g.size {
		g.arrived = 0
		g.release = make(chan struct{})
		close(ch)
		g.mu.Unlock()
		return nil
	}
	g.mu.Unlock()
	c.timer.Reset(g.timeout)
	defer c.timer.Stop()
	select {
	case <-ch:
		return nil
	case <-g.aborted:
		return g.abortErr
	case <-c.timer.C:
		err := fmt.Errorf("partition %d: spike exchange timed out after %v waiting for the other partitions", c.rank, g.timeout)
		c.Abort(err)
		return err
	}
}

// AllgatherV publishes send, waits for every partition, copies all
// messages in rank order and waits again (so no sender reuses its buffer
// while others read it).
func (c *localComm) AllgatherV(send, recv []int32, counts []int) ([]int32, error) {
	g := c.g
	g.slots[c.rank] = send
	if err := c.Barrier(); err != nil {
		return recv, err
	}
	recv = recv[:0]
	for r, m := range g.slots {
		counts[r] = len(m)
		recv = append(recv, m...)
	}
	if err := c.Barrier(); err != nil {
		return recv, err
	}
	return recv, nil
}
