//go:build !amd64 || purego

package systems

// exprelSlice replaces every z of zs by φ(z) = (e^z − 1)/z, with φ(0) = 1
// (exprelScalar; amd64 builds use AVX2 when the CPU has it).
func exprelSlice(zs []float64) { exprelScalar(zs) }
