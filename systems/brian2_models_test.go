package systems_test

import (
	"maps"
	"math"
	"slices"
	"testing"

	"github.com/stretchr/testify/require"

	"github.com/spikecs/spikecs/ecs"
)

// goTrace is a Go run of a reference case: V, the model's second variable
// (w or u; nil for ExpIF/QIF) and the spike steps per neuron.
type goTrace struct {
	V, X   [][]float64 // [step][neuron]
	spikes [][]int     // per neuron
}

// runRefCase runs case c in Go for its whole duration.
func runRefCase(t *testing.T, c refCase) (*ecs.Model, goTrace) {
	t.Helper()
	m := refModel(t, c.Model)
	ps := make([]map[string]float64, len(c.Neurons))
	for i, n := range c.Neurons {
		ps[i] = n.Params
	}
	sim, id := refSim(t, m, c.Method, c.DtMs, ps)
	var off uintptr
	extra := len(c.Columns) > 3
	if extra {
		off = stateVar(t, m, c.Columns[3])
	}
	steps := int(math.Round(c.DurationMs / c.DtMs))
	tr := goTrace{V: make([][]float64, steps), X: make([][]float64, steps), spikes: make([][]int, len(ps))}
	for n := range steps {
		require.NoError(t, sim.Step())
		v, err := sim.Bind(id)
		require.NoError(t, err)
		tr.V[n], tr.X[n] = make([]float64, len(ps)), make([]float64, len(ps))
		for i := range ps {
			tr.V[n][i] = v.Membrane[i].V
			if extra {
				tr.X[n][i] = ecs.ColumnFloat(v, 0, i, off)
			}
			if v.Spike[i].S != 0 {
				tr.spikes[i] = append(tr.spikes[i], n)
			}
		}
		require.NoError(t, sim.Unbind(v))
	}
	return m, tr
}

// refAgreement is how a neuron's Go run agrees with Brian2.
type refAgreement struct {
	spikeMismatch  int     // first step where the spike steps differ, -1: none
	relV, relX     float64 // largest relative difference of V and of w/u before windowEnd
	aboveV, aboveX int     // first stored step with a relative difference of V (w/u) > 1e-9, -1: none
}

// compareRefCase compares a Go run against the case's reference files:
// the first spike mismatch over the whole run and the largest relative
// differences of V and w/u at the stored steps before windowEnd[i] of
// each neuron (and before its first spike mismatch).
//
// Relative differences: |ΔV|/max(1 mV, |V|); u the same with 1 mV/ms; w
// against max(|w|, 1e-2·max|w| of that neuron's trace), so that the
// rounding-level noise of a w that starts at exactly 0 is measured
// against the trace's scale. In a spike step ExpIF and AdEx store
// min(V, V_th) = V_th (the whole right-hand side is evaluated at
// min(V, V_th)), while Brian2 records the unclipped V ≥ V_th; there the Go
// value must be exactly V_th.
func compareRefCase(t *testing.T, c refCase, tr goTrace, windowEnd []int) []refAgreement {
	t.Helper()
	n := len(c.Neurons)
	ref := make([][]int, n)
	for _, row := range readRefCSV(t, c.Spikes) {
		ref[int(row[1])] = append(ref[int(row[1])], int(math.Round(row[0]/c.DtMs)))
	}
	out := make([]refAgreement, n)
	for i := range out {
		out[i] = refAgreement{spikeMismatch: firstMismatch(tr.spikes[i], ref[i]), aboveV: -1, aboveX: -1}
	}
	rows := readRefCSV(t, c.Trace)
	xScale := make([]float64, n)
	if len(c.Columns) > 3 {
		for _, row := range rows {
			xScale[int(row[1])] = max(xScale[int(row[1])], math.Abs(row[3]))
		}
	}
	clips := c.Model == "expif" || c.Model == "adex"
	for _, row := range rows {
		step, i := int(math.Round(row[0]/c.DtMs)), int(row[1])
		require.Less(t, step, len(tr.V), "%s: reference row beyond the run", c.Name)
		a := &out[i]
		if step >= windowEnd[i] || a.spikeMismatch >= 0 && step >= a.spikeMismatch {
			continue
		}
		vRef, vGo := row[2], tr.V[step][i]
		var rel float64
		if vth := c.Neurons[i].Params["V_th"]; clips && vRef >= vth {
			rel = math.Abs(vGo - vth) // must be exactly V_th
		} else {
			rel = math.Abs(vGo-vRef) / max(1, math.Abs(vRef))
		}
		relX := 0.0
		if len(c.Columns) > 3 {
			xRef, xGo := row[3], tr.X[step][i]
			floor := 1.0 // u: mV/ms
			if c.Columns[3] == "w" {
				floor = xScale[i]
			}
			relX = math.Abs(xGo-xRef) / max(floor, math.Abs(xRef))
		}
		if rel > 1e-9 && a.aboveV < 0 {
			a.aboveV = step
		}
		if relX > 1e-9 && a.aboveX < 0 {
			a.aboveX = step
		}
		a.relV, a.relX = max(a.relV, rel), max(a.relX, relX)
	}
	return out
}

