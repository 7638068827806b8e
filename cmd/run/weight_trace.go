package main

import (
	"bufio"
	"encoding/binary"
	"errors"
	"fmt"
	"math"
	"os"
	"path/filepath"
	"strconv"

	"github.com/spikecs/spikecs/components"
	"github.com/spikecs/spikecs/ecs"
	"github.com/spikecs/spikecs/scenarios"
	"github.com/spikecs/spikecs/systems"
)

// weightTrace records the weights of one plastic projection every Every
// steps (record.weights), after the step's learning: with npy,
// <base>_trace.npy, a float64 T×S array (row: recorded step, column:
// synapse in the storage order of <base>.npy), and <base>_trace_t_ms.npy,
// the T times; with csv, <base>_trace.csv with the columns t_ms, s0, s1,
// … Both are streamed: memory does not grow with T.
type weightTrace struct {
	pr    *components.Projection
	every int64
	npy   *npyMatrix
	times *npyColumn
	csv   *csvFile
	line  []byte
}

// Name returns "weight-trace".
func (*weightTrace) Name() string { return "weight-trace" }

// Update writes the weights at the recorded steps.
func (w *weightTrace) Update(_ *ecs.Sim, t ecs.Tick) error {
	if t.Step%w.every != 0 {
		return nil
	}
	if w.npy != nil {
		w.npy.row(w.pr.Weights)
		w.times.float64(t.TMs)
	}
	if w.csv != nil {
		b := appendTime(w.line[:0], t)
		for _, x := range w.pr.Weights {
			b = append(b, ',')
			b = strconv.AppendFloat(b, x, 'g', -1, 64)
		}
		b = append(b, '\n')
		w.line = b
		if _, err := w.csv.w.Write(b); err != nil {
			return fmt.Errorf("writing %s: %w", w.csv.f.Name(), err)
		}
	}
	return nil
}

// close flushes and closes the files.
func (w *weightTrace) close() error {
	var errs []error
	if w.npy != nil {
		errs = append(errs, w.npy.close(), w.times.close())
	}
	if w.csv != nil {
		errs = append(errs, w.csv.close())
	}
	return errors.Join(errs...)
}

// weightTraces are the weight recorders of a run.
type weightTraces []*weightTrace

// closeAll closes every recorder once.
func (ws *weightTraces) closeAll() error {
	var errs []error
	for _, w := range *ws {
		errs = append(errs, w.close())
	}
	*ws = nil
	return errors.Join(errs...)
}

// attachWeightTraces adds a recorder per record.weights entry to sim's
// record stage, writing into dir. net holds the plastic projections.
func attachWeightTraces(dir string, sc *scenarios.Scenario, sim *ecs.Sim, net *systems.Network, format outputFormat) (weightTraces, error) {
	var out weightTraces
	fail := func(err error) (weightTraces, error) {
		_ = out.closeAll()
		return nil, err
	}
	for _, rec := range sc.Record.Weights {
		var pr *components.Projection
		if net != nil {
			for _, p := range net.Plastic() {
				if p.Name == rec.Projection {
					pr = p
				}
			}
		}
		if pr == nil { // the loader checks this; a programmatic scenario may not have
			return fail(&scenarios.Error{File: sc.File, Line: rec.Line, Key: fmt.Sprintf("record.weights[%d].projection", rec.Index), Msg: fmt.Sprintf("projection %q has no learning", rec.Projection)})
		}
		w := &weightTrace{pr: pr, every: max(1, ecs.StepOf(rec.EveryMs, sim.DtMs()))}
		out = append(out, w)
		base := filepath.Join(dir, weightsFile(pr.Name)+"_trace")
		if format.npy {
			var err error
			if w.npy, err = newNPYMatrix(base+".npy", len(pr.Weights)); err != nil {
				return fail(err)
			}
			if w.times, err = newNPYColumn(base+"_t_ms.npy", "<f8"); err != nil {
				return fail(err)
			}
		}
		if format.csv {
			header := make([]byte, 0, 8*len(pr.Weights)+4)
			header = append(header, "t_ms"...)
			for k := range pr.Weights {
				header = append(header, ",s"...)
				header = strconv.AppendInt(header, int64(k), 10)
			}
			var err error
			if w.csv, err = createCSV(base+".csv", string(header)); err != nil {
				return fail(err)
			}
		}
		if err := sim.AddSystem(ecs.StageRecord, w); err != nil {
			return fail(err)
		}
	}
	return out, nil
}

