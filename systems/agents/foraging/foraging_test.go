package foraging_test

import (
	"encoding/json"
	"fmt"
	"image/png"
	"os"
	"path/filepath"
	"testing"

	"github.com/stretchr/testify/require"

	"github.com/spikecs/spikecs/systems/agents/foraging"
)

func TestSpikingAgentsCollectMoreThanOneAndAHalfTimesTheRandomWalkersFood(t *testing.T) {
	for _, seed := range []uint64{1, 2, 3} {
		t.Run(fmt.Sprintf("seed=%d", seed), func(t *testing.T) {
			r, err := foraging.RunForaging(foraging.ForagingOptions{Seed: seed})
			require.NoError(t, err)
			require.Greater(t, r.RandomFoodPerAgent, 0.0, "random walkers find some food")
			require.Greater(t, r.BrainFoodPerAgent, 1.5*r.RandomFoodPerAgent,
				"seed %d: brain agents must collect > 1.5× the random walkers' food (got %.1f vs %.1f, ratio %.2f)",
				seed, r.BrainFoodPerAgent, r.RandomFoodPerAgent, r.Ratio)
			require.InDelta(t, r.BrainFoodPerAgent/r.RandomFoodPerAgent, r.Ratio, 1e-12)
			require.Greater(t, r.MeanRateHz, 1.0, "the brains spike")
		})
	}
}

func TestCutSynapsesRemoveTheBrainsAdvantage(t *testing.T) {
	// The control: the same agents whose motors never fire drive straight
	// and collect about as much as random walkers; the advantage comes
	// from the spiking steering, not from the set-up.
	r, err := foraging.RunForaging(foraging.ForagingOptions{Seed: 1, CutSynapses: true})
	require.NoError(t, err)
	require.Zero(t, r.SynapsesPerBrain)
	require.Less(t, r.Ratio, 1.3, "without synapses the brain agents must lose their advantage (ratio %.2f)", r.Ratio)
}

func TestRunForagingIsDeterministicPerSeed(t *testing.T) {
	opts := foraging.ForagingOptions{Seed: 7, Agents: 20, Ticks: 200}
	a, err := foraging.RunForaging(opts)
	require.NoError(t, err)
	b, err := foraging.RunForaging(opts)
	require.NoError(t, err)
	require.Equal(t, a, b, "the same options must give the same result, trajectories included")
	opts.Seed = 8
	c, err := foraging.RunForaging(opts)
	require.NoError(t, err)
	require.NotEqual(t, a.Paths, c.Paths, "another seed gives another run")
}

func TestForagingOptionsAreValidated(t *testing.T) {
	cases := []struct {
		name string
		opts foraging.ForagingOptions
		want string
	}{
		{"one agent", foraging.ForagingOptions{Agents: 1}, "agents must be >= 2"},
		{"tiny world", foraging.ForagingOptions{Size: 4}, "size >= 8 cells"},
		{"negative speed", foraging.ForagingOptions{Speed: -1}, "speed must be positive and finite"},
		{"regrowth above 1", foraging.ForagingOptions{Regrowth: 2}, "regrowth is a fraction per tick, at most 1"},
		{"speed of half the world", foraging.ForagingOptions{Size: 10, Speed: 5}, "below half the world size"},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			_, err := foraging.RunForaging(c.opts)
			require.ErrorContains(t, err, c.want)
		})
	}
}

func TestResultJSONHasTheSummaryKeysAndNoTrajectories(t *testing.T) {
	r, err := foraging.RunForaging(foraging.ForagingOptions{Seed: 1, Agents: 10, Ticks: 50})
	require.NoError(t, err)
	raw, err := json.Marshal(r)
	require.NoError(t, err)
	var m map[string]any
	require.NoError(t, json.Unmarshal(raw, &m))
	for _, key := range []string{"brain_food_per_agent", "random_food_per_agent", "ratio", "seed", "ticks", "brain_agents", "random_agents", "neurons_per_brain", "mean_rate_hz"} {
		require.Contains(t, m, key)
	}
	require.NotContains(t, string(raw), "Paths", "trajectories stay out of summary.json")
	require.Less(t, len(raw), 1000)
}

func TestWriteForagingPNGWritesAFigure(t *testing.T) {
	r, err := foraging.RunForaging(foraging.ForagingOptions{Seed: 1, Agents: 10, Ticks: 100})
	require.NoError(t, err)
	path := filepath.Join(t.TempDir(), "foraging.png")
	require.NoError(t, foraging.WriteForagingPNG(path, r))
	f, err := os.Open(path)
	require.NoError(t, err)
	defer f.Close()
	img, err := png.Decode(f)
	require.NoError(t, err)
	require.Greater(t, img.Bounds().Dx(), 1000)

	require.ErrorContains(t, foraging.WriteForagingPNG(path, foraging.ForagingResult{}), "no food field")
}
