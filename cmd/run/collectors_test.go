package main

import (
	"bytes"
	"math"
	"os"
	"path/filepath"
	"testing"

	"codeberg.org/sbinet/npyio/npy"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/spikecs/spikecs/ecs"
)

func TestNPYHeaderIsAFixed128BytesReadableByNpyio(t *testing.T) {
	for _, n := range []int64{0, 7, math.MaxInt64} {
		h := npyHeader("<f8", n, 0)
		assert.Len(t, h, npyHeaderLen, "n = %d: fixed header length, so close can rewrite it in place", n)
		assert.Equal(t, byte('\n'), h[len(h)-1], "the dictionary ends with a newline (NEP 1)")
	}
	path := filepath.Join(t.TempDir(), "x.npy")
	c, err := newNPYColumn(path, "<i4")
	require.NoError(t, err)
	for i := range int32(1000) {
		c.int32(i - 500)
	}
	require.NoError(t, c.close())
	data, err := os.ReadFile(path)
	require.NoError(t, err)
	var xs []int32
	require.NoError(t, npy.Read(bytes.NewReader(data), &xs))
	require.Len(t, xs, 1000)
	assert.Equal(t, int32(-500), xs[0])
	assert.Equal(t, int32(499), xs[999])
	assert.Len(t, data, npyHeaderLen+4000, "header + 4 bytes per value")
}

func TestRasterSampleStaysBoundedAndKeepsWholeRows(t *testing.T) {
	r := newRasterSample(1000, 300, []int{4000, 1000})
	assert.Equal(t, int32(32), r.neuronStride, "4000+1000 neurons in at most 300 rows: every 32nd neuron (every 16th would be 313 rows)")
	for step := range int64(2000) {
		for n := 0; n < 4000; n += 3 {
			r.add(ecs.Tick{Step: step, TMs: float64(step)}, 0, n)
		}
	}
	assert.LessOrEqual(t, len(r.pts), 1000, "never more than the limit")
	assert.Greater(t, len(r.pts), 250, "thinning halves, it does not empty the sample")
	for _, p := range r.pts {
		assert.Zero(t, p.neuron%r.neuronStride, "only neurons on the stride are kept")
	}
	assert.Equal(t, int64(2000*1334), r.total)
	assert.Contains(t, r.note(), "neuron")

	small := newRasterSample(10, 300, []int{1})
	for step := range int64(100) {
		small.add(ecs.Tick{Step: step}, 0, 0)
	}
	assert.LessOrEqual(t, len(small.pts), 10, "one neuron: thinned by spikes")
	assert.Greater(t, small.spikeStride, int64(1))
	assert.Contains(t, small.note(), "spike")
	assert.Empty(t, newRasterSample(10, 300, []int{3}).note(), "nothing thinned: no note")
}

func TestDecimatorKeepsExtremesInBoundedPoints(t *testing.T) {
	d := decimator{width: 1, limit: 100}
	for step := range int64(100_000) {
		v := math.Sin(float64(step) / 1000)
		if step == 54_321 {
			v = 10 // a one-step spike
		}
		d.add(step, float64(step)*0.1, v)
	}
	ts, vs := d.points()
	assert.LessOrEqual(t, len(vs), 200, "at most two points per bucket")
	assert.Contains(t, vs, 10.0, "a one-step extreme survives decimation")
	assert.Contains(t, ts, 5432.1, "at its own time")
	for i := 1; i < len(ts); i++ {
		assert.LessOrEqual(t, ts[i-1], ts[i], "points come in time order")
	}
}

