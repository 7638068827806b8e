package agents_test

import (
	"bytes"
	"encoding/gob"
	"testing"

	aecs "github.com/mlange-42/arche/ecs"
	"github.com/stretchr/testify/require"

	"github.com/spikecs/spikecs/systems/agents"
)

// stateRig is a vehicle rig with a Poisson sensor on top of the eyes and
// wheels (so the populations' random streams matter), n cars, and car 2's
// brain removed (so the free list is not empty). pre other entities are
// created first (they shift the cars' entity IDs).
func stateRig(t *testing.T, n, pre int) (*rig, []aecs.Entity) {
	t.Helper()
	r := newRig(t, false, nil)
	for range pre {
		r.world.NewEntity(r.bodyID)
	}
	require.NoError(t, r.host.AddSensor(agents.SensorSpec{Name: "noise", Brain: "vehicle", Neurons: []int{2}, Kind: agents.PoissonSensor, WeightMV: 0.2,
		Sensor: agents.SenseFunc(func(_ *aecs.World, _ aecs.Entity, out []float64) { out[0] = 150 })}))
	cars := r.addCars(t, n)
	require.NoError(t, r.brains.Remove(cars[2]))
	return r, cars
}

// trace runs ticks ticks and returns every car's body and brain voltages
// after each.
func trace(t *testing.T, r *rig, cars []aecs.Entity, ticks int) (bodies []Vehicle, volts [][]float64) {
	t.Helper()
	for range ticks {
		require.NoError(t, r.host.Update())
		for _, c := range cars {
			bodies = append(bodies, *r.body(c))
			if r.brains.Has(c) {
				volts = append(volts, r.voltages(t, c))
			}
		}
	}
	return bodies, volts
}

func TestHostStateContinuesExactly(t *testing.T) {
	// Save after 7 ticks, run 13 more; a rebuilt Host that loads the state
	// (and the caller's own bodies) runs the same 13 ticks bit for bit,
	// including a brain added after the load (it takes the same free slot).
	a, carsA := stateRig(t, 6, 0)
	_, _ = trace(t, a, carsA, 7)
	var saved bytes.Buffer
	require.NoError(t, a.host.SaveState(&saved))
	savedBodies := make([]Vehicle, len(carsA))
	for i, c := range carsA {
		savedBodies[i] = *a.body(c)
	}
	require.NoError(t, a.brains.Add(carsA[2]))
	wantBodies, wantVolts := trace(t, a, carsA, 13)

	b, carsB := stateRig(t, 6, 0)
	require.NoError(t, b.host.LoadState(bytes.NewReader(saved.Bytes())))
	for i, c := range carsB {
		*b.body(c) = savedBodies[i]
	}
	require.Equal(t, int64(7), b.host.Ticks())
	require.NoError(t, b.brains.Add(carsB[2]))
	gotBodies, gotVolts := trace(t, b, carsB, 13)
	require.Equal(t, wantBodies, gotBodies)
	require.Equal(t, wantVolts, gotVolts)

	// The check has teeth: without the load the rebuilt Host differs.
	c, carsC := stateRig(t, 6, 0)
	for i, car := range carsC {
		*c.body(car) = savedBodies[i]
	}
	require.NoError(t, c.brains.Add(carsC[2]))
	_, otherVolts := trace(t, c, carsC, 13)
	require.NotEqual(t, wantVolts, otherVolts)
}

func TestHostLoadStateRejectsStatesThatDoNotFit(t *testing.T) {
	a, _ := stateRig(t, 6, 0)
	var saved bytes.Buffer
	require.NoError(t, a.host.SaveState(&saved))
	var old bytes.Buffer
	require.NoError(t, gob.NewEncoder(&old).Encode(struct{ Version int }{Version: 99}))

	cases := []struct {
		name  string
		cars  int
		pre   int
		state []byte
		want  string
	}{
		{"garbage", 6, 0, []byte("not a state"), "unreadable"},
		{"another format version", 6, 0, old.Bytes(), "format version 99, this build reads 1"},
		{"more agents", 7, 0, saved.Bytes(), "11 free slots in the state, 10 here"},
		{"other entities hold the slots", 6, 1, saved.Bytes(), "slot 0: held by entity"},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			r, _ := stateRig(t, tc.cars, tc.pre)
			err := r.host.LoadState(bytes.NewReader(tc.state))
			require.ErrorIs(t, err, agents.ErrHostState)
			require.ErrorContains(t, err, tc.want)
		})
	}
}
