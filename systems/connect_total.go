package systems

import (
	"fmt"
	"math"
	"math/rand/v2"
	"runtime"
	"sync"

	"gonum.org/v1/gonum/stat/distuv"

	"github.com/spikecs/spikecs/components"
	"github.com/spikecs/spikecs/ecs"
)

// TotalFromProbability returns the number of synapses, before rounding,
// that the Potjans–Diesmann microcircuit (2014) derives from a connection
// probability p between populations of nPre and nPost neurons: the K for
// which K synapses drawn uniformly with multapses connect a given pair with
// probability p, K = log(1 − p) / log(1 − 1/(nPre·nPost)), computed as its
// reference implementation does (log((prod − 1)/prod)).
func TotalFromProbability(p float64, nPre, nPost int) float64 {
	if p <= 0 {
		return 0
	}
	prod := float64(nPre) * float64(nPost)
	return math.Log(1-p) / math.Log((prod-1)/prod)
}

// totalCount returns the number of synapses of a FixedTotalNumber rule:
// N, or round(TotalFromProbability(P)·KScale).
func (c Connectivity) totalCount(nPre, nPost int) (int64, error) {
	if c.N < 0 {
		return 0, fmt.Errorf("n must be >= 0, got %d", c.N)
	}
	if c.N > 0 && c.P > 0 {
		return 0, fmt.Errorf("give n or p, not both")
	}
	if c.N > 0 {
		return int64(c.N), nil
	}
	if !(c.P >= 0 && c.P < 1) {
		return 0, fmt.Errorf("p must be in [0, 1), got %v", c.P)
	}
	ks := c.KScale
	if ks == 0 {
		ks = 1
	}
	if !(ks > 0) || math.IsInf(ks, 0) {
		return 0, fmt.Errorf("k_scale must be > 0, got %v", ks)
	}
	k := math.Round(TotalFromProbability(c.P, nPre, nPost) * ks)
	if k > math.MaxInt32*16.0 {
		return 0, fmt.Errorf("p = %v gives %.0f synapses; too many", c.P, k)
	}
	return int64(k), nil
}

// columnCounts draws how many of total synapses end on each of nPost post
// neurons: a multinomial with equal cell probabilities, drawn as a chain
// of binomials from one stream of the projection — the same numbers in
// every partition.
func columnCounts(total int64, nPost int, seed uint64, name string) []int32 {
	counts := make([]int32, nPost)
	src := rand.NewPCG(seed, newRowRNG(seed, name+"\x00columns").name)
	left := total
	for j := 0; j < nPost && left > 0; j++ {
		if j == nPost-1 {
			counts[j] = int32(left)
			break
		}
		b := distuv.Binomial{N: float64(left), P: 1 / float64(nPost-j), Src: src}
		k := int64(b.Rand())
		counts[j] = int32(k)
		left -= k
	}
	return counts
}

// totalBuild is the part of a FixedTotalNumber projection one Sim holds.
type totalBuild struct {
	pr *components.Projection
	// maxDelay is the largest delay (steps) of the local synapses;
	// minDelay the shortest effective delay max(1, D) over the whole
	// projection that every partition agrees on (from the delay's lower
	// bound; 1<<30 without synapses).
	maxDelay, minDelay int
}

