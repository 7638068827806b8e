package systems_test

import (
	"math"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/spikecs/spikecs/components"
	"github.com/spikecs/spikecs/ecs"
	"github.com/spikecs/spikecs/systems"
)

// oneSynapse builds a spike-time source (one neuron, spike at t = 0) that
// projects with weight 1 mS onto one post neuron through an Expon channel.
func oneSynapse(t *testing.T, post ecs.PopulationSpec, ch components.ChannelParams, delayMs ecs.Value) (*ecs.Sim, int) {
	t.Helper()
	return oneSource(t, post, systems.ProjectionSpec{Channel: ch, Weight: ecs.Scalar(1e-3), DelayMs: delayMs})
}

// oneSource builds a spike-time source (one neuron, spike at t = 0) and
// connects it all-to-all to post with the rest of spec.
func oneSource(t *testing.T, post ecs.PopulationSpec, spec systems.ProjectionSpec) (*ecs.Sim, int) {
	t.Helper()
	sim, err := systems.NewSim(ecs.Options{DtMs: 0.1})
	require.NoError(t, err)
	_, err = sim.AddPopulation(ecs.PopulationSpec{Name: "pre", Size: 1, Source: &ecs.SourceSpec{TimesMs: []float64{0}, Neurons: []int{0}}})
	require.NoError(t, err)
	id, err := sim.AddPopulation(post)
	require.NoError(t, err)
	net, err := systems.NewNetwork(sim)
	require.NoError(t, err)
	spec.Pre, spec.Post, spec.Conn = "pre", post.Name, systems.Connectivity{Kind: systems.AllToAll}
	_, err = net.Connect(spec)
	require.NoError(t, err)
	return sim, id
}

// TestCUBAAndCOBASingleSynapse pins semantics §6.9: the reference's pre
// spike enters the projection at step 0; ours is emitted at step 0 and acts
// one step later (spikes of the stored V of the previous step), so our step
// n+1 is the reference's step n.
func TestCUBAAndCOBASingleSynapse(t *testing.T) {
	cuba := ecs.LIF("post", 1)
	cuba.Membrane.Tau = ecs.Scalar(10)
	sim, id := oneSynapse(t, cuba, components.ChannelParams{Kind: components.SynExpon, TauMs: 5, Out: components.OutCUBA, ScaleMV: 1000}, ecs.Value{})
	tr := record(t, sim, id, 5)
	assert.Equal(t, 0.0, tr.V[0][0], "no input before the spike arrives")
	for n, want := range []float64{0.009950166, 0.019604300, 0.028969249, 0.038051714} {
		assert.InDelta(t, want, tr.V[n+1][0], 5e-10, "CUBA V at reference step %d", n)
	}
	v, err := sim.Bind(id)
	require.NoError(t, err)
	assert.InDelta(t, 1e-3*0.960789439*0.980198673, v.SynG[0][0], 1e-12, "g arrives at step 1 and decays by exp(-dt/tau) per step")
	require.NoError(t, sim.Unbind(v))

	coba := ecs.LIF("post", 1)
	coba.Membrane.VRest, coba.Membrane.VTh, coba.Membrane.VReset = ecs.Scalar(-60), ecs.Scalar(-50), ecs.Scalar(-60)
	coba.Membrane.Tau, coba.Membrane.VInit = ecs.Scalar(20), ecs.Scalar(-60)
	sim, id = oneSynapse(t, coba, components.ChannelParams{Kind: components.SynExpon, TauMs: 5, Out: components.OutCOBA, EMV: 0}, ecs.Value{})
	tr = record(t, sim, id, 4)
	assert.Equal(t, -60.0, tr.V[0][0])
	for n, want := range []float64{-59.99970074949906, -59.99940891851796, -59.99912435262538} {
		assert.InDelta(t, want, tr.V[n+1][0], 1e-12, "COBA V at reference step %d", n)
	}
}

