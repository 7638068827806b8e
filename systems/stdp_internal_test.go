package systems

import (
	"math"
	"math/rand/v2"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/spikecs/spikecs/components"
)

// stdpDt is the step of the STDP kernel tests, ms.
const stdpDt = 0.1

// pairSpec is Song et al. 2000's rule with weights in nS-sized units.
func pairSpec() STDPSpec {
	return STDPSpec{Rule: components.STDPPair, TauPlusMs: 20, TauMinusMs: 20, APlusS: 0.01e-9, AMinusS: 0.0105e-9, WMaxS: 1e-9}
}

// tripletSpec has the time constants of Pfister & Gerstner 2006 (visual
// cortex, all-to-all) and amplitudes of a similar scale as pairSpec.
func tripletSpec() STDPSpec {
	return STDPSpec{Rule: components.STDPTriplet, TauPlusMs: 16.8, TauMinusMs: 33.7, TauXMs: 101, TauYMs: 125,
		APlusS: 5e-12, AMinusS: 7e-12, A3PlusS: 6.2e-12, A3MinusS: 2.3e-13, WMaxS: 1e-9}
}

// singleSynapse is a projection of one synapse 0 → 0 with weight w0.
func singleSynapse(t *testing.T, spec STDPSpec, w0 float64) *components.Projection {
	t.Helper()
	pr := &components.Projection{Name: "p", Offsets: []int64{0, 1}, Targets: []int32{0}, Weight: w0}
	st, err := newSTDP(pr, spec, 1, stdpDt)
	require.NoError(t, err)
	pr.STDP = st
	return pr
}

// drive runs the kernel for steps 0..steps-1 with the given spike steps of
// the pre row 0 and the post neuron 0.
func drive(pr *components.Projection, steps int, pre, post []int) {
	has := func(xs []int, n int) bool {
		for _, x := range xs {
			if x == n {
				return true
			}
		}
		return false
	}
	one := []int32{0}
	for n := 0; n < steps; n++ {
		var fp, fq []int32
		if has(pre, n) {
			fp = one
		}
		if has(post, n) {
			fq = one
		}
		stepSTDP(pr, pr.STDP, fp, fq, stdpDt)
	}
}

// ex is the decay of a trace with time constant tau over k steps,
// exp(−k·dt/tau): the discrete-time traces equal the continuous ones at
// the grid points because each step multiplies by exactly exp(−dt/tau).
func ex(k int, tau float64) float64 { return math.Exp(-float64(k) * stdpDt / tau) }

// tol is the tolerance of the closed forms: the kernel's traces are
// products of k decay factors, exact to about k·1e-16 relative; 1e-12 of
// w_max covers that with room and is far below any amplitude tested.
const tol = 1e-12 * 1e-9

func TestSTDPPairClosedForm(t *testing.T) {
	s := pairSpec()
	w0 := 0.5e-9
	cases := []struct {
		name      string
		pre, post []int
		want      float64 // Δw, S
	}{
		{"same step counts as pre before post", []int{10}, []int{10}, s.APlusS},
		{"pre 1 step before post", []int{10}, []int{11}, s.APlusS * ex(1, s.TauPlusMs)},
		{"pre 5 ms before post", []int{10}, []int{60}, s.APlusS * ex(50, s.TauPlusMs)},
		{"pre 20 ms before post", []int{10}, []int{210}, s.APlusS * ex(200, s.TauPlusMs)},
		{"post 1 step before pre", []int{11}, []int{10}, -s.AMinusS * ex(1, s.TauMinusMs)},
		{"post 5 ms before pre", []int{60}, []int{10}, -s.AMinusS * ex(50, s.TauMinusMs)},
		{"post 40 ms before pre", []int{410}, []int{10}, -s.AMinusS * ex(400, s.TauMinusMs)},
		{"pre alone", []int{10}, nil, 0},
		{"post alone", nil, []int{10}, 0},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			pr := singleSynapse(t, s, w0)
			drive(pr, 500, c.pre, c.post)
			assert.InDelta(t, w0+c.want, pr.Weights[0], tol, "Δw = A+·exp(−Δt/tau+) for Δt ≥ 0, −A−·exp(Δt/tau−) for Δt < 0")
		})
	}
}