// firstMismatch returns the first step in which exactly one of the two
// sorted spike-step lists has a spike, or -1.
func firstMismatch(a, b []int) int {
	for k := 0; k < min(len(a), len(b)); k++ {
		if a[k] != b[k] {
			return min(a[k], b[k])
		}
	}
	switch {
	case len(a) > len(b):
		return a[len(b)]
	case len(b) > len(a):
		return b[len(a)]
	}
	return -1
}

// refWindow is a per-neuron comparison window shorter than cases.json's,
// for a neuron whose Go run drifts from Brian2 sooner than the independent
// Python run did (same growth, a different rounding sequence).
type refWindow struct{ vMs, spikesMs float64 }

// goWindows lists those neurons (case/label) with the numbers measured.
var goWindows = map[string]refWindow{
	// Python vs Brian2: V passes 1e-9 at 95.5 ms, spikes differ from
	// 267.9 ms. Go vs Brian2: 1.6e-9 at 72.9 ms (V = 1.39 mV on the
	// upstroke, |ΔV| = 2.2e-9 mV; the error doubles about every 3 spikes
	// of this 135 Hz neuron), spikes differ from 260.2 ms.
	"izhikevich_rk4/fast_spiking": {vMs: 72, spikesMs: 260},
}

// TestModelsMatchBrian2 runs every ExpIF, AdEx (the 8 Naud et al. 2008
// patterns with V_th = −40 mV and with 0 mV, and the defaults), QIF,
// AdQIF and Izhikevich (RS, FS, CH, IB) case of testdata/models with rk4
// and euler (0.1 and 0.025 ms) and compares against Brian2 2.5.1: spike
// steps exactly, spike counts over the whole run, V and w/u within 1e-9
// relative.
//
// Tolerance reasoning: Go computes in canonical units (mV, ms), Brian2 in
// SI units with sympy-rearranged expressions, so the two differ by
// rounding (~1e-15 relative) in every step. For well-conditioned neurons
// that stays below 1e-10 over the whole run (measured: ≤ 1.2e-10). For
// chaotic or ill-conditioned ones (AdEx irregular and delayed regular
// bursting, the AdEx defaults at 5 and 10 mA, Izhikevich FS: the V² or
// exponential of a spike step amplifies the rounding difference and w/u
// carries it on) it grows exponentially and passes 1e-9 after some time;
// there V and w/u are compared up to the time cases.json gives for the
// independent plain-Python implementation (python_check:
// rel_dV_above_1e-9_from_ms, spike_mismatch_ms), which marks the same
// growth of rounding differences, not a model difference (goWindows: one
// neuron drifts sooner in Go). Every other neuron is compared over the
// whole run. Relative differences: |ΔV|/max(1 mV, |V|); u likewise with
// 1 mV/ms; w against the largest |w| of the neuron's trace (w crosses 0).
func TestModelsMatchBrian2(t *testing.T) {
	rc := loadRefCases(t)
	ran := 0
	for _, c := range rc.Cases {
		if c.Model == "hh" {
			continue // HH is not in the catalogue yet
		}
		ran++
		t.Run(c.Name, func(t *testing.T) {
			_, tr := runRefCase(t, c)
			steps := len(tr.V)
			windowEnd, spikesEnd := make([]int, len(c.Neurons)), make([]int, len(c.Neurons))
			for i, nr := range c.Neurons {
				windowEnd[i], spikesEnd[i] = steps, steps
				if w := nr.Check.Above1e9Ms; w != nil {
					windowEnd[i] = int(math.Round(*w / c.DtMs))
				}
				if w := nr.Check.SpikeMismatchMs; w != nil {
					spikesEnd[i] = int(math.Round(*w / c.DtMs))
				}
				if w, ok := goWindows[c.Name+"/"+nr.Label]; ok {
					windowEnd[i], spikesEnd[i] = int(math.Round(w.vMs/c.DtMs)), int(math.Round(w.spikesMs/c.DtMs))
				}
			}
			ag := compareRefCase(t, c, tr, windowEnd)
			for i, nr := range c.Neurons {
				a := ag[i]
				t.Logf("%-24s spikes %3d/%3d, first mismatch step %d; before %.1f ms: relV %.1e, rel w/u %.1e",
					nr.Label, len(tr.spikes[i]), nr.Spikes, a.spikeMismatch, float64(windowEnd[i])*c.DtMs, a.relV, a.relX)
				require.Equal(t, nr.Spikes, len(tr.spikes[i]), "%s: spike count", nr.Label)
				if a.spikeMismatch >= 0 {
					require.GreaterOrEqual(t, a.spikeMismatch, spikesEnd[i], "%s: spike steps differ from step %d", nr.Label, a.spikeMismatch)
				}
				require.LessOrEqual(t, a.relV, 1e-9, "%s: V", nr.Label)
				require.LessOrEqual(t, a.relX, 1e-9, "%s: %v", nr.Label, c.Columns)
			}
		})
	}
	require.Equal(t, 14, ran, "trace cases of ExpIF, AdEx, QIF, AdQIF and Izhikevich")
}

