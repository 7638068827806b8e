package main

import "github.com/spikecs/spikecs/ecs"

// Limits of raster.png: at most rasterLimit spikes and about rasterRows
// rows (neurons); beyond that it shows every n-th neuron.
const (
	rasterLimit = 100_000
	rasterRows  = 300
)

// rasterPoint is one spike kept for the raster.
type rasterPoint struct {
	tMs    float64
	pop    int32
	neuron int32
}

// rasterSample keeps a deterministic subset of the recorded spikes for
// raster.png, in bounded memory (at most limit+1 points). It keeps the
// neurons whose index is a multiple of neuronStride, a power of two
// chosen so that at most maxRows rows are drawn: every drawn row keeps
// its whole spike train, and the rows stay apart. While more than limit
// spikes are kept it thins: by neurons again (doubling neuronStride), and
// once only one row per population would be left, by spikes (every
// spikeStride-th remaining spike).
type rasterSample struct {
	limit        int
	maxSize      int // size of the largest recorded population
	neuronStride int32
	spikeStride  int64
	passed       int64 // spikes that passed the neuron filter
	total        int64 // spikes offered
	pts          []rasterPoint
}

// newRasterSample returns an empty sample for recorded populations of the
// given sizes.
func newRasterSample(limit, maxRows int, sizes []int) *rasterSample {
	r := &rasterSample{limit: limit, neuronStride: 1, spikeStride: 1}
	for _, n := range sizes {
		r.maxSize = max(r.maxSize, n)
	}
	for r.rows(sizes) > maxRows && int(r.neuronStride)*2 < r.maxSize {
		r.neuronStride *= 2
	}
	return r
}

// rows returns the number of neurons drawn of populations of the given
// sizes.
func (r *rasterSample) rows(sizes []int) int {
	n := 0
	for _, s := range sizes {
		n += (s + int(r.neuronStride) - 1) / int(r.neuronStride)
	}
	return n
}

// add offers one spike.
func (r *rasterSample) add(t ecs.Tick, pop, neuron int) {
	r.total++
	if int32(neuron)%r.neuronStride != 0 {
		return
	}
	r.passed++
	if (r.passed-1)%r.spikeStride != 0 {
		return
	}
	r.pts = append(r.pts, rasterPoint{tMs: t.TMs, pop: int32(pop), neuron: int32(neuron)})
	if len(r.pts) > r.limit {
		r.thin()
	}
}

// thin halves (about) the kept points.
func (r *rasterSample) thin() {
	if int(r.neuronStride)*2 < r.maxSize {
		r.neuronStride *= 2
		kept := r.pts[:0]
		for _, p := range r.pts {
			if p.neuron%r.neuronStride == 0 {
				kept = append(kept, p)
			}
		}
		r.pts = kept
		return
	}
	r.spikeStride *= 2
	kept := r.pts[:0]
	for i, p := range r.pts {
		if i%2 == 0 {
			kept = append(kept, p)
		}
	}
	r.pts = kept
}
