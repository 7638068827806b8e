package systems

// The delivery kernels: the loop over one fired neuron's synapses for each
// storage of weights (shared, float64, float32) and delays (shared, uint16,
// uint8). Instantiated per type, they have no per-synapse branch on the
// storage; a float32 weight is widened to float64 before it is scaled and
// added, so float64 weights give the bits they always gave.

// synWeight is a per-synapse weight storage.
type synWeight interface{ ~float32 | ~float64 }

// synDelay is a per-synapse delay storage (steps).
type synDelay interface{ ~uint8 | ~uint16 }

// delayRing is a channel's arrival ring seen from one step: slot s holds
// ring[s·n : (s+1)·n]; base is the slot of the delivering step.
type delayRing struct {
	ring        []float64
	n           int
	base, slots int
}

// addWeighted adds ws[k]·eff to ring[tg[k]] (one shared delay).
func addWeighted[W synWeight](ring []float64, tg []int32, ws []W, eff float64) {
	ws = ws[:len(tg)]
	for k, j := range tg {
		ring[j] += float64(ws[k]) * eff
	}
}

// addDelayed adds ws[k]·eff to target tg[k] in the slot max(ds[k], 1)
// steps ahead. Delays are at most the ring's slot count (ensureSlots), so
// one conditional subtraction replaces the modulo.
func addDelayed[W synWeight, D synDelay](r delayRing, tg []int32, ws []W, ds []D, eff float64) {
	ws, ds = ws[:len(tg)], ds[:len(tg)]
	for k, j := range tg {
		s := r.base + max(int(ds[k]), 1)
		if s >= r.slots {
			s -= r.slots
		}
		r.ring[s*r.n+int(j)] += float64(ws[k]) * eff
	}
}

// addDelayedShared adds the shared w (already scaled) to target tg[k] in
// the slot max(ds[k], 1) steps ahead.
func addDelayedShared[D synDelay](r delayRing, tg []int32, w float64, ds []D) {
	ds = ds[:len(tg)]
	for k, j := range tg {
		s := r.base + max(int(ds[k]), 1)
		if s >= r.slots {
			s -= r.slots
		}
		r.ring[s*r.n+int(j)] += w
	}
}
