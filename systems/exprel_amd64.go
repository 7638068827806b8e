//go:build amd64 && !purego

package systems

import "golang.org/x/sys/cpu"

// exprelAVX2 is exprelSlice's series in AVX2, four values at a time
// (exprel_amd64.s): it replaces zs[i] by the same bits exprelSeries
// gives, stops before the first group of four holding a |z| > 0.5 and
// returns how many values it replaced (a multiple of 4).
//
//go:noescape
func exprelAVX2(zs []float64) int

// exprelSlice replaces every z of zs by φ(z) = (e^z − 1)/z, with φ(0) = 1:
// exprelScalar's values, computed four at a time with AVX2 when the CPU
// has it (the same operations in the same order, so the same bits).
func exprelSlice(zs []float64) {
	i := 0
	if cpu.X86.HasAVX2 {
		for len(zs)-i >= 4 {
			i += exprelAVX2(zs[i:])
			if len(zs)-i >= 4 { // a group with |z| > 0.5
				exprelScalar(zs[i : i+4])
				i += 4
			}
		}
	}
	exprelScalar(zs[i:])
}