// buildTotalNumber draws the synapses of a FixedTotalNumber projection
// onto post neurons colLo..colHi-1 (all of them in an unsplit Sim), with
// their weights and delays, straight into compact rows (targets renumbered
// from colLo). Every post neuron j draws its pre neurons, weights and
// delays from three streams of its own (seed, projection name, j), so the
// synapses do not depend on the partitioning nor on how many goroutines
// draw them: the local columns are split among up to GOMAXPROCS/partitions
// workers, each counting its synapses per pre row, then re-drawing them
// into its own slots of every row (rows hold targets ascending).
func (n *Network) buildTotalNumber(spec ProjectionSpec, nPre, nPost int, same bool, colLo, colHi int) (*totalBuild, error) {
	c := spec.Conn
	if c.NoMultapses {
		return nil, fmt.Errorf("connect: fixed_total_number draws with multapses (NEST's semantics); for distinct pairs use fixed_total with multapses: false")
	}
	total, err := c.totalCount(nPre, nPost)
	if err != nil {
		return nil, fmt.Errorf("connect: %v", err)
	}
	noSelf := same && c.NoAutapses
	if noSelf && nPre <= 1 && total > 0 {
		return nil, fmt.Errorf("connect: no pair is allowed without autapses in a population of %d", nPre)
	}
	seed := n.sim.Seed()
	if !spec.Weight.IsSet() {
		return nil, fmt.Errorf("weight is required")
	}
	if spec.Weight.IsList() {
		return nil, fmt.Errorf("weight: a list needs connect rule pairs; give a scalar or a distribution for fixed_total_number")
	}
	if err := spec.Weight.Check(1); err != nil {
		return nil, fmt.Errorf("weight: %v", err)
	}
	if lo, _ := spec.Weight.Bounds(); spec.Channel.Out != components.OutCUBA && lo < 0 {
		return nil, fmt.Errorf("weight %s can be negative; conductance weights (COBA, MgBlock) must be >= 0 (give min: 0)", spec.Weight)
	}
	dt := n.sim.DtMs()
	delay := spec.DelayMs
	if delay.IsSet() {
		if delay.IsList() {
			return nil, fmt.Errorf("delay: a list needs connect rule pairs; give a scalar or a distribution for fixed_total_number")
		}
		if err := delay.Check(1); err != nil {
			return nil, fmt.Errorf("delay: %v", err)
		}
		if lo, _ := delay.Bounds(); lo < 0 {
			return nil, fmt.Errorf("delay %s can be negative; give min: (NEST's redraw), e.g. the step dt = %v ms", delay, dt)
		}
	}
	b := &totalBuild{minDelay: 1 << 30}
	if total > 0 {
		b.minDelay = 1
		if delay.IsSet() {
			lo, _ := delay.Bounds()
			s, err := delaySteps(lo, dt, spec.DelayRounding)
			if err != nil {
				return nil, fmt.Errorf("delay: %v", err)
			}
			b.minDelay = max(1, s)
		}
	}
	counts := columnCounts(total, nPost, seed, spec.Name)[colLo:colHi]
	pr := &components.Projection{Name: spec.Name}
	if spec.Weight.IsShared() {
		pr.Weight = spec.Weight.Draw(nil)
	}
	if delay.IsSet() && delay.IsShared() {
		s, err := delaySteps(delay.Draw(nil), dt, spec.DelayRounding)
		if err != nil {
			return nil, fmt.Errorf("delay: %v", err)
		}
		pr.Delay, b.maxDelay = s, s
	}
	tb := totalBuilder{
		nPre: nPre, colLo: colLo, counts: counts, noSelf: noSelf, seed: seed, name: spec.Name,
		weight: spec.Weight, delay: delay, dt: dt, rounding: spec.DelayRounding,
		perWeight: !spec.Weight.IsShared(), perDelay: delay.IsSet() && !delay.IsShared(),
		workers: max(1, runtime.GOMAXPROCS(0)/max(1, n.sim.Partition().Parts())),
	}
	var maxD int
	if spec.WeightStorage == WeightsFloat32 {
		maxD, err = buildRows[float32](&tb, pr)
	} else {
		maxD, err = buildRows[float64](&tb, pr)
	}
	if err != nil {
		return nil, err
	}
	if tb.perDelay {
		b.maxDelay = maxD
	}
	b.pr = pr
	return b, nil
}

// totalBuilder holds what the workers of buildRows share.
type totalBuilder struct {
	nPre, colLo         int
	counts              []int32 // synapses per local post neuron
	noSelf              bool
	seed                uint64
	name                string
	weight, delay       ecs.Value
	dt                  float64
	rounding            DelayRounding
	perWeight, perDelay bool
	workers             int
}

// buildRows fills pr's rows with weights in storage W: delays in one byte
// when they fit, else (drawn again) in two.
func buildRows[W synWeight](tb *totalBuilder, pr *components.Projection) (int, error) {
	maxD, err := fillRows[W, uint8](tb, pr)
	if err == errDelayOverflow {
		maxD, err = fillRows[W, uint16](tb, pr)
	}
	return maxD, err
}

// errDelayOverflow says a delay did not fit the delay storage tried.
var errDelayOverflow = fmt.Errorf("a delay does not fit in the storage")

