package eprop

import (
	"testing"
	"time"

	"github.com/spikecs/spikecs/ecs"
)

// benchTraces times Traces.Update over the steps of trial on tr's
// network, in the lazy-row form and (baseline, same process, same
// forward states) with every row updated every step, and reports ns per
// synapse per step for both, their ratio, and the forward step alone.
func benchTraces(b *testing.B, tr *Trainer, trial *Trial) {
	l := tr.L
	syn := float64(l.N * l.P())
	lazy := NewTraces(l, tr.Cfg.Outputs, tr.Out.Kappa, tr.Out.C, tr.Cfg.CReg > 0)
	dense := NewTraces(l, tr.Cfg.Outputs, tr.Out.Kappa, tr.Out.C, tr.Cfg.CReg > 0)
	dense.Lazy = false
	if dense.EpsV == nil {
		dense.EpsV = make([]float64, l.N*l.P())
	}
	f := NewForward(l)
	lsig, err := make([]float64, l.N), make([]float64, tr.Cfg.Outputs)
	for i := range lsig {
		lsig[i] = 0.01 * float64(i%7-3)
	}
	var tFwd, tLazy, tDense time.Duration
	steps := 0
	b.ResetTimer()
	for range b.N {
		f.Reset()
		lazy.StartTrial()
		dense.StartTrial()
		for n := range trial.Steps {
			t0 := time.Now()
			if e := f.Advance(trial.X[n*l.In:(n+1)*l.In], tr.wt); e != nil {
				b.Fatal(e)
			}
			t1 := time.Now()
			lazy.Update(f, lsig, err)
			t2 := time.Now()
			dense.Update(f, lsig, err)
			t3 := time.Now()
			tFwd += t1.Sub(t0)
			tLazy += t2.Sub(t1)
			tDense += t3.Sub(t2)
			steps++
		}
	}
	s := float64(steps)
	b.ReportMetric(float64(tLazy.Nanoseconds())/s/syn, "lazy-ns/syn/step")
	b.ReportMetric(float64(tDense.Nanoseconds())/s/syn, "dense-ns/syn/step")
	b.ReportMetric(float64(tDense)/float64(tLazy), "x-dense/lazy")
	b.ReportMetric(float64(tFwd.Nanoseconds())/s, "forward-ns/step")
}

// BenchmarkTraces measures the trace update of e-prop on the two
// scenario networks with their initial weights: eprop-sine (100 LIF,
// 100 inputs, 20 000 synapses) and eprop-evidence (50 LIF + 50 ALIF with
// refractoriness, 40 inputs, 14 000 synapses).
//
//	go test -run XXX -bench BenchmarkTraces -benchtime 20x ./systems/eprop/
func BenchmarkTraces(b *testing.B) {
	b.Run("sine", func(b *testing.B) {
		tr, trial, err := NewSineTrainer(SineOptions{Seed: 1})
		if err != nil {
			b.Fatal(err)
		}
		benchTraces(b, tr, trial)
	})
	b.Run("evidence", func(b *testing.B) {
		tr, err := NewEvidenceTrainer(EvidenceOptions{Seed: 1})
		if err != nil {
			b.Fatal(err)
		}
		benchTraces(b, tr, EvidenceTrial(ecs.Stream(1, "bench")))
	})
}

// BenchmarkSineIteration times one eprop-sine iteration (1000 steps with
// learning and the update) and, as the baseline in the same process, the
// same trial without learning (forward and readout only).
//
//	go test -run XXX -bench BenchmarkSineIteration -benchtime 200x ./systems/eprop/
func BenchmarkSineIteration(b *testing.B) {
	tr, trial, err := NewSineTrainer(SineOptions{Seed: 1})
	if err != nil {
		b.Fatal(err)
	}
	var tLearn, tFwd time.Duration
	b.ResetTimer()
	for range b.N {
		t0 := time.Now()
		if _, err := tr.RunTrial(trial, true, nil); err != nil {
			b.Fatal(err)
		}
		t1 := time.Now()
		if _, err := tr.RunTrial(trial, false, nil); err != nil {
			b.Fatal(err)
		}
		tLearn += t1.Sub(t0)
		tFwd += time.Since(t1)
	}
	b.ReportMetric(float64(tLearn.Microseconds())/float64(b.N)/1000, "ms/iteration")
	b.ReportMetric(float64(tFwd.Microseconds())/float64(b.N)/1000, "forward-ms/iteration")
	b.ReportMetric(float64(tLearn)/float64(tFwd), "x-forward")
}

// BenchmarkEvidenceIteration times one eprop-evidence iteration (a batch
// of 32 trials of 2250 steps with learning, and the Adam update) on two
// workers and, as the baseline in the same process, on one.
//
//	go test -run XXX -bench BenchmarkEvidenceIteration -benchtime 10x ./systems/eprop/
func BenchmarkEvidenceIteration(b *testing.B) {
	tr, err := NewEvidenceTrainer(EvidenceOptions{Seed: 1})
	if err != nil {
		b.Fatal(err)
	}
	r := ecs.Stream(1, "bench")
	batch := make([]*Trial, 32)
	for i := range batch {
		batch[i] = EvidenceTrial(r)
	}
	var t1w, t2w time.Duration
	b.ResetTimer()
	for range b.N {
		t0 := time.Now()
		if _, err := tr.RunBatch(batch, 2); err != nil {
			b.Fatal(err)
		}
		t1 := time.Now()
		if _, err := tr.RunBatch(batch, 1); err != nil {
			b.Fatal(err)
		}
		t2w += t1.Sub(t0)
		t1w += time.Since(t1)
	}
	b.ReportMetric(t2w.Seconds()/float64(b.N), "s/iteration-2workers")
	b.ReportMetric(t1w.Seconds()/float64(b.N), "s/iteration-1worker")
	b.ReportMetric(float64(t1w)/float64(t2w), "x-speedup")
}
