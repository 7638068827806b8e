package systems

import (
	"fmt"
	"math"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
	"gonum.org/v1/gonum/stat/distuv"

	"github.com/spikecs/spikecs/components"
	"github.com/spikecs/spikecs/ecs"
)

// synapse is one synapse of a projection in global indices.
type synapse struct {
	pre, post int
	w         float64
	d         int
}

// totalNet builds a population "a" of n LIF neurons, partition p of k,
// with one fixed_total_number projection a→a, and returns its synapses in
// global indices, in row order (pre ascending, then post ascending).
func totalNet(t *testing.T, n, k, p int, spec ProjectionSpec) ([]synapse, *Network) {
	t.Helper()
	sim, err := NewSim(ecs.Options{Seed: 11, DtMs: 0.1, Partition: ecs.Partition{Index: p, Count: k}})
	require.NoError(t, err)
	_, err = sim.AddPopulation(ecs.LIF("a", n))
	require.NoError(t, err)
	net, err := NewNetwork(sim)
	require.NoError(t, err)
	spec.Pre, spec.Post = "a", "a"
	if spec.Channel.Kind == 0 {
		spec.Channel = components.ChannelParams{Kind: components.SynExpon, TauMs: 0.5, Out: components.OutCUBA, ScaleMV: 1}
	}
	_, err = net.Connect(spec)
	require.NoError(t, err)
	pr := net.Projections()[0]
	off := sim.Offset(0)
	var out []synapse
	for i := 0; i+1 < len(pr.Offsets); i++ {
		for s := pr.Offsets[i]; s < pr.Offsets[i+1]; s++ {
			out = append(out, synapse{pre: i, post: off + int(pr.Targets[s]), w: pr.WeightAt(s), d: pr.DelayAt(s)})
		}
	}
	return out, net
}

// pd14Spec is a PD14-like inhibitory projection: normal weights kept <= 0
// and normal delays redrawn >= dt, rounded to the nearest step.
func pd14Spec(total int, float32Weights bool) ProjectionSpec {
	s := ProjectionSpec{
		Conn:          Connectivity{Kind: FixedTotalNumber, N: total, NoAutapses: true},
		Weight:        ecs.NormalRedraw(-351.2, 35.12, math.Inf(-1), 0),
		DelayMs:       ecs.NormalRedraw(0.75, 0.375, 0.1, math.Inf(1)),
		DelayRounding: DelayNearest,
	}
	if float32Weights {
		s.WeightStorage = WeightsFloat32
	}
	return s
}

// TestFixedTotalNumberIdenticalForAnyPartitionCount: the synapses, with
// their weights and delays, of K = 2 and 3 partitions together are those
// of the unsplit build, in the same row order.
func TestFixedTotalNumberIdenticalForAnyPartitionCount(t *testing.T) {
	for _, f32 := range []bool{false, true} {
		whole, _ := totalNet(t, 301, 1, 0, pd14Spec(20000, f32))
		require.Len(t, whole, 20000)
		for _, k := range []int{2, 3} {
			t.Run(fmt.Sprintf("float32=%v/K=%d", f32, k), func(t *testing.T) {
				parts := make([][]synapse, k)
				for p := range parts {
					parts[p], _ = totalNet(t, 301, k, p, pd14Spec(20000, f32))
				}
				// Merge by row: the whole build's row i is the partitions'
				// rows i one after another (contiguous post blocks).
				var merged []synapse
				cur := make([]int, k)
				for i := 0; i < 301; i++ {
					for p := range parts {
						for cur[p] < len(parts[p]) && parts[p][cur[p]].pre == i {
							merged = append(merged, parts[p][cur[p]])
							cur[p]++
						}
					}
				}
				assert.Equal(t, whole, merged)
			})
		}
	}
}

// TestFixedTotalNumberIndependentOfWorkers: the rows drawn by 1, 2 and 5
// goroutines are identical.
func TestFixedTotalNumberIndependentOfWorkers(t *testing.T) {
	counts := columnCounts(30000, 400, 3, "p")
	build := func(workers int) *components.Projection {
		tb := totalBuilder{nPre: 250, counts: counts, noSelf: false, seed: 3, name: "p",
			weight: ecs.Normal(1, 0.5), delay: ecs.Uniform(0.1, 3), dt: 0.1, perWeight: true, perDelay: true, workers: workers}
		pr := &components.Projection{}
		_, err := buildRows[float64](&tb, pr)
		require.NoError(t, err)
		return pr
	}
	one := build(1)
	for _, w := range []int{2, 5} {
		other := build(w)
		assert.Equal(t, one.Offsets, other.Offsets, "workers %d", w)
		assert.Equal(t, one.Targets, other.Targets, "workers %d", w)
		assert.Equal(t, one.Weights, other.Weights, "workers %d", w)
		assert.Equal(t, one.Delays8, other.Delays8, "workers %d", w)
	}
}

