package systems_test

import (
	"testing"

	"github.com/stretchr/testify/require"

	"github.com/spikecs/spikecs/ecs"
	"github.com/spikecs/spikecs/systems"
)

// BenchmarkKernel times each neuron system alone over 100k LIF neurons in
// blocks of the default size (ns/neuron), to see where a tick goes.
func BenchmarkKernel(b *testing.B) {
	kernels := []ecs.NeuronSystem{systems.Reset{}, &systems.Integrate{}, &systems.Spike{}, systems.Refractory{}}
	for _, k := range kernels {
		b.Run(k.Name(), func(b *testing.B) {
			sim := benchSim(b, "LIF", 2048)
			require.NoError(b, sim.Run(5))
			v, err := sim.Bind(0)
			require.NoError(b, err)
			t := ecs.Tick{DtMs: 0.1}
			b.ResetTimer()
			for i := 0; i < b.N; i++ {
				for lo := 0; lo < v.N; lo += ecs.DefaultBlockSize {
					_ = k.UpdateBlock(t, v, lo, min(lo+ecs.DefaultBlockSize, v.N))
				}
			}
			b.ReportMetric(float64(b.Elapsed().Nanoseconds())/float64(b.N)/float64(v.N), "ns/neuron")
			require.NoError(b, sim.Unbind(v))
		})
	}
}
