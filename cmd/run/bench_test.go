package main

import (
	"io"
	"os"
	"path/filepath"
	"strconv"
	"testing"
	"time"

	"github.com/spikecs/spikecs/scenarios"
)

// BenchmarkCOBARecordingOverhead measures what recording costs: each
// iteration runs the coba built-in (1 s, 4000 neurons, about 76,000
// spikes) three times, interleaved, into fresh directories: recording no
// spikes (the summary's counters only), recording every spike to
// spikes.csv, and to spikes.csv plus the .npy columns. It reports the
// simulation loops' times (wall_s of each run, which include recording
// and exclude building and figures) and the overheads relative to no
// recording; the target is <= 15 %.
//
//	go test -run XXX -bench COBARecordingOverhead -benchtime 5x ./cmd/run
func BenchmarkCOBARecordingOverhead(b *testing.B) {
	variants := []struct {
		name   string
		record bool
		format outputFormat
	}{
		{"none", false, outputFormat{csv: true}},
		{"csv", true, outputFormat{csv: true}},
		{"both", true, outputFormat{csv: true, npy: true}},
	}
	wall := make([]float64, len(variants))
	for b.Loop() {
		for i, v := range variants {
			sc, err := scenarios.Load("coba")
			if err != nil {
				b.Fatal(err)
			}
			if !v.record {
				sc.Record.Spikes = nil
			}
			dir, err := os.MkdirTemp(b.TempDir(), "run")
			if err != nil {
				b.Fatal(err)
			}
			sum, err := execute(sc, dir, runConfig{format: v.format})
			if err != nil {
				b.Fatal(err)
			}
			wall[i] += sum.WallS
			_ = os.RemoveAll(filepath.Clean(dir))
		}
	}
	n := float64(b.N)
	b.ReportMetric(wall[0]/n, "s_none/op")
	b.ReportMetric(wall[1]/n, "s_csv/op")
	b.ReportMetric(wall[2]/n, "s_both/op")
	b.ReportMetric(100*(wall[1]/wall[0]-1), "overhead_csv_%")
	b.ReportMetric(100*(wall[2]/wall[0]-1), "overhead_both_%")
}

// BenchmarkSweepWorkers times a sweep of 8 coba runs (-trials 8, 500 ms
// each, no figures) on 1 worker and on 2, and reports the ratio of the
// wall-clock times (target <= 0.6 on a machine with 2 free cores).
//
//	go test -run XXX -bench SweepWorkers -benchtime 2x ./cmd/run
func BenchmarkSweepWorkers(b *testing.B) {
	var secs [2]float64
	for b.Loop() {
		for w := 1; w <= 2; w++ {
			out := filepath.Join(b.TempDir(), "sweep")
			start := time.Now()
			if code := run([]string{"-quiet", "-plots=false", "-trials", "8", "-duration", "500ms",
				"-workers", strconv.Itoa(w), "-out", out, "coba"}, io.Discard, io.Discard); code != exitOK {
				b.Fatalf("exit %d", code)
			}
			secs[w-1] += time.Since(start).Seconds()
		}
	}
	n := float64(b.N)
	b.ReportMetric(secs[0]/n, "s_1worker/op")
	b.ReportMetric(secs[1]/n, "s_2workers/op")
	b.ReportMetric(secs[1]/secs[0], "ratio")
}
