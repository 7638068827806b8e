package main

import (
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strconv"
	"time"

	"github.com/spikecs/spikecs/components"
	"github.com/spikecs/spikecs/scenarios"
	"github.com/spikecs/spikecs/systems/eprop"
)

// The built-in training scenarios (docs/learning.md, docs/scenarios.md):
// they train a recurrent spiking network with e-prop instead of running a
// YAML scenario.
const (
	epropSineName     = "eprop-sine"
	epropEvidenceName = "eprop-evidence"
)

// epropSummaries lists the training scenarios for -list: name, summary.
func epropSummaries() [][2]string {
	return [][2]string{
		{epropSineName, "e-prop: 100 LIF neurons learn a sum of sines from frozen Poisson input (Bellec et al. Fig. S7)"},
		{epropEvidenceName, "e-prop: 50 LIF + 50 ALIF neurons learn evidence accumulation (Bellec et al. Fig. 3)"},
	}
}

// trainSummary is summary.json of a training scenario.
type trainSummary struct {
	Scenario    string       `json:"scenario"`
	Seed        uint64       `json:"seed"`
	Interrupted bool         `json:"interrupted"` // stopped by SIGINT/SIGTERM before its iterations
	Version     string       `json:"version"`     // the runner's build (see buildVersion)
	Sets        []string     `json:"set"`         // the -set options the run was given, path=value
	Training    trainingInfo `json:"training"`
	Files       []string     `json:"files"`
}

// trainingInfo is the "training" object of summary.json.
type trainingInfo struct {
	Iterations        int      `json:"iterations"`         // iterations done
	IterationsPlanned int      `json:"iterations_planned"` // the most it would run
	LossLast100Mean   float64  `json:"loss_last100_mean"`
	WallS             float64  `json:"wall_s"`
	Accuracy          *float64 `json:"accuracy,omitempty"` // last validation accuracy (classification)
	Init              string   `json:"init,omitempty"`     // directory the initial weights came from
}

// trainOptions are the -set keys a training scenario accepts.
type trainOptions struct {
	iterations int
	init       string
	feedback   *eprop.FeedbackKind // nil: the scenario's default
	numpyData  bool                // eprop-sine: -set data=numpy (NEST's data for the seed)
	bellec     bool                // -set reset=bellec (Bellec's/NEST's reset depth)
	// refractory is -set refractory=hold|block (eprop-evidence); nil: the
	// scenario's default.
	refractory *components.RefractoryMode
	// stopping is -set stopping=reference|fixed (eprop-evidence); nil:
	// the reference's rule.
	stopping *eprop.EvidenceStopping
}

// parseTrainSets reads -set iterations=N, init=DIR, feedback=KIND,
// reset=bellec|spikecs, for eprop-sine data=numpy|spikecs and for
// eprop-evidence refractory=hold|block and stopping=reference|fixed.
func parseTrainSets(o *options) (trainOptions, error) {
	var t trainOptions
	for _, s := range o.sets {
		switch s.Path {
		case "iterations":
			n, err := strconv.Atoi(s.Value)
			if err != nil || n < 1 {
				return t, fmt.Errorf("-set iterations: expected a whole number >= 1, got %q", s.Value)
			}
			t.iterations = n
		case "init":
			t.init = s.Value
		case "feedback":
			f, err := eprop.ParseFeedback(s.Value)
			if err != nil {
				return t, fmt.Errorf("-set feedback: %w", err)
			}
			t.feedback = &f
		case "data":
			if s.Value != "numpy" && s.Value != "spikecs" {
				return t, fmt.Errorf("-set data: expected numpy or spikecs, got %q", s.Value)
			}
			t.numpyData = s.Value == "numpy"
		case "reset":
			if s.Value != "bellec" && s.Value != "spikecs" {
				return t, fmt.Errorf("-set reset: expected bellec or spikecs, got %q", s.Value)
			}
			t.bellec = s.Value == "bellec"
		case "refractory":
			m, err := components.ParseRefractoryMode(s.Value)
			if err != nil {
				return t, fmt.Errorf("-set refractory: %w", err)
			}
			t.refractory = &m
		case "stopping":
			r, err := eprop.ParseEvidenceStopping(s.Value)
			if err != nil {
				return t, fmt.Errorf("-set stopping: %w", err)
			}
			t.stopping = &r
		default:
			return t, fmt.Errorf("-set %s: unknown key for a training scenario; valid: iterations, init, feedback, data, reset, refractory, stopping", s.Path)
		}
	}
	return t, nil
}

