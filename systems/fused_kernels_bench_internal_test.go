//go:build amd64 && !purego

package systems

import (
	"testing"
	"time"
	"unsafe"

	"golang.org/x/sys/cpu"

	"github.com/spikecs/spikecs/components"
)

// pageColumn returns a column of n Ts that starts skew bytes after a
// 4096-byte boundary (arche's columns start on one).
func pageColumn[T any](n, skew int) []T {
	var z T
	buf := make([]byte, n*int(unsafe.Sizeof(z))+skew+4096)
	off := (4096 - int(uintptr(unsafe.Pointer(&buf[0]))%4096)) % 4096
	return unsafe.Slice((*T)(unsafe.Pointer(&buf[off+skew])), n)
}

// BenchmarkCUBAKernels times the CUBA kernels alone on 4096 quiet neurons
// (no input, no spike) whose columns start page-aligned, as arche's do,
// and with the columns shifted against each other; it reports ns per
// neuron of each and the ratio aligned/shifted (about 1: the kernels
// avoid 4K aliasing by loading a group before storing it).
func BenchmarkCUBAKernels(b *testing.B) {
	kernels := []struct {
		name string
		run  func(*fusedArgs)
		ok   bool
	}{{"avx2", cubaAVX2, cpu.X86.HasAVX2}, {"avx512", cubaAVX512, cpu.X86.HasAVX512F}}
	const n = 4096
	for _, k := range kernels {
		b.Run(k.name, func(b *testing.B) {
			if !k.ok {
				b.Skip("the CPU lacks " + k.name)
			}
			var args [2]fusedArgs
			for j := range args {
				setQuietColumns(&args[j], n, j*320)
			}
			var el [2]time.Duration
			for i := 0; i < b.N; i++ {
				for j := range args {
					t0 := time.Now()
					k.run(&args[j])
					el[j] += time.Since(t0)
				}
			}
			per := float64(b.N) * n
			b.ReportMetric(float64(el[0].Nanoseconds())/per, "aligned-ns/neuron")
			b.ReportMetric(float64(el[1].Nanoseconds())/per, "shifted-ns/neuron")
			b.ReportMetric(el[0].Seconds()/el[1].Seconds(), "aligned/shifted")
		})
	}
}

// setQuietColumns gives a n neurons of a CUBA population below threshold,
// in columns shifted by multiples of step bytes against a page boundary.
func setQuietColumns(a *fusedArgs, n, step int) {
	k := 0
	sk := func() int { k++; return (k * step % 4096) &^ 63 }
	m := pageColumn[components.Membrane](n, sk())
	last := pageColumn[components.Refractory](n, sk())
	for i := range m {
		m[i].V = -60 + float64(i%10)
		last[i].LastSpikeMs = -1e9
	}
	a.s0 = unsafe.Pointer(&pageColumn[float64](n, sk())[0])
	a.s1 = unsafe.Pointer(&pageColumn[float64](n, sk())[0])
	a.r0 = unsafe.Pointer(&pageColumn[float64](n, sk())[0])
	a.r1 = unsafe.Pointer(&pageColumn[float64](n, sk())[0])
	a.in = unsafe.Pointer(&pageColumn[components.Input](n, sk())[0])
	a.out = unsafe.Pointer(&pageColumn[components.Spike](n, sk())[0])
	a.v, a.last = unsafe.Pointer(&m[0]), unsafe.Pointer(&last[0])
	a.fired = unsafe.Pointer(&make([]int32, n)[0])
	a.n = n
	for l := range 4 {
		a.d0[l], a.d1[l], a.e0[l], a.e1[l] = 0.98, 0.99, 1, 1
		a.r[l], a.rest[l], a.decay[l] = 1, -49, 0.005
		a.th[l], a.inv[l], a.rs[l], a.resetC[l] = -50, 0.1, -60, 10
		a.ref[l], a.one[l] = 5, 1
	}
}
