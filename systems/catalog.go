package systems

import "github.com/spikecs/spikecs/ecs"

// Models returns the neuron model catalogue: the LIF family (IF, LIF,
// LIFRef, ALIF) and every model with its own systems. Scenario files name
// these; each call returns fresh descriptors. Registering a new model is
// one line here (docs/models.md, "Add your own model").
func Models() []*ecs.Model {
	return append(ecs.LIFFamily(),
		ExpIFModel(),
		AdExModel(),
		IafPscExpModel(),
		QIFModel(),
		AdQIFModel(),
		IzhikevichModel(),
		IafPscAlphaModel(),
		HHModel(),
		GIFModel(),
	)
}