// TestDelayShiftsArrival: a delay of d ms acts ceil(d/dt) steps after the
// spike; delays of 0 and one step both give the one-step latency.
func TestDelayShiftsArrival(t *testing.T) {
	post := ecs.LIF("post", 1)
	ch := components.ChannelParams{Kind: components.SynExpon, TauMs: 5, Out: components.OutCUBA, ScaleMV: 1000}
	first := func(d ecs.Value) int {
		sim, id := oneSynapse(t, post, ch, d)
		tr := record(t, sim, id, 40)
		for n := range tr.V {
			if tr.V[n][0] != 0 {
				return n
			}
		}
		return -1
	}
	assert.Equal(t, 1, first(ecs.Value{}), "no delay: next step")
	assert.Equal(t, 1, first(ecs.Scalar(0.1)), "one step")
	assert.Equal(t, 15, first(ecs.Scalar(1.45)), "ceil(1.45/0.1) = 15 steps")
	assert.Equal(t, 20, first(ecs.Scalar(2)), "2 ms = 20 steps")
}

// TestEqualChannelsMerge: two projections with identical synapse and output
// onto one population share a channel; a different one gets its own.
func TestEqualChannelsMerge(t *testing.T) {
	sim, err := systems.NewSim(ecs.Options{})
	require.NoError(t, err)
	for _, name := range []string{"a", "b", "c"} {
		_, err := sim.AddPopulation(ecs.LIF(name, 10))
		require.NoError(t, err)
	}
	net, err := systems.NewNetwork(sim)
	require.NoError(t, err)
	exc := components.ChannelParams{Kind: components.SynExpon, TauMs: 5, Out: components.OutCOBA, EMV: 0}
	inh := components.ChannelParams{Kind: components.SynExpon, TauMs: 10, Out: components.OutCOBA, EMV: -80}
	conn := systems.Connectivity{Kind: systems.AllToAll}
	for _, p := range []systems.ProjectionSpec{
		{Pre: "a", Post: "c", Channel: exc, Conn: conn, Weight: ecs.Scalar(1e-9)},
		{Pre: "b", Post: "c", Channel: exc, Conn: conn, Weight: ecs.Scalar(1e-9)},
		{Pre: "b", Post: "c", Name: "inh", Channel: inh, Conn: conn, Weight: ecs.Scalar(1e-9)},
	} {
		_, err := net.Connect(p)
		require.NoError(t, err)
	}
	prs := net.Projections()
	assert.Equal(t, prs[0].Channel, prs[1].Channel, "equal descriptions share a channel")
	assert.NotEqual(t, prs[0].Channel, prs[2].Channel)
	id, _ := sim.Population("c")
	assert.Len(t, sim.Channels(id).List, 2)
	lay, err := sim.CheckLayout()
	require.NoError(t, err)
	assert.True(t, lay["c"], "adding channel components keeps the population contiguous")
	require.NoError(t, sim.Run(3))
}

