package eprop

import (
	"fmt"

	"github.com/spikecs/spikecs/components"
	"github.com/spikecs/spikecs/ecs"
	"github.com/spikecs/spikecs/systems"
)

// DeltaChannel returns the synapse of an e-prop network in the ECS (see
// AddToSim): no kinetics (the conductance is the sum delivered for the
// step) and a current-based output with scale 1, so a spike adds its
// weight (mA) to the next step's input current.
func DeltaChannel() components.ChannelParams {
	return components.ChannelParams{Kind: components.SynDirect, Out: components.OutCUBA, ScaleMV: 1}
}

// PopulationSpec returns the spikecs population of group g.
func (g Group) PopulationSpec() ecs.PopulationSpec {
	spec := ecs.PopulationSpec{Name: g.Name, Size: g.Size,
		Membrane: ecs.MembraneSpec{R: ecs.Scalar(g.ROhm), Tau: ecs.Scalar(g.TauMs), VTh: ecs.Scalar(g.VThMV),
			VReset: ecs.Scalar(g.VResetMV), VRest: ecs.Scalar(g.VRestMV), VInit: ecs.Scalar(g.VInitMV)},
		Surrogate: g.Surrogate}
	if g.Hard {
		spec.Membrane.Reset = components.ResetHard
	}
	if g.Adaptive {
		spec.Adaptation = &ecs.AdaptationSpec{TauA: ecs.Scalar(g.TauAMs), Beta: ecs.Scalar(g.BetaMV), AInit: ecs.Scalar(0)}
	}
	if g.TauRefMs > 0 {
		spec.Refractory = &ecs.RefractorySpec{TauRef: ecs.Scalar(g.TauRefMs), Mode: g.RefractoryMode}
	}
	return spec
}

// AddToSim creates the layer's groups as populations of sim and connects
// them through net with the weights w (N×P, mA): the input population
// named input (In neurons, typically a spike source; skipped when In is 0)
// and the recurrent groups project onto every group through DeltaChannel
// synapses, one projection per pre/post pair named "pre->post". Zero
// weights make no synapse. The ECS network then computes exactly what
// Forward computes (TestDenseForwardEqualsECS). It returns the indices
// of the projections it made in net.Projections().
func (l *Layer) AddToSim(sim *ecs.Sim, net *systems.Network, input string, w []float64) ([]int, error) {
	if len(w) != l.N*l.P() {
		return nil, fmt.Errorf("eprop: weights have %d values, want N×P = %d×%d", len(w), l.N, l.P())
	}
	if sim.DtMs() != l.DtMs {
		return nil, fmt.Errorf("eprop: the layer was resolved for dt = %v ms, the simulation has %v ms", l.DtMs, sim.DtMs())
	}
	type block struct {
		name     string
		from, to int // presynaptic entries
	}
	var pres []block
	if l.In > 0 { // checked before anything is created
		id, ok := sim.Population(input)
		if !ok {
			return nil, fmt.Errorf("eprop: unknown input population %q", input)
		}
		if sim.PopulationSize(id) != l.In {
			return nil, fmt.Errorf("eprop: input population %q has %d neurons, the layer expects %d inputs", input, sim.PopulationSize(id), l.In)
		}
		pres = append(pres, block{input, 0, l.In})
	}
	for _, g := range l.Groups {
		if _, err := sim.AddPopulation(g.PopulationSpec()); err != nil {
			return nil, err
		}
	}
	start := 0
	posts := make([]block, len(l.Groups))
	for gi, g := range l.Groups {
		posts[gi] = block{g.Name, start, start + g.Size}
		pres = append(pres, block{g.Name, l.In + start, l.In + start + g.Size})
		start += g.Size
	}
	p := l.P()
	var made []int
	for _, pre := range pres {
		for _, post := range posts {
			var preIdx, postIdx []int
			var ws []float64
			for i := pre.from; i < pre.to; i++ {
				for j := post.from; j < post.to; j++ {
					if x := w[j*p+i]; x != 0 {
						preIdx, postIdx, ws = append(preIdx, i-pre.from), append(postIdx, j-post.from), append(ws, x)
					}
				}
			}
			if len(ws) == 0 {
				continue
			}
			id, err := net.Connect(systems.ProjectionSpec{Name: pre.name + "->" + post.name, Pre: pre.name, Post: post.name,
				Channel: DeltaChannel(), Conn: systems.Connectivity{Kind: systems.Pairs, PreIdx: preIdx, PostIdx: postIdx},
				Weight: ecs.List(ws...)})
			if err != nil {
				return nil, err
			}
			made = append(made, id)
		}
	}
	return made, nil
}
