package systems

import (
	"fmt"
	"math"
	"sort"

	"github.com/spikecs/spikecs/components"
	"github.com/spikecs/spikecs/ecs"
)

// ProfileKind selects the shape of a time course (ProfileSpec).
type ProfileKind uint8

const (
	// ProfileSine is Offset + Amplitude·sin(2π·FrequencyHz·t + PhaseRad),
	// t the simulation time in s (the phase is the value's phase at t = 0).
	ProfileSine ProfileKind = iota + 1
	// ProfileSteps holds Values row k from TimesMs[k] until the next time;
	// before the first time the value is 0.
	ProfileSteps
	// ProfileRamp goes linearly from From (at the input's start) to To (at
	// its stop); the input must have a finite stop.
	ProfileRamp
	// ProfileSeries holds row k of Values from start + k·SampleMs (start:
	// the input's start) until the next sample, and the last row after the
	// end — a replayed recording (Brian2's TimedArray, NEST's
	// step_current_generator with equidistant times).
	ProfileSeries
)

// ProfileSpec describes a time course x(t) of an input: a current (mA) or a
// rate (Hz), shared by a population's neurons or one per neuron. Which
// fields apply depends on Kind.
type ProfileSpec struct {
	Kind ProfileKind
	// Sine: Offset and Amplitude in the driven quantity's unit, FrequencyHz
	// in Hz and PhaseRad in radians; each shared or one per neuron.
	Offset, Amplitude, FrequencyHz, PhaseRad components.Param
	// Ramp: the values at the start and at the stop of the input.
	From, To components.Param
	// Steps and Series: Values holds the rows one after the other, each of
	// Width values (1: shared, else one per neuron).
	Values []float64
	Width  int
	// TimesMs are the step times of ProfileSteps (one per row, increasing).
	TimesMs []float64
	// SampleMs is the sample interval of ProfileSeries, > 0.
	SampleMs float64
	// ClipAtZero replaces negative values by 0 (a rate from a sine).
	ClipAtZero bool
}

// width returns 1 when the profile is the same for every neuron, else the
// number of neurons it describes.
func (s *ProfileSpec) width() int {
	switch s.Kind {
	case ProfileSine:
		return maxLen(s.Offset, s.Amplitude, s.FrequencyHz, s.PhaseRad)
	case ProfileRamp:
		return maxLen(s.From, s.To)
	}
	return s.Width
}

func maxLen(ps ...components.Param) int {
	n := 1
	for _, p := range ps {
		n = max(n, len(p.Values))
	}
	return n
}

// Range returns the smallest and largest value the profile can take (for a
// sine: offset ± |amplitude|, before clipping), over all neurons.
func (s *ProfileSpec) Range() (lo, hi float64) {
	lo, hi = math.Inf(1), math.Inf(-1)
	see := func(x float64) { lo, hi = math.Min(lo, x), math.Max(hi, x) }
	switch s.Kind {
	case ProfileSine:
		for i := range s.width() {
			a, o := math.Abs(s.Amplitude.At(i)), s.Offset.At(i)
			see(o - a)
			see(o + a)
		}
	case ProfileRamp:
		for _, x := range s.From.Values {
			see(x)
		}
		for _, x := range s.To.Values {
			see(x)
		}
	default:
		if s.Kind == ProfileSteps {
			see(0)
		}
		for _, x := range s.Values {
			see(x)
		}
	}
	if s.ClipAtZero {
		lo, hi = math.Max(lo, 0), math.Max(hi, 0)
	}
	return lo, hi
}

// Profile is a ProfileSpec resolved for one Sim: times turned into steps
// and per-neuron values restricted to the Sim's neurons of the population
// (a partition's share). Eval gives the values of one step.
type Profile struct {
	spec     ProfileSpec
	shared   bool
	rowStep  []int64 // steps/series: row k applies from step rowStep[k]
	row      int     // cursor: the row of the last evaluated step (-1: none)
	startMs  float64 // ramp: start time, ms
	spanMs   float64 // ramp: stop − start, ms
	scratch  []float64
	sharedAt int64 // step of the cached shared value
	sharedV  float64
}

