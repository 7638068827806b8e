package main

import (
	"fmt"
	"time"

	"github.com/spikecs/spikecs/ecs"
	"github.com/spikecs/spikecs/scenarios"
	"github.com/spikecs/spikecs/systems"
	"github.com/spikecs/spikecs/systems/partition"
)

// partitioning says how a run is split across worlds (docs/distributed.md).
type partitioning struct {
	// k is the number of partitions; 0: an ordinary, unsplit run.
	k int
	// comm is this rank's MPI communicator; nil: k goroutines.
	comm partition.Communicator
}

// rank returns this process's rank (0 for goroutine partitions).
func (p partitioning) rank() int {
	if p.comm == nil {
		return 0
	}
	return p.comm.Rank()
}

// setupPartitions decides how the run of sc is split: MPI ranks when the
// process was started by mpirun (the binary must be built with -tags mpi
// or mpich; -partitions, if given, must equal the rank count), else
// -partitions goroutines. It returns the function that finalises MPI.
func setupPartitions(o *options, sc *scenarios.Scenario) (partitioning, func(), error) {
	none := func() {}
	if o.partitions < 1 {
		return partitioning{}, none, fmt.Errorf("-partitions: must be at least 1, got %d", o.partitions)
	}
	mpiRun := partition.LaunchedByMPI()
	if partition.MPIBuilt && !mpiRun {
		return partitioning{}, none, fmt.Errorf("this binary was built with MPI (-tags mpi or mpich) but not started by mpirun; run it as mpirun -np K run ..., or use a binary built without the tag (and -partitions K for goroutines)")
	}
	if !mpiRun && o.partitions == 1 {
		return partitioning{}, none, nil
	}
	if mpiRun && !partition.MPIBuilt {
		return partitioning{}, none, fmt.Errorf("started by mpirun, but this binary was built without MPI: every rank would run the whole network; build it with -tags mpi (OpenMPI) or -tags mpich (MPICH)")
	}
	switch {
	case o.checkpoint > 0 || o.resume != "":
		return partitioning{}, none, fmt.Errorf("-checkpoint-every and -resume do not work with partitioned runs yet")
	}
	if !mpiRun {
		return partitioning{k: o.partitions}, none, nil
	}
	comm, finish, err := partition.StartMPI(0)
	if err != nil {
		return partitioning{}, none, err
	}
	if o.partitions > 1 && o.partitions != comm.Size() {
		finish()
		return partitioning{}, none, fmt.Errorf("-partitions %d, but mpirun started %d ranks; give -np %d or leave -partitions out", o.partitions, comm.Size(), o.partitions)
	}
	return partitioning{k: comm.Size(), comm: comm}, finish, nil
}

