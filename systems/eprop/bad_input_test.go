package eprop

import (
	"math"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/spikecs/spikecs/ecs"
	"github.com/spikecs/spikecs/systems"
)

// TestBadInputErrors: every user mistake is one clear error naming the
// population, the sizes or the iteration — never a panic.
func TestBadInputErrors(t *testing.T) {
	lif := LIFGroup("rec", 3, 10, 1)
	noSur := lif
	noSur.NoSurrogate = true
	badTau := lif
	badTau.TauMs = -1
	badAdapt := ALIFGroup("ad", 2, 10, 1, 0, 0.1)

	_, err := NewLayer(1, 2, badTau)
	require.ErrorContains(t, err, `population "rec": tau must be > 0 ms`)
	_, err = NewLayer(1, 2, badAdapt)
	require.ErrorContains(t, err, `population "ad": tau_a must be > 0 ms`)
	_, err = NewLayer(0, 2, lif)
	require.ErrorContains(t, err, "dt must be > 0")

	l, err := NewLayer(1, 2, noSur)
	require.NoError(t, err, "a layer without surrogate simulates")
	_, err = NewTrainer(Config{Layer: l, Outputs: 1, TauOutMs: 10})
	require.ErrorContains(t, err, `population "rec" has no surrogate gradient`)

	l, err = NewLayer(1, 2, lif)
	require.NoError(t, err)
	_, err = NewTrainer(Config{Layer: l, Outputs: 0, TauOutMs: 10})
	require.ErrorContains(t, err, "at least one output")
	_, err = NewTrainer(Config{Layer: l, Outputs: 1, TauOutMs: 0})
	require.ErrorContains(t, err, "tau_out must be > 0 ms")

	tr, err := NewTrainer(Config{Layer: l, Outputs: 2, TauOutMs: 10, LearningRate: 1e-3})
	require.NoError(t, err)
	trial := randomTrial(ecs.Stream(1, "bad"), 20, 2, 2, 0.3, MSE, 0)
	short := *trial
	short.Target = short.Target[:20]
	_, err = tr.RunTrial(&short, true, nil)
	require.ErrorContains(t, err, "the readout has 2 outputs")
	short = *trial
	short.X = short.X[:10]
	_, err = tr.RunTrial(&short, true, nil)
	require.ErrorContains(t, err, "trial input has 10 values")
	_, err = tr.BPTT(&short)
	require.Error(t, err)

	err = tr.SetWeights(Weights{N: 3, P: 5, K: 1})
	require.ErrorContains(t, err, "do not fit")

	nan := *trial
	nan.Target = append([]float64(nil), trial.Target...)
	nan.Target[7] = math.NaN()
	_, err = tr.RunTrial(&nan, true, nil)
	require.ErrorContains(t, err, "the loss is NaN")
	require.ErrorContains(t, err, "iteration 1:")

	_, err = NewRateReadout(0, 3, 10, 1, false)
	require.Error(t, err)
	_, err = NewSpikeReadout(1, 3, 10, 1, 0, false)
	require.ErrorContains(t, err, "V_th > 0")
}

// TestDivergenceStopsWithTheIteration: an absurd learning rate blows the
// weights up; training stops with an error that names the iteration (and
// the population and neuron when V itself becomes non-finite).
func TestDivergenceStopsWithTheIteration(t *testing.T) {
	l, err := NewLayer(1, 4, LIFGroup("rec", 5, 10, 1))
	require.NoError(t, err)
	tr, err := NewTrainer(Config{Layer: l, Outputs: 1, TauOutMs: 10, LearningRate: 1e300})
	require.NoError(t, err)
	randomNet(tr, 1, 2.5, 1.5, 1.0)
	trial := randomTrial(ecs.Stream(1, "div"), 50, 4, 1, 0.3, MSE, 0)
	for it := 1; it <= 20; it++ {
		if _, err = tr.RunTrial(trial, true, nil); err != nil {
			break
		}
	}
	require.Error(t, err, "an absurd learning rate must diverge")
	assert.Regexp(t, `^iteration \d+: `, err.Error())
	assert.Regexp(t, `population "rec": neuron \d+: non-finite|the loss is|non-finite gradient`, err.Error())
	t.Log(err)
}

