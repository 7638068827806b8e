package systems

import (
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/spikecs/spikecs/components"
)

// TestSTPFirstSpike pins semantics §6.2: from rest, the first spike gives
// u = 0.277490000333, x = 0.722509999667 and efficacy 0.200489300048
// (U = 0.15, tau_f = 1500 ms, tau_d = 200 ms, dt = 0.1 ms).
func TestSTPFirstSpike(t *testing.T) {
	st, err := NewShortTerm(components.STP, 0.15, 1500, 200, 2)
	require.NoError(t, err)
	stepShortTerm(st, []int32{0}, 0, 0.1)
	assert.InDelta(t, 0.277490000333, st.UVar[0], 1e-12)
	assert.InDelta(t, 0.722509999667, st.X[0], 1e-12)
	assert.InDelta(t, 0.200489300048, st.Efficacy[0], 1e-12)
	assert.InDelta(t, 0.15*0.999933335555, st.UVar[1], 1e-12, "a silent neuron's u decays toward 0")
	assert.Equal(t, 1.0, st.X[1], "x stays at 1 without spikes")
}

// TestSTDDepresses: each spike removes U·x, recovery is toward 1.
func TestSTDDepresses(t *testing.T) {
	st, err := NewShortTerm(components.STD, 0.07, 0, 200, 1)
	require.NoError(t, err)
	stepShortTerm(st, []int32{0}, 0, 0.1)
	assert.InDelta(t, 0.93, st.Efficacy[0], 1e-15, "first spike: x = 1 − U")
	stepShortTerm(st, []int32{0}, 0, 0.1)
	x1 := 1 - (1-0.93)*0.999500124979169
	assert.InDelta(t, x1-0.07*0.93, st.Efficacy[0], 1e-12, "second spike uses the pre-step x")
	_, err = NewShortTerm(components.STP, 1.5, 1, 1, 1)
	assert.ErrorContains(t, err, "U must be in (0, 1]")
}
