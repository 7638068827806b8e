package systems

import (
	"fmt"

	"github.com/spikecs/spikecs/components"
	"github.com/spikecs/spikecs/ecs"
)

// Deliver is the delivery-stage system of a Network: for every projection
// and every pre neuron whose spike output of this step is 1, it adds each
// synapse's weight to the target's arrival slot of the post channel, to be
// consumed by ChannelUpdate at step n + max(D, 1) (D the synapse's delay
// in steps): without delay a spike acts one step later, as in the
// reference (§6.9). Targets are int32 indices into the post population's
// columns; no per-entity lookup happens.
type Deliver struct {
	net *Network
}

// Name returns "deliver".
func (*Deliver) Name() string { return "deliver" }

// Update delivers the spikes of step t; in a partitioned Sim (see
// Network.UseGlobalSpikes) it delivers the spikes of the whole network of
// every step the exchange made available, in step order.
func (d *Deliver) Update(sim *ecs.Sim, t ecs.Tick) error {
	if d.net.global != nil {
		d.net.DeliverReady(sim)
		return nil
	}
	if sim.Partition().Parts() > 1 {
		return fmt.Errorf("this Sim holds partition %d of %d: it needs the spikes of the whole network (attach a spike exchange, systems/partition)", sim.Partition().Index, sim.Partition().Parts())
	}
	for _, pr := range d.net.projections {
		d.project(sim, pr, sim.Fired(pr.Pre), t)
	}
	return nil
}

// DeliverReady delivers the whole network's spikes of the steps the
// exchange made known (GlobalSpikes.Ready); Deliver calls it every step.
// Call it once more after the exchange's final flush so that the synaptic
// event count covers every step (those arrivals are never consumed).
func (n *Network) DeliverReady(sim *ecs.Sim) {
	g := n.global
	if g == nil {
		return
	}
	d := Deliver{net: n}
	dt := sim.DtMs()
	from, to := g.Ready()
	for s := from; s < to; s++ {
		d.deliverStep(sim, ecs.Tick{Step: s, TMs: float64(s) * dt, DtMs: dt}, g)
	}
}

// deliverStep delivers the spikes of step t of the whole network.
func (d *Deliver) deliverStep(sim *ecs.Sim, t ecs.Tick, g FiredLists) {
	for _, pr := range d.net.projections {
		d.project(sim, pr, g.Fired(t.Step, pr.Pre), t)
	}
}

// project delivers one projection's spikes of step t (fired: indices of
// the pre population's neurons that fired, ascending).
func (d *Deliver) project(sim *ecs.Sim, pr *components.Projection, fired []int32, t ecs.Tick) {
	ch := &sim.Channels(pr.Post).List[pr.Channel]
	n := sim.PopulationSize(pr.Post)
	if pr.Plasticity != nil {
		stepShortTerm(pr.Plasticity, fired, pr.PreFrom, t.DtMs)
	}
	if pr.PreSyn != nil {
		// The kinetics of the next step, from this step's spikes.
		stepPreSynapse(pr.PreSyn, fired, pr.PreFrom, float64(t.Step+1)*t.DtMs, t.DtMs)
		deliverConductances(pr, ch, n, t.Step)
	} else {
		d.net.events += deliver(pr, fired, ch, n, t.Step)
	}
}

// deliver scatters the spikes of one projection and returns the number of
// synaptic events. The loops over a row's synapses are the kernels of
// deliver_kernels.go, one per storage of weights and delays.
func deliver(pr *components.Projection, fired []int32, ch *components.Channel, n int, step int64) int64 {
	var events int64
	slots := int64(ch.Slots)
	rows := len(pr.Offsets) - 1
	base := int(step % slots) // this step's slot
	perDelay := pr.PerSynapseDelays()
	for _, f := range fired {
		i := int(f) - pr.PreFrom
		if i < 0 || i >= rows {
			continue
		}
		lo, hi := pr.Offsets[i], pr.Offsets[i+1]
		tg := pr.Targets[lo:hi]
		events += hi - lo
		eff := 1.0
		if pr.Plasticity != nil {
			eff = pr.Plasticity.Efficacy[i]
		}
		if !perDelay {
			ring := ch.Ring[int((step+int64(max(pr.Delay, 1)))%slots)*n:][:n]
			switch {
			case pr.Weights != nil: // written out: a call per row costs ~5 % on short rows
				ws := pr.Weights[lo:hi][:len(tg)]
				for k, j := range tg {
					ring[j] += ws[k] * eff
				}
			case pr.Weights32 != nil:
				addWeighted(ring, tg, pr.Weights32[lo:hi], eff)
			default:
				w := pr.Weight * eff
				for _, j := range tg {
					ring[j] += w
				}
			}
			continue
		}
		r := delayRing{ring: ch.Ring, n: n, base: base, slots: int(slots)}
		switch {
		case pr.Delays8 != nil && pr.Weights32 != nil:
			addDelayed(r, tg, pr.Weights32[lo:hi], pr.Delays8[lo:hi], eff)
		case pr.Delays8 != nil && pr.Weights != nil:
			addDelayed(r, tg, pr.Weights[lo:hi], pr.Delays8[lo:hi], eff)
		case pr.Delays8 != nil:
			addDelayedShared(r, tg, pr.Weight*eff, pr.Delays8[lo:hi])
		case pr.Weights32 != nil:
			addDelayed(r, tg, pr.Weights32[lo:hi], pr.DelaySteps[lo:hi], eff)
		case pr.Weights != nil:
			addDelayed(r, tg, pr.Weights[lo:hi], pr.DelaySteps[lo:hi], eff)
		default:
			addDelayedShared(r, tg, pr.Weight*eff, pr.DelaySteps[lo:hi])
		}
	}
	return events
}

// deliverConductances sends every pre neuron's pre-side conductance g,
// times the synapse weight, to its targets for the next step (or after
// the synapse's delay). Silent neurons (g = 0) cost nothing.
func deliverConductances(pr *components.Projection, ch *components.Channel, n int, step int64) {
	slots := int64(ch.Slots)
	for i, g := range pr.PreSyn.G {
		if g == 0 {
			continue
		}
		lo, hi := pr.Offsets[i], pr.Offsets[i+1]
		for k := lo; k < hi; k++ {
			w := pr.WeightAt(k)
			d := pr.DelayAt(k)
			slot := (step + int64(max(d, 1))) % slots
			ch.Ring[int(slot)*n+int(pr.Targets[k])] += w * g
		}
	}
}
