package ecs

import (
	"fmt"
	"math"
	"math/rand/v2"
	"unsafe"

	aecs "github.com/mlange-42/arche/ecs"

	"github.com/spikecs/spikecs/components"
)

// population is the Sim's bookkeeping for one population.
type population struct {
	run       []NeuronSystem // scratch: a segment's systems after fusion (see fusedRun)
	name      string
	id        int
	size      int // neurons in this Sim
	global    int // neurons in the whole network (see Partition)
	offset    int // global index of local neuron 0
	entity    aecs.Entity
	filter    *aecs.RelationFilter // neurons of this population (never cached: relation target)
	hasAdapt  bool
	hasRef    bool
	hasSurr   bool             // per-neuron SurrogateSpec components
	isSource  bool             // spike source: no Membrane, no Input
	synSlots  uint8            // bit c set: neurons carry the state G of channel slot c
	synHSlots uint8            // bit c set: neurons also carry the state H of slot c
	model     *Model           // the population's descriptor (nil for sources)
	ext       []extCol         // the model's own state columns
	first     []unsafe.Pointer // scratch: column starts (see firstBuf)
	scope     uint64           // which scoped neuron systems run for it (see AddNeuronSystemFor)
	runScoped []NeuronSystem   // scratch: a segment's systems in scope
	rng       *rand.Rand
	pcg       *rand.PCG // rng's source, for SaveState/LoadState
	view      PopView
	fired     []int32 // indices with S = 1 this step (see PopView.Fired)
	gather    gatherState
	cache     bindCache
}

// AddPopulation creates the population's entity and one entity per neuron,
// with the components of its composition and parameters resolved from the
// spec (random initializers draw from a stream derived from the seed, the
// population name and the parameter name). It returns the population ID.
//
// Errors name the population and the parameter (and the neuron for
// per-neuron values); nothing is created on error.
func (s *Sim) AddPopulation(spec PopulationSpec) (int, error) {
	if s.world.IsLocked() {
		return 0, fmt.Errorf("population %q: the world is locked (a query is open)", spec.Name)
	}
	r, err := s.resolve(spec)
	if err != nil {
		return 0, err
	}
	lo, hi, err := s.localRange(spec)
	if err != nil {
		return 0, err
	}
	if hi-lo != spec.Size {
		r.cut(lo, hi)
	}
	m := spec.Descriptor()
	if r.model != nil && m.Prepare != nil {
		d, err := m.Prepare(r.model, s.clock.DtMs)
		if err != nil {
			return 0, &ParamError{Population: spec.Name, Param: "params", Neuron: -1, Msg: err.Error()}
		}
		r.model.Derived = d
	}
	if spec.Source == nil {
		if err := s.installModel(m); err != nil {
			return 0, fmt.Errorf("population %q: %w", spec.Name, err)
		}
	}
	return s.create(spec, r, lo, hi), nil
}

// resolved holds a spec's parameters turned into Params.
type resolved struct {
	mp     components.MembraneParams
	ap     components.AdaptationParams
	rp     components.RefractoryParams
	model  *components.ModelParams // descriptor models only
	vInit  components.Param
	aInit  components.Param
	surr   components.SurrogateSpec
	surrNs []components.SurrogateSpec
	src    *components.Source
}

