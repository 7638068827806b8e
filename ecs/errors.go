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

// ParamError reports an invalid population parameter. Param is the
// reference name ("tau", "V_th", ...; "size", "name", "surrogate" for those
// fields); Neuron is the neuron index for a per-neuron value, else −1.
type ParamError struct {
	Population string
	Param      string
	Neuron     int
	Msg        string
}

// Error describes the population, parameter, neuron and problem.
func (e *ParamError) Error() string {
	if e.Neuron >= 0 {
		return fmt.Sprintf("population %q: %s of neuron %d %s", e.Population, e.Param, e.Neuron, e.Msg)
	}
	return fmt.Sprintf("population %q: %s %s", e.Population, e.Param, e.Msg)
}