// TestFixedTotalNumberStatistics: exact count, no autapses, multapses
// present, targets ascending in each row, and the pre and post marginals
// and the multiplicity of pairs follow the multinomial over the allowed
// pairs (chi-square tests at the 0.1 % level).
func TestFixedTotalNumberStatistics(t *testing.T) {
	const n, total = 120, 60000
	syn, _ := totalNet(t, n, 1, 0, ProjectionSpec{Conn: Connectivity{Kind: FixedTotalNumber, N: total, NoAutapses: true}, Weight: ecs.Scalar(1)})
	require.Len(t, syn, total, "exact count")
	pair := map[[2]int]int{}
	preCount, postCount := make([]float64, n), make([]float64, n)
	for k, s := range syn {
		require.NotEqual(t, s.pre, s.post, "no autapse")
		if k > 0 && syn[k-1].pre == s.pre {
			require.LessOrEqual(t, syn[k-1].post, s.post, "targets ascending in a row")
		}
		pair[[2]int{s.pre, s.post}]++
		preCount[s.pre]++
		postCount[s.post]++
	}
	allowed := float64(n * (n - 1))
	multi := 0
	for _, c := range pair {
		if c > 1 {
			multi++
		}
	}
	assert.Greater(t, multi, 0, "multapses present")
	// Marginals: each neuron expects total/n synapses as pre and as post.
	chi2 := func(obs []float64, exp float64) float64 {
		x := 0.0
		for _, o := range obs {
			x += (o - exp) * (o - exp) / exp
		}
		return x
	}
	crit := distuv.ChiSquared{K: n - 1}.Quantile(0.999)
	assert.Less(t, chi2(preCount, total/float64(n)), crit, "pre marginal")
	assert.Less(t, chi2(postCount, total/float64(n)), crit, "post marginal")
	// Pair multiplicities: Binomial(total, 1/allowed) per allowed pair.
	hist := make([]float64, 8)
	hist[0] = allowed - float64(len(pair))
	for _, c := range pair {
		hist[min(c, 7)]++
	}
	b := distuv.Binomial{N: total, P: 1 / allowed}
	var x float64
	cells := 0
	for c := 0; c < 8; c++ {
		e := b.Prob(float64(c)) * allowed
		if c == 7 {
			e = (1 - b.CDF(6)) * allowed
		}
		if e < 5 { // merge the tail into the last cell with enough mass
			e = (1 - b.CDF(float64(c-1))) * allowed
			o := 0.0
			for _, h := range hist[c:] {
				o += h
			}
			x += (o - e) * (o - e) / e
			cells++
			break
		}
		x += (hist[c] - e) * (hist[c] - e) / e
		cells++
	}
	assert.Less(t, x, distuv.ChiSquared{K: float64(cells - 1)}.Quantile(0.999), "pair multiplicities %v", hist)
}

