package main

import (
	"github.com/spikecs/spikecs/ecs"
)

// Limits of traces.png: the first maxTraceSeries series (neuron and
// variable) of each variable are drawn, each with at most
// 2·traceBuckets points.
const (
	maxTraceSeries = 8
	traceBuckets   = 1000
)

// traceKey names one recorded series.
type traceKey struct {
	pop, neuron int
	variable    string
}

// traceSeries is one series kept for traces.png.
type traceSeries struct {
	key traceKey
	dec decimator
}

// traceCollector keeps, for traces.png, the first maxTraceSeries series
// of every variable, decimated (see decimator). The recorders write the
// same sequence of (population, neuron, variable) at every step they
// record, so the series of a row is usually the one at the row's position
// in the step (a comparison); otherwise (state strides make steps differ)
// it is looked up by key and the position is remembered.
type traceCollector struct {
	series  []*traceSeries            // kept series, in order of first appearance
	byKey   map[traceKey]*traceSeries // every series seen; nil: not drawn
	slots   []traceSlot               // the series of the step's i-th row, last seen
	perVar  map[string]int            // series kept per variable
	skipped map[string]int            // series not drawn per variable
	step    int64                     // step of the current row sequence
	cursor  int                       // position of the next row in the step
	started bool
}

// traceSlot remembers the series of one position in a step's rows.
type traceSlot struct {
	key    traceKey
	series *traceSeries
}

// newTraceCollector returns an empty collector.
func newTraceCollector() *traceCollector {
	return &traceCollector{byKey: map[traceKey]*traceSeries{}, perVar: map[string]int{}, skipped: map[string]int{}}
}

// add takes one state row.
func (c *traceCollector) add(t ecs.Tick, pop, neuron int, variable string, value float64) {
	if !c.started || t.Step != c.step {
		c.started, c.step, c.cursor = true, t.Step, 0
	}
	i := c.cursor
	c.cursor++
	key := traceKey{pop: pop, neuron: neuron, variable: variable}
	var s *traceSeries
	if i < len(c.slots) && c.slots[i].key == key {
		s = c.slots[i].series
	} else {
		s = c.lookup(key)
		if i < len(c.slots) {
			c.slots[i] = traceSlot{key, s}
		} else {
			c.slots = append(c.slots, traceSlot{key, s})
		}
	}
	if s != nil {
		s.dec.add(t.Step, t.TMs, value)
	}
}

// lookup returns the series of key, creating it the first time (nil when
// its variable already has maxTraceSeries series).
func (c *traceCollector) lookup(key traceKey) *traceSeries {
	if s, ok := c.byKey[key]; ok {
		return s
	}
	var s *traceSeries
	if c.perVar[key.variable] < maxTraceSeries {
		s = &traceSeries{key: key, dec: decimator{width: 1, limit: traceBuckets}}
		c.series = append(c.series, s)
		c.perVar[key.variable]++
	} else {
		c.skipped[key.variable]++
	}
	c.byKey[key] = s
	return s
}

// bucket is the extremes of one run of steps.
type bucket struct {
	idx        int64 // step / width
	minT, maxT float64
	min, max   float64
}

// decimator keeps a series as min/max buckets of width steps: at most
// limit buckets, merging neighbours (doubling width) when there are more.
// Extremes survive, so spikes in V stay visible however long the run.
type decimator struct {
	width   int64
	limit   int
	buckets []bucket
}

// add takes the value of one step; steps come in increasing order.
func (d *decimator) add(step int64, tMs, v float64) {
	idx := step / d.width
	n := len(d.buckets)
	if n == 0 || d.buckets[n-1].idx != idx {
		d.buckets = append(d.buckets, bucket{idx: idx, minT: tMs, maxT: tMs, min: v, max: v})
		if len(d.buckets) > d.limit {
			d.merge()
		}
		return
	}
	b := &d.buckets[n-1]
	if v < b.min {
		b.min, b.minT = v, tMs
	}
	if v > b.max {
		b.max, b.maxT = v, tMs
	}
}

// merge doubles the width, combining buckets that now share an index.
func (d *decimator) merge() {
	d.width *= 2
	out := d.buckets[:0]
	for _, b := range d.buckets {
		b.idx /= 2
		if n := len(out); n > 0 && out[n-1].idx == b.idx {
			o := &out[n-1]
			if b.min < o.min {
				o.min, o.minT = b.min, b.minT
			}
			if b.max > o.max {
				o.max, o.maxT = b.max, b.maxT
			}
			continue
		}
		out = append(out, b)
	}
	d.buckets = out
}

// points returns the kept (t, value) points in time order.
func (d *decimator) points() (ts, vs []float64) {
	for _, b := range d.buckets {
		switch {
		case b.minT == b.maxT:
			ts, vs = append(ts, b.minT), append(vs, b.min)
		case b.minT < b.maxT:
			ts, vs = append(ts, b.minT, b.maxT), append(vs, b.min, b.max)
		default:
			ts, vs = append(ts, b.maxT, b.minT), append(vs, b.max, b.min)
		}
	}
	return ts, vs
}
