package systems

import (
	"fmt"
	"hash/fnv"
	"math"
	"math/rand/v2"
	"slices"
)

// ConnKind is a connectivity rule.
type ConnKind uint8

// The connectivity rules.
const (
	// FixedProb connects every (pre, post) pair independently with
	// probability P (pairwise Bernoulli, Brian2's p=, NEST's pairwise_bernoulli).
	FixedProb ConnKind = iota + 1
	// FixedOutDegree gives every pre neuron N targets, or int(n_post·P) when
	// N is 0 and P > 0 — the reference's FixedNumConn / EventFixedProb,
	// where "prob" means this count (§6.8).
	FixedOutDegree
	// FixedInDegree gives every post neuron N sources (or int(n_pre·P)).
	FixedInDegree
	// FixedTotal draws N synapses with uniformly random pre and post.
	FixedTotal
	// AllToAll connects every pair.
	AllToAll
	// OneToOne connects pre i to post i (equal sizes).
	OneToOne
	// Pairs connects the listed pairs PreIdx[k] → PostIdx[k].
	Pairs
	// FixedTotalNumber draws N synapses (or the count PD14 derives from a
	// connection probability P, see TotalFromProbability) with NEST's
	// fixed_total_number semantics: each synapse's (pre, post) uniform over
	// the allowed pairs, multapses allowed, autapses as NoAutapses says.
	// It is drawn per post neuron (connect_total.go), so a partition draws
	// only its own neurons' synapses, with their weights and delays.
	FixedTotalNumber
)

// ConnKinds returns the rule names used in scenario files.
func ConnKinds() map[string]ConnKind {
	return map[string]ConnKind{
		"fixed_prob": FixedProb, "fixed_out_degree": FixedOutDegree, "fixed_in_degree": FixedInDegree,
		"fixed_total": FixedTotal, "all_to_all": AllToAll, "one_to_one": OneToOne, "pairs": Pairs,
		"fixed_total_number": FixedTotalNumber,
	}
}

// Connectivity describes how a projection's synapses are drawn.
type Connectivity struct {
	Kind ConnKind
	P    float64 // probability (FixedProb) or fraction (degree rules)
	N    int     // degree (FixedOutDegree, FixedInDegree) or total (FixedTotal)
	// NoAutapses forbids i → i when pre and post are the same population.
	NoAutapses bool
	// NoMultapses forbids repeated (pre, post) pairs in the degree and
	// total rules (the reference allows them by default).
	NoMultapses bool
	// PreIdx and PostIdx list the pairs of the Pairs rule.
	PreIdx, PostIdx []int
	// KScale multiplies the count FixedTotalNumber derives from P before
	// rounding (the microcircuit's in-degree scaling; 0 means 1).
	KScale float64
}

// csr is a connectivity in compressed sparse rows by pre neuron; perm
// maps each synapse to its position in the Pairs input (nil otherwise).
type csr struct {
	offsets []int64
	targets []int32
	perm    []int
	// total is the number of synapses of the whole projection (more than
	// len(targets) when buildCols kept only some columns).
	total int64
}

// rowRNG draws from one stream per pre row (or post column for
// FixedInDegree), derived from the seed and the projection name: the
// connectivity does not depend on how rows are split across workers.
type rowRNG struct {
	pcg  *rand.PCG
	r    *rand.Rand
	seed uint64
	name uint64
}

func newRowRNG(seed uint64, name string) *rowRNG {
	h := fnv.New64a()
	_, _ = h.Write([]byte("conn\x00" + name))
	pcg := rand.NewPCG(0, 0)
	return &rowRNG{pcg: pcg, r: rand.New(pcg), seed: seed, name: h.Sum64()}
}

// row reseeds the stream for row i and returns it.
func (g *rowRNG) row(i int) *rand.Rand {
	g.pcg.Seed(g.seed, g.name^(uint64(i)+1)*0x9E3779B97F4A7C15)
	return g.r
}

