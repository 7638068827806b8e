package main

import (
	"errors"
	"fmt"
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
	npy   *npyColumn
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
		for _, x := range w.pr.Weights {
			w.npy.float64(x)
		}
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
			if w.npy, err = newNPYMatrix(base+".npy", "<f8", len(pr.Weights)); err != nil {
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
