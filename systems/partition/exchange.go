package partition

import (
	"fmt"
	"time"

	"github.com/spikecs/spikecs/ecs"
	"github.com/spikecs/spikecs/systems"
)

// Message layout (int32 words) of one partition for one exchange:
//
//	flags                                  (bit 0: this partition asks to stop)
//	then for each buffered step, for each neuron population in ID order:
//	count, global index × count
//
// Spike sources are not sent: every partition generates all their spikes.
const flagStop = 1

// Exchange is the synapses-stage system that gives a partition the spikes
// of the whole network (it implements systems.GlobalSpikes). Each step it
// appends this partition's spikes to its message; every Interval steps
// (and at Flush) it gathers all partitions' messages and decodes, per
// buffered step and population, the global indices in ascending order.
type Exchange struct {
	comm     Communicator
	interval int
	pops     []exPop
	// current interval
	first   int64 // step of the first buffered step
	pending int   // buffered steps
	send    []int32
	srcBuf  []int32 // spikes of source populations, per buffered step
	srcEnds []int   // end in srcBuf of each (step, source population)
	// last exchange
	recv    []int32
	counts  []int
	pos     []int   // per rank: read position in recv
	lim     []int   // per rank: end of its message in recv
	flat    []int32 // decoded global lists
	ends    []int   // end in flat of each (step, population)
	from    int64
	to      int64
	stopReq bool
	stopped bool
	// Exchanges counts the gathers done; Words counts the int32 words
	// received (all partitions' messages) over all gathers.
	Exchanges, Words int64
	// GatherTime is the wall time spent in the communicator's allgather,
	// waiting for the slowest partition included.
	GatherTime time.Duration
}

// exPop is what the exchange knows of one population.
type exPop struct {
	source bool
	offset int32
}

// NewExchange returns the exchange of the partition sim holds, gathering
// once every interval steps (>= 1; use systems.Network.MinDelaySteps).
func NewExchange(sim *ecs.Sim, comm Communicator, interval int) (*Exchange, error) {
	if interval < 1 {
		return nil, fmt.Errorf("spike exchange: interval must be >= 1 step, got %d", interval)
	}
	if sim.Partition().Parts() != comm.Size() || sim.Partition().Index != comm.Rank() {
		return nil, fmt.Errorf("spike exchange: the Sim holds partition %d of %d but the communicator is rank %d of %d",
			sim.Partition().Index, sim.Partition().Parts(), comm.Rank(), comm.Size())
	}
	e := &Exchange{comm: comm, interval: interval, counts: make([]int, comm.Size()), pos: make([]int, comm.Size()), lim: make([]int, comm.Size())}
	for id := range sim.Populations() {
		e.pops = append(e.pops, exPop{source: sim.IsSource(id), offset: int32(sim.Offset(id))})
	}
	return e, nil
}

// Name returns "spike-exchange".
func (*Exchange) Name() string { return "spike-exchange" }

// Interval returns the number of steps between exchanges.
func (e *Exchange) Interval() int { return e.interval }

// Ready returns the steps [from, to) whose spikes the last exchange made
// known; it is empty after a step that did not exchange.
func (e *Exchange) Ready() (from, to int64) { return e.from, e.to }

// Fired returns the global indices, ascending, of population pop's neurons
// that fired at step (a step of the last Ready range).
func (e *Exchange) Fired(step int64, pop int) []int32 {
	k := int(step-e.from)*len(e.pops) + pop
	lo := 0
	if k > 0 {
		lo = e.ends[k-1]
	}
	return e.flat[lo:e.ends[k]]
}

// RequestStop makes every partition stop after the next exchange (see
// Stopped); any partition may call it.
func (e *Exchange) RequestStop() { e.stopReq = true }

// Stopped reports whether a partition asked to stop at the last exchange.
func (e *Exchange) Stopped() bool { return e.stopped }

// Update buffers this step's spikes and gathers when the interval is full.
func (e *Exchange) Update(sim *ecs.Sim, t ecs.Tick) error {
	e.from, e.to = 0, 0
	if e.pending == 0 {
		e.first = t.Step
		e.send = append(e.send[:0], 0)
		e.srcBuf, e.srcEnds = e.srcBuf[:0], e.srcEnds[:0]
	}
	for id, p := range e.pops {
		v, err := sim.Bind(id)
		if err != nil {
			return err
		}
		fired := *v.Fired
		if p.source {
			e.srcBuf = append(e.srcBuf, fired...)
			e.srcEnds = append(e.srcEnds, len(e.srcBuf))
		} else {
			e.send = append(e.send, int32(len(fired)))
			for _, i := range fired {
				e.send = append(e.send, p.offset+i)
			}
		}
		if err := sim.Unbind(v); err != nil {
			return err
		}
	}
	e.pending++
	if e.pending < e.interval {
		return nil
	}
	return e.gather()
}

// Flush gathers the steps buffered since the last exchange (at the end of
// a run whose length is not a multiple of the interval); every partition
// must call it. Ready then returns them.
func (e *Exchange) Flush() error {
	e.from, e.to = 0, 0
	if e.pending == 0 {
		return nil
	}
	return e.gather()
}

// gather exchanges the buffered steps and decodes them.
func (e *Exchange) gather() error {
	if e.stopReq {
		e.send[0] |= flagStop
	}
	var err error
	start := time.Now()
	e.recv, err = e.comm.AllgatherV(e.send, e.recv, e.counts)
	e.GatherTime += time.Since(start)
	if err != nil {
		return fmt.Errorf("spike exchange of steps %d..%d: %w", e.first, e.first+int64(e.pending)-1, err)
	}
	e.Exchanges++
	e.Words += int64(len(e.recv))
	at := 0
	e.stopped = false
	for r, n := range e.counts {
		if n < 1 {
			return fmt.Errorf("spike exchange of steps %d..%d: partition %d sent an empty message", e.first, e.first+int64(e.pending)-1, r)
		}
		e.stopped = e.stopped || e.recv[at]&flagStop != 0
		e.pos[r] = at + 1
		at += n
		e.lim[r] = at
	}
	e.flat, e.ends = e.flat[:0], e.ends[:0]
	src := 0
	for s := 0; s < e.pending; s++ {
		for _, p := range e.pops {
			if p.source {
				end := e.srcEnds[src]
				lo := 0
				if src > 0 {
					lo = e.srcEnds[src-1]
				}
				e.flat = append(e.flat, e.srcBuf[lo:end]...)
				src++
			} else {
				for r := range e.pos {
					at := e.pos[r]
					if at >= e.lim[r] || at+1+int(e.recv[at]) > e.lim[r] || e.recv[at] < 0 {
						return fmt.Errorf("spike exchange of steps %d..%d: the message of partition %d is malformed (do all partitions run the same network?)", e.first, e.first+int64(e.pending)-1, r)
					}
					n := int(e.recv[at])
					e.flat = append(e.flat, e.recv[at+1:at+1+n]...)
					e.pos[r] = at + 1 + n
				}
			}
			e.ends = append(e.ends, len(e.flat))
		}
	}
	for r := range e.pos {
		if e.pos[r] != e.lim[r] {
			return fmt.Errorf("spike exchange of steps %d..%d: partition %d sent %d words more than its populations' spikes (do all partitions run the same network?)", e.first, e.first+int64(e.pending)-1, r, e.lim[r]-e.pos[r])
		}
	}
	e.from, e.to = e.first, e.first+int64(e.pending)
	e.pending = 0
	return nil
}

var _ systems.GlobalSpikes = (*Exchange)(nil)
