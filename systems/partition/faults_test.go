package partition_test

import (
	"errors"
	"fmt"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/spikecs/spikecs/ecs"
	"github.com/spikecs/spikecs/systems"
	"github.com/spikecs/spikecs/systems/partition"
)

// TestBarrierTimesOut: a partition whose peers never arrive gets a
// timeout error instead of hanging, and the others are then aborted.
func TestBarrierTimesOut(t *testing.T) {
	comms, err := partition.NewLocalGroup(2, 50*time.Millisecond)
	require.NoError(t, err)
	start := time.Now()
	err = comms[0].Barrier()
	require.Error(t, err)
	assert.Contains(t, err.Error(), "timed out")
	assert.Less(t, time.Since(start), 5*time.Second)
	err = comms[1].Barrier()
	assert.ErrorIs(t, err, partition.ErrAborted, "after a timeout the group is aborted")
}

// TestAbortReleasesWaiters: a partition waiting in an allgather returns
// an error naming the partition that failed.
func TestAbortReleasesWaiters(t *testing.T) {
	comms, err := partition.NewLocalGroup(3, time.Minute)
	require.NoError(t, err)
	done := make(chan error, 1)
	go func() {
		_, err := comms[0].AllgatherV([]int32{1, 2}, nil, make([]int, 3))
		done <- err
	}()
	comms[2].Abort(fmt.Errorf("boom"))
	select {
	case err := <-done:
		require.ErrorIs(t, err, partition.ErrAborted)
		assert.Contains(t, err.Error(), "partition 2")
		assert.Contains(t, err.Error(), "boom")
	case <-time.After(10 * time.Second):
		t.Fatal("the waiting partition was not released by Abort")
	}
}

// TestAllgatherVConcatenatesInRankOrder: messages of different lengths
// (one empty) arrive concatenated in rank order with their counts.
func TestAllgatherVConcatenatesInRankOrder(t *testing.T) {
	msgs := [][]int32{{7, 8, 9}, {}, {1}, {4, 5}}
	comms, err := partition.NewLocalGroup(len(msgs), time.Minute)
	require.NoError(t, err)
	type result struct {
		recv   []int32
		counts []int
		err    error
	}
	results := make(chan result, len(msgs))
	for r, c := range comms {
		go func() {
			counts := make([]int, len(msgs))
			recv, err := c.AllgatherV(msgs[r], nil, counts)
			results <- result{recv, counts, err}
		}()
	}
	for range msgs {
		res := <-results
		require.NoError(t, res.err)
		assert.Equal(t, []int32{7, 8, 9, 1, 4, 5}, res.recv)
		assert.Equal(t, []int{3, 0, 1, 2}, res.counts)
	}
}

// failAt is a record-stage system that fails at one step.
type failAt struct{ step int64 }

func (failAt) Name() string { return "fail-at" }

func (f failAt) Update(_ *ecs.Sim, t ecs.Tick) error {
	if t.Step == f.step {
		return errors.New("injected failure")
	}
	return nil
}

// TestFailingPartitionStopsAll: when one partition's step fails, every
// partition returns an error (the others through the abort) — no hang.
func TestFailingPartitionStopsAll(t *testing.T) {
	sc := loadScenario(t, "coba", 20)
	parts, err := partition.BuildLocal(3, func(p ecs.Partition) (*ecs.Sim, *systems.Network, error) {
		return sc.BuildNetwork(ecs.Options{Partition: p})
	})
	require.NoError(t, err)
	require.NoError(t, parts[1].Sim.AddSystem(ecs.StageRecord, failAt{step: 5}))
	done := make(chan error, 1)
	go func() {
		_, err := partition.RunLocal(parts, 200)
		done <- err
	}()
	select {
	case err := <-done:
		require.Error(t, err)
		assert.Contains(t, err.Error(), "injected failure")
		assert.ErrorIs(t, err, partition.ErrAborted, "the other partitions report the abort")
	case <-time.After(30 * time.Second):
		t.Fatal("RunLocal hung after a partition failed")
	}
}

// TestMorePartitionsThanNeurons: a population smaller than K is a clear
// build error naming it.
func TestMorePartitionsThanNeurons(t *testing.T) {
	sim, err := ecs.New(ecs.Options{Partition: ecs.Partition{Index: 0, Count: 4}})
	require.NoError(t, err)
	_, err = sim.AddPopulation(ecs.LIF("small", 3))
	require.Error(t, err)
	assert.Contains(t, err.Error(), `"small"`)
	assert.Contains(t, err.Error(), "fewer than the 4 partitions")
}

// TestExchangeNeedsMatchingCommunicator: a Sim built for one partition
// cannot be attached to another rank's communicator.
func TestExchangeNeedsMatchingCommunicator(t *testing.T) {
	sim, err := ecs.New(ecs.Options{Partition: ecs.Partition{Index: 1, Count: 2}})
	require.NoError(t, err)
	comms, err := partition.NewLocalGroup(2, time.Minute)
	require.NoError(t, err)
	_, err = partition.NewExchange(sim, comms[0], 1)
	require.Error(t, err)
	assert.Contains(t, err.Error(), "partition 1 of 2")
}

// TestPartitionWithoutExchangeFails: a partitioned Sim whose network has
// no spike exchange stops with an error instead of delivering only its
// own spikes.
func TestPartitionWithoutExchangeFails(t *testing.T) {
	sc := loadScenario(t, "coba", 1)
	sim, err := sc.Build(ecs.Options{Partition: ecs.Partition{Index: 1, Count: 2}})
	require.NoError(t, err)
	err = sim.Step()
	require.Error(t, err)
	assert.Contains(t, err.Error(), "spike exchange")
}

// TestExchangeDoesNotAllocate: once its buffers have grown, a step of
// the exchange (encode, allgather between goroutine partitions, decode)
// allocates nothing.
func TestExchangeDoesNotAllocate(t *testing.T) {
	sc := loadScenario(t, "coba", 1)
	parts, err := partition.BuildLocal(2, func(p ecs.Partition) (*ecs.Sim, *systems.Network, error) {
		return sc.BuildNetwork(ecs.Options{Partition: p})
	})
	require.NoError(t, err)
	other := make(chan struct{})
	stop := make(chan struct{})
	go func() { // partition 1 steps whenever partition 0 does
		for {
			select {
			case <-stop:
				return
			case <-other:
				_ = parts[1].Sim.Step()
			}
		}
	}()
	defer close(stop)
	step := func() {
		other <- struct{}{}
		require.NoError(t, parts[0].Sim.Step())
	}
	for i := 0; i < 50; i++ { // grow the buffers
		step()
	}
	allocs := testing.AllocsPerRun(100, step)
	assert.Zero(t, allocs, "a partitioned step must not allocate")
}
