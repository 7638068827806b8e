package systems

import (
	"unsafe"

	"github.com/spikecs/spikecs/components"
)

// synapseBuildBytes is the extra memory per synapse while Connect draws a
// projection: the rows are drawn into growing per-row lists, then packed
// into one array (measured: about 7 bytes per synapse at 10⁸ synapses).
const synapseBuildBytes = 8

// SynapseBytes is the memory one synapse of a projection built from spec
// takes, in bytes: stored is what the projection keeps (the target index,
// and a weight and a delay when they differ per synapse or the weights
// learn), peak adds what Connect needs while it draws the synapses (the
// per-row lists, and the float64 delays before they become steps). It
// follows the element types of components.Projection, so a change of the
// synapse storage changes it too; scenarios' memory estimate takes its
// per-synapse cost from here only.
func SynapseBytes(spec ProjectionSpec) (stored, peak int64) {
	var p components.Projection
	stored = int64(unsafe.Sizeof(p.Targets[0]))
	if (spec.Weight.IsSet() && !spec.Weight.IsShared()) || spec.Learning != nil {
		if spec.WeightStorage == WeightsFloat32 && spec.Learning == nil { // learning keeps float64
			stored += int64(unsafe.Sizeof(p.Weights32[0]))
		} else {
			stored += int64(unsafe.Sizeof(p.Weights[0]))
		}
	}
	if spec.Conn.Kind == FixedTotalNumber {
		// Drawn straight into the stored arrays (counted, then drawn again
		// into place): no per-row lists, no float64 delays.
		if spec.DelayMs.IsSet() && !spec.DelayMs.IsShared() {
			stored += int64(unsafe.Sizeof(p.DelaySteps[0]))
		}
		return stored, stored
	}
	peak = stored + synapseBuildBytes
	if spec.DelayMs.IsSet() && !spec.DelayMs.IsShared() {
		// Before the build the largest delay is unknown: a two-byte delay
		// (one byte when every delay fits MaxDelay8 steps, see
		// BytesPerSynapse) is the bound.
		stored += int64(unsafe.Sizeof(p.DelaySteps[0]))
		peak += int64(unsafe.Sizeof(p.DelaySteps[0])) + 8 // drawn as float64 ms first
	}
	if spec.Conn.Kind == Pairs {
		peak += 16 // the pairs sorted by row, and their permutation
	}
	return stored, peak
}
