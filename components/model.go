package components

// ModelParams are the resolved parameters of a population whose model is a
// descriptor (ecs.Model other than the LIF family), stored on the
// population entity: the numeric parameters in the model's table order,
// each shared or per neuron, the chosen options, and the constants the
// model's Prepare hook derived from them and dt.
type ModelParams struct {
	// Names are the numeric parameters' names, in table order.
	Names []string
	// Values holds one Param per name, in the units of the model's table.
	Values []Param
	// ChoiceNames and Choices are the choice parameters and their values.
	ChoiceNames, Choices []string
	// Derived is what the model's Prepare returned for the current dt (a
	// model-specific type; systems read it once per block).
	Derived any
}

// Get returns the parameter named name, or nil. It is meant for setup
// (Prepare, tests), not for hot loops.
func (m *ModelParams) Get(name string) *Param {
	for i, n := range m.Names {
		if n == name {
			return &m.Values[i]
		}
	}
	return nil
}

// Choice returns the value of choice parameter name ("" when absent).
func (m *ModelParams) Choice(name string) string {
	for i, n := range m.ChoiceNames {
		if n == name {
			return m.Choices[i]
		}
	}
	return ""
}
