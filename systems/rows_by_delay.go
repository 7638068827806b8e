package systems

import (
	"runtime"
	"sync"

	"github.com/spikecs/spikecs/components"
)

// groupRowsByDelay reorders each row of a projection with per-synapse
// delays by effective delay max(d, 1) (a stable counting sort: within a
// delay the drawn order, so ascending targets stay ascending) and sets
// pr.ByDelay. Delivery can then fill one arrival slot at a time
// (deliverByDelay), and a ring cell still receives the same values in the
// same order: the results are identical, bit for bit. Plastic projections
// keep their order (their synapse indices are observable in the weight
// outputs); the caller skips them. Rows are sorted on all cores.
func groupRowsByDelay(pr *components.Projection) {
	rows := len(pr.Offsets) - 1
	if rows <= 0 || !pr.PerSynapseDelays() {
		return
	}
	workers := max(1, min(runtime.GOMAXPROCS(0), rows/64))
	var wg sync.WaitGroup
	for w := range workers {
		wg.Add(1)
		go func() {
			defer wg.Done()
			var s rowSorter
			for i := w; i < rows; i += workers {
				s.sortRow(pr, pr.Offsets[i], pr.Offsets[i+1])
			}
		}()
	}
	wg.Wait()
	pr.ByDelay = true
}

// rowSorter holds one worker's scratch.
type rowSorter struct {
	perm  []int32
	count []int32
	tg    []int32
	w64   []float64
	w32   []float32
	d8    []uint8
	d16   []uint16
}

// effDelay is synapse k's effective delay max(d, 1) in steps.
func effDelay(pr *components.Projection, k int64) int {
	if pr.Delays8 != nil {
		return max(int(pr.Delays8[k]), 1)
	}
	return max(int(pr.DelaySteps[k]), 1)
}

// sortRow orders synapses lo..hi-1 by effective delay, stably.
func (s *rowSorter) sortRow(pr *components.Projection, lo, hi int64) {
	n := int(hi - lo)
	if n < 2 {
		return
	}
	maxD, sorted := 0, true
	prev := 0
	for k := lo; k < hi; k++ {
		d := effDelay(pr, k)
		if d < prev {
			sorted = false
		}
		prev = d
		maxD = max(maxD, d)
	}
	if sorted {
		return
	}
	if cap(s.count) < maxD+2 {
		s.count = make([]int32, maxD+2)
	}
	count := s.count[:maxD+2]
	clear(count)
	for k := lo; k < hi; k++ {
		count[effDelay(pr, k)+1]++
	}
	for d := 1; d < len(count); d++ {
		count[d] += count[d-1]
	}
	if cap(s.perm) < n {
		s.perm = make([]int32, n)
	}
	perm := s.perm[:n] // perm[new] = old
	for k := 0; k < n; k++ {
		d := effDelay(pr, lo+int64(k))
		perm[count[d]] = int32(k)
		count[d]++
	}
	s.tg = permute(pr.Targets[lo:hi], perm, s.tg)
	if pr.Weights != nil {
		s.w64 = permute(pr.Weights[lo:hi], perm, s.w64)
	}
	if pr.Weights32 != nil {
		s.w32 = permute(pr.Weights32[lo:hi], perm, s.w32)
	}
	if pr.Delays8 != nil {
		s.d8 = permute(pr.Delays8[lo:hi], perm, s.d8)
	}
	if pr.DelaySteps != nil {
		s.d16 = permute(pr.DelaySteps[lo:hi], perm, s.d16)
	}
}

// permute reorders xs in place to xs[new] = xs[perm[new]], using buf.
func permute[T any](xs []T, perm []int32, buf []T) []T {
	buf = append(buf[:0], xs...)
	for k, old := range perm {
		xs[k] = buf[old]
	}
	return buf
}
