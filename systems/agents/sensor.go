package agents

import (
	"fmt"
	"math"
	"slices"

	aecs "github.com/mlange-42/arche/ecs"
)

// Sensor turns one agent's state into the drive of its sensor neurons.
//
// Sense writes out[k] for the k-th neuron of the SensorSpec's Neurons: a
// current in mA (CurrentSensor) or a Poisson rate in Hz (PoissonSensor).
// out has length len(Neurons) and is zero on entry; it is reused for the
// next agent, so do not keep it. Sense runs outside of any query, once
// per tick and agent, in slot order; it may read and write components,
// but must not add or remove brains.
type Sensor interface {
	Sense(w *aecs.World, agent aecs.Entity, out []float64)
}

// SenseFunc adapts a function to the Sensor interface.
type SenseFunc func(w *aecs.World, agent aecs.Entity, out []float64)

// Sense calls f.
func (f SenseFunc) Sense(w *aecs.World, agent aecs.Entity, out []float64) { f(w, agent, out) }

// Sized is implemented by sensors and motors that know how many neurons
// they serve; AddSensor and AddMotor then check it against len(Neurons).
type Sized interface {
	Size() int
}

// SensorKind says how a sensor's output drives its neurons.
type SensorKind uint8

// The sensor kinds.
const (
	// CurrentSensor adds out[k] mA to the neuron's input current at every
	// neural step of the tick.
	CurrentSensor SensorKind = iota
	// PoissonSensor makes out[k] the rate (Hz) of a Poisson spike train
	// into the neuron: at each neural step, with probability rate·dt, V
	// jumps by WeightMV (after integration, as a delta input).
	PoissonSensor
)

// SensorSpec binds a Sensor to the sensor neurons of a brain kind.
type SensorSpec struct {
	// Name identifies the sensor in errors.
	Name string
	// Brain is the brain kind's name.
	Brain string
	// Neurons are the brain-local indices (0..N-1) of the sensor neurons.
	Neurons []int
	// Kind is CurrentSensor (default) or PoissonSensor.
	Kind SensorKind
	// WeightMV is the jump of V per Poisson input spike, mV (PoissonSensor
	// only). A neuron has one Poisson weight: two Poisson sensors on the
	// same neuron must agree.
	WeightMV float64
	// Sensor computes the drive.
	Sensor Sensor
}

// sensor is an added SensorSpec.
type sensor struct {
	spec    SensorSpec
	kind    *Brains
	neurons []int
	out     []float64
}

// AddSensor adds a sensor. Errors name the sensor and say what is wrong:
// an unknown brain kind (or a plain population instead of a brain kind),
// neuron indices outside the brain, a Sized sensor whose size differs
// from len(Neurons), a bad Poisson weight.
func (h *Host) AddSensor(spec SensorSpec) error {
	if err := h.checkUnlocked("add sensor"); err != nil {
		return err
	}
	b, err := h.bindKind("sensor", spec.Name, spec.Brain)
	if err != nil {
		return err
	}
	fail := func(format string, args ...any) error {
		return fmt.Errorf("sensor %q on brain %q: %s", spec.Name, spec.Brain, fmt.Sprintf(format, args...))
	}
	if spec.Sensor == nil {
		return fail("no Sensor function")
	}
	if err := checkNeurons(spec.Neurons, b.spec.Neurons); err != nil {
		return fail("%v", err)
	}
	if sz, ok := spec.Sensor.(Sized); ok && sz.Size() != len(spec.Neurons) {
		return fail("the sensor produces %d values but is bound to %d neurons", sz.Size(), len(spec.Neurons))
	}
	switch spec.Kind {
	case CurrentSensor:
	case PoissonSensor:
		if math.IsNaN(spec.WeightMV) || math.IsInf(spec.WeightMV, 0) || spec.WeightMV == 0 {
			return fail("a Poisson sensor needs a finite, non-zero WeightMV, got %v mV", spec.WeightMV)
		}
		if b.poissonWMV == nil {
			b.poissonWMV = make([]float64, b.spec.Neurons)
		}
		for _, i := range spec.Neurons {
			if w := b.poissonWMV[i]; w != 0 && w != spec.WeightMV {
				return fail("neuron %d already has Poisson weight %v mV from another sensor, not %v mV", i, w, spec.WeightMV)
			}
		}
		for _, i := range spec.Neurons {
			b.poissonWMV[i] = spec.WeightMV
		}
		for _, bk := range b.banks {
			if bk.rateHz == nil {
				bk.rateHz = make([]float64, bk.slots*bk.n)
			}
		}
	default:
		return fail("unknown sensor kind %d", spec.Kind)
	}
	if spec.Kind == PoissonSensor {
		b.poisson = union(b.poisson, spec.Neurons)
	} else {
		b.driven = union(b.driven, spec.Neurons)
	}
	h.sensors = append(h.sensors, &sensor{spec: spec, kind: b, neurons: append([]int(nil), spec.Neurons...), out: make([]float64, len(spec.Neurons))})
	return nil
}