func TestRateBinsAreRoundAndFew(t *testing.T) {
	cases := []struct {
		steps int
		dtMs  float64
		want  int64 // steps per bin
	}{
		{10000, 0.1, 100}, // 1 s: 10 ms bins
		{2000, 0.1, 20},   // 200 ms: 2 ms bins
		{500, 0.1, 10},    // 50 ms: 1 ms bins (not less)
		{30, 0.1, 5},      // 3 ms: at least a tenth of the run, 0.5 ms
		{100, 1, 1},       // dt 1 ms
		{100000, 0.1, 1000},
	}
	for _, c := range cases {
		assert.Equal(t, c.want, rateBinSteps(c.steps, c.dtMs), "%d steps of %g ms", c.steps, c.dtMs)
	}
}

func TestSpikeStatsRateAndCV(t *testing.T) {
	s := newSpikeStats([]int{2}, 1000, 0.1)          // 100 ms, 1 ms bins
	for _, step := range []int64{0, 100, 200, 300} { // regular: CV 0
		s.add(ecs.Tick{Step: step, TMs: float64(step) * 0.1}, 0, 0)
	}
	for _, step := range []int64{0, 100, 300} { // ISIs 10, 20 ms: sd 5, mean 15
		s.add(ecs.Tick{Step: step, TMs: float64(step) * 0.1}, 0, 1)
	}
	cv, ok := s.cvISI(0)
	require.True(t, ok)
	assert.InDelta(t, (0+5.0/15)/2, cv, 1e-12, "mean of the neurons' sd/mean")
	starts, hz := s.rateHz(0, 1000)
	require.Len(t, starts, 100)
	assert.InDelta(t, 2/2/1e-3, hz[0], 1e-9, "2 spikes of 2 neurons in 1 ms = 1000 Hz")
	starts, _ = s.rateHz(0, 150)
	assert.Len(t, starts, 15, "only the steps run")
	_, ok = newSpikeStats([]int{1}, 10, 0.1).cvISI(0)
	assert.False(t, ok, "no spikes: no CV")
}

func TestNiceTicksAndNumbers(t *testing.T) {
	var labels []string
	for _, tk := range (niceTicks{}).Ticks(0, 50) {
		if tk.Label != "" {
			labels = append(labels, tk.Label)
		}
	}
	assert.Equal(t, []string{"0", "10", "20", "30", "40", "50"}, labels)
	labels = nil
	for _, tk := range (niceTicks{}).Ticks(-0.3, 0.3) {
		if tk.Label != "" {
			labels = append(labels, tk.Label)
		}
	}
	assert.Equal(t, []string{"-0.3", "-0.2", "-0.1", "0.0", "0.1", "0.2", "0.3"}, labels)
	assert.Equal(t, "76,058", thousands(76058))
	assert.Equal(t, "2nd", ordinal(2))
	assert.Equal(t, "16th", ordinal(16))
	assert.Equal(t, "12th", ordinal(12))
}

func TestTraceCollectorFollowsSeriesWhenStepsDiffer(t *testing.T) {
	c := newTraceCollector()
	for step := range int64(100) {
		tk := ecs.Tick{Step: step, TMs: float64(step)}
		if step%10 == 0 { // a strided recorder writes first on some steps
			c.add(tk, 0, 0, "V", -float64(step))
		}
		c.add(tk, 0, 1, "V", float64(step))
	}
	require.Len(t, c.series, 2)
	for _, s := range c.series {
		_, vs := s.dec.points()
		if s.key.neuron == 0 {
			assert.Len(t, vs, 10, "neuron 0: the 10 strided values")
			for _, v := range vs {
				assert.LessOrEqual(t, v, 0.0, "neuron 0 gets only its own values")
			}
		} else {
			assert.Len(t, vs, 100)
			for _, v := range vs {
				assert.GreaterOrEqual(t, v, 0.0, "neuron 1 gets only its own values")
			}
		}
	}
	for i := range maxTraceSeries + 3 {
		c.add(ecs.Tick{Step: 200}, 1, i, "a", 0)
	}
	assert.Equal(t, 3, c.skipped["a"], "series beyond the limit are counted, not kept")
	assert.Contains(t, c.note(), "3 series of a")
}