// TestConnectivityRules checks counts and shapes of every rule.
func TestConnectivityRules(t *testing.T) {
	build := func(conn systems.Connectivity, nPre, nPost int, same bool) *components.Projection {
		sim, err := systems.NewSim(ecs.Options{Seed: 5})
		require.NoError(t, err)
		_, err = sim.AddPopulation(ecs.LIF("a", nPre))
		require.NoError(t, err)
		post := "a"
		if !same {
			_, err = sim.AddPopulation(ecs.LIF("b", nPost))
			require.NoError(t, err)
			post = "b"
		}
		net, err := systems.NewNetwork(sim)
		require.NoError(t, err)
		_, err = net.Connect(systems.ProjectionSpec{Pre: "a", Post: post, Conn: conn, Weight: ecs.Scalar(1e-9),
			Channel: components.ChannelParams{Kind: components.SynExpon, TauMs: 5, Out: components.OutCOBA}})
		require.NoError(t, err)
		return net.Projections()[0]
	}
	degrees := func(p *components.Projection) []int {
		out := make([]int, len(p.Offsets)-1)
		for i := range out {
			out[i] = int(p.Offsets[i+1] - p.Offsets[i])
		}
		return out
	}
	// pairwise Bernoulli: mean 0.02·4000·3200 = 256000 ± 500 (sd), no autapses
	p := build(systems.Connectivity{Kind: systems.FixedProb, P: 0.02, NoAutapses: true}, 3200, 4000, true)
	_ = p
	p = build(systems.Connectivity{Kind: systems.FixedProb, P: 0.02}, 3200, 4000, false)
	assert.InDelta(t, 256000, len(p.Targets), 5*500, "fixed_prob count")
	// fixed out-degree, the reference's int(n_post·p)
	p = build(systems.Connectivity{Kind: systems.FixedOutDegree, P: 0.02}, 100, 4000, false)
	for _, d := range degrees(p) {
		require.Equal(t, 80, d)
	}
	// without multapses and autapses: distinct and never i → i
	p = build(systems.Connectivity{Kind: systems.FixedOutDegree, N: 9, NoMultapses: true, NoAutapses: true}, 10, 10, true)
	for i := 0; i < 10; i++ {
		row := p.Targets[p.Offsets[i]:p.Offsets[i+1]]
		seen := map[int32]bool{}
		for _, j := range row {
			assert.NotEqual(t, int32(i), j, "no autapse")
			assert.False(t, seen[j], "no multapse")
			seen[j] = true
		}
		assert.Len(t, row, 9)
	}
	// fixed in-degree
	p = build(systems.Connectivity{Kind: systems.FixedInDegree, N: 7}, 50, 30, false)
	in := make([]int, 30)
	for _, j := range p.Targets {
		in[j]++
	}
	for _, d := range in {
		assert.Equal(t, 7, d)
	}
	// fixed total, all-to-all, one-to-one
	assert.Len(t, build(systems.Connectivity{Kind: systems.FixedTotal, N: 123}, 20, 30, false).Targets, 123)
	assert.Len(t, build(systems.Connectivity{Kind: systems.AllToAll, NoAutapses: true}, 12, 12, true).Targets, 12*11)
	p = build(systems.Connectivity{Kind: systems.OneToOne}, 5, 5, false)
	assert.Equal(t, []int32{0, 1, 2, 3, 4}, p.Targets)
	// pairs, with weights reordered into CSR order
	sim, err := systems.NewSim(ecs.Options{})
	require.NoError(t, err)
	_, _ = sim.AddPopulation(ecs.LIF("a", 3))
	net, _ := systems.NewNetwork(sim)
	_, err = net.Connect(systems.ProjectionSpec{Pre: "a", Post: "a", Weight: ecs.List(3e-9, 1e-9, 2e-9),
		Conn:    systems.Connectivity{Kind: systems.Pairs, PreIdx: []int{2, 0, 1}, PostIdx: []int{0, 1, 2}},
		Channel: components.ChannelParams{Kind: components.SynExpon, TauMs: 5, Out: components.OutCOBA}})
	require.NoError(t, err)
	pr := net.Projections()[0]
	assert.Equal(t, []int32{1, 2, 0}, pr.Targets)
	assert.Equal(t, []float64{1e-9, 2e-9, 3e-9}, pr.Weights)
}

// TestConnectErrors: clear errors for user mistakes.
func TestConnectErrors(t *testing.T) {
	sim, err := systems.NewSim(ecs.Options{})
	require.NoError(t, err)
	_, _ = sim.AddPopulation(ecs.LIF("a", 3))
	_, _ = sim.AddPopulation(ecs.PopulationSpec{Name: "src", Size: 2, Source: &ecs.SourceSpec{RateHz: ecs.Scalar(10)}})
	net, err := systems.NewNetwork(sim)
	require.NoError(t, err)
	coba := components.ChannelParams{Kind: components.SynExpon, TauMs: 5, Out: components.OutCOBA}
	cases := []struct {
		spec systems.ProjectionSpec
		msg  string
	}{
		{systems.ProjectionSpec{Pre: "x", Post: "a", Channel: coba, Conn: systems.Connectivity{Kind: systems.AllToAll}, Weight: ecs.Scalar(1)}, `unknown pre population "x"`},
		{systems.ProjectionSpec{Pre: "a", Post: "src", Channel: coba, Conn: systems.Connectivity{Kind: systems.AllToAll}, Weight: ecs.Scalar(1)}, "spike source"},
		{systems.ProjectionSpec{Pre: "a", Post: "a", Channel: coba, Conn: systems.Connectivity{Kind: systems.FixedProb, P: 1.5}, Weight: ecs.Scalar(1)}, "p must be in [0, 1]"},
		{systems.ProjectionSpec{Pre: "a", Post: "a", Channel: coba, Conn: systems.Connectivity{Kind: systems.AllToAll}, Weight: ecs.Scalar(-1)}, "must be >= 0"},
		{systems.ProjectionSpec{Pre: "a", Post: "a", Channel: coba, Conn: systems.Connectivity{Kind: systems.AllToAll}, Weight: ecs.Scalar(1), DelayMs: ecs.Scalar(-1)}, "must be >= 0"},
		{systems.ProjectionSpec{Pre: "a", Post: "a", Channel: coba, Conn: systems.Connectivity{Kind: systems.Pairs, PreIdx: []int{0}, PostIdx: []int{5}}, Weight: ecs.Scalar(1)}, "out of range"},
		{systems.ProjectionSpec{Pre: "a", Post: "a", Channel: components.ChannelParams{Kind: components.SynExpon, Out: components.OutCOBA}, Conn: systems.Connectivity{Kind: systems.AllToAll}, Weight: ecs.Scalar(1)}, "tau must be > 0"},
	}
	for _, c := range cases {
		_, err := net.Connect(c.spec)
		assert.ErrorContains(t, err, c.msg)
	}
	assert.Empty(t, net.Projections(), "nothing is added on error")
}

