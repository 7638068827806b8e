package partition

import (
	"errors"
	"fmt"
	"strings"
	"sync"

	"github.com/spikecs/spikecs/ecs"
	"github.com/spikecs/spikecs/systems"
)

// Part is one partition of a network: its Sim (ecs.Options.Partition set),
// its network (nil without projections), its exchange and communicator.
type Part struct {
	Sim      *ecs.Sim
	Net      *systems.Network
	Exchange *Exchange
	Comm     Communicator
	// OnStep, when set, is called after each step with the steps run so
	// far (progress reports; a stop request goes through
	// Exchange.RequestStop).
	OnStep func(ran int)
}

// Attach installs the spike exchange on a built partition: an Exchange in
// the synapses stage, gathering every net.MinDelaySteps() steps, whose
// spikes the network then delivers.
func Attach(sim *ecs.Sim, net *systems.Network, comm Communicator) (*Part, error) {
	interval := 1
	if net != nil {
		interval = net.MinDelaySteps()
		if err := net.CheckInterval(interval); err != nil {
			return nil, fmt.Errorf("spike exchange: %w", err)
		}
	}
	ex, err := NewExchange(sim, comm, interval)
	if err != nil {
		return nil, err
	}
	if err := sim.AddSystem(ecs.StageSynapses, ex); err != nil {
		return nil, err
	}
	if net != nil {
		net.UseGlobalSpikes(ex)
	}
	return &Part{Sim: sim, Net: net, Exchange: ex, Comm: comm}, nil
}

// Run runs up to steps steps and then gathers the steps not yet
// exchanged (Exchange.Flush) and delivers them. It stops early, at the
// same step on every partition, after an exchange where some partition
// called Exchange.RequestStop. On error it aborts the other partitions.
// It returns the steps run.
func (p *Part) Run(steps int) (int, error) {
	ran := 0
	for ran < steps {
		if err := p.Sim.Step(); err != nil {
			err = fmt.Errorf("partition %d of %d (neuron indices are local; it holds %s): %w", p.Comm.Rank(), p.Comm.Size(), p.holds(), err)
			p.Comm.Abort(err)
			return ran, err
		}
		ran++
		if p.OnStep != nil {
			p.OnStep(ran)
		}
		if p.Exchange.Stopped() {
			break
		}
	}
	if err := p.Exchange.Flush(); err != nil {
		err = fmt.Errorf("partition %d of %d: %w", p.Comm.Rank(), p.Comm.Size(), err)
		p.Comm.Abort(err)
		return ran, err
	}
	if p.Net != nil { // count the events of the flushed steps, as an unsplit run does
		p.Net.DeliverReady(p.Sim)
	}
	return ran, nil
}

// holds describes the global neuron ranges the partition holds.
func (p *Part) holds() string {
	var b strings.Builder
	for id, name := range p.Sim.Populations() {
		if id > 0 {
			b.WriteString(", ")
		}
		lo := p.Sim.Offset(id)
		fmt.Fprintf(&b, "%s %d..%d", name, lo, lo+p.Sim.PopulationSize(id)-1)
	}
	return b.String()
}

// SumEvents returns the synaptic events delivered by all partitions (a
// collective call: every partition must make it).
func (p *Part) SumEvents() (int64, error) {
	var ev int64
	if p.Net != nil {
		ev = p.Net.Events()
	}
	send := []int32{int32(uint64(ev) >> 32), int32(uint32(uint64(ev)))}
	counts := make([]int, p.Comm.Size())
	recv, err := p.Comm.AllgatherV(send, nil, counts)
	if err != nil {
		return 0, fmt.Errorf("summing synaptic events: %w", err)
	}
	var sum int64
	for i := 0; i+1 < len(recv); i += 2 {
		sum += int64(uint64(uint32(recv[i]))<<32 | uint64(uint32(recv[i+1])))
	}
	return sum, nil
}

// BuildLocal builds k in-process partitions, each on its own goroutine:
// build gets the partition to construct (pass it as
// ecs.Options.Partition) and returns its Sim and network (nil without
// projections). build is called from k goroutines at once
// (scenarios.Scenario.BuildNetwork may be); the peak memory is that of k
// builds. The first error (in partition order) is returned.
func BuildLocal(k int, build func(ecs.Partition) (*ecs.Sim, *systems.Network, error)) ([]*Part, error) {
	comms, err := NewLocalGroup(k, 0)
	if err != nil {
		return nil, err
	}
	parts := make([]*Part, k)
	errs := make([]error, k)
	var wg sync.WaitGroup
	for r := range parts {
		wg.Add(1)
		go func() {
			defer wg.Done()
			sim, net, err := build(ecs.Partition{Index: r, Count: k})
			if err == nil {
				parts[r], err = Attach(sim, net, comms[r])
			}
			errs[r] = err
		}()
	}
	wg.Wait()
	for _, err := range errs {
		if err != nil {
			return nil, err
		}
	}
	return parts, nil
}

// RunLocal runs every partition on its own goroutine for up to steps
// steps (see Part.Run) and returns the steps run and the errors of all
// partitions, joined (nil when all succeeded).
func RunLocal(parts []*Part, steps int) (int, error) {
	var wg sync.WaitGroup
	ran := make([]int, len(parts))
	errs := make([]error, len(parts))
	for r, p := range parts {
		wg.Add(1)
		go func() {
			defer wg.Done()
			ran[r], errs[r] = p.Run(steps)
		}()
	}
	wg.Wait()
	return ran[0], errors.Join(errs...)
}

// Recorder feeds the spikes of the whole network to a spike recorder and
// a rate recorder (either may be nil) on the partition that writes the
// outputs. Add it to that partition's record stage instead of the
// recorders themselves, and call Drain after Part.Run.
type Recorder struct {
	Exchange *Exchange
	Spikes   *systems.SpikeRecorder
	Rates    *systems.RateRecorder
}

// Name returns "partition-recorder".
func (*Recorder) Name() string { return "partition-recorder" }

// Update records the steps the exchange made known in this step.
func (r *Recorder) Update(sim *ecs.Sim, t ecs.Tick) error { return r.Drain(sim) }

// Drain records the steps of the exchange's Ready range.
func (r *Recorder) Drain(sim *ecs.Sim) error {
	from, to := r.Exchange.Ready()
	dt := sim.DtMs()
	for s := from; s < to; s++ {
		t := ecs.Tick{Step: s, TMs: float64(s) * dt, DtMs: dt}
		if r.Spikes != nil {
			if err := r.Spikes.AddStep(t, r.Exchange); err != nil {
				return err
			}
		}
		if r.Rates != nil {
			if err := r.Rates.AddStep(sim, t, r.Exchange); err != nil {
				return err
			}
		}
	}
	return nil
}