// NewProfile resolves spec for a population of n neurons (its global size)
// of which the Sim holds local neurons from offset off, for an input
// active from startMs to stopMs (+Inf: the end of the run).
func NewProfile(spec ProfileSpec, dtMs, startMs, stopMs float64, n, off, local int) (*Profile, error) {
	w := spec.width()
	if w != 1 && w != n {
		return nil, fmt.Errorf("profile has %d values per time, expected 1 or %d (one per neuron)", w, n)
	}
	p := &Profile{spec: spec, shared: w == 1, row: -1, sharedAt: -1}
	for _, q := range []*components.Param{&p.spec.Offset, &p.spec.Amplitude, &p.spec.FrequencyHz, &p.spec.PhaseRad, &p.spec.From, &p.spec.To} {
		if len(q.Values) == 0 {
			*q = components.Shared(0)
		}
		for i, x := range q.Values {
			if math.IsNaN(x) || math.IsInf(x, 0) {
				return nil, fmt.Errorf("profile value %d (%v) is not finite", i, x)
			}
		}
		if !q.IsShared() && local != n {
			*q = components.PerNeuron(q.Values[off : off+local])
		}
	}
	switch spec.Kind {
	case ProfileSine:
	case ProfileRamp:
		if math.IsInf(stopMs, 1) {
			return nil, fmt.Errorf("a ramp needs the input's stop time")
		}
		p.startMs, p.spanMs = startMs, stopMs-startMs
	case ProfileSteps, ProfileSeries:
		if spec.Width < 1 || len(spec.Values) == 0 || len(spec.Values)%spec.Width != 0 {
			return nil, fmt.Errorf("profile table: %d values do not make rows of %d", len(spec.Values), spec.Width)
		}
		rows := len(spec.Values) / spec.Width
		for i, x := range spec.Values {
			if math.IsNaN(x) || math.IsInf(x, 0) {
				return nil, fmt.Errorf("profile row %d: value %v is not finite", i/spec.Width, x)
			}
		}
		p.rowStep = make([]int64, rows)
		for k := range rows {
			t := 0.0
			if spec.Kind == ProfileSteps {
				if len(spec.TimesMs) != rows {
					return nil, fmt.Errorf("steps: %d times but %d values", len(spec.TimesMs), rows)
				}
				t = spec.TimesMs[k]
				if k > 0 && !(t > spec.TimesMs[k-1]) {
					return nil, fmt.Errorf("steps: times must increase, got %v ms after %v ms", t, spec.TimesMs[k-1])
				}
			} else {
				if !(spec.SampleMs > 0) {
					return nil, fmt.Errorf("series: the sample interval must be > 0 ms, got %v ms", spec.SampleMs)
				}
				t = startMs + float64(k)*spec.SampleMs
			}
			if !(t >= 0) || math.IsInf(t, 0) {
				return nil, fmt.Errorf("profile time %v ms must be finite and >= 0", t)
			}
			p.rowStep[k] = ecs.StepOf(t, dtMs)
		}
		if !p.shared && local != n { // keep the columns of the local neurons
			vals := make([]float64, 0, rows*local)
			for k := range rows {
				vals = append(vals, spec.Values[k*n+off:k*n+off+local]...)
			}
			p.spec.Values, p.spec.Width = vals, local
		}
	default:
		return nil, fmt.Errorf("unknown profile kind %d", spec.Kind)
	}
	if !p.shared {
		p.scratch = make([]float64, local)
	}
	return p, nil
}

// Shared reports whether the profile has one value for all neurons.
func (p *Profile) Shared() bool { return p.shared }

// SharedAt returns the value of a shared profile at step (time tMs).
func (p *Profile) SharedAt(step int64, tMs float64) float64 {
	if step == p.sharedAt {
		return p.sharedV
	}
	v := 0.0
	switch p.spec.Kind {
	case ProfileSine:
		s := &p.spec
		v = s.Offset.Values[0] + s.Amplitude.Values[0]*math.Sin(2*math.Pi*s.FrequencyHz.Values[0]*tMs*1e-3+s.PhaseRad.Values[0])
	case ProfileRamp:
		v = p.ramp(p.spec.From.Values[0], p.spec.To.Values[0], tMs)
	default:
		if k := p.rowAt(step); k >= 0 {
			v = p.spec.Values[k]
		}
	}
	if p.spec.ClipAtZero && v < 0 {
		v = 0
	}
	p.sharedAt, p.sharedV = step, v
	return v
}

// Block returns the values of local neurons lo..hi-1 of a per-neuron
// profile at step (time tMs); the slice is the profile's own, valid until
// the next call.
func (p *Profile) Block(step int64, tMs float64, lo, hi int) []float64 {
	s := &p.spec
	switch s.Kind {
	case ProfileSine:
		out := p.scratch[lo:hi]
		off, amp, f, ph := s.Offset.Block(lo, hi), s.Amplitude.Block(lo, hi), s.FrequencyHz.Block(lo, hi), s.PhaseRad.Block(lo, hi)
		w := 2 * math.Pi * tMs * 1e-3
		for k := range out {
			out[k] = off[k] + amp[k]*math.Sin(w*f[k]+ph[k])
		}
		return p.clip(out)
	case ProfileRamp:
		out := p.scratch[lo:hi]
		from, to := s.From.Block(lo, hi), s.To.Block(lo, hi)
		for k := range out {
			out[k] = p.ramp(from[k], to[k], tMs)
		}
		return out
	}
	k := p.rowAt(step)
	if k < 0 {
		out := p.scratch[lo:hi]
		clear(out)
		return out
	}
	return s.Values[k*s.Width+lo : k*s.Width+hi]
}

func (p *Profile) clip(out []float64) []float64 {
	if p.spec.ClipAtZero {
		for k, x := range out {
			out[k] = math.Max(x, 0)
		}
	}
	return out
}

// ramp is the linear ramp from a at the start to b at the stop.
func (p *Profile) ramp(a, b, tMs float64) float64 {
	return a + (b-a)*(tMs-p.startMs)/p.spanMs
}

// rowAt returns the row that applies at step (the last k with
// rowStep[k] <= step), or -1 before the first row. Steps only move
// forward in a run, so a cursor makes this O(1) per step.
func (p *Profile) rowAt(step int64) int {
	k := p.row
	if k >= 0 && step < p.rowStep[k] { // moved backwards: search again
		k = sort.Search(len(p.rowStep), func(i int) bool { return p.rowStep[i] > step }) - 1
	}
	for k+1 < len(p.rowStep) && p.rowStep[k+1] <= step {
		k++
	}
	p.row = k
	return k
}