// TestPairDelaysFollowPairs: per-pair weight and delay lists stay with
// their pair when the pairs are sorted into CSR order.
func TestPairDelaysFollowPairs(t *testing.T) {
	sim, err := systems.NewSim(ecs.Options{})
	require.NoError(t, err)
	_, _ = sim.AddPopulation(ecs.LIF("a", 2))
	net, err := systems.NewNetwork(sim)
	require.NoError(t, err)
	_, err = net.Connect(systems.ProjectionSpec{Pre: "a", Post: "a", Weight: ecs.List(1e-9, 2e-9), DelayMs: ecs.List(1, 3),
		Conn:    systems.Connectivity{Kind: systems.Pairs, PreIdx: []int{1, 0}, PostIdx: []int{0, 0}},
		Channel: components.ChannelParams{Kind: components.SynExpon, TauMs: 5, Out: components.OutCOBA}})
	require.NoError(t, err)
	pr := net.Projections()[0]
	assert.Equal(t, []float64{2e-9, 1e-9}, pr.Weights, "row 0 is pair 1 (0 → 0), row 1 is pair 0 (1 → 0)")
	assert.Equal(t, []uint8{30, 10}, pr.Delays8, "delays move with their pairs (one byte each: they fit)")
}

// channelTrace runs a one-synapse network (weight w S, spike at t = 0) and
// returns the channel state G (and H) after every step.
func channelTrace(t *testing.T, ch components.ChannelParams, w float64, steps int) (g, h []float64) {
	t.Helper()
	sim, id := oneSource(t, ecs.LIF("post", 1), systems.ProjectionSpec{Channel: ch, Weight: ecs.Scalar(w)})
	for n := 0; n < steps; n++ {
		require.NoError(t, sim.Step())
		v, err := sim.Bind(id)
		require.NoError(t, err)
		g, h = append(g, v.SynG[0][0]), append(h, v.SynH[0][0])
		require.NoError(t, sim.Unbind(v))
	}
	return g, h
}

// TestAlphaImpulseResponse pins semantics §6.1: input enters h, g follows
// one step later; peak ≈ 0.3701883 at t = tau (reference step 80, our step
// 81 because of the one-step spike latency).
func TestAlphaImpulseResponse(t *testing.T) {
	g, _ := channelTrace(t, components.ChannelParams{Kind: components.SynAlpha, TauMs: 8, Out: components.OutCUBA, ScaleMV: 1000}, 1, 200)
	for n, want := range []float64{0, 0.012422199506, 0.024535776931, 0.036346482923} {
		assert.InDelta(t, want, g[n+1], 1e-11, "g at reference step %d", n)
	}
	peak := 0
	for n := range g {
		if g[n] > g[peak] {
			peak = n
		}
	}
	assert.Equal(t, 81, peak, "peak at t = tau")
	assert.InDelta(t, 0.3701883, g[peak], 1e-7)
}

