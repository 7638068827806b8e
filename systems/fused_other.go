//go:build !amd64 || purego

package systems

import "github.com/spikecs/spikecs/ecs"

// cuba is the pipeline of a CUBA block lo..hi-1 (cubaGo; amd64 builds
// use AVX2 when the CPU has it).
func (f *FusedLIFRef) cuba(t ecs.Tick, p *ecs.PopView, lo, hi int) error {
	return f.cubaGo(t, p, lo, hi)
}

// coba is the pipeline of a COBA block lo..hi-1 (cobaGo; amd64 builds
// use AVX2 when the CPU has it).
func (f *FusedLIFRef) coba(t ecs.Tick, p *ecs.PopView, lo, hi int) error {
	return f.cobaGo(t, p, lo, hi)
}

// fusedKernels is empty without the AVX2 kernels.
type fusedKernels struct{}