// TestRedrawWeightsAndDelays: weights keep their sign and have the
// truncated normal's mean and sd; delays are >= one step and their
// histogram matches the redrawn normal rounded to the nearest step.
func TestRedrawWeightsAndDelays(t *testing.T) {
	const total = 100000
	spec := ProjectionSpec{
		Conn: Connectivity{Kind: FixedTotalNumber, N: total},
		// A strong truncation so that the redraw shows: N(1, 1) kept >= 0.
		Weight:        ecs.NormalRedraw(1, 1, 0, math.Inf(1)),
		DelayMs:       ecs.NormalRedraw(0.75, 0.375, 0.1, math.Inf(1)),
		DelayRounding: DelayNearest,
	}
	syn, net := totalNet(t, 200, 1, 0, spec)
	require.Len(t, syn, total)
	var sum, sum2 float64
	dh := map[int]float64{}
	for _, s := range syn {
		require.GreaterOrEqual(t, s.w, 0.0, "sign kept")
		sum += s.w
		sum2 += s.w * s.w
		require.GreaterOrEqual(t, s.d, 1, "delay >= dt")
		dh[s.d]++
	}
	// Truncated N(1, 1) on [0, ∞): alpha = -1.
	nd := distuv.UnitNormal
	lam := nd.Prob(-1) / (1 - nd.CDF(-1))
	wantMean := 1 + lam
	wantVar := 1 + (-1)*lam - lam*lam
	mean := sum / total
	sd := math.Sqrt(sum2/total - mean*mean)
	assert.InDelta(t, wantMean, mean, 4*math.Sqrt(wantVar/total), "weight mean")
	assert.InDelta(t, math.Sqrt(wantVar), sd, 0.01, "weight sd")
	// Delays: P(step s) = P(round(X/dt) = s | X >= dt), X ~ N(0.75, 0.375²).
	d := distuv.Normal{Mu: 0.75, Sigma: 0.375}
	mass := 1 - d.CDF(0.1)
	var x float64
	cells := 0
	for s := 1; s <= 20; s++ {
		lo, hi := math.Max(0.1, (float64(s)-0.5)*0.1), (float64(s)+0.5)*0.1
		e := (d.CDF(hi) - d.CDF(lo)) / mass * total
		if e < 5 {
			continue
		}
		x += (dh[s] - e) * (dh[s] - e) / e
		cells++
	}
	assert.Less(t, x, distuv.ChiSquared{K: float64(cells - 1)}.Quantile(0.999), "delay histogram %v", dh)
	assert.Equal(t, 1, net.MinDelaySteps(), "d_min from the lower bound 0.1 ms")
	pr := net.Projections()[0]
	assert.NotNil(t, pr.Delays8, "delays of one byte")
	assert.Nil(t, pr.DelaySteps)
}

// TestTotalFromProbability: the PD14 count for L23E→L23E at full scale
// (p = 0.1009, 20683 neurons each), and k_scale scaling before rounding.
func TestTotalFromProbability(t *testing.T) {
	k := TotalFromProbability(0.1009, 20683, 20683)
	assert.InDelta(t, -math.Log1p(-0.1009)*20683*20683, k, 1e-3*k)
	for _, c := range []struct {
		conn Connectivity
		want int64
	}{
		{Connectivity{P: 0.1009}, int64(math.Round(k))},
		{Connectivity{P: 0.1009, KScale: 0.1}, int64(math.Round(k * 0.1))},
		{Connectivity{N: 7}, 7},
		{Connectivity{P: 0}, 0},
	} {
		got, err := c.conn.totalCount(20683, 20683)
		require.NoError(t, err)
		assert.Equal(t, c.want, got, "%+v", c.conn)
	}
	_, err := Connectivity{N: 3, P: 0.1}.totalCount(10, 10)
	assert.ErrorContains(t, err, "not both")
	_, err = Connectivity{P: 0.1, KScale: -1}.totalCount(10, 10)
	assert.ErrorContains(t, err, "k_scale")
}

// TestFixedTotalNumberBadInput: clear errors for what the rule cannot do.
func TestFixedTotalNumberBadInput(t *testing.T) {
	for _, c := range []struct {
		spec ProjectionSpec
		want string
	}{
		{ProjectionSpec{Conn: Connectivity{Kind: FixedTotalNumber, N: 5, NoMultapses: true}, Weight: ecs.Scalar(1)}, "multapses"},
		{ProjectionSpec{Conn: Connectivity{Kind: FixedTotalNumber, N: 5}, Weight: ecs.List(1, 2)}, "list"},
		{ProjectionSpec{Conn: Connectivity{Kind: FixedTotalNumber, N: 5}, Weight: ecs.Scalar(1), DelayMs: ecs.Normal(1, 1)}, "negative"},
		{ProjectionSpec{Conn: Connectivity{Kind: FixedTotalNumber, N: 5}, Weight: ecs.NormalRedraw(0, 1, 10, 20)}, "inside the bounds"},
		{ProjectionSpec{Conn: Connectivity{Kind: FixedTotalNumber, N: 5}, Weight: ecs.Normal(1, 1),
			Channel: components.ChannelParams{Kind: components.SynExpon, TauMs: 5, Out: components.OutCOBA}}, "must be >= 0"},
	} {
		sim, err := NewSim(ecs.Options{Seed: 1})
		require.NoError(t, err)
		_, _ = sim.AddPopulation(ecs.LIF("a", 10))
		net, _ := NewNetwork(sim)
		c.spec.Pre, c.spec.Post = "a", "a"
		if c.spec.Channel.Kind == 0 {
			c.spec.Channel = components.ChannelParams{Kind: components.SynExpon, TauMs: 5, Out: components.OutCUBA, ScaleMV: 1}
		}
		_, err = net.Connect(c.spec)
		assert.ErrorContains(t, err, c.want)
	}
}