// fillRows draws the local synapses into pr (targets, and per-synapse
// weights W and delays D as the builder says) and returns the largest
// delay drawn.
func fillRows[W synWeight, D synDelay](tb *totalBuilder, pr *components.Projection) (int, error) {
	nCols := len(tb.counts)
	var local int64
	for _, k := range tb.counts {
		local += int64(k)
	}
	// Split the columns into contiguous chunks of about equal synapses.
	w := max(1, min(tb.workers, nCols))
	bounds := make([]int, 0, w+1)
	bounds = append(bounds, 0)
	var acc int64
	for j, k := range tb.counts {
		acc += int64(k)
		if len(bounds) < w && acc*int64(w) >= local*int64(len(bounds)) && j+1 < nCols {
			bounds = append(bounds, j+1)
		}
	}
	bounds = append(bounds, nCols)
	w = len(bounds) - 1
	// Pass 1: count each chunk's synapses per pre row.
	cursors := make([][]int64, w)
	run := func(f func(c int)) {
		var wg sync.WaitGroup
		for c := 0; c < w; c++ {
			wg.Add(1)
			go func() { defer wg.Done(); f(c) }()
		}
		wg.Wait()
	}
	run(func(c int) {
		cnt := make([]int64, tb.nPre)
		g := newRowRNG(tb.seed, tb.name)
		for j := bounds[c]; j < bounds[c+1]; j++ {
			gj := tb.colLo + j
			r := g.row(gj)
			for range tb.counts[j] {
				cnt[tb.pre(r, gj)]++
			}
		}
		cursors[c] = cnt
	})
	// Row offsets; chunk c writes row i from offsets[i] + the counts of
	// chunks before it (their columns are lower: targets stay ascending).
	offsets := make([]int64, tb.nPre+1)
	for i := 0; i < tb.nPre; i++ {
		pos := offsets[i]
		for c := 0; c < w; c++ {
			k := cursors[c][i]
			cursors[c][i] = pos
			pos += k
		}
		offsets[i+1] = pos
	}
	pr.Offsets = offsets
	pr.Targets = make([]int32, local)
	var ws []W
	var ds []D
	if tb.perWeight {
		ws = make([]W, local)
	}
	if tb.perDelay {
		ds = make([]D, local)
	}
	limit := int(^D(0))
	maxes := make([]int, w)
	errs := make([]error, w)
	// Pass 2: draw again and place every synapse.
	run(func(c int) {
		cur := cursors[c]
		g, gw, gd := newRowRNG(tb.seed, tb.name), newRowRNG(tb.seed, tb.name+"\x00weight"), newRowRNG(tb.seed, tb.name+"\x00delay")
		maxD := 0
		for j := bounds[c]; j < bounds[c+1]; j++ {
			gj := tb.colLo + j
			r := g.row(gj)
			var rw, rd *rand.Rand
			if ws != nil {
				rw = gw.row(gj)
			}
			if ds != nil {
				rd = gd.row(gj)
			}
			for range tb.counts[j] {
				i := tb.pre(r, gj)
				k := cur[i]
				cur[i]++
				pr.Targets[k] = int32(j)
				if ws != nil {
					ws[k] = W(tb.weight.Draw(rw))
				}
				if ds != nil {
					s, err := delaySteps(tb.delay.Draw(rd), tb.dt, tb.rounding)
					if err != nil {
						errs[c] = fmt.Errorf("delay of a synapse onto post neuron %d: %v", gj, err)
						return
					}
					if s > limit {
						errs[c] = errDelayOverflow
						return
					}
					ds[k] = D(s)
					maxD = max(maxD, s)
				}
			}
		}
		maxes[c] = maxD
	})
	maxD := 0
	for c := range errs {
		if errs[c] == errDelayOverflow {
			return 0, errDelayOverflow
		}
	}
	for c := range errs {
		if errs[c] != nil {
			return 0, errs[c]
		}
		maxD = max(maxD, maxes[c])
	}
	switch v := any(ws).(type) {
	case []float64:
		pr.Weights = v
	case []float32:
		pr.Weights32 = v
	}
	switch v := any(ds).(type) {
	case []uint8:
		pr.Delays8 = v
	case []uint16:
		pr.DelaySteps = v
	}
	return maxD, nil
}

// pre draws one pre neuron for post neuron j (global index): uniform over
// the nPre neurons, or over the others when autapses are excluded.
func (tb *totalBuilder) pre(r *rand.Rand, j int) int {
	if !tb.noSelf {
		return r.IntN(tb.nPre)
	}
	i := r.IntN(tb.nPre - 1)
	if i >= j {
		i++
	}
	return i
}