// runTraining runs eprop-sine or eprop-evidence and writes loss.csv,
// loss.png, readout.png, the weights (.npy), report.html and
// summary.json. SIGINT and
// SIGTERM stop it after the current iteration with what was trained so
// far; -checkpoint-every saves its state for -resume.
func runTraining(o *options, stdout, stderr io.Writer) int {
	if o.experiment() || o.duration != "" {
		return fail(stderr, exitUsage, fmt.Errorf("%s takes only -seed, -set (iterations, init, feedback, data, reset, refractory, stopping), -out, -force, -plots, -quiet, -checkpoint-every and -resume", o.scenario))
	}
	if o.checkpoint < 0 {
		return fail(stderr, exitUsage, fmt.Errorf("-checkpoint-every: must be > 0, got %v", o.checkpoint))
	}
	var resume *trainCheckpoint
	if o.resume != "" {
		if len(o.sets) > 0 || o.seed != "" || o.scenario != scenarios.DefaultName {
			return fail(stderr, exitUsage, fmt.Errorf("-resume continues a run exactly: give only -resume DIR (and optionally -out, -checkpoint-every, -quiet)"))
		}
		ck, err := readTrainCheckpoint(o.resume)
		if err != nil {
			return fail(stderr, exitUsage, err)
		}
		o.scenario, o.sets, o.plots, o.seed = ck.Scenario, ck.Sets, ck.Plots, strconv.FormatUint(ck.Seed, 10)
		if o.out == "" {
			o.out = ck.Out
		}
		resume = ck
	}
	topts, err := parseTrainSets(o)
	if err != nil {
		return fail(stderr, exitUsage, err)
	}
	seed := uint64(1)
	if o.seed != "" {
		if seed, err = parseSeed(o.seed); err != nil {
			return fail(stderr, exitUsage, err)
		}
	}
	var init *eprop.Weights
	if topts.init != "" && resume == nil { // a resumed run has its weights
		w, err := readWeights(topts.init)
		if err != nil {
			return fail(stderr, exitUsage, err)
		}
		init = &w
	}
	if err := checkTrainSets(o.scenario, topts); err != nil {
		return fail(stderr, exitUsage, err)
	}
	if o.validate {
		if !o.quiet {
			fmt.Fprintf(stdout, "%s: ok (a built-in training scenario)\n", o.scenario)
		}
		return exitOK
	}
	out := o.out
	if out == "" {
		out = filepath.Join("out", o.scenario)
	}
	tg, err := prepareOut(out, o.guard(stderr))
	if err != nil {
		return fail(stderr, outErrorCode(err), err)
	}
	defer tg.release()
	var ckpt eprop.CheckpointFunc
	if o.checkpoint > 0 {
		meta := trainCheckpoint{Scenario: o.scenario, Seed: seed, Sets: o.sets, Plots: o.plots, Out: out}
		if ckpt, err = trainCheckpointer(checkpointDir(out), o.checkpoint, meta); err != nil {
			return fail(stderr, exitRun, err)
		}
	}
	var state *eprop.TrainState
	if resume != nil {
		state = resume.State
	}
	sw, release := watchSignals(tg.abort)
	defer release()
	start := time.Now()
	var res *eprop.TrainResult
	iters := topts.iterations
	switch o.scenario {
	case epropSineName:
		so := eprop.SineOptions{Seed: seed, Iterations: topts.iterations, Feedback: topts.feedback, Init: init,
			NumpyData: topts.numpyData, BellecReset: topts.bellec, Stop: sw.stop.Load, Checkpoint: ckpt, Resume: state}
		if iters == 0 {
			iters = 2000
		}
		bar := newProgress(stderr, o.quiet, o.scenario, int64(iters)*1000)
		if state != nil {
			bar.add(state.Iterations*1000, 0)
		}
		so.Progress = func(int, float64) { bar.add(1000, 1) }
		res, err = eprop.RunSine(so)
		bar.finish()
	case epropEvidenceName:
		eo := eprop.EvidenceOptions{Seed: seed, Iterations: topts.iterations, Feedback: topts.feedback, Init: init,
			BellecReset: topts.bellec, Refractory: topts.refractory, Stop: sw.stop.Load, Checkpoint: ckpt, Resume: state}
		if topts.stopping != nil {
			eo.Stopping = *topts.stopping
		}
		if iters == 0 {
			iters = 500
		}
		bar := newProgress(stderr, o.quiet, o.scenario, int64(iters))
		if state != nil {
			bar.add(state.Iterations, 0)
		}
		eo.Progress = func(int, float64, float64) { bar.add(1, 1) }
		res, err = eprop.RunEvidence(eo)
		bar.finish()
	}
	if err != nil {
		return fail(stderr, exitRun, fmt.Errorf("%s: %w", o.scenario, err))
	}
	sum := trainSummary{Scenario: o.scenario, Seed: seed, Interrupted: res.Interrupted, Version: buildVersion(), Sets: setStrings(o.sets),
		Training: trainingInfo{Iterations: len(res.Loss), IterationsPlanned: iters,
			LossLast100Mean: lastMean(res.Loss, 100), WallS: time.Since(start).Seconds(), Init: topts.init}}
	if res.Validation != nil {
		a := 1 - res.ValidationError
		sum.Training.Accuracy = &a
	}
	err = tg.publish(func(tmp string) error {
		kind := builtinPlotKind(o)
		files, figs, err := writeTraining(tmp, o.scenario, res, kind)
		if err != nil {
			return err
		}
		if err := writeReportPage(tmp, trainingReport(sum), figs, kind); err != nil {
			return err
		}
		sum.Files = append(files, reportFile, "summary.json")
		return writeJSON(filepath.Join(tmp, "summary.json"), sum)
	})
	if err != nil {
		return fail(stderr, exitRun, err)
	}
	if !res.Interrupted && (o.checkpoint > 0 || o.resume != "") {
		_ = os.RemoveAll(checkpointDir(out))
	}
	if !o.quiet {
		fmt.Fprintf(stdout, "%s, seed %d: %d iterations, mean loss of the last %d %.4g", o.scenario, seed, sum.Training.Iterations, min(100, sum.Training.Iterations), sum.Training.LossLast100Mean)
		if sum.Training.Accuracy != nil {
			fmt.Fprintf(stdout, ", validation accuracy %.1f %%", 100**sum.Training.Accuracy)
		}
		fmt.Fprintf(stdout, " in %.2f s\noutputs in %s\n", sum.Training.WallS, out)
	}
	if res.Interrupted {
		where := ""
		if o.checkpoint > 0 {
			where = fmt.Sprintf("; continue with -resume %s", checkpointDir(out))
		}
		fmt.Fprintf(stderr, "run: interrupted after %d of %d iterations; what was trained is in %s%s\n", len(res.Loss), iters, out, where)
		return sw.exitCode()
	}
	return exitOK
}

// setStrings spells -set options as path=value.
func setStrings(sets []scenarios.Override) []string {
	out := []string{}
	for _, s := range sets {
		out = append(out, s.Path+"="+s.Value)
	}
	return out
}

// checkTrainSets refuses the -set keys that do not apply to the scenario.
func checkTrainSets(name string, t trainOptions) error {
	switch name {
	case epropSineName:
		if t.refractory != nil {
			return fmt.Errorf("-set refractory applies to %s only (%s has no refractory period)", epropEvidenceName, epropSineName)
		}
		if t.stopping != nil {
			return fmt.Errorf("-set stopping applies to %s only (%s trains for its iterations)", epropEvidenceName, epropSineName)
		}
	case epropEvidenceName:
		if t.numpyData {
			return fmt.Errorf("-set data applies to %s only", epropSineName)
		}
	}
	return nil
}

// lastMean is the mean of the last n values (all when fewer).
func lastMean(xs []float64, n int) float64 {
	if len(xs) == 0 {
		return 0
	}
	tail := xs[max(len(xs)-n, 0):]
	s := 0.0
	for _, x := range tail {
		s += x
	}
	return s / float64(len(tail))
}