// executePartitioned builds and runs sc split into partitions. The
// partition of rank 0 records the spikes of the whole network (from the
// spike exchange) and the recorded state (gathered from every partition)
// and writes the same files as an unsplit run into dir; other MPI ranks
// write nothing and return a nil summary.
func executePartitioned(sc *scenarios.Scenario, dir string, cfg runConfig) (*summary, error) {
	steps, err := ecs.StepsFor(sc.DurationMs, sc.DtMs)
	if err != nil {
		return nil, &scenarios.Error{File: sc.File, Key: "duration", Msg: err.Error()}
	}
	build := func(p ecs.Partition) (*ecs.Sim, *systems.Network, error) {
		return sc.BuildNetwork(simOptions(sc, p))
	}
	pt := cfg.parts
	var parts []*partition.Part
	if pt.comm == nil {
		if parts, err = partition.BuildLocal(pt.k, build); err != nil {
			return nil, err
		}
	} else {
		sim, net, err := build(ecs.Partition{Index: pt.comm.Rank(), Count: pt.comm.Size()})
		if err != nil {
			return nil, err
		}
		p, err := partition.Attach(sim, net, pt.comm)
		if err != nil {
			return nil, err
		}
		parts = []*partition.Part{p}
	}
	lead := parts[0]
	for _, p := range parts {
		ex := p.Exchange
		p.OnStep = func(int) {
			if cfg.stop != nil && cfg.stop.Load() {
				ex.RequestStop()
			}
		}
	}
	writer := lead.Comm.Rank() == 0
	var outs *outputs
	var rec *partition.Recorder
	if writer {
		if outs, err = newOutputs(dir, lead.Sim, sc, steps, cfg.format, cfg.plots); err != nil {
			return nil, err
		}
		defer outs.close()
		if rec, err = partitionRecorder(sc, lead, outs); err != nil {
			return nil, err
		}
	}
	for _, p := range parts { // every partition reads its neurons' state; rank 0 writes
		var out systems.StateWriter
		if p == lead && writer {
			out = outs.state
		}
		if err := addStateGathers(sc, p, out); err != nil {
			return nil, err
		}
	}
	if writer {
		every, pending := max(1, steps/progressUpdates), 0
		lead.OnStep = func(int) {
			if cfg.stop != nil && cfg.stop.Load() {
				lead.Exchange.RequestStop()
			}
			if pending++; pending == every && cfg.progress != nil {
				cfg.progress(pending)
				pending = 0
			}
		}
	}
	start := time.Now()
	var ran int
	if pt.comm == nil {
		ran, err = partition.RunLocal(parts, steps)
	} else {
		ran, err = lead.Run(steps)
	}
	if err != nil {
		return nil, fmt.Errorf("%s: %w", sc.File, err)
	}
	wall := time.Since(start).Seconds()
	var events int64
	if pt.comm == nil {
		for _, p := range parts {
			if p.Net != nil {
				events += p.Net.Events()
			}
		}
	} else if events, err = lead.SumEvents(); err != nil {
		return nil, err
	}
	if !writer {
		return nil, nil
	}
	if err := rec.Drain(lead.Sim); err != nil {
		return nil, err
	}
	if rec.Rates != nil {
		if err := rec.Rates.Flush(lead.Sim); err != nil {
			return nil, fmt.Errorf("%s: %w", sc.File, err)
		}
	}
	if err := outs.close(); err != nil {
		return nil, err
	}
	sum := newSummary(sc, lead.Sim, steps, ran, rec.Spikes.Counts, outs.spikes.stats, wall)
	sum.SynapticEvents, sum.Partitions = events, pt.k
	return finish(dir, sc, lead.Sim, ran, outs, sum, cfg)
}

// partitionRecorder makes the spike and rate recorders of the writing
// partition, fed with the whole network's spikes by its exchange.
func partitionRecorder(sc *scenarios.Scenario, lead *partition.Part, outs *outputs) (*partition.Recorder, error) {
	sim := lead.Sim
	spikes, err := systems.NewSpikeRecorder(sim, sim.Populations(), outs.spikes)
	if err != nil {
		return nil, err
	}
	rec := &partition.Recorder{Exchange: lead.Exchange, Spikes: spikes}
	if rr := sc.Record.Rate; rr != nil {
		if rec.Rates, err = systems.NewRateRecorder(sim, rr.Populations, rr.BinMs, outs.rates); err != nil {
			return nil, &scenarios.Error{File: sc.File, Line: rr.Line, Key: "record.rate", Msg: err.Error()}
		}
	}
	if err := sim.AddSystem(ecs.StageRecord, rec); err != nil {
		return nil, err
	}
	return rec, nil
}

// addStateGathers adds the state gatherers of every record.state entry to
// a partition (out: where rows go; nil on partitions that do not write).
func addStateGathers(sc *scenarios.Scenario, p *partition.Part, out systems.StateWriter) error {
	for _, st := range sc.Record.State {
		g, err := partition.NewStateGather(p.Sim, p.Comm, st.Population, st.Vars, st.Neurons, st.Stride, out)
		if err != nil {
			return &scenarios.Error{File: sc.File, Line: st.Line, Key: fmt.Sprintf("record.state[%d]", st.Index), Msg: err.Error()}
		}
		g.StartStep = ecs.StepOf(sc.Record.StartMs, sc.DtMs)
		if err := p.Sim.AddSystem(ecs.StageRecord, g); err != nil {
			return err
		}
	}
	return nil
}
