package systems

import (
	"fmt"

	"github.com/spikecs/spikecs/components"
)

// FiredLists gives the spikes of the whole network by step and population.
type FiredLists interface {
	// Fired returns the global indices, ascending, of the neurons of
	// population pop that fired at step. The slice is valid until the
	// next exchange.
	Fired(step int64, pop int) []int32
}

// GlobalSpikes is what a partitioned Sim (ecs.Partition) needs to deliver
// the spikes of the whole network: after each step's exchange, the range
// of steps [from, to) whose spikes of every partition are known (empty
// while an exchange interval is still filling), and those spikes.
type GlobalSpikes interface {
	FiredLists
	// Ready returns the steps whose spikes became known at the last
	// exchange (from == to: none).
	Ready() (from, to int64)
}

// UseGlobalSpikes makes the network deliver the spikes g provides (the
// whole network's) instead of this Sim's own. The exchange that implements
// g must run before the delivery stage (e.g. in ecs.StageSynapses), and
// every delay must be at least as long as its interval (MinDelaySteps).
func (n *Network) UseGlobalSpikes(g GlobalSpikes) { n.global = g }

// MinDelaySteps returns the shortest effective delay, in steps, of all
// projections: max(1, D) over every synapse (1 without projections). A
// spike needs to be known elsewhere only that many steps after it was
// emitted, so partitions may exchange spikes once per MinDelaySteps steps.
// Pre-side synapses (AMPA, GABAa, BioNMDA) send every step and count as 1.
func (n *Network) MinDelaySteps() int {
	m := 1 << 30
	for _, d := range n.minDelays {
		m = min(m, d)
	}
	if m == 1<<30 {
		return 1
	}
	return m
}

// CheckInterval returns an error when a synapse this Sim holds has an
// effective delay, max(1, D) steps, shorter than interval: its spikes would
// be delivered after the step that needs them.
func (n *Network) CheckInterval(interval int) error {
	for _, pr := range n.projections {
		if len(pr.Targets) == 0 {
			continue
		}
		d := projectionMinDelay(pr, int64(len(pr.Targets)))
		if d < interval {
			return fmt.Errorf("projection %q: a delay of %d steps is shorter than the spike exchange interval of %d steps", pr.Name, d, interval)
		}
	}
	return nil
}

// projectionMinDelay is max(1, D) minimised over the synapses of pr (all
// of them: with a shared delay it needs only total, the number of
// synapses of the whole projection, so every partition agrees); 1<<30
// for a projection without synapses, 1 for pre-side synapses.
func projectionMinDelay(pr *components.Projection, total int64) int {
	if pr.PreSyn != nil {
		return 1
	}
	if !pr.PerSynapseDelays() {
		if total == 0 {
			return 1 << 30
		}
		return max(1, pr.Delay)
	}
	d := 1 << 30
	for _, x := range pr.DelaySteps {
		d = min(d, max(1, int(x)))
	}
	for _, x := range pr.Delays8 {
		d = min(d, max(1, int(x)))
	}
	return d
}

// localColumns reports whether a partition may keep only the synapses
// onto its own post neurons while drawing (buildCols): with a shared
// weight and a shared (or no) delay nothing is drawn per synapse in the
// order of the whole projection, so the full CSR is never needed. Pairs
// are always built whole (their per-pair values follow the list).
func localColumns(spec ProjectionSpec) bool {
	return spec.Conn.Kind != Pairs && spec.Weight.IsShared() &&
		(!spec.DelayMs.IsSet() || spec.DelayMs.IsShared())
}

// localize keeps the synapses of pr whose targets are post neurons lo..hi-1
// and renumbers the targets from 0 (the part of a projection one partition
// holds); rows stay indexed by the global pre neuron.
func localize(pr *components.Projection, lo, hi int) {
	rows := len(pr.Offsets) - 1
	keep := 0
	for _, j := range pr.Targets {
		if int(j) >= lo && int(j) < hi {
			keep++
		}
	}
	offs := make([]int64, rows+1)
	tg := make([]int32, 0, keep)
	var ws []float64
	var ws32 []float32
	var ds []uint16
	var ds8 []uint8
	if pr.Weights != nil {
		ws = make([]float64, 0, keep)
	}
	if pr.Weights32 != nil {
		ws32 = make([]float32, 0, keep)
	}
	if pr.DelaySteps != nil {
		ds = make([]uint16, 0, keep)
	}
	if pr.Delays8 != nil {
		ds8 = make([]uint8, 0, keep)
	}
	for i := 0; i < rows; i++ {
		for k := pr.Offsets[i]; k < pr.Offsets[i+1]; k++ {
			j := int(pr.Targets[k])
			if j < lo || j >= hi {
				continue
			}
			tg = append(tg, int32(j-lo))
			if ws != nil {
				ws = append(ws, pr.Weights[k])
			}
			if ws32 != nil {
				ws32 = append(ws32, pr.Weights32[k])
			}
			if ds != nil {
				ds = append(ds, pr.DelaySteps[k])
			}
			if ds8 != nil {
				ds8 = append(ds8, pr.Delays8[k])
			}
		}
		offs[i+1] = int64(len(tg))
	}
	pr.Offsets, pr.Targets, pr.Weights, pr.DelaySteps = offs, tg, ws, ds
	pr.Weights32, pr.Delays8 = ws32, ds8
}