// npyMatrix streams a 2-D float64 array of rows of a fixed width into a
// .npy file: the header is rewritten with the row count on close.
type npyMatrix struct {
	f    *os.File
	w    *bufio.Writer
	cols int
	rows int64
	buf  [8]byte
	err  error
}

// newNPYMatrix creates path for rows of cols float64 values.
func newNPYMatrix(path string, cols int) (*npyMatrix, error) {
	f, err := os.Create(path)
	if err != nil {
		return nil, fmt.Errorf("output: %w", err)
	}
	m := &npyMatrix{f: f, w: bufio.NewWriterSize(f, 1<<16), cols: cols}
	if _, err := m.w.Write(npyMatrixHeader(0, cols)); err != nil {
		f.Close()
		return nil, fmt.Errorf("writing %s: %w", path, err)
	}
	return m, nil
}

// npyMatrixHeader is the npyHeaderLen-byte header of a rows×cols C-order
// float64 array.
func npyMatrixHeader(rows int64, cols int) []byte {
	dict := "{'descr': '<f8', 'fortran_order': False, 'shape': (" + strconv.FormatInt(rows, 10) + ", " + strconv.Itoa(cols) + "), }"
	h := make([]byte, 0, npyHeaderLen)
	h = append(h, "\x93NUMPY\x01\x00"...)
	h = binary.LittleEndian.AppendUint16(h, npyHeaderLen-10)
	h = append(h, dict...)
	for len(h) < npyHeaderLen-1 {
		h = append(h, ' ')
	}
	return append(h, '\n')
}

// row appends one row (len(xs) must be cols).
func (m *npyMatrix) row(xs []float64) {
	for _, x := range xs {
		if m.err != nil {
			return
		}
		binary.LittleEndian.PutUint64(m.buf[:], math.Float64bits(x))
		_, m.err = m.w.Write(m.buf[:])
	}
	m.rows++
}

// close flushes, rewrites the header with the row count and closes.
func (m *npyMatrix) close() error {
	err := m.err
	if err == nil {
		err = m.w.Flush()
	}
	if err == nil {
		_, err = m.f.WriteAt(npyMatrixHeader(m.rows, m.cols), 0)
	}
	if cerr := m.f.Close(); err == nil {
		err = cerr
	}
	if err != nil {
		return fmt.Errorf("writing %s: %w", m.f.Name(), err)
	}
	return nil
}

// checkpointable reports why sc cannot be checkpointed: the state of its
// OU noise inputs and its weight recorders is not part of a checkpoint
// yet, so a resumed run would not be identical.
func checkpointable(sc *scenarios.Scenario) error {
	for _, in := range sc.Inputs {
		if in.Noise != nil && in.Noise.Kind == systems.NoiseOU {
			return &scenarios.Error{File: sc.File, Line: in.Line, Key: fmt.Sprintf("inputs[%d].noise", in.Index), Msg: "-checkpoint-every and -resume do not support Ornstein-Uhlenbeck noise yet (its state is not saved); run without checkpoints"}
		}
	}
	if len(sc.Record.Weights) > 0 {
		w := sc.Record.Weights[0]
		return &scenarios.Error{File: sc.File, Line: w.Line, Key: "record.weights", Msg: "-checkpoint-every and -resume do not support weight recording yet; run without checkpoints"}
	}
	return nil
}
