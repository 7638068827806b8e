package foraging

import (
	"testing"

	"github.com/stretchr/testify/require"

	"github.com/spikecs/spikecs/ecs"
)

func TestTorusHelpersWrapCoordinates(t *testing.T) {
	cases := []struct {
		name      string
		got, want float64
	}{
		{"delta inside", torusDelta(3, 10), 3},
		{"delta across the edge", torusDelta(9, 10), -1},
		{"delta negative across the edge", torusDelta(-9, 10), 1},
		{"wrap negative", wrap(-0.5, 10), 9.5},
		{"wrap beyond", wrap(10.25, 10), 0.25},
		{"wrap tiny negative stays inside", wrap(-1e-18, 10), 0},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			require.InDelta(t, c.want, c.got, 1e-12)
		})
	}
}

func TestFieldEatsRegrowsAndSmells(t *testing.T) {
	f := newField(20, 1, 3, ecs.Stream(1, "test"))
	c := f.centers[0]
	i := f.cell(c[0], c[1])
	full := f.food[i]
	require.Greater(t, full, 0.9, "a patch centre is nearly full")
	require.Equal(t, 0.25, f.eat(c[0], c[1], 0.25))
	require.InDelta(t, full-0.25, f.food[i], 1e-12)
	f.regrow(0.5)
	require.InDelta(t, full-0.125, f.food[i], 1e-12, "half of the deficit regrows at rate 0.5")
	far := f.smell(c[0]+10, c[1]+10)
	require.Greater(t, f.smell(c[0], c[1]), far, "the smell is strongest at the patch")
	food, capacity := f.total()
	require.Less(t, food, capacity)
}