func (s *Sim) resolve(spec PopulationSpec) (*resolved, error) {
	fail := func(param string, neuron int, format string, args ...any) (*resolved, error) {
		return nil, &ParamError{Population: spec.Name, Param: param, Neuron: neuron, Msg: fmt.Sprintf(format, args...)}
	}
	if spec.Name == "" {
		return fail("name", -1, "is required")
	}
	if _, dup := s.byName[spec.Name]; dup {
		return fail("name", -1, "is already used by another population")
	}
	if spec.Size < 1 || spec.Size > math.MaxInt32 {
		return fail("size", -1, "must be between 1 and %d, got %d", math.MaxInt32, spec.Size)
	}
	if spec.Model == "IF" && spec.Membrane.VReset.IsSet() && !isZero(spec.Membrane.VReset) {
		return fail("V_reset", -1, "does not exist for model IF (it is 0 mV); use LIF to set it")
	}
	if spec.Model == "IF" && spec.Membrane.VRest.IsSet() && !isZero(spec.Membrane.VRest) {
		return fail("V_rest", -1, "does not exist for model IF (it is 0 mV); use LIF to set it")
	}
	n := spec.Size
	res := &resolved{}
	if spec.Source != nil {
		src, err := s.resolveSource(spec)
		if err != nil {
			return nil, err
		}
		res.src = src
		return res, nil
	}
	desc := spec.Descriptor()
	if !desc.lif {
		if err := s.resolveModel(&spec, desc, res); err != nil {
			return nil, err
		}
	} else if err := s.resolveLIF(&spec, desc, res); err != nil {
		return nil, err
	}
	// V_th must exceed V_reset for every neuron: v_scaled divides by it.
	for i := 0; i < n; i++ {
		th, rs := res.mp.VThMV.At(i), res.mp.VResetMV.At(i)
		if !(th > rs) {
			if res.mp.VThMV.IsShared() && res.mp.VResetMV.IsShared() {
				return fail("V_th", -1, "(%v mV) must be greater than V_reset (%v mV)", th, rs)
			}
			return fail("V_th", i, "(%v mV) must be greater than V_reset (%v mV)", th, rs)
		}
		if res.mp.VThMV.IsShared() && res.mp.VResetMV.IsShared() {
			break
		}
	}
	if spec.Refractory != nil {
		if spec.Refractory.Mode >= components.RefractoryModeCount {
			return fail("refractory_mode", -1, "has unknown mode %d", spec.Refractory.Mode)
		}
		res.rp.Mode = spec.Refractory.Mode
	}
	if desc.lif {
		m := spec.Membrane
		res.mp.Reset = m.Reset
		if m.Reset != components.ResetSoft && m.Reset != components.ResetHard {
			return fail("spk_reset", -1, "has unknown mode %d", m.Reset)
		}
	}
	if err := checkSurrogate(spec.Surrogate); err != nil {
		return fail("surrogate", -1, "%v", err)
	}
	res.surr = spec.Surrogate
	if len(spec.Surrogates) > 0 {
		if len(spec.Surrogates) != n {
			return fail("surrogate", -1, "list has %d entries, expected %d (one per neuron)", len(spec.Surrogates), n)
		}
		for i, sg := range spec.Surrogates {
			if err := checkSurrogate(sg); err != nil {
				return fail("surrogate", i, "%v", err)
			}
		}
		res.surrNs = append([]components.SurrogateSpec(nil), spec.Surrogates...)
	}
	return res, nil
}

func isZero(v Value) bool { return v.kind == valueScalar && v.x == 0 }

func checkSurrogate(sg components.SurrogateSpec) error {
	if sg.Kind >= components.SurrogateKindCount {
		return fmt.Errorf("unknown surrogate kind %d", sg.Kind)
	}
	for _, x := range sg.P {
		if math.IsNaN(x) || math.IsInf(x, 0) {
			return fmt.Errorf("parameter %v is not finite", x)
		}
	}
	return nil
}