func TestSTDPTripletClosedForm(t *testing.T) {
	s := tripletSpec()
	w0 := 0.5e-9
	// pre-post-post: pre at 0, posts at d1 and d1+d2 (steps after pre).
	prePostPost := func(d1, d2 int) float64 {
		return s.APlusS*ex(d1, s.TauPlusMs) + ex(d1+d2, s.TauPlusMs)*(s.APlusS+s.A3PlusS*ex(d2, s.TauYMs))
	}
	// post-pre-pre: post at 0, pres at d1 and d1+d2.
	postPrePre := func(d1, d2 int) float64 {
		return -s.AMinusS*ex(d1, s.TauMinusMs) - ex(d1+d2, s.TauMinusMs)*(s.AMinusS+s.A3MinusS*ex(d2, s.TauXMs))
	}
	cases := []struct {
		name      string
		pre, post []int
		want      float64
	}{
		{"pre-post-post 5 ms, 10 ms", []int{10}, []int{60, 160}, prePostPost(50, 100)},
		{"pre-post-post 1 step, 1 step", []int{10}, []int{11, 12}, prePostPost(1, 1)},
		{"pre-post-post 0, 25 ms", []int{10}, []int{10, 260}, prePostPost(0, 250)},
		{"post-pre-pre 5 ms, 10 ms", []int{60, 160}, []int{10}, postPrePre(50, 100)},
		{"post-pre-pre 1 step, 2 steps", []int{11, 13}, []int{10}, postPrePre(1, 2)},
		{"single pair pre-post is the pair rule with A2+", []int{10}, []int{30}, s.APlusS * ex(20, s.TauPlusMs)},
		{"single pair post-pre is the pair rule with A2-", []int{30}, []int{10}, -s.AMinusS * ex(20, s.TauMinusMs)},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			pr := singleSynapse(t, s, w0)
			drive(pr, 400, c.pre, c.post)
			assert.InDelta(t, w0+c.want, pr.Weights[0], tol)
		})
	}
}

func TestSTDPClipsToZeroAndWMax(t *testing.T) {
	s := pairSpec()
	cases := []struct {
		name      string
		w0        float64
		pre, post []int
		want      float64
	}{
		{"potentiation stops at w_max", s.WMaxS - 0.2*s.APlusS, []int{10}, []int{11}, s.WMaxS},
		{"depression stops at 0", 0.3 * s.AMinusS, []int{11}, []int{10}, 0},
		// Clipping is per update: from 0, a depression is lost and the
		// later potentiation starts from 0.
		{"clipped depression is not remembered", 0, []int{11}, []int{10, 20}, s.APlusS * ex(9, s.TauPlusMs)},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			pr := singleSynapse(t, s, c.w0)
			drive(pr, 100, c.pre, c.post)
			assert.InDelta(t, c.want, pr.Weights[0], tol)
			assert.GreaterOrEqual(t, pr.Weights[0], 0.0)
			assert.LessOrEqual(t, pr.Weights[0], s.WMaxS)
		})
	}
}

// refWeight is an independent reference for one synapse: the weight after
// the spikes pre and post (steps, increasing), with every trace written as
// an explicit sum of exponentials over the earlier spikes (or only the
// latest with nearest), and the order of stepSTDP within a step.
func refWeight(s STDPSpec, w float64, pre, post []int, steps int) float64 {
	trace := func(spikes []int, n int, tau float64, inclusive bool) float64 {
		sum := 0.0
		for _, m := range spikes {
			if m < n || (inclusive && m == n) {
				if s.Nearest {
					sum = ex(n-m, tau)
				} else {
					sum += ex(n-m, tau)
				}
			}
		}
		return sum
	}
	in := func(xs []int, n int) bool {
		for _, x := range xs {
			if x == n {
				return true
			}
		}
		return false
	}
	triplet := s.Rule == components.STDPTriplet
	for n := 0; n < steps; n++ {
		if in(pre, n) {
			dep := s.AMinusS
			if triplet {
				dep += s.A3MinusS * trace(pre, n, s.TauXMs, false)
			}
			w = math.Max(0, w-dep*trace(post, n, s.TauMinusMs, false))
		}
		if in(post, n) {
			pot := s.APlusS
			if triplet {
				pot += s.A3PlusS * trace(post, n, s.TauYMs, false)
			}
			w = math.Min(s.WMaxS, w+pot*trace(pre, n, s.TauPlusMs, true))
		}
	}
	return w
}

