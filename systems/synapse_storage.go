package systems

import (
	"fmt"
	"math"

	"github.com/spikecs/spikecs/components"
	"github.com/spikecs/spikecs/ecs"
)

// WeightStorage is how a projection stores per-synapse weights.
type WeightStorage uint8

// The weight storages.
const (
	// WeightsFloat64 keeps every weight as drawn (8 bytes per synapse); the
	// default, so existing scenarios give the bits they always gave.
	WeightsFloat64 WeightStorage = iota
	// WeightsFloat32 rounds every weight to single precision (4 bytes per
	// synapse, relative error <= 2^-24 ≈ 6e-8 per weight); delivery adds it
	// to the float64 arrival buffer. Opt in with weight_storage: float32.
	WeightsFloat32
)

// DelayRounding is how a delay in ms becomes a whole number of steps.
type DelayRounding uint8

// The delay roundings.
const (
	// DelayCeil takes ceil(d/dt) steps (with a 1e-9 tolerance, as
	// ecs.StepOf): the default, brainstate's convention.
	DelayCeil DelayRounding = iota
	// DelayNearest takes the nearest step, round(d/dt) with halves up —
	// NEST's conversion of a delay (the PD14 microcircuit's).
	DelayNearest
)

// Bytes of one synapse in each storage, for memory estimates: a target is
// an int32 post index; a per-synapse weight is a float64 or float32, a
// per-synapse delay a uint16 or, when every delay of the projection is at
// most MaxDelay8 steps, a uint8. Row offsets (8 bytes per pre neuron and
// projection) come on top.
const (
	TargetBytes    = 4
	Weight64Bytes  = 8
	Weight32Bytes  = 4
	Delay16Bytes   = 2
	Delay8Bytes    = 1
	MaxDelay8      = math.MaxUint8
	CompactSynapse = TargetBytes + Weight32Bytes + Delay8Bytes // 9 B: the PD14 microcircuit's synapses
)

// BytesPerSynapse returns the bytes one synapse of a projection takes:
// TargetBytes, plus its weight when weights are per synapse (in storage
// ws), plus its delay when delays are per synapse (one byte when the
// largest delay is at most MaxDelay8 steps, else two).
func BytesPerSynapse(perSynapseWeight bool, ws WeightStorage, perSynapseDelay bool, maxDelaySteps int) int {
	b := TargetBytes
	switch {
	case perSynapseWeight && ws == WeightsFloat32:
		b += Weight32Bytes
	case perSynapseWeight:
		b += Weight64Bytes
	}
	if perSynapseDelay {
		if maxDelaySteps <= MaxDelay8 {
			b += Delay8Bytes
		} else {
			b += Delay16Bytes
		}
	}
	return b
}

// ProjectionBytes returns the bytes the synapses of pr take now (targets,
// per-synapse weights and delays; row offsets not included).
func ProjectionBytes(pr *components.Projection) int64 {
	n := int64(len(pr.Targets))
	return n*TargetBytes + int64(len(pr.Weights))*Weight64Bytes + int64(len(pr.Weights32))*Weight32Bytes +
		int64(len(pr.DelaySteps))*Delay16Bytes + int64(len(pr.Delays8))*Delay8Bytes
}

// delaySteps converts a delay in ms to steps with rounding rd; it rejects
// negative, NaN and too long delays (more than 65535 steps).
func delaySteps(ms, dt float64, rd DelayRounding) (int, error) {
	if ms < 0 || math.IsNaN(ms) {
		return 0, fmt.Errorf("delay %v ms must be >= 0", ms)
	}
	var s int64
	if rd == DelayNearest {
		x := math.Floor(ms*(1/dt) + 0.5)
		if x > math.MaxUint16 {
			return 0, fmt.Errorf("delay %v ms is more than %d steps", ms, math.MaxUint16)
		}
		s = int64(x)
	} else {
		s = ecs.StepOf(ms, dt)
	}
	if s > math.MaxUint16 {
		return 0, fmt.Errorf("delay %v ms is %d steps; at most %d", ms, s, math.MaxUint16)
	}
	return int(s), nil
}
