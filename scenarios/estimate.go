package scenarios

import (
	"fmt"
	"math"

	"github.com/spikecs/spikecs/systems"
)

// Per-neuron memory of the estimate, in bytes. Calibrated against the
// peak resident memory of the runner (cmd/run TestMemoryEstimateIsClose):
// a LIF population of 2·10⁶ neurons peaks at about 110 bytes per neuron
// with its recorders.
const (
	// neuronBytes is a neuron's state, parameters and per-step buffers.
	neuronBytes = 112
	// channelBytes is a synaptic channel's state per post neuron (g, and
	// the delay ring's slot).
	channelBytes = 16
	// recordNeuronBytes is what the runner keeps per neuron for the spike
	// statistics of summary.json (count, last spike, ISI mean and M2).
	recordNeuronBytes = 32
	// recordFixedBytes bounds the runner's fixed buffers: the raster
	// sample (at most 10⁵ spikes), trace decimators and file buffers.
	recordFixedBytes = 8 << 20
)

// Estimate is the memory a scenario needs, estimated from the parsed
// scenario before anything is built (EstimateMemory).
type Estimate struct {
	Neurons  int64 // neurons of all populations
	Synapses int64 // expected number of synapses of all projections
	// NeuronBytes, SynapseBytes and RecordBytes are the parts of Bytes:
	// the neurons (with their channels), the synapses at their peak while
	// they are drawn, and the runner's recorders.
	NeuronBytes, SynapseBytes, RecordBytes int64
	Bytes                                  int64 // total
}

// EstimateMemory estimates the memory a run of sc needs, in bytes, from
// the population sizes and the projections' expected numbers of synapses
// (fixed_prob: N_pre·N_post·p; degree rules: the degree times the side it
// is per; fixed_total: n; fixed_total_number: n or the count from p;
// all_to_all: N_pre·N_post; one_to_one: N;
// pairs: the pairs), with the per-synapse cost of systems.SynapseBytes.
// It allocates nothing per neuron, so it is safe on scenarios far too
// large to build. It is within about ±40 % of the runner's measured peak
// memory (cmd/run TestMemoryEstimateIsClose).
func (sc *Scenario) EstimateMemory() Estimate {
	var e Estimate
	size := map[string]int64{}
	channels := map[string]int64{}
	for _, p := range sc.Populations {
		size[p.Spec.Name] = int64(p.Spec.Size)
		e.Neurons += int64(p.Spec.Size)
	}
	var synBytes, neuronBytesF float64
	for _, pr := range sc.Projections {
		n := expectedSynapses(pr.Spec, size)
		e.Synapses = addSat(e.Synapses, int64(math.Min(n, math.MaxInt64/2)))
		_, peak := systems.SynapseBytes(pr.Spec)
		synBytes += n * float64(peak)
		channels[pr.Spec.Post]++
	}
	for name, n := range size {
		neuronBytesF += float64(n) * float64(neuronBytes+channelBytes*channels[name])
	}
	e.NeuronBytes = clampBytes(neuronBytesF)
	e.SynapseBytes = clampBytes(synBytes)
	e.RecordBytes = clampBytes(float64(e.Neurons)*recordNeuronBytes + recordFixedBytes)
	e.Bytes = addSat(addSat(e.NeuronBytes, e.SynapseBytes), e.RecordBytes)
	return e
}

// expectedSynapses is the expected number of synapses of a projection.
func expectedSynapses(spec systems.ProjectionSpec, size map[string]int64) float64 {
	nPre, nPost := float64(size[spec.Pre]), float64(size[spec.Post])
	if spec.PreTo > 0 {
		nPre = float64(spec.PreTo - spec.PreFrom)
	}
	c := spec.Conn
	degree := func(other float64) float64 {
		if c.N > 0 {
			return float64(c.N)
		}
		return math.Floor(other * c.P)
	}
	switch c.Kind {
	case systems.FixedProb:
		return nPre * nPost * c.P
	case systems.FixedOutDegree:
		return nPre * degree(nPost)
	case systems.FixedInDegree:
		return nPost * degree(nPre)
	case systems.FixedTotal:
		return float64(c.N)
	case systems.FixedTotalNumber:
		if c.N > 0 {
			return float64(c.N)
		}
		ks := c.KScale
		if ks == 0 {
			ks = 1
		}
		return math.Round(systems.TotalFromProbability(c.P, int(nPre), int(nPost)) * ks)
	case systems.AllToAll:
		return nPre * nPost
	case systems.OneToOne:
		return nPre
	case systems.Pairs:
		return float64(len(c.PreIdx))
	}
	return 0
}

// String describes the estimate on one line, e.g. "300000000 neurons,
// 0 synapses: about 40.2 GiB = 43200000000 bytes (neurons 31.3 GiB,
// synapses 0 B, recorders 8.95 GiB)".
func (e Estimate) String() string {
	return fmt.Sprintf("%d neurons, %d synapses: about %s = %d bytes (neurons %s, synapses %s, recorders %s)",
		e.Neurons, e.Synapses, HumanBytes(e.Bytes), e.Bytes, HumanBytes(e.NeuronBytes), HumanBytes(e.SynapseBytes), HumanBytes(e.RecordBytes))
}

// HumanBytes formats a number of bytes with a binary unit (B, KiB, MiB,
// GiB, TiB, PiB, EiB) and three significant digits.
func HumanBytes(b int64) string {
	units := []string{"B", "KiB", "MiB", "GiB", "TiB", "PiB", "EiB"}
	x, i := float64(b), 0
	for x >= 1024 && i < len(units)-1 {
		x /= 1024
		i++
	}
	if i == 0 {
		return fmt.Sprintf("%d B", b)
	}
	return fmt.Sprintf("%.3g %s", x, units[i])
}

// clampBytes converts to int64, saturating.
func clampBytes(x float64) int64 {
	if x >= math.MaxInt64 || math.IsNaN(x) {
		return math.MaxInt64
	}
	return int64(x)
}

// addSat adds without overflowing.
func addSat(a, b int64) int64 {
	if a > math.MaxInt64-b {
		return math.MaxInt64
	}
	return a + b
}