// TestSTDPAccumulatesAllPairs compares random spike trains of a random
// projection (many pre rows and post neurons, so the post-indexed view is
// exercised) with the per-synapse reference, for both rules, all-to-all
// and nearest-spike, with clipping active.
func TestSTDPAccumulatesAllPairs(t *testing.T) {
	const nPre, nPost, steps = 12, 7, 3000
	for _, c := range []struct {
		name string
		spec STDPSpec
	}{
		{"pair all-to-all", pairSpec()},
		{"triplet all-to-all", tripletSpec()},
		{"pair nearest", func() STDPSpec { s := pairSpec(); s.Nearest = true; return s }()},
		{"triplet nearest", func() STDPSpec { s := tripletSpec(); s.Nearest = true; return s }()},
	} {
		t.Run(c.name, func(t *testing.T) {
			r := rand.New(rand.NewPCG(3, 4))
			c.spec.APlusS *= 10 // large enough that some weights reach 0 or w_max
			c.spec.AMinusS *= 10
			conn := Connectivity{Kind: FixedProb, P: 0.5}
			cs, err := conn.build(nPre, nPost, false, 5, "stdp-test")
			require.NoError(t, err)
			w0 := make([]float64, len(cs.targets))
			for k := range w0 {
				w0[k] = r.Float64() * c.spec.WMaxS
			}
			pr := &components.Projection{Name: "p", Offsets: cs.offsets, Targets: cs.targets, Weights: append([]float64(nil), w0...)}
			pr.STDP, err = newSTDP(pr, c.spec, nPost, stdpDt)
			require.NoError(t, err)
			preSpikes, postSpikes := make([][]int, nPre), make([][]int, nPost)
			for n := 0; n < steps; n++ {
				var fp, fq []int32
				for i := 0; i < nPre; i++ {
					if r.Float64() < 0.01 {
						fp = append(fp, int32(i))
						preSpikes[i] = append(preSpikes[i], n)
					}
				}
				for j := 0; j < nPost; j++ {
					if r.Float64() < 0.01 {
						fq = append(fq, int32(j))
						postSpikes[j] = append(postSpikes[j], n)
					}
				}
				stepSTDP(pr, pr.STDP, fp, fq, stdpDt)
			}
			clipped := 0
			for i := 0; i < nPre; i++ {
				for k := pr.Offsets[i]; k < pr.Offsets[i+1]; k++ {
					j := pr.Targets[k]
					want := refWeight(c.spec, w0[k], preSpikes[i], postSpikes[j], steps)
					require.InDelta(t, want, pr.Weights[k], tol, "synapse %d (%d → %d)", k, i, j)
					if want == 0 || want == c.spec.WMaxS {
						clipped++
					}
				}
			}
			assert.Positive(t, clipped, "the test should reach a bound")
			assert.Less(t, clipped, len(w0), "the test should not saturate every weight")
		})
	}
}

func TestSTDPColumnsIndexEverySynapseOnce(t *testing.T) {
	cs, err := Connectivity{Kind: FixedOutDegree, N: 9}.build(40, 13, false, 2, "cols")
	require.NoError(t, err)
	pr := &components.Projection{Name: "p", Offsets: cs.offsets, Targets: cs.targets, Weight: 1e-10}
	st, err := newSTDP(pr, pairSpec(), 13, stdpDt)
	require.NoError(t, err)
	seen := make([]int, len(pr.Targets))
	for j := 0; j < 13; j++ {
		for k := st.ColOffsets[j]; k < st.ColOffsets[j+1]; k++ {
			s := st.ColSyn[k]
			seen[s]++
			assert.Equal(t, int32(j), pr.Targets[s], "column %d lists synapse %d of another target", j, s)
			i := st.ColPre[k]
			assert.True(t, pr.Offsets[i] <= int64(s) && int64(s) < pr.Offsets[i+1], "synapse %d is not in row %d", s, i)
		}
	}
	for s, n := range seen {
		assert.Equal(t, 1, n, "synapse %d", s)
	}
	assert.Len(t, pr.Weights, len(pr.Targets), "shared weights are materialised")
}

// TestSTDPPreRangeAndDtChange: with a pre range (PreFrom = 5) a spike of
// pre neuron 5 is row 0 and neurons outside the range are ignored; when
// the step changes, the decay factors follow it.
func TestSTDPPreRangeAndDtChange(t *testing.T) {
	s := pairSpec()
	w0 := 0.5e-9
	pr := &components.Projection{Name: "p", PreFrom: 5, Offsets: []int64{0, 1, 2}, Targets: []int32{0, 0}, Weight: w0}
	st, err := newSTDP(pr, s, 1, stdpDt)
	require.NoError(t, err)
	pr.STDP = st
	stepSTDP(pr, st, []int32{2, 5, 9}, nil, stdpDt) // 2 and 9 are outside rows 5..6
	assert.Equal(t, []float64{1, 0}, st.R1, "only pre neuron 5 (row 0) has a trace")
	const dt2 = 0.25
	stepSTDP(pr, st, nil, nil, dt2)
	stepSTDP(pr, st, nil, []int32{0}, dt2)
	assert.InDelta(t, math.Exp(-2*dt2/s.TauPlusMs), st.R1[0], 1e-15, "two steps of the new dt")
	assert.InDelta(t, w0+s.APlusS*math.Exp(-2*dt2/s.TauPlusMs), pr.Weights[0], tol)
	assert.Equal(t, w0, pr.Weights[1], "row 1 had no pre spike")
}
