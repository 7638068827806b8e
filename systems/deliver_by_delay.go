package systems

import "github.com/spikecs/spikecs/components"

// byDelayRingValues is the ring size (values) from which a projection whose
// rows are ordered by delay (Projection.ByDelay) is delivered slot by slot:
// 2^19 values = 4 MiB, beyond the L2 cache. Below it the direct loop is
// as fast.
const byDelayRingValues = 1 << 19

// byDelayScratch is the per-step scratch of deliverByDelay.
type byDelayScratch struct {
	cur, end []int64
	eff      []float64
}

// deliverByDelay delivers the fired rows of a projection ordered by delay
// one arrival slot at a time: for each delay d it adds, for every fired
// row in fired order, the row's synapses of delay d to slot step + d. All
// writes of one pass fall into one slot (N values, which stays in the L2
// cache) instead of jumping across the whole ring (slots × N values) for
// every synapse. A ring cell (one delay, one target) receives the same
// values in the same order as with the direct loop — the rows' synapses
// of one delay keep their order, and the rows their fired order — so the
// sums are bit-identical.
func deliverByDelay(pr *components.Projection, fired []int32, ring []float64, n, base, slots int, sc *byDelayScratch) int64 {
	rows := len(pr.Offsets) - 1
	sc.cur, sc.end, sc.eff = sc.cur[:0], sc.end[:0], sc.eff[:0]
	var events int64
	for _, f := range fired {
		i := int(f) - pr.PreFrom
		if i < 0 || i >= rows {
			continue
		}
		lo, hi := pr.Offsets[i], pr.Offsets[i+1]
		if lo == hi {
			continue
		}
		events += hi - lo
		eff := 1.0
		if pr.Plasticity != nil {
			eff = pr.Plasticity.Efficacy[i]
		}
		sc.cur, sc.end, sc.eff = append(sc.cur, lo), append(sc.end, hi), append(sc.eff, eff)
	}
	if len(sc.cur) == 0 {
		return 0
	}
	switch {
	case pr.Delays8 != nil && pr.Weights32 != nil:
		slotsByDelay(ring, n, base, slots, pr.Targets, pr.Weights32, pr.Delays8, sc)
	case pr.Delays8 != nil && pr.Weights != nil:
		slotsByDelay(ring, n, base, slots, pr.Targets, pr.Weights, pr.Delays8, sc)
	case pr.Delays8 != nil:
		slotsByDelayShared(ring, n, base, slots, pr.Targets, pr.Weight, pr.Delays8, sc)
	case pr.Weights32 != nil:
		slotsByDelay(ring, n, base, slots, pr.Targets, pr.Weights32, pr.DelaySteps, sc)
	case pr.Weights != nil:
		slotsByDelay(ring, n, base, slots, pr.Targets, pr.Weights, pr.DelaySteps, sc)
	default:
		slotsByDelayShared(ring, n, base, slots, pr.Targets, pr.Weight, pr.DelaySteps, sc)
	}
	return events
}

// slotsByDelay is deliverByDelay's loop for per-synapse weights.
func slotsByDelay[W synWeight, D synDelay](ring []float64, n, base, slots int, tg []int32, ws []W, ds []D, sc *byDelayScratch) {
	left := len(sc.cur)
	for d := 1; d <= slots && left > 0; d++ { // delays run up to slots (ensureSlots)
		s := base + d
		if s >= slots {
			s -= slots
		}
		region := ring[s*n : s*n+n]
		for k, pos := range sc.cur {
			end, eff := sc.end[k], sc.eff[k]
			if pos == end {
				continue
			}
			for pos < end && max(int(ds[pos]), 1) == d {
				region[tg[pos]] += float64(ws[pos]) * eff
				pos++
			}
			if pos == end {
				left--
			}
			sc.cur[k] = pos
		}
	}
}

// slotsByDelayShared is deliverByDelay's loop for a shared weight w.
func slotsByDelayShared[D synDelay](ring []float64, n, base, slots int, tg []int32, w float64, ds []D, sc *byDelayScratch) {
	left := len(sc.cur)
	for d := 1; d <= slots && left > 0; d++ { // delays run up to slots (ensureSlots)
		s := base + d
		if s >= slots {
			s -= slots
		}
		region := ring[s*n : s*n+n]
		for k, pos := range sc.cur {
			end := sc.end[k]
			if pos == end {
				continue
			}
			x := w * sc.eff[k]
			for pos < end && max(int(ds[pos]), 1) == d {
				region[tg[pos]] += x
				pos++
			}
			if pos == end {
				left--
			}
			sc.cur[k] = pos
		}
	}
}
