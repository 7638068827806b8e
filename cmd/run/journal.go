package main

import (
	"bufio"
	"encoding/binary"
	"fmt"
	"io"
	"math"
	"os"

	"github.com/spikecs/spikecs/ecs"
	"github.com/spikecs/spikecs/systems"
)

// A journal records every call the recorders make to the output sinks, so
// that a resumed run can replay them and rebuild its files, statistics and
// figures exactly as an uninterrupted run would have. Records are fixed
// little-endian layouts: a kind byte, then the call's arguments (times are
// step indices; t = step·dt is recomputed on replay exactly as the Sim
// computes it).
type journal struct {
	f   *os.File
	w   *bufio.Writer
	buf []byte
	n   int64 // bytes written so far
}

// Journal record kinds.
const (
	jSpike byte = iota + 1
	jState
	jRate
)

// newJournal creates (truncates) the journal file.
func newJournal(path string) (*journal, error) {
	f, err := os.Create(path)
	if err != nil {
		return nil, fmt.Errorf("checkpoint journal: %w", err)
	}
	return &journal{f: f, w: bufio.NewWriterSize(f, 1<<16)}, nil
}

func (j *journal) write(b []byte) error {
	j.n += int64(len(b))
	_, err := j.w.Write(b)
	return err
}

// flush writes buffered records to the file and returns the valid length.
func (j *journal) flush() (int64, error) {
	if err := j.w.Flush(); err != nil {
		return 0, err
	}
	return j.n, j.f.Sync()
}

func (j *journal) close() error {
	err := j.w.Flush()
	if cerr := j.f.Close(); err == nil {
		err = cerr
	}
	return err
}

// journaledSpikes passes spikes on and records them.
type journaledSpikes struct {
	inner systems.SpikeWriter
	j     *journal
}

// WriteSpike records and forwards one spike.
func (s *journaledSpikes) WriteSpike(t ecs.Tick, pop, neuron int) error {
	b := append(s.j.buf[:0], jSpike)
	b = binary.LittleEndian.AppendUint64(b, uint64(t.Step))
	b = binary.LittleEndian.AppendUint32(b, uint32(pop))
	b = binary.LittleEndian.AppendUint32(b, uint32(neuron))
	s.j.buf = b
	if err := s.j.write(b); err != nil {
		return err
	}
	return s.inner.WriteSpike(t, pop, neuron)
}

// journaledState passes state rows on and records them.
type journaledState struct {
	inner systems.StateWriter
	j     *journal
	vars  map[string]byte
}

// WriteState records and forwards one state row.
func (s *journaledState) WriteState(t ecs.Tick, pop, neuron int, variable string, value float64) error {
	b := append(s.j.buf[:0], jState)
	b = binary.LittleEndian.AppendUint64(b, uint64(t.Step))
	b = binary.LittleEndian.AppendUint32(b, uint32(pop))
	b = binary.LittleEndian.AppendUint32(b, uint32(neuron))
	b = append(b, s.vars[variable])
	b = binary.LittleEndian.AppendUint64(b, math.Float64bits(value))
	s.j.buf = b
	if err := s.j.write(b); err != nil {
		return err
	}
	return s.inner.WriteState(t, pop, neuron, variable, value)
}

// journaledRates passes rates on and records them.
type journaledRates struct {
	inner systems.RateWriter
	j     *journal
}

// WriteRate records and forwards one rate.
func (s *journaledRates) WriteRate(pop, start, steps int64, dtMs, rateHz float64) error {
	b := append(s.j.buf[:0], jRate)
	for _, x := range []uint64{uint64(pop), uint64(start), uint64(steps), math.Float64bits(dtMs), math.Float64bits(rateHz)} {
		b = binary.LittleEndian.AppendUint64(b, x)
	}
	s.j.buf = b
	if err := s.j.write(b); err != nil {
		return err
	}
	return s.inner.WriteRate(pop, start, steps, dtMs, rateHz)
}

// replayJournal feeds the first n bytes of a journal back through the
// writers, which record them again in the new journal.
func replayJournal(r io.Reader, n int64, dtMs float64, sp systems.SpikeWriter, st systems.StateWriter, rt systems.RateWriter) error {
	names := systems.StateVars()
	br := bufio.NewReader(io.LimitReader(r, n))
	u64 := func() (uint64, error) {
		var b [8]byte
		_, err := io.ReadFull(br, b[:])
		return binary.LittleEndian.Uint64(b[:]), err
	}
	u32 := func() (uint32, error) {
		var b [4]byte
		_, err := io.ReadFull(br, b[:])
		return binary.LittleEndian.Uint32(b[:]), err
	}
	tick := func(step uint64) ecs.Tick {
		return ecs.Tick{Step: int64(step), TMs: float64(int64(step)) * dtMs, DtMs: dtMs}
	}
	for {
		kind, err := br.ReadByte()
		if err == io.EOF {
			return nil
		}
		if err != nil {
			return err
		}
		switch kind {
		case jSpike:
			step, e1 := u64()
			pop, e2 := u32()
			neuron, e3 := u32()
			if err := firstErr(e1, e2, e3); err != nil {
				return err
			}
			if err := sp.WriteSpike(tick(step), int(pop), int(neuron)); err != nil {
				return err
			}
		case jState:
			step, e1 := u64()
			pop, e2 := u32()
			neuron, e3 := u32()
			v, e4 := br.ReadByte()
			bits, e5 := u64()
			if err := firstErr(e1, e2, e3, e4, e5); err != nil {
				return err
			}
			if int(v) >= len(names) {
				return fmt.Errorf("journal: unknown variable %d", v)
			}
			if err := st.WriteState(tick(step), int(pop), int(neuron), names[v], math.Float64frombits(bits)); err != nil {
				return err
			}
		case jRate:
			var xs [5]uint64
			for i := range xs {
				if xs[i], err = u64(); err != nil {
					return err
				}
			}
			if err := rt.WriteRate(int64(xs[0]), int64(xs[1]), int64(xs[2]), math.Float64frombits(xs[3]), math.Float64frombits(xs[4])); err != nil {
				return err
			}
		default:
			return fmt.Errorf("journal: unknown record kind %d", kind)
		}
	}
}

// firstErr returns the first non-nil error (io.EOF inside a record is a
// truncated journal).
func firstErr(errs ...error) error {
	for _, e := range errs {
		if e == io.EOF {
			return io.ErrUnexpectedEOF
		}
		if e != nil {
			return e
		}
	}
	return nil
}

// stateVarCodes numbers the state variables for the journal.
func stateVarCodes() map[string]byte {
	m := map[string]byte{}
	for i, v := range systems.StateVars() {
		m[v] = byte(i)
	}
	return m
}
