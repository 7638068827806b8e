package eprop

import (
	"testing"

	"github.com/stretchr/testify/require"

	"github.com/spikecs/spikecs/components"
	"github.com/spikecs/spikecs/ecs"
	"github.com/spikecs/spikecs/systems"
)

// TestLearnerInECSEqualsDense runs e-prop inside the ECS tick (Learner)
// and with the dense trainer on the same network and trial: the
// gradients agree to 1e-9 relative, and after one Adam update the
// weights the learner writes into the projections equal the dense
// trainer's — with the refractory hold and with the spike block.
func TestLearnerInECSEqualsDense(t *testing.T) {
	for _, mode := range []components.RefractoryMode{components.RefractoryHold, components.RefractoryBlock} {
		t.Run(mode.String(), func(t *testing.T) { learnerEqualsDense(t, mode) })
	}
}

// learnerEqualsDense is TestLearnerInECSEqualsDense with both groups'
// refractory periods in the given mode.
func learnerEqualsDense(t *testing.T, mode components.RefractoryMode) {
	lif := LIFGroup("lif", 4, 10, 1)
	lif.TauRefMs, lif.RefractoryMode = 2.5, mode
	alif := ALIFGroup("alif", 3, 15, 1, 60, 0.3)
	if mode == components.RefractoryBlock {
		alif.TauRefMs, alif.RefractoryMode = 3.5, mode
	}
	const in, k, steps = 6, 2, 120
	cfg := func(l *Layer) Config {
		return Config{Layer: l, Outputs: k, TauOutMs: 12, OneMinusKappa: true, Loss: MSE, Feedback: RandomFeedback,
			CReg: 50, FTargetHz: 10, Optimizer: Adam, LearningRate: 1e-2, BatchSize: 1 << 30}
	}
	l, err := NewLayer(1, in, lif, alif)
	require.NoError(t, err)
	dense, err := NewTrainer(cfg(l))
	require.NoError(t, err)
	randomNet(dense, 3, 2.5, 1.5, 1.0)
	trial := randomTrial(ecs.Stream(3, "learner"), steps, in, k, 0.25, MSE, 0)
	clear(trial.X[:in])
	_, err = dense.RunTrial(trial, true, nil)
	require.NoError(t, err)
	if mode == components.RefractoryBlock {
		require.Positive(t, blockedCrossings(t, dense, trial), "spikes must be blocked")
	}

	inECS, err := NewTrainer(cfg(l))
	require.NoError(t, err)
	require.NoError(t, inECS.SetWeights(dense.Weights()))
	sim, err := systems.NewSim(ecs.Options{DtMs: 1, Seed: 1})
	require.NoError(t, err)
	_, err = sim.AddPopulation(inputSource(trial, in, 1))
	require.NoError(t, err)
	net, err := systems.NewNetwork(sim)
	require.NoError(t, err)
	lr, err := NewLearner(sim, net, inECS, "in")
	require.NoError(t, err)
	lr.Target = func(step int64, y []float64) float64 {
		copy(y, trial.Target[int(step)*k:int(step+1)*k])
		return 1
	}
	require.NoError(t, sim.Run(steps))

	gd, gdo := make([]float64, len(dense.W)), make([]float64, len(dense.Out.W))
	ge, geo := make([]float64, len(dense.W)), make([]float64, len(dense.Out.W))
	dense.Gradient(1, gd, gdo)
	inECS.Gradient(1, ge, geo)
	require.LessOrEqual(t, relErr(t, ge, gd), 1e-9, "input+recurrent gradient in the ECS vs dense")
	require.LessOrEqual(t, relErr(t, geo, gdo), 1e-9, "readout gradient in the ECS vs dense")

	require.NoError(t, dense.apply(1))
	require.NoError(t, lr.Apply())
	checked := 0
	for _, pr := range net.Projections() {
		for kk := range pr.Targets {
			want, err := lr.Weight(pr, kk)
			require.NoError(t, err)
			require.Equal(t, want, pr.Weights[kk], "projection %s synapse %d: the learner writes its matrix", pr.Name, kk)
			checked++
		}
	}
	require.Greater(t, checked, 50)
	require.LessOrEqual(t, relErr(t, inECS.W, dense.W), 1e-12, "weights after one update")
}
