package eprop

import (
	"testing"

	"github.com/stretchr/testify/require"

	"github.com/spikecs/spikecs/components"
	"github.com/spikecs/spikecs/ecs"
)

// TestEvidenceRefractoryOption: EvidenceOptions.Refractory selects the
// refractory mode of both groups (nil is the scenario's default, the
// block); with the block the same weights and trial give other dynamics
// than with the hold, with blocked crossings, and the e-prop gradient
// still equals BPTT's.
func TestEvidenceRefractoryOption(t *testing.T) {
	hold, block := components.RefractoryHold, components.RefractoryBlock
	sym := SymmetricFeedback
	trial := EvidenceTrial(ecs.Stream(5, "refractory-option"))
	losses := map[string]float64{}
	for _, c := range []struct {
		name  string
		mode  *components.RefractoryMode
		block bool
	}{{"default", nil, true}, {"hold", &hold, false}, {"block", &block, true}} {
		tr, err := NewEvidenceTrainer(EvidenceOptions{Seed: 5, Refractory: c.mode, Feedback: &sym, Batch: 1 << 30})
		require.NoError(t, err)
		for j := range tr.L.N {
			require.Equal(t, c.block, tr.L.Block[j], "%s: neuron %d", c.name, j)
		}
		require.Equal(t, !c.block, tr.L.AnyHold, c.name)
		if c.block {
			require.Positive(t, blockedCrossings(t, tr, trial), "the block suppresses spikes")
			ref, err := tr.BPTT(trial)
			require.NoError(t, err)
			_, err = tr.RunTrial(trial, true, nil)
			require.NoError(t, err)
			gW, gOut := make([]float64, len(ref.GW)), make([]float64, len(ref.GOut))
			tr.Gradient(1, gW, gOut)
			require.LessOrEqual(t, relErr(t, gW, ref.GW), 1e-9, "e-prop vs BPTT, block")
			require.LessOrEqual(t, relErr(t, gOut, ref.GOut), 1e-9)
			losses[c.name] = ref.Loss
			continue
		}
		res, err := tr.RunTrial(trial, false, nil)
		require.NoError(t, err)
		losses[c.name] = res.Loss
	}
	require.Equal(t, losses["default"], losses["block"], "the default is the block")
	require.NotEqual(t, losses["hold"], losses["block"], "the block changes the dynamics")
}