// TestModelsFICurvesMatchBrian2 runs the f–I curves of testdata/models
// (1 s at 0.1 ms, rk4, one neuron per current; Izhikevich RS) and
// requires Brian2's spike count for every current.
func TestModelsFICurvesMatchBrian2(t *testing.T) {
	rc := loadRefCases(t)
	ran := 0
	for _, fi := range rc.FI {
		if fi.Model == "hh" {
			continue
		}
		ran++
		t.Run(fi.Name, func(t *testing.T) {
			rows := readRefCSV(t, fi.File)
			ps := make([]map[string]float64, len(rows))
			for i, row := range rows {
				ps[i] = maps.Clone(fi.Params)
				ps[i]["I"] = row[0]
			}
			sim, id := refSim(t, refModel(t, fi.Model), fi.Method, fi.DtMs, ps)
			counts := make([]int, len(rows))
			for range int(math.Round(fi.DurationMs / fi.DtMs)) {
				require.NoError(t, sim.Step())
				for _, i := range sim.Fired(id) {
					counts[i]++
				}
			}
			want := make([]int, len(rows))
			for i, row := range rows {
				want[i] = int(row[1])
			}
			require.Equal(t, want, counts, "spike counts per current %v mA", fi.Params)
			require.Greater(t, slices.Max(counts), 20, "the curve must reach firing")
		})
	}
	require.Equal(t, 5, ran)
}
