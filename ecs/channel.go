package ecs

import (
	"fmt"

	aecs "github.com/mlange-42/arche/ecs"

	"github.com/spikecs/spikecs/components"
)

// Channel returns the channel of population pop with the given parameters,
// creating it if no channel with equal parameters exists (projections with
// identical synapse and output descriptions share one channel, as the
// reference's AlignPost merging does). Creating a channel adds its state
// components (SynG0 … SynG3, and SynH0 … SynH3 for kinetics with a second
// state) to every neuron of the population — a structural
// change, so it must not happen inside a query or a step. It returns the
// channel's index in the population's Channels.List.
func (s *Sim) Channel(pop int, params components.ChannelParams) (int, error) {
	if pop < 0 || pop >= len(s.pops) {
		return 0, fmt.Errorf("spikecs: no population with ID %d", pop)
	}
	p := s.pops[pop]
	if p.isSource {
		return 0, fmt.Errorf("population %q is a spike source; it cannot receive synapses", p.name)
	}
	if s.world.IsLocked() {
		return 0, fmt.Errorf("population %q: cannot add a channel while the world is locked", p.name)
	}
	chans := (*components.Channels)(s.world.Get(p.entity, s.ids.channels))
	for i, c := range chans.List {
		if c.Params == params {
			return i, nil
		}
	}
	slot := len(chans.List)
	if slot >= components.MaxChannels {
		return 0, fmt.Errorf("population %q: at most %d distinct synapse channels per population", p.name, components.MaxChannels)
	}
	ids := []aecs.ID{s.ids.cols[colSynG0+slot]}
	if params.Kind.HasH() {
		ids = append(ids, s.ids.cols[colSynH0+slot])
		p.synHSlots |= 1 << slot
	}
	s.world.Batch().Add(p.filter, ids...)
	p.synSlots |= 1 << slot
	// The batch moved the neurons; the component pointer above is stale.
	chans = (*components.Channels)(s.world.Get(p.entity, s.ids.channels))
	chans.List = append(chans.List, components.Channel{Params: params, Slot: slot, Slots: 1, Ring: make([]float64, p.size)})
	return slot, nil
}

// Channels returns the channel list of population pop (nil for a source).
// The pointer is valid until the next structural change.
func (s *Sim) Channels(pop int) *components.Channels {
	p := s.pops[pop]
	if p.isSource {
		return nil
	}
	return (*components.Channels)(s.world.Get(p.entity, s.ids.channels))
}
