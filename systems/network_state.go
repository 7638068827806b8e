package systems

import (
	"encoding/gob"
	"fmt"
	"io"

	"github.com/spikecs/spikecs/components"
)

// networkState is what Network.SaveState writes.
type networkState struct {
	Events      int64
	Projections []projectionState
}

// projectionState is the mutable state of one projection.
type projectionState struct {
	Name       string
	Synapses   int
	Plasticity *components.ShortTerm
	PreSyn     *components.PreSynapse
}

// SaveState writes the network's mutable state (short-term plasticity and
// pre-side synapse state, the event counter). The connectivity is not
// saved: it is rebuilt identically from the same description and seed;
// LoadState checks the synapse counts. Channel state and pending arrivals
// are the Sim's (ecs.Sim.SaveState).
func (n *Network) SaveState(w io.Writer) error {
	st := networkState{Events: n.events}
	for _, pr := range n.projections {
		st.Projections = append(st.Projections, projectionState{Name: pr.Name, Synapses: len(pr.Targets), Plasticity: pr.Plasticity, PreSyn: pr.PreSyn})
	}
	if err := gob.NewEncoder(w).Encode(&st); err != nil {
		return fmt.Errorf("saving network state: %w", err)
	}
	return nil
}

// LoadState restores a state written by SaveState into a network built the
// same way.
func (n *Network) LoadState(r io.Reader) error {
	var st networkState
	if err := gob.NewDecoder(r).Decode(&st); err != nil {
		return fmt.Errorf("loading network state: %w", err)
	}
	if len(st.Projections) != len(n.projections) {
		return fmt.Errorf("loading network state: %d projections saved, %d here", len(st.Projections), len(n.projections))
	}
	for i, ps := range st.Projections {
		pr := n.projections[i]
		if ps.Name != pr.Name || ps.Synapses != len(pr.Targets) || (ps.Plasticity != nil) != (pr.Plasticity != nil) || (ps.PreSyn != nil) != (pr.PreSyn != nil) {
			return fmt.Errorf("loading network state: projection %d is %q with %d synapses in the state, %q with %d here", i, ps.Name, ps.Synapses, pr.Name, len(pr.Targets))
		}
	}
	for i, ps := range st.Projections {
		pr := n.projections[i]
		if ps.Plasticity != nil {
			*pr.Plasticity = *ps.Plasticity
		}
		if ps.PreSyn != nil {
			*pr.PreSyn = *ps.PreSyn
		}
	}
	n.events = st.Events
	return nil
}
