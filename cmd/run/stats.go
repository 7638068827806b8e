package main

import (
	"math"

	"github.com/spikecs/spikecs/ecs"
)

// spikeStats accumulates what summary.json and the figures need from the
// spikes of every population (recorded or not): spikes per neuron, the
// running mean and variance of each neuron's inter-spike intervals
// (Welford's update), and spikes per rate bin. Memory is 32 bytes per
// neuron plus 8 per bin and population, whatever the number of spikes;
// the cost per spike is a few arithmetic operations.
type spikeStats struct {
	dtMs     float64
	binSteps int64 // steps per rate bin
	pops     []popStats
}

// popStats are one population's accumulators.
type popStats struct {
	count   []int64   // spikes per neuron
	last    []float64 // time of the neuron's last spike, ms
	isiMean []float64 // mean inter-spike interval so far, ms
	isiM2   []float64 // sum of squared deviations of the intervals, ms²
	bins    []int64   // spikes per rate bin
}

// newSpikeStats sizes the accumulators for populations of the given sizes
// and a run of steps steps of dtMs.
func newSpikeStats(sizes []int, steps int, dtMs float64) *spikeStats {
	s := &spikeStats{dtMs: dtMs, binSteps: rateBinSteps(steps, dtMs)}
	nBins := (int64(steps) + s.binSteps - 1) / s.binSteps
	for _, n := range sizes {
		s.pops = append(s.pops, popStats{
			count: make([]int64, n), last: make([]float64, n),
			isiMean: make([]float64, n), isiM2: make([]float64, n),
			bins: make([]int64, nBins),
		})
	}
	return s
}

// rateBinSteps picks the rate bin: the smallest width of 1, 2 or 5 times a
// power of ten ms that is at least dt, at least 1 ms (or a tenth of the
// run, if shorter) and gives at most 100 bins over the run, rounded to a
// whole number of steps.
func rateBinSteps(steps int, dtMs float64) int64 {
	total := float64(steps) * dtMs
	least := max(dtMs, min(1, total/10)) * (1 - 1e-9)
	for e := -3; e <= 12; e++ {
		for _, m := range []float64{1, 2, 5} {
			w := m * math.Pow(10, float64(e))
			if w >= least && total/w <= 100 {
				return max(1, int64(math.Round(w/dtMs)))
			}
		}
	}
	return max(1, int64(steps))
}

// bin counts a spike of population pop in its rate bin only (a spike
// before record.start).
func (s *spikeStats) bin(t ecs.Tick, pop int) {
	p := &s.pops[pop]
	if b := t.Step / s.binSteps; b < int64(len(p.bins)) {
		p.bins[b]++
	}
}

// spikes returns the spikes of population pop that add recorded.
func (s *spikeStats) spikes(pop int) int64 {
	var n int64
	for _, c := range s.pops[pop].count {
		n += c
	}
	return n
}

// add records one spike.
func (s *spikeStats) add(t ecs.Tick, pop, neuron int) {
	p := &s.pops[pop]
	if p.count[neuron] > 0 {
		isi := t.TMs - p.last[neuron]
		k := float64(p.count[neuron]) // intervals so far, this one included
		d := isi - p.isiMean[neuron]
		p.isiMean[neuron] += d / k
		p.isiM2[neuron] += d * (isi - p.isiMean[neuron])
	}
	p.count[neuron]++
	p.last[neuron] = t.TMs
	if b := t.Step / s.binSteps; b < int64(len(p.bins)) {
		p.bins[b]++
	}
}

// cvISI returns the coefficient of variation of the inter-spike intervals
// of population pop: for each neuron with at least 3 spikes (2 intervals),
// sd/mean of its intervals (sd with divisor n, as numpy.std), then the
// mean over those neurons. ok is false when no neuron has 3 spikes.
func (s *spikeStats) cvISI(pop int) (cv float64, ok bool) {
	p := &s.pops[pop]
	var sum float64
	var n int
	for i, c := range p.count {
		if c < 3 || p.isiMean[i] <= 0 {
			continue
		}
		intervals := float64(c - 1)
		sum += math.Sqrt(p.isiM2[i]/intervals) / p.isiMean[i]
		n++
	}
	if n == 0 {
		return 0, false
	}
	return sum / float64(n), true
}

// rateHz returns population pop's rate in each bin of the first steps
// steps (Hz: spikes / neurons / bin width in s), with the bins' start
// times in ms. The last bin may be shorter than the others.
func (s *spikeStats) rateHz(pop int, steps int) (startMs, hz []float64) {
	p := &s.pops[pop]
	n := float64(len(p.count))
	for b := range p.bins {
		lo := int64(b) * s.binSteps
		if lo >= int64(steps) {
			break
		}
		hi := min(lo+s.binSteps, int64(steps))
		width := float64(hi-lo) * s.dtMs * 1e-3
		startMs = append(startMs, float64(lo)*s.dtMs)
		hz = append(hz, float64(p.bins[b])/n/width)
	}
	return startMs, hz
}
