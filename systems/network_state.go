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
	// Learning holds the learned weights and traces of a plastic projection.
	Learning *learningState
}

// learningState is the mutable state of a projection with STDP.
type learningState struct {
	Weights        []float64
	R1, R2, O1, O2 []float64
	Updates        int64
}

// SaveState writes the network's mutable state (short-term plasticity and
// pre-side synapse state, learned weights and STDP traces, the event
// counter). The connectivity is not saved: it is rebuilt identically from
// the same description and seed; LoadState checks the synapse counts. Channel state and pending arrivals
// are the Sim's (ecs.Sim.SaveState).
func (n *Network) SaveState(w io.Writer) error {
	st := networkState{Events: n.events}
	for _, pr := range n.projections {
		ps := projectionState{Name: pr.Name, Synapses: len(pr.Targets), Plasticity: pr.Plasticity, PreSyn: pr.PreSyn}
		if l := pr.STDP; l != nil {
			ps.Learning = &learningState{Weights: pr.Weights, R1: l.R1, R2: l.R2, O1: l.O1, O2: l.O2, Updates: l.Updates}
		}
		st.Projections = append(st.Projections, ps)
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
		if ps.Name != pr.Name || ps.Synapses != len(pr.Targets) || (ps.Plasticity != nil) != (pr.Plasticity != nil) || (ps.PreSyn != nil) != (pr.PreSyn != nil) || (ps.Learning != nil) != (pr.STDP != nil) {
			return fmt.Errorf("loading network state: projection %d is %q with %d synapses in the state, %q with %d here", i, ps.Name, ps.Synapses, pr.Name, len(pr.Targets))
		}
		if l := ps.Learning; l != nil {
			st := pr.STDP
			if len(l.Weights) != len(pr.Weights) || len(l.R1) != len(st.R1) || len(l.R2) != len(st.R2) || len(l.O1) != len(st.O1) || len(l.O2) != len(st.O2) {
				return fmt.Errorf("loading network state: projection %q: the saved learning state does not match its rule and sizes", pr.Name)
			}
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
		if l := ps.Learning; l != nil {
			st := pr.STDP
			copy(pr.Weights, l.Weights)
			copy(st.R1, l.R1)
			copy(st.R2, l.R2)
			copy(st.O1, l.O1)
			copy(st.O2, l.O2)
			st.Updates = l.Updates
		}
	}
	n.events = st.Events
	return nil
}
