package systems

import (
	aecs "github.com/mlange-42/arche/ecs"

	"github.com/spikecs/spikecs/ecs"
)

// Install adds the standard neuron systems to a Sim, one per stage, in tick
// order: Reset, Integrate, Spike, Sources, Refractory, preceded in the
// input stage by FusedLIFRef, which runs the whole pipeline in one pass
// for the populations it accepts. Inputs and recorders are added
// separately (they target specific populations); a Network adds its
// ChannelUpdate after FusedLIFRef. Each standard system runs only for the
// populations whose model uses it (ecs.Model.Standard): the LIF family
// uses all of them, a model with its own integrator brings that instead.
func Install(sim *ecs.Sim) error {
	steps := []struct {
		stage ecs.Stage
		sys   ecs.NeuronSystem
		std   ecs.Std // 0: every population
	}{
		{ecs.StageInput, &FusedLIFRef{}, ecs.StdIntegrate},
		{ecs.StageReset, Reset{}, ecs.StdReset},
		{ecs.StageIntegrate, &Integrate{}, ecs.StdIntegrate},
		{ecs.StageSpike, &Spike{}, ecs.StdSpike},
		{ecs.StageSpike, Sources{}, 0},
		{ecs.StageRefractory, Refractory{}, ecs.StdRefractory},
	}
	for _, s := range steps {
		var err error
		if s.std == 0 {
			err = sim.AddNeuronSystem(s.stage, s.sys)
		} else {
			err = sim.AddNeuronSystemFor(s.stage, s.sys, s.std)
		}
		if err != nil {
			return err
		}
	}
	return nil
}

// NewSim creates a Sim with its own world and the standard systems.
func NewSim(opts ecs.Options) (*ecs.Sim, error) {
	sim, err := ecs.New(opts)
	if err != nil {
		return nil, err
	}
	return sim, Install(sim)
}

// NewSimOn creates a Sim with the standard systems in a world the caller
// owns (see ecs.NewOn).
func NewSimOn(w *aecs.World, opts ecs.Options) (*ecs.Sim, error) {
	sim, err := ecs.NewOn(w, opts)
	if err != nil {
		return nil, err
	}
	return sim, Install(sim)
}