// build draws the synapses of a projection between populations of nPre and
// nPost neurons; same says whether pre and post are the same population.
func (c Connectivity) build(nPre, nPost int, same bool, seed uint64, name string) (*csr, error) {
	return c.buildCols(nPre, nPost, same, seed, name, 0, nPost)
}

// buildCols is build keeping only the synapses onto post neurons
// colLo..colHi-1 (still numbered globally): exactly those of the whole
// build, as every rule draws the same numbers and drops the other
// targets; FixedInDegree, whose streams are per post neuron, draws only
// those columns. Pairs ignores the range (its per-pair values are in the
// order of the whole list).
func (c Connectivity) buildCols(nPre, nPost int, same bool, seed uint64, name string, colLo, colHi int) (*csr, error) {
	colLo, colHi = max(0, colLo), min(nPost, colHi)
	var total int64
	keep := func(row []int32) []int32 { // counts the row, keeps its local targets
		total += int64(len(row))
		if colLo == 0 && colHi == nPost {
			return row
		}
		n := 0
		for _, j := range row {
			if int(j) >= colLo && int(j) < colHi {
				n++
			}
		}
		out := make([]int32, 0, n) // not row[:0]: that would keep the whole row's memory
		for _, j := range row {
			if int(j) >= colLo && int(j) < colHi {
				out = append(out, j)
			}
		}
		return out
	}
	noSelf := same && c.NoAutapses
	g := newRowRNG(seed, name)
	degree := func(n int) (int, error) {
		k := c.N
		if k == 0 && c.P > 0 {
			k = int(float64(n) * c.P)
		}
		if k < 0 {
			return 0, fmt.Errorf("degree must be >= 0, got %d", k)
		}
		avail := n
		if noSelf {
			avail--
		}
		if c.NoMultapses && k > avail {
			return 0, fmt.Errorf("degree %d exceeds the %d distinct partners available without multapses", k, avail)
		}
		return k, nil
	}
	rows := make([][]int32, nPre)
	var perm []int
	switch c.Kind {
	case FixedProb:
		if !(c.P >= 0 && c.P <= 1) {
			return nil, fmt.Errorf("p must be in [0, 1], got %v", c.P)
		}
		for i := range rows {
			rows[i] = keep(bernoulliRow(g.row(i), nPost, c.P, i, noSelf))
		}
	case FixedOutDegree:
		k, err := degree(nPost)
		if err != nil {
			return nil, err
		}
		for i := range rows {
			rows[i] = keep(sampleRow(g.row(i), nPost, k, i, noSelf, !c.NoMultapses))
		}
	case FixedInDegree:
		k, err := degree(nPre)
		if err != nil {
			return nil, err
		}
		for j := colLo; j < colHi; j++ {
			for _, i := range sampleRow(g.row(j), nPre, k, j, noSelf, !c.NoMultapses) {
				rows[i] = append(rows[i], int32(j))
			}
		}
		total = int64(k) * int64(nPost)
		if noSelf && nPre <= 1 {
			total = 0 // sampleRow finds no partner
		}
	case FixedTotal:
		if c.N < 0 {
			return nil, fmt.Errorf("n must be >= 0, got %d", c.N)
		}
		pairs := int64(nPre) * int64(nPost)
		if noSelf {
			pairs -= int64(min(nPre, nPost))
		}
		if c.NoMultapses && int64(c.N) > pairs {
			return nil, fmt.Errorf("n = %d exceeds the %d distinct pairs", c.N, pairs)
		}
		r := g.row(0)
		seen := map[int64]bool{}
		for k := 0; k < c.N; {
			i, j := r.IntN(nPre), r.IntN(nPost)
			if noSelf && i == j {
				continue
			}
			key := int64(i)*int64(nPost) + int64(j)
			if c.NoMultapses {
				if seen[key] {
					continue
				}
				seen[key] = true
			}
			if j >= colLo && j < colHi {
				rows[i] = append(rows[i], int32(j))
			}
			k++
		}
		total = int64(c.N)
	case AllToAll:
		for i := range rows {
			for j := colLo; j < colHi; j++ {
				if !(noSelf && i == j) {
					rows[i] = append(rows[i], int32(j))
				}
			}
		}
		total = int64(nPre) * int64(nPost)
		if noSelf {
			total -= int64(min(nPre, nPost))
		}
	case OneToOne:
		if nPre != nPost {
			return nil, fmt.Errorf("one_to_one needs equal sizes, got %d pre and %d post", nPre, nPost)
		}
		for i := range rows {
			if i >= colLo && i < colHi {
				rows[i] = []int32{int32(i)}
			}
		}
		total = int64(nPre)
	case Pairs:
		if len(c.PreIdx) != len(c.PostIdx) {
			return nil, fmt.Errorf("pairs: %d pre indices but %d post indices", len(c.PreIdx), len(c.PostIdx))
		}
		type pair struct{ i, j, k int }
		ps := make([]pair, len(c.PreIdx))
		for k := range c.PreIdx {
			i, j := c.PreIdx[k], c.PostIdx[k]
			if i < 0 || i >= nPre || j < 0 || j >= nPost {
				return nil, fmt.Errorf("pair %d (%d → %d) is out of range: pre 0..%d, post 0..%d", k, i, j, nPre-1, nPost-1)
			}
			if noSelf && i == j {
				return nil, fmt.Errorf("pair %d (%d → %d) is an autapse, but autapses are off", k, i, j)
			}
			ps[k] = pair{i, j, k}
		}
		slices.SortStableFunc(ps, func(a, b pair) int {
			if a.i != b.i {
				return a.i - b.i
			}
			return a.j - b.j
		})
		perm = make([]int, len(ps))
		for n, p := range ps {
			rows[p.i] = append(rows[p.i], int32(p.j))
			perm[n] = p.k
		}
		total = int64(len(ps))
	case FixedTotalNumber:
		return nil, fmt.Errorf("fixed_total_number is built per post neuron (Network.Connect), not here")
	default:
		return nil, fmt.Errorf("unknown connectivity rule %d", c.Kind)
	}
	out := &csr{offsets: make([]int64, nPre+1), perm: perm, total: total}
	for i, r := range rows {
		if c.Kind != Pairs {
			slices.Sort(r) // ascending targets: better locality in delivery
		}
		out.offsets[i+1] = out.offsets[i] + int64(len(r))
	}
	out.targets = make([]int32, 0, out.offsets[nPre])
	for _, r := range rows {
		out.targets = append(out.targets, r...)
	}
	return out, nil
}

