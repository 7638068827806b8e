package systems

import (
	"math"
	"math/rand/v2"
	"slices"
	"testing"

	"github.com/stretchr/testify/require"

	"github.com/spikecs/spikecs/components"
	"github.com/spikecs/spikecs/ecs"
)

// TestDeliverByDelayEqualsTheDirectLoop builds projections with
// per-synapse delays (one- and two-byte, float32, float64 and shared
// weights, delays from 0 to the ring's full length, short-term
// plasticity), then delivers the same random spikes for 200 steps twice:
// with the direct loop into one ring and slot by slot (deliverByDelay)
// into another. The rings must be equal bit for bit at every step.
func TestDeliverByDelayEqualsTheDirectLoop(t *testing.T) {
	for _, c := range []struct {
		name    string
		delay   ecs.Value
		weight  ecs.Value
		storage WeightStorage
		stp     bool
	}{
		{"uint8 delays, float32 weights", ecs.Uniform(0, 3), ecs.Normal(1e-9, 3e-10), WeightsFloat32, false},
		{"uint8 delays, float64 weights, STP", ecs.Uniform(0.05, 2.5), ecs.Normal(1e-9, 3e-10), WeightsFloat64, true},
		{"uint8 delays, shared weight", ecs.Uniform(0, 2), ecs.Scalar(2e-9), WeightsFloat64, false},
		{"uint16 delays", ecs.Uniform(0, 27), ecs.Normal(1e-9, 3e-10), WeightsFloat64, false},
	} {
		t.Run(c.name, func(t *testing.T) {
			sim, err := ecs.New(ecs.Options{Seed: 3, DtMs: 0.1})
			require.NoError(t, err)
			_, err = sim.AddPopulation(ecs.LIF("a", 300))
			require.NoError(t, err)
			net, err := NewNetwork(sim)
			require.NoError(t, err)
			spec := ProjectionSpec{Pre: "a", Post: "a", Conn: Connectivity{Kind: FixedTotalNumber, N: 300 * 120},
				Weight: c.weight, DelayMs: c.delay, WeightStorage: c.storage,
				Channel: components.ChannelParams{Kind: components.SynExpon, TauMs: 2, Out: components.OutCUBA, ScaleMV: 1000}}
			if c.stp {
				spec.ShortTerm = &ShortTermSpec{Kind: components.STP, U: 0.2, TauFMs: 50, TauDMs: 100}
			}
			_, err = net.Connect(spec)
			require.NoError(t, err)
			pr := net.Projections()[0]
			require.True(t, pr.ByDelay, "rows ordered by delay")
			ch := &sim.Channels(0).List[0]
			direct := components.Channel{Params: ch.Params, Slots: ch.Slots, Ring: make([]float64, len(ch.Ring))}
			slotted := components.Channel{Params: ch.Params, Slots: ch.Slots, Ring: make([]float64, len(ch.Ring))}
			r := rand.New(rand.NewPCG(5, 6))
			var sc byDelayScratch
			for step := int64(0); step < 200; step++ {
				var fired []int32
				for i := range 300 {
					if r.Float64() < 0.05 {
						fired = append(fired, int32(i))
					}
				}
				if pr.Plasticity != nil {
					for i := range pr.Plasticity.Efficacy {
						pr.Plasticity.Efficacy[i] = 0.5 + r.Float64()
					}
				}
				base := int(step % int64(ch.Slots))
				e1 := deliver(pr, fired, &direct, 300, step, nil)
				e2 := deliverByDelay(pr, fired, slotted.Ring, 300, base, slotted.Slots, &sc)
				require.Equal(t, e1, e2, "step %d: events", step)
				for k := range direct.Ring {
					require.Equal(t, math.Float64bits(direct.Ring[k]), math.Float64bits(slotted.Ring[k]), "step %d, ring cell %d", step, k)
				}
				// consume this step's slot in both, as the channel update does
				clear(direct.Ring[base*300 : base*300+300])
				clear(slotted.Ring[base*300 : base*300+300])
			}
			require.True(t, slices.ContainsFunc(direct.Ring, func(x float64) bool { return x != 0 }), "spikes were delivered")
		})
	}
}