// create makes the entities of a resolved population, neurons lo..hi-1
// of the whole population (already cut, see Partition).
func (s *Sim) create(spec PopulationSpec, r *resolved, lo, hi int) int {
	w := s.world
	id := len(s.pops)
	p := &population{
		name: spec.Name, id: id, size: hi - lo, global: spec.Size, offset: lo,
		hasAdapt: spec.Adaptation != nil, hasRef: spec.Refractory != nil, hasSurr: len(r.surrNs) > 0,
	}
	p.pcg = streamPCG(s.opts.Seed, "pop", spec.Name)
	p.rng = rand.New(p.pcg)
	if r.src != nil {
		s.createSource(p, spec, r.src)
		return id
	}
	p.model = spec.Descriptor()
	p.scope = s.scopeOf(p.model)
	popIDs := []aecs.ID{s.ids.popInfo, s.ids.membraneP, s.ids.surrogateP, s.ids.channels, s.ids.shared}
	if r.model != nil {
		popIDs = append(popIDs, s.ids.modelP)
		for _, c := range p.model.State {
			p.ext = append(p.ext, extCol{name: c.Name, id: aecs.TypeID(w, c.Type), typ: c.Type})
		}
	}
	if p.hasAdapt {
		popIDs = append(popIDs, s.ids.adaptP)
	}
	if p.hasRef {
		popIDs = append(popIDs, s.ids.refractP)
	}
	p.entity = w.NewEntity(popIDs...)
	*(*components.Population)(w.Get(p.entity, s.ids.popInfo)) = components.Population{Name: spec.Name, Size: p.size, ID: id}
	*(*components.MembraneParams)(w.Get(p.entity, s.ids.membraneP)) = r.mp
	*(*components.SurrogateSpec)(w.Get(p.entity, s.ids.surrogateP)) = r.surr
	if p.hasAdapt {
		*(*components.AdaptationParams)(w.Get(p.entity, s.ids.adaptP)) = r.ap
	}
	if p.hasRef {
		*(*components.RefractoryParams)(w.Get(p.entity, s.ids.refractP)) = r.rp
	}
	if r.model != nil {
		*(*components.ModelParams)(w.Get(p.entity, s.ids.modelP)) = *r.model
	}

	ids := []aecs.ID{s.ids.cols[colInPop], s.ids.cols[colMembrane], s.ids.cols[colInput], s.ids.cols[colSpike]}
	if p.hasAdapt {
		ids = append(ids, s.ids.cols[colAdaptation])
	}
	if p.hasRef {
		ids = append(ids, s.ids.cols[colRefractory])
	}
	if p.hasSurr {
		ids = append(ids, s.ids.cols[colSurrogate])
	}
	for _, e := range p.ext {
		ids = append(ids, e.id)
	}
	q := aecs.NewBuilder(w, ids...).WithRelation(s.ids.cols[colInPop]).NewBatchQ(p.size, p.entity)
	i := 0
	for q.Next() {
		(*components.InPop)(q.Get(s.ids.cols[colInPop])).Index = int32(i)
		(*components.Membrane)(q.Get(s.ids.cols[colMembrane])).V = r.vInit.At(i)
		if p.hasAdapt {
			(*components.Adaptation)(q.Get(s.ids.cols[colAdaptation])).A = r.aInit.At(i)
		}
		if p.hasRef {
			(*components.Refractory)(q.Get(s.ids.cols[colRefractory])).LastSpikeMs = components.RefractoryNever
		}
		if p.hasSurr {
			*(*components.SurrogateSpec)(q.Get(s.ids.cols[colSurrogate])) = r.surrNs[i]
		}
		for j, e := range p.ext {
			initState(q.Get(e.id), p.model.State[j], r.model, i, r.vInit.At(i))
		}
		i++
	}
	s.register(p)
	// Derived constants; cannot fail for a freshly created, live entity.
	_ = s.refreshPop(p)
	return id
}

// register makes a created population known to the Sim.
func (s *Sim) register(p *population) {
	f := aecs.NewRelationFilter(aecs.All(s.ids.cols[colInPop]), p.entity)
	p.filter = &f
	s.pops = append(s.pops, p)
	s.byName[p.name] = p.id
}

// initState writes neuron i's initial values into its state component at
// ptr: each variable from its init parameter, its InitFn, or 0.
func initState(ptr unsafe.Pointer, col StateColumn, ps *components.ModelParams, i int, vInit float64) {
	for _, v := range col.Vars {
		x := 0.0
		switch {
		case v.InitFn != nil:
			x = v.InitFn(ps, i, vInit)
		case v.Init != "":
			x = ps.Get(v.Init).At(i)
		}
		*(*float64)(unsafe.Add(ptr, v.Offset)) = x
	}
}
