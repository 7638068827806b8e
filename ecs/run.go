package ecs

import (
	"fmt"
	"math"
)

// Step runs one simulation step: every stage in order, then advances the
// clock. On error the clock is not advanced and the error names the system
// (and, for NaN/Inf states, the population, neuron and step).
func (s *Sim) Step() error {
	if s.world.IsLocked() {
		return fmt.Errorf("spikecs: step %d: the world is locked (a query is still open)", s.clock.Step)
	}
	t := s.tick()
	for i := range s.plan {
		seg := &s.plan[i]
		if seg.global != nil {
			if err := seg.global.Update(s, t); err != nil {
				return fmt.Errorf("step %d, system %s: %w", t.Step, seg.global.Name(), err)
			}
			continue
		}
		if err := s.runNeurons(seg, t); err != nil {
			return err
		}
	}
	s.clock.Step++
	return nil
}

// tick describes the next step.
func (s *Sim) tick() Tick {
	return Tick{Step: s.clock.Step, TMs: s.clock.TMs(), DtMs: s.clock.DtMs, NoGrad: s.opts.NoSurrogateGrad, SIMD: s.opts.SIMD}
}

// runNeurons runs a segment of neuron systems over every population, a
// block of neurons at a time.
func (s *Sim) runNeurons(seg *segment, t Tick) error {
	bs := s.opts.BlockSize
	for _, p := range s.pops {
		v, err := s.bind(p)
		if err != nil {
			return fmt.Errorf("step %d: %w", t.Step, err)
		}
		systems := s.fusedRun(seg, t, p, v)
		for lo := 0; lo < p.size; lo += bs {
			hi := min(lo+bs, p.size)
			for _, sys := range systems {
				if err := sys.UpdateBlock(t, v, lo, hi); err != nil {
					_ = s.unbind(p)
					return fmt.Errorf("step %d, system %s: %w", t.Step, sys.Name(), err)
				}
			}
		}
		if err := s.unbind(p); err != nil {
			return fmt.Errorf("step %d: %w", t.Step, err)
		}
	}
	return nil
}

// Run runs n steps, stopping at the first error.
func (s *Sim) Run(n int) error {
	for i := 0; i < n; i++ {
		if err := s.Step(); err != nil {
			return err
		}
	}
	return nil
}

// RunFor runs for a duration in ms: StepsFor(duration, dt) steps.
func (s *Sim) RunFor(durationMs float64) error {
	n, err := StepsFor(durationMs, s.clock.DtMs)
	if err != nil {
		return err
	}
	return s.Run(n)
}

// StepsFor returns the number of steps of a run of the given duration: the
// length of the reference's arange(0, T, dt), i.e. ceil(T/dt), where a
// ratio within 1e-9 of an integer counts as that integer (so 50 ms at
// 0.1 ms is 500 steps despite rounding).
func StepsFor(durationMs, dtMs float64) (int, error) {
	if math.IsNaN(durationMs) || durationMs < 0 || math.IsInf(durationMs, 0) {
		return 0, fmt.Errorf("duration must be a finite time >= 0, got %v ms", durationMs)
	}
	if !(dtMs > 0) || math.IsInf(dtMs, 0) {
		return 0, fmt.Errorf("dt must be a positive finite time, got %v ms", dtMs)
	}
	r := durationMs / dtMs
	n := math.Round(r)
	if math.Abs(r-n) > 1e-9*math.Max(1, n) {
		n = math.Ceil(r)
	}
	if n > math.MaxInt32*1024.0 {
		return 0, fmt.Errorf("duration %v ms at dt %v ms is too many steps", durationMs, dtMs)
	}
	return int(n), nil
}

// StepOf returns the first step index n with n·dt >= tMs (with the same
// 1e-9 tolerance as StepsFor); used for input start and stop times.
func StepOf(tMs, dtMs float64) int64 {
	if tMs <= 0 {
		return 0
	}
	n, _ := StepsFor(tMs, dtMs)
	return int64(n)
}