// bindKind resolves the brain kind a sensor or motor is bound to.
func (h *Host) bindKind(what, name, brain string) (*Brains, error) {
	if b, ok := h.byName[brain]; ok {
		return b, nil
	}
	if _, isPop := h.sim.Population(brain); isPop {
		return nil, fmt.Errorf("%s %q: %q is a population, not a brain kind; sensors and motors bind to brain kinds (Host.AddBrains); valid: %v", what, name, brain, h.Kinds())
	}
	return nil, fmt.Errorf("%s %q: no brain kind %q; valid: %v", what, name, brain, h.Kinds())
}

// checkNeurons validates brain-local neuron indices.
func checkNeurons(idx []int, n int) error {
	if len(idx) == 0 {
		return fmt.Errorf("no neurons given")
	}
	seen := make(map[int]bool, len(idx))
	for k, i := range idx {
		if i < 0 || i >= n {
			return fmt.Errorf("neuron %d (entry %d) is outside the brain's %d neurons (0..%d)", i, k, n, n-1)
		}
		if seen[i] {
			return fmt.Errorf("neuron %d is listed twice", i)
		}
		seen[i] = true
	}
	return nil
}

// union returns the sorted union of two index lists.
func union(a, b []int) []int {
	out := append(append([]int(nil), a...), b...)
	slices.Sort(out)
	return slices.Compact(out)
}

// hasPoisson reports whether the kind has a Poisson sensor.
func (b *Brains) hasPoisson() bool { return b.poissonWMV != nil }

// Sense reaps the brains of agents that left the world, then runs every
// sensor for every agent with a brain of its kind and stores the drive the
// drive system applies during the next Think. A non-finite current, or a
// rate outside 0 ≤ rate·dt ≤ 1, is an error naming sensor and agent.
func (h *Host) Sense() error {
	if h.busy {
		return fmt.Errorf("agents: sense: called from inside a sensor or motor function")
	}
	for _, b := range h.kinds {
		if err := b.reap(); err != nil {
			return err
		}
	}
	for _, bk := range h.banks {
		clear(bk.driveMA)
		clear(bk.rateHz)
	}
	h.busy = true
	defer func() { h.busy = false }()
	maxRate := 1e3 / h.sim.DtMs()
	for _, s := range h.sensors {
		for _, bk := range s.kind.banks {
			dst := bk.driveMA
			if s.spec.Kind == PoissonSensor {
				dst = bk.rateHz
			}
			for slot, agent := range bk.owner {
				if agent.IsZero() || !h.world.Alive(agent) {
					continue
				}
				out := s.out
				clear(out)
				s.spec.Sensor.Sense(h.world, agent, out)
				base := slot * bk.n
				for k, i := range s.neurons {
					x := out[k]
					if math.IsNaN(x) || math.IsInf(x, 0) || (s.spec.Kind == PoissonSensor && (x < 0 || x > maxRate)) {
						return fmt.Errorf("sensor %q, agent %v, neuron %d: drive %v is not valid (%s)", s.spec.Name, agent, i, x, s.unit(maxRate))
					}
					dst[base+i] += x
				}
			}
		}
	}
	return nil
}

// unit describes the valid range of the sensor's values.
func (s *sensor) unit(maxRate float64) string {
	if s.spec.Kind == PoissonSensor {
		return fmt.Sprintf("a rate in Hz between 0 and 1/dt = %v Hz", maxRate)
	}
	return "a finite current in mA"
}
