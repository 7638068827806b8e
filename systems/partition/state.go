package partition

import (
	"fmt"
	"math"

	"github.com/spikecs/spikecs/ecs"
	"github.com/spikecs/spikecs/systems"
)

// StateGather records chosen variables of chosen neurons of one population
// in a partitioned run, with the rows of an unsplit StateRecorder. Every
// partition adds one, as a record-stage system, for the same entry and in
// the same order: at each recorded step each partition reads the values of
// its own listed neurons, all partitions gather them (one allgather, the
// float64 values as pairs of int32 words) and the partition with Out set
// writes every value in the entry's neuron order.
type StateGather struct {
	rec    *systems.StateRecorder // this partition's neurons, Out unused
	comm   Communicator
	pop    int
	global []int // the entry's neurons, global indices, in order
	owner  []int // partition of each
	size   int   // global population size
	nVars  int
	vars   []string
	stride int64
	// StartStep is the first step gathered (record.start; 0: from the start).
	StartStep int64
	Out       systems.StateWriter // nil on the partitions that do not write
	vals      []float64
	send      []int32
	recv      []int32
	counts    []int
	pos       []int // per partition: read position in recv
	lim       []int // per partition: end of its values in recv
	Gathers   int64 // recorded steps gathered
}

// NewStateGather returns the state gatherer of this partition for the
// named population, variables and global neuron indices (nil: all), every
// stride steps (0 or 1: every step); out receives the rows (nil on the
// partitions that do not write).
func NewStateGather(sim *ecs.Sim, comm Communicator, pop string, vars []string, neurons []int, stride int64, out systems.StateWriter) (*StateGather, error) {
	id, ok := sim.Population(pop)
	if !ok {
		return nil, fmt.Errorf("state recorder: unknown population %q; valid: %v", pop, sim.Populations())
	}
	n := sim.GlobalSize(id)
	if neurons == nil {
		neurons = make([]int, n)
		for i := range neurons {
			neurons[i] = i
		}
	}
	g := &StateGather{comm: comm, pop: id, size: n, nVars: len(vars), vars: vars, stride: stride, Out: out,
		counts: make([]int, comm.Size()), pos: make([]int, comm.Size()), lim: make([]int, comm.Size())}
	part := sim.Partition()
	lo, hi := sim.Offset(id), sim.Offset(id)+sim.PopulationSize(id)
	local := []int{} // not nil: nil would mean every neuron
	for _, i := range neurons {
		if i < 0 || i >= n {
			return nil, fmt.Errorf("state recorder: neuron %d of %q out of range 0..%d", i, pop, n-1)
		}
		g.global = append(g.global, i)
		if sim.IsSource(id) {
			g.owner = append(g.owner, 0) // sources are whole in every partition: partition 0 reads them
			if part.Index == 0 {
				local = append(local, i)
			}
			continue
		}
		g.owner = append(g.owner, part.Owner(n, i))
		if i >= lo && i < hi {
			local = append(local, i-lo)
		}
	}
	rec, err := systems.NewStateRecorder(sim, pop, vars, local, nil)
	if err != nil {
		return nil, err
	}
	g.rec = rec
	return g, nil
}

// Name returns "state-gather".
func (*StateGather) Name() string { return "state-gather" }

// Update gathers and writes the values of step t (a recorded step).
func (g *StateGather) Update(sim *ecs.Sim, t ecs.Tick) error {
	if (g.stride > 1 && t.Step%g.stride != 0) || t.Step < g.StartStep {
		return nil
	}
	var err error
	if g.vals, err = g.rec.AppendValues(sim, g.vals[:0]); err != nil {
		return err
	}
	g.send = g.send[:0]
	for _, x := range g.vals {
		b := math.Float64bits(x)
		g.send = append(g.send, int32(uint32(b>>32)), int32(uint32(b)))
	}
	if g.recv, err = g.comm.AllgatherV(g.send, g.recv, g.counts); err != nil {
		return fmt.Errorf("gathering the state of %q at step %d: %w", sim.PopulationName(g.pop), t.Step, err)
	}
	g.Gathers++
	if g.Out == nil {
		return nil
	}
	at := 0
	for r, c := range g.counts {
		g.pos[r] = at
		at += c
		g.lim[r] = at
	}
	for k, i := range g.global {
		r := g.owner[k]
		for v := 0; v < g.nVars; v++ {
			p := g.pos[r]
			if p+2 > g.lim[r] {
				return fmt.Errorf("gathering the state of %q at step %d: partition %d sent too few values", sim.PopulationName(g.pop), t.Step, r)
			}
			x := math.Float64frombits(uint64(uint32(g.recv[p]))<<32 | uint64(uint32(g.recv[p+1])))
			g.pos[r] = p + 2
			if err := g.Out.WriteState(t, g.pop, i, g.vars[v], x); err != nil {
				return err
			}
		}
	}
	return nil
}
