package foraging_test

import (
	"testing"

	"github.com/stretchr/testify/require"

	"github.com/spikecs/spikecs/systems/agents/foraging"
)

// stateAt runs opts and returns the state offered at tick (a periodic
// checkpoint: the run goes on to its end) and the run's result.
func stateAt(t *testing.T, opts foraging.ForagingOptions, tick int) (*foraging.ForagingState, foraging.ForagingResult) {
	t.Helper()
	var saved *foraging.ForagingState
	opts.Checkpoint = func(state func() (*foraging.ForagingState, error), final bool) error {
		require.False(t, final)
		st, err := state()
		if err != nil {
			return err
		}
		if st.Tick == tick {
			saved = st
		}
		return nil
	}
	res, err := foraging.RunForaging(opts)
	require.NoError(t, err)
	require.NotNil(t, saved, "a state at tick %d", tick)
	return saved, res
}

func TestResumedForagingRunIsIdentical(t *testing.T) {
	// The built-in (seed 1, 1500 ticks) and a small world: a run continued
	// from a state taken mid-way, or from the state of a run stopped
	// mid-way, gives exactly the result of a run that never stopped:
	// food, spikes, trajectories and the final food field.
	for _, tc := range []struct {
		name string
		opts foraging.ForagingOptions
		at   int
	}{
		{"built-in", foraging.ForagingOptions{Seed: 1}, 700},
		{"small", foraging.ForagingOptions{Seed: 5, Agents: 20, Ticks: 300, Size: 40, Patches: 3}, 1},
	} {
		t.Run(tc.name, func(t *testing.T) {
			full, err := foraging.RunForaging(tc.opts)
			require.NoError(t, err)

			st, withCheckpoints := stateAt(t, tc.opts, tc.at)
			require.Equal(t, full, withCheckpoints, "offering checkpoints does not change the run")
			resumed := tc.opts
			resumed.Resume = st
			got, err := foraging.RunForaging(resumed)
			require.NoError(t, err)
			require.Equal(t, full, got, "continued from a periodic checkpoint at tick %d", tc.at)

			// Stopped (as by SIGTERM) before tick at: the final state.
			stopped := tc.opts
			asked := 0
			stopped.Stop = func() bool { asked++; return asked > tc.at }
			var final *foraging.ForagingState
			stopped.Checkpoint = func(state func() (*foraging.ForagingState, error), last bool) error {
				if last {
					final, err = state()
				}
				return err
			}
			part, err := foraging.RunForaging(stopped)
			require.NoError(t, err)
			require.True(t, part.Interrupted)
			require.Equal(t, tc.at, part.Ticks)
			require.NotNil(t, final)
			require.Equal(t, tc.at, final.Tick)
			resumed.Resume = final
			got, err = foraging.RunForaging(resumed)
			require.NoError(t, err)
			require.Equal(t, full, got, "continued after a stop at tick %d", tc.at)
		})
	}
}

func TestResumeRefusesAStateThatDoesNotFit(t *testing.T) {
	opts := foraging.ForagingOptions{Seed: 5, Agents: 20, Ticks: 100, Size: 40, Patches: 3}
	st, _ := stateAt(t, opts, 40)
	cases := []struct {
		name   string
		change func(o *foraging.ForagingOptions, s *foraging.ForagingState)
		want   string
	}{
		{"an older version", func(_ *foraging.ForagingOptions, s *foraging.ForagingState) { s.Version = 0 }, "format version 0, this build reads 1"},
		{"another seed", func(o *foraging.ForagingOptions, _ *foraging.ForagingState) { o.Seed = 6 }, "saved by a run with options"},
		{"a missing position", func(_ *foraging.ForagingOptions, s *foraging.ForagingState) { s.Paths[3] = s.Paths[3][1:] }, "agent 3 has 39 positions"},
		{"a missing agent", func(_ *foraging.ForagingOptions, s *foraging.ForagingState) { s.Bodies = s.Bodies[1:] }, "19 bodies"},
		{"corrupt brains", func(_ *foraging.ForagingOptions, s *foraging.ForagingState) { s.Host = s.Host[:len(s.Host)/2] }, "brains: "},
		{"corrupt random stream", func(_ *foraging.ForagingOptions, s *foraging.ForagingState) { s.RNG = []byte("x") }, "random stream"},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			o, s := opts, *st
			s.Paths = append([][]foraging.Point(nil), st.Paths...)
			tc.change(&o, &s)
			o.Resume = &s
			_, err := foraging.RunForaging(o)
			require.ErrorIs(t, err, foraging.ErrState)
			require.ErrorContains(t, err, tc.want)
		})
	}
}