// bernoulliRow draws the targets of one row with probability p each, by
// geometric skipping (O(targets), not O(n)).
func bernoulliRow(r *rand.Rand, n int, p float64, self int, noSelf bool) []int32 {
	var out []int32
	if p <= 0 {
		return out
	}
	if p >= 1 {
		for j := 0; j < n; j++ {
			if !(noSelf && j == self) {
				out = append(out, int32(j))
			}
		}
		return out
	}
	logq := math.Log1p(-p)
	j := -1
	for {
		u := 1 - r.Float64() // (0, 1]
		j += 1 + int(math.Floor(math.Log(u)/logq))
		if j >= n || j < 0 {
			return out
		}
		if !(noSelf && j == self) {
			out = append(out, int32(j))
		}
	}
}

// sampleRow draws k partners out of n (excluding self when noSelf), with
// or without repetition.
func sampleRow(r *rand.Rand, n, k, self int, noSelf, multi bool) []int32 {
	out := make([]int32, 0, k)
	avail := n
	if noSelf {
		avail--
	}
	if avail <= 0 {
		return out
	}
	pick := func(x int) int32 {
		if noSelf && x >= self {
			x++
		}
		return int32(x)
	}
	if multi {
		for len(out) < k {
			out = append(out, pick(r.IntN(avail)))
		}
		return out
	}
	// Floyd's algorithm: k distinct values of 0..avail-1.
	chosen := make(map[int]bool, k)
	for j := avail - k; j < avail; j++ {
		x := r.IntN(j + 1)
		if chosen[x] {
			x = j
		}
		chosen[x] = true
		out = append(out, pick(x))
	}
	return out
}
