package scenarios_test

import (
	"fmt"
	"strings"
	"testing"

	"github.com/stretchr/testify/require"

	"github.com/spikecs/spikecs/ecs"
	"github.com/spikecs/spikecs/scenarios"
)

// scaledVA returns the built-in coba or cuba scenario with both populations
// scaled by s and the weights divided by s (p fixed), as in the scaling
// table of docs/performance.md.
func scaledVA(tb testing.TB, name string, s int) *scenarios.Scenario {
	src, ok := scenarios.BuiltinSource(name)
	require.True(tb, ok)
	y := string(src)
	y = strings.Replace(y, "size: 3200", fmt.Sprintf("size: %d", 3200*s), 1)
	y = strings.Replace(y, "size: 800", fmt.Sprintf("size: %d", 800*s), 1)
	for _, w := range []string{"6 nS", "67 nS", "1.62 nS", "-9 nS"} {
		var x float64
		_, err := fmt.Sscanf(w, "%g", &x)
		require.NoError(tb, err)
		y = strings.ReplaceAll(y, "weight: "+w, fmt.Sprintf("weight: %g nS", x/float64(s)))
	}
	sc, err := scenarios.Parse([]byte(y), "builtin:"+name)
	require.NoError(tb, err)
	return sc
}

// BenchmarkVogelsAbbott runs the COBA and CUBA benchmarks at 4k and 40k
// neurons and reports seconds of wall time per biological second
// (s/bio-s; Brian2's C++ standalone here: COBA 0.32, CUBA 0.066 at 4k) and
// the mean rate. Setup (connectivity) is excluded; warm-up 100 ms. The
// options are the runner's: no surrogate derivative, so FusedLIFRef runs.
func BenchmarkVogelsAbbott(b *testing.B) {
	for _, name := range []string{"coba", "cuba"} {
		for _, s := range []int{1, 10} {
			b.Run(fmt.Sprintf("%s/%dk", name, 4*s), func(b *testing.B) {
				sc := scaledVA(b, name, s)
				sim, err := sc.Build(ecs.Options{NoSurrogateGrad: true}) // as the runner
				require.NoError(b, err)
				require.NoError(b, sim.Run(1000))
				const steps = 1000 // 100 ms
				b.ResetTimer()
				for i := 0; i < b.N; i++ {
					require.NoError(b, sim.Run(steps))
				}
				b.ReportMetric(b.Elapsed().Seconds()/float64(b.N)/(steps*sc.DtMs*1e-3), "s/bio-s")
				b.ReportMetric(float64(sc.Network().Synapses()), "synapses")
			})
		}
	}
}