// TestTraceMemoryIsConstantInSequenceLength: a learning trial allocates
// nothing per step — the same number of allocations for 100 and 2000
// steps — so e-prop's memory does not grow with the sequence.
func TestTraceMemoryIsConstantInSequenceLength(t *testing.T) {
	l, err := NewLayer(1, 4, LIFGroup("lif", 5, 10, 1), ALIFGroup("alif", 5, 10, 1, 100, 0.2))
	require.NoError(t, err)
	tr, err := NewTrainer(Config{Layer: l, Outputs: 2, TauOutMs: 10, Loss: CrossEntropy, CReg: 10, FTargetHz: 10, BatchSize: 1 << 30})
	require.NoError(t, err)
	randomNet(tr, 1, 2.5, 1.5, 1.0)
	allocs := func(steps int) float64 {
		trial := randomTrial(ecs.Stream(1, "mem"), steps, 4, 2, 0.3, CrossEntropy, 10)
		return testing.AllocsPerRun(5, func() {
			if _, err := tr.RunTrial(trial, true, nil); err != nil {
				t.Fatal(err)
			}
		})
	}
	a100, a2000 := allocs(100), allocs(2000)
	assert.Equal(t, a100, a2000, "allocations must not depend on the sequence length")
	assert.LessOrEqual(t, a2000, 2.0)
}

// TestLearnerRejectsExistingPopulations: the learner builds its own
// populations from the layer's groups, so an ALIF group can never be
// trained on an existing LIF population of the same name — the clash is
// an error naming the population — and an input population of the wrong
// size is rejected with both sizes.
func TestLearnerRejectsExistingPopulations(t *testing.T) {
	l, err := NewLayer(1, 3, ALIFGroup("rec", 4, 10, 1, 100, 0.2))
	require.NoError(t, err)
	tr, err := NewTrainer(Config{Layer: l, Outputs: 1, TauOutMs: 10})
	require.NoError(t, err)

	sim, err := systems.NewSim(ecs.Options{DtMs: 1})
	require.NoError(t, err)
	_, err = sim.AddPopulation(ecs.LIF("rec", 4))
	require.NoError(t, err)
	_, err = sim.AddPopulation(ecs.PopulationSpec{Name: "in", Size: 3, Source: &ecs.SourceSpec{RateHz: ecs.Scalar(10)}})
	require.NoError(t, err)
	net, err := systems.NewNetwork(sim)
	require.NoError(t, err)
	_, err = NewLearner(sim, net, tr, "in")
	require.ErrorContains(t, err, `"rec"`)

	sim2, err := systems.NewSim(ecs.Options{DtMs: 1})
	require.NoError(t, err)
	_, err = sim2.AddPopulation(ecs.PopulationSpec{Name: "in", Size: 5, Source: &ecs.SourceSpec{RateHz: ecs.Scalar(10)}})
	require.NoError(t, err)
	net2, err := systems.NewNetwork(sim2)
	require.NoError(t, err)
	_, err = NewLearner(sim2, net2, tr, "in")
	require.ErrorContains(t, err, `input population "in" has 5 neurons, the layer expects 3 inputs`)
}

// TestLearnerNeedsTheSurrogateDerivative: a Sim that skips the surrogate
// derivative would give ψ = 0 and silently learn nothing; the learner
// refuses it.
func TestLearnerNeedsTheSurrogateDerivative(t *testing.T) {
	l, err := NewLayer(1, 3, LIFGroup("rec", 4, 10, 1))
	require.NoError(t, err)
	tr, err := NewTrainer(Config{Layer: l, Outputs: 1, TauOutMs: 10})
	require.NoError(t, err)
	sim, err := systems.NewSim(ecs.Options{DtMs: 1, NoSurrogateGrad: true})
	require.NoError(t, err)
	_, err = sim.AddPopulation(ecs.PopulationSpec{Name: "in", Size: 3, Source: &ecs.SourceSpec{RateHz: ecs.Scalar(10)}})
	require.NoError(t, err)
	net, err := systems.NewNetwork(sim)
	require.NoError(t, err)
	_, err = NewLearner(sim, net, tr, "in")
	require.ErrorContains(t, err, "NoSurrogateGrad")
}
