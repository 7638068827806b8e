package agents

import (
	"fmt"
	"math"

	aecs "github.com/mlange-42/arche/ecs"
)

// ReadFunc reads one observation per sensor neuron from an agent's state
// into x (length Size of the sensor, zero on entry). Units are the
// caller's; the sensor's gains convert them.
type ReadFunc func(w *aecs.World, agent aecs.Entity, x []float64)

// LinearSensor is the common sensor: one observation per neuron, scaled
// and shifted,
//
//	out[k] = OffsetMA[k] + GainMA[k]·x[k]
//
// in mA for a CurrentSensor (the names say mA; for a PoissonSensor the
// same formula gives Hz). Build it with NewLinearSensor.
type LinearSensor struct {
	Read     ReadFunc  // reads the observations x
	GainMA   []float64 // per neuron, mA per unit of observation
	OffsetMA []float64 // per neuron, mA
	x        []float64
}

// NewLinearSensor returns a linear sensor of len(gainMA) neurons. offsetMA
// may be nil (no offset) or have one value per neuron.
func NewLinearSensor(read ReadFunc, gainMA, offsetMA []float64) (*LinearSensor, error) {
	if read == nil {
		return nil, fmt.Errorf("linear sensor: no read function")
	}
	if len(gainMA) == 0 {
		return nil, fmt.Errorf("linear sensor: no gains (one per sensor neuron)")
	}
	if offsetMA == nil {
		offsetMA = make([]float64, len(gainMA))
	}
	if len(offsetMA) != len(gainMA) {
		return nil, fmt.Errorf("linear sensor: %d gains but %d offsets; give one of each per sensor neuron", len(gainMA), len(offsetMA))
	}
	if err := finite("gain", gainMA); err != nil {
		return nil, fmt.Errorf("linear sensor: %w", err)
	}
	if err := finite("offset", offsetMA); err != nil {
		return nil, fmt.Errorf("linear sensor: %w", err)
	}
	return &LinearSensor{Read: read, GainMA: append([]float64(nil), gainMA...), OffsetMA: append([]float64(nil), offsetMA...), x: make([]float64, len(gainMA))}, nil
}

// Size returns the number of sensor neurons.
func (s *LinearSensor) Size() int { return len(s.GainMA) }

// Sense reads the observations and applies gain and offset.
func (s *LinearSensor) Sense(w *aecs.World, agent aecs.Entity, out []float64) {
	x := s.x[:len(out)]
	clear(x)
	s.Read(w, agent, x)
	for k := range out {
		out[k] = s.OffsetMA[k] + s.GainMA[k]*x[k]
	}
}

// ApplyFunc receives the actions a LinearMotor computed for an agent.
type ApplyFunc func(w *aecs.World, agent aecs.Entity, actions []float64)

// LinearMotor is the common motor: actions are linear in the window
// rates of the motor neurons,
//
//	actions[j] = Bias[j] + Σ_k Weights[j][k]·ratesHz[k]
//
// (units of an action per Hz), e.g. turn = g·(rate_right − rate_left)
// with Weights = [[−g, g]]. Build it with NewLinearMotor.
type LinearMotor struct {
	Apply   ApplyFunc   // receives the actions
	Weights [][]float64 // [action][motor neuron], action units per Hz
	Bias    []float64   // [action], action units
	actions []float64
}

// NewLinearMotor returns a linear motor with len(weights) actions over
// len(weights[0]) motor neurons. bias may be nil or have one value per
// action.
func NewLinearMotor(weights [][]float64, bias []float64, apply ApplyFunc) (*LinearMotor, error) {
	if apply == nil {
		return nil, fmt.Errorf("linear motor: no apply function")
	}
	if len(weights) == 0 || len(weights[0]) == 0 {
		return nil, fmt.Errorf("linear motor: weights need at least one action and one motor neuron")
	}
	m := &LinearMotor{Apply: apply, Weights: make([][]float64, len(weights)), actions: make([]float64, len(weights))}
	for j, row := range weights {
		if len(row) != len(weights[0]) {
			return nil, fmt.Errorf("linear motor: action %d has %d weights, action 0 has %d; give one per motor neuron", j, len(row), len(weights[0]))
		}
		if err := finite(fmt.Sprintf("weight of action %d", j), row); err != nil {
			return nil, fmt.Errorf("linear motor: %w", err)
		}
		m.Weights[j] = append([]float64(nil), row...)
	}
	if bias == nil {
		bias = make([]float64, len(weights))
	}
	if len(bias) != len(weights) {
		return nil, fmt.Errorf("linear motor: %d actions but %d biases", len(weights), len(bias))
	}
	if err := finite("bias", bias); err != nil {
		return nil, fmt.Errorf("linear motor: %w", err)
	}
	m.Bias = append([]float64(nil), bias...)
	return m, nil
}

// Size returns the number of motor neurons.
func (m *LinearMotor) Size() int { return len(m.Weights[0]) }

// Act computes the actions and applies them.
func (m *LinearMotor) Act(w *aecs.World, agent aecs.Entity, ratesHz []float64) {
	for j, row := range m.Weights {
		a := m.Bias[j]
		for k, r := range ratesHz {
			a += row[k] * r
		}
		m.actions[j] = a
	}
	m.Apply(w, agent, m.actions)
}

// finite returns an error for the first non-finite value.
func finite(what string, xs []float64) error {
	for i, x := range xs {
		if math.IsNaN(x) || math.IsInf(x, 0) {
			return fmt.Errorf("%s %d is %v; it must be finite", what, i, x)
		}
	}
	return nil
}