// TestDualExpon pins the default normalisation (A = 1.435055183349871,
// a = 1.2915496650148839/ms) and the §8.9 choice: by default, as in
// brainstate 0.1.10, only the rise receives the input (output negative for
// a positive weight); DualExponBoth feeds both (output positive).
func TestDualExpon(t *testing.T) {
	pr := components.ChannelParams{Kind: components.SynDualExpon, TauRiseMs: 1, TauDecayMs: 10, Out: components.OutCUBA, ScaleMV: 1000}
	assert.InDelta(t, 1.2915496650148839, systems.DualExponScale(&pr), 1e-15)
	rise, decay := channelTrace(t, pr, 1, 30)
	assert.Equal(t, 0.0, decay[1], "0.1.10: the decay component never receives projection input")
	assert.Less(t, decay[20]-rise[20], 0.0, "so the output is negative")
	pr.DualExponBoth = true
	rise, decay = channelTrace(t, pr, 1, 30)
	assert.Equal(t, rise[1], decay[1], "both components receive the input")
	assert.Greater(t, decay[20]-rise[20], 0.0, "output a·(decay − rise) is positive")
}

// TestMgBlockCurrent: the MgBlock output linearised at the stored V (the
// MgBlockAtStoredV option, computed by ChannelUpdate) equals the reference
// formula at V and has its derivative.
func TestMgBlockCurrent(t *testing.T) {
	post := ecs.LIF("post", 1)
	post.Membrane.VInit = ecs.Scalar(-40)
	ch := components.ChannelParams{Kind: components.SynExpon, TauMs: 5, Out: components.OutMgBlock, EMV: 0, MgCcMM: 1.2, MgAlphaPerMV: 0.062, MgBeta: 3.57, MgBlockAtStoredV: true}
	sim, id := oneSynapse(t, post, ch, ecs.Value{})
	require.NoError(t, sim.Step()) // step 0: spike emitted
	// Run only the channel update of step 1 and read the linearisation.
	v, err := sim.Bind(id)
	require.NoError(t, err)
	require.NoError(t, systems.ChannelUpdate{}.UpdateBlock(ecs.Tick{Step: 1, TMs: 0.1, DtMs: 0.1}, v, 0, 1))
	in, vm, g := v.Input[0], v.Membrane[0].V, v.SynG[0][0]
	require.NoError(t, sim.Unbind(v))
	mg := func(x float64) float64 { return g * (0 - x) / (1 + 1.2/3.57*math.Exp(0.062*(0-x))) }
	assert.InDelta(t, mg(vm), in.CurrentMA+in.DIdV*vm, 1e-15, "I(V) at the linearisation point")
	h := 1e-6
	assert.InDelta(t, (mg(vm+h)-mg(vm-h))/(2*h), in.DIdV, 1e-9, "dI/dV")
}

// TestAMPAPulse pins semantics §6.1: one spike at t = 0, dt = 0.1 ms: the
// pre-side g after reference steps 0..6 (the pulse covers steps 0–4). With
// weight 1 S the post channel's G is the pre g, one step later.
func TestAMPAPulse(t *testing.T) {
	sim, id := oneSource(t, ecs.LIF("post", 1), systems.ProjectionSpec{Weight: ecs.Scalar(1),
		Channel: components.ChannelParams{Out: components.OutCOBA}, PreSynapse: &systems.PreSynapseSpec{Kind: components.PreAMPA}})
	tr := make([]float64, 8)
	for n := range tr {
		require.NoError(t, sim.Step())
		v, _ := sim.Bind(id)
		tr[n] = v.SynG[0][0]
		require.NoError(t, sim.Unbind(v))
	}
	for n, want := range []float64{0.047394554, 0.091717714, 0.133168520, 0.171933115, 0.208185579, 0.204471763, 0.200824198} {
		assert.InDelta(t, want, tr[n+1], 1e-9, "AMPA g at reference step %d", n)
	}
}

// TestNaNConductanceNamesProjection: an infinite weight makes the channel's
// conductance infinite; the error names population, neuron, step and the
// feeding projection.
func TestNaNConductanceNamesProjection(t *testing.T) {
	post := ecs.LIF("post", 1)
	sim, id := oneSynapse(t, post, components.ChannelParams{Kind: components.SynExpon, TauMs: 5, Out: components.OutCUBA, ScaleMV: 1000}, ecs.Value{})
	_ = id
	ch := &sim.Channels(id).List[0]
	ch.Ring[0] = math.Inf(1) // an arrival that overflowed
	err := sim.Run(3)
	require.Error(t, err)
	assert.Contains(t, err.Error(), `population "post" neuron 0 became +Inf at step 0`)
	assert.Contains(t, err.Error(), "pre->post")
}
