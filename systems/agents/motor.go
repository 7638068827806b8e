package agents

import (
	"fmt"

	aecs "github.com/mlange-42/arche/ecs"
)

// Motor turns the firing rates of one agent's motor neurons into actions.
//
// Act receives ratesHz[k], the rate of the k-th neuron of the MotorSpec's
// Neurons in Hz, averaged over the motor's window (the rate decoder); the
// slice is reused for the next agent, so do not keep it. Act runs outside
// of any query, once per tick and agent, in slot order; it
// may write components and even remove the agent entity (its brain is
// freed at the next Sense), but must not add or remove brains.
type Motor interface {
	Act(w *aecs.World, agent aecs.Entity, ratesHz []float64)
}

// ActFunc adapts a function to the Motor interface.
type ActFunc func(w *aecs.World, agent aecs.Entity, ratesHz []float64)

// Act calls f.
func (f ActFunc) Act(w *aecs.World, agent aecs.Entity, ratesHz []float64) { f(w, agent, ratesHz) }

// MotorSpec binds a Motor to the motor neurons of a brain kind, with a
// rate decoder: spike counts over the last WindowTicks ticks, divided by
// the window's duration.
type MotorSpec struct {
	// Name identifies the motor in errors.
	Name string
	// Brain is the brain kind's name.
	Brain string
	// Neurons are the brain-local indices (0..N-1) of the motor neurons.
	Neurons []int
	// WindowTicks is the length of the rate window in model ticks
	// (default 1: the spikes of this tick's Think). A brain younger than
	// the window is averaged over the ticks it has lived.
	WindowTicks int
	// Motor applies the rates.
	Motor Motor
}

// motor is an added MotorSpec with its decoder state per bank.
type motor struct {
	spec    MotorSpec
	kind    *Brains
	neurons []int
	windows []*window // per bank of the kind
	rates   []float64
}

// window is the rate decoder of one motor over one bank: the last W ticks
// of spike counts per (slot, motor neuron), and their running sums.
type window struct {
	w, m   int     // ticks, motor neurons
	ring   []int32 // [tick mod w][slot][k]
	sum    []int32 // [slot][k]
	filled []int32 // [slot]: ticks in the window so far (<= w)
}

// AddMotor adds a motor. Errors name the motor: an unknown brain kind (or
// a plain population), neuron indices outside the brain, a Sized motor
// whose size differs from len(Neurons), a negative window.
func (h *Host) AddMotor(spec MotorSpec) error {
	if err := h.checkUnlocked("add motor"); err != nil {
		return err
	}
	b, err := h.bindKind("motor", spec.Name, spec.Brain)
	if err != nil {
		return err
	}
	fail := func(format string, args ...any) error {
		return fmt.Errorf("motor %q on brain %q: %s", spec.Name, spec.Brain, fmt.Sprintf(format, args...))
	}
	if spec.Motor == nil {
		return fail("no Motor function")
	}
	if err := checkNeurons(spec.Neurons, b.spec.Neurons); err != nil {
		return fail("%v", err)
	}
	if sz, ok := spec.Motor.(Sized); ok && sz.Size() != len(spec.Neurons) {
		return fail("the motor reads %d rates but is bound to %d neurons", sz.Size(), len(spec.Neurons))
	}
	if spec.WindowTicks < 0 {
		return fail("window must be >= 1 tick, got %d", spec.WindowTicks)
	}
	if spec.WindowTicks == 0 {
		spec.WindowTicks = 1
	}
	m := &motor{spec: spec, kind: b, neurons: append([]int(nil), spec.Neurons...), rates: make([]float64, len(spec.Neurons))}
	for _, bk := range b.banks {
		m.addBank(bk)
	}
	h.motors = append(h.motors, m)
	return nil
}

// addBank adds the decoder state of a new bank.
func (m *motor) addBank(bk *bank) {
	w, k := m.spec.WindowTicks, len(m.neurons)
	m.windows = append(m.windows, &window{
		w: w, m: k, ring: make([]int32, w*bk.slots*k), sum: make([]int32, bk.slots*k), filled: make([]int32, bk.slots),
	})
}

// reset empties the window of one slot.
func (wd *window) reset(slot int) {
	slots := len(wd.filled)
	for t := range wd.w {
		clear(wd.ring[(t*slots+slot)*wd.m:][:wd.m])
	}
	clear(wd.sum[slot*wd.m:][:wd.m])
	wd.filled[slot] = 0
}

// Act runs every motor for every agent with a brain of its kind: it moves
// this tick's spike counts into the motor's window, converts the window
// to rates (Hz) and calls the Motor. It then counts the tick.
func (h *Host) Act() error {
	if h.busy {
		return fmt.Errorf("agents: act: called from inside a sensor or motor function")
	}
	h.busy = true
	defer func() { h.busy = false }()
	tickMs := h.TickMs()
	for _, m := range h.motors {
		for bi, bk := range m.kind.banks {
			wd := m.windows[bi]
			slots := bk.slots
			pos := int(h.ticks % int64(wd.w))
			for slot, agent := range bk.owner {
				if agent.IsZero() {
					continue
				}
				base := slot * bk.n
				ring := wd.ring[(pos*slots+slot)*wd.m:][:wd.m]
				sum := wd.sum[slot*wd.m:][:wd.m]
				if wd.filled[slot] < int32(wd.w) {
					wd.filled[slot]++
				}
				scale := 1e3 / (float64(wd.filled[slot]) * tickMs)
				for k, i := range m.neurons {
					c := bk.counts[base+i]
					sum[k] += c - ring[k]
					ring[k] = c
					m.rates[k] = float64(sum[k]) * scale
				}
				if !h.world.Alive(agent) {
					continue // removed by an earlier motor this tick
				}
				m.spec.Motor.Act(h.world, agent, m.rates)
			}
		}
	}
	h.ticks++
	return nil
}
