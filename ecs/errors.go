package ecs

import "fmt"

// NonFiniteError reports a NaN or infinite state value; the step that
// produced it is not completed.
type NonFiniteError struct {
	Population string  // population name
	Neuron     int     // 0-based neuron index within the population
	Step       int64   // 0-based step index
	Var        string  // state variable, e.g. "V"
	Value      float64 // the offending value
}

// Error describes the population, neuron, step and variable.
func (e *NonFiniteError) Error() string {
	return fmt.Sprintf("population %q neuron %d: %s became %v at step %d", e.Population, e.Neuron, e.Var, e.Value, e.Step)
}
