package systems

import (
	"github.com/spikecs/spikecs/components"
	"github.com/spikecs/spikecs/ecs"
)

// FusedLIFRef runs the whole neuron pipeline of the most common network
// population — LIFRef-like neurons with an excitatory and an inhibitory
// Expon channel — in one pass over each block (CUBA) or three (COBA:
// channels, then the batched exponential-Euler factors, then the
// neurons), instead of the seven passes of ChannelUpdate, Reset,
// Integrate, Spike and Refractory. It is an ecs.Fuser: the results are
// the same bits (TestFusedEqualsSeparateSystems), only faster
// (BenchmarkFusion).
//
// It accepts a population in a step when
//   - the surrogate derivative is off (ecs.Options.NoSurrogateGrad);
//   - it has a membrane and a refractory period in hold mode, no
//     adaptation;
//   - every membrane and refractory parameter is shared;
//   - it has exactly two channels, both Expon with the same CUBA or COBA
//     output;
//   - the systems after FusedLIFRef in its segment are exactly
//     ChannelUpdate, Reset, Integrate, Spike, Sources, Refractory, with
//     only input systems in between that leave the population's
//     per-neuron Input alone (a shared current, or inputs to other
//     populations); FusedLIFRef runs those first.
//
// Otherwise it declines and the separate systems run. Install adds it
// first in the input stage; ecs.Options.DisableFusion turns it off.
//
// On amd64 a block runs through one vector kernel (AVX-512 or AVX2,
// fused_*_amd64.s) with the Go loops' operations in their order, so the
// same bits; ecs.Options.SIMD limits or turns them off.
//
// The zero value is ready to use; it keeps a scratch buffer of a block
// for the COBA factors.
type FusedLIFRef struct {
	phi       []float64
	integrate Integrate // for the rest of a block with a V-dependent input
	spike     Spike
	inputs    []ecs.NeuronSystem // the input systems Fuse accepted for the population at hand
	kernels   fusedKernels       // the vector kernels' arguments (amd64)
}

// Name returns "fused-lifref".
func (*FusedLIFRef) Name() string { return "fused-lifref" }

// Fuse reports how many of next FusedLIFRef performs for p: the six
// systems of the pipeline when p and the schedule qualify, else 0.
func (f *FusedLIFRef) Fuse(t ecs.Tick, p *ecs.PopView, next []ecs.NeuronSystem) int {
	if !t.NoGrad || !fusable(p) || len(next) < 6 {
		return 0
	}
	if _, ok := next[0].(ChannelUpdate); !ok {
		return 0
	}
	f.inputs = f.inputs[:0]
	n := 1
	for ; n < len(next) && sharedOnly(next[n], p); n++ {
		f.inputs = append(f.inputs, next[n])
	}
	if len(next)-n < 5 {
		return 0
	}
	_, r := next[n].(Reset)
	// MgBlockOutput (after Reset when a network has an MgBlock channel)
	// does nothing for a population the kernels accept: fusable refuses
	// MgBlock channels, so it may be fused away.
	mg := 0
	if _, ok := next[n+1].(MgBlockOutput); ok {
		mg = 1
		if len(next)-n < 6 {
			return 0
		}
	}
	_, i := next[n+mg+1].(*Integrate)
	_, s := next[n+mg+2].(*Spike)
	_, src := next[n+mg+3].(Sources)
	_, ref := next[n+mg+4].(Refractory)
	if r && i && s && src && ref {
		return n + mg + 5
	}
	return 0
}

// sharedOnly reports whether an input system leaves p's per-neuron Input
// alone this step: a current input to another population or with one
// shared current (it adds to SharedInput), or a Poisson input to another
// population. FusedLIFRef runs such systems before its kernels.
func sharedOnly(sys ecs.NeuronSystem, p *ecs.PopView) bool {
	switch in := sys.(type) {
	case *CurrentInput:
		return in.Pop != p.ID || in.CurrentMA.IsShared()
	case *PoissonInput:
		return in.Pop != p.ID
	}
	return false
}

// fusable reports whether p's composition and parameters fit the kernels.
func fusable(p *ecs.PopView) bool {
	if p.Membrane == nil || p.Refractory == nil || p.Adaptation != nil || p.Channels == nil {
		return false
	}
	if p.RefractoryParams.Mode != components.RefractoryHold { // the kernels hold V
		return false
	}
	mp := p.MembraneParams
	for _, q := range []*components.Param{&mp.ROhm, &mp.TauMs, &mp.VRestMV, &mp.Decay, &mp.VThMV, &mp.VResetMV, &mp.InvSpan, &p.RefractoryParams.TauRefMs} {
		if !q.IsShared() {
			return false
		}
	}
	l := p.Channels.List
	return len(l) == 2 && exponPair(&l[0].Params, &l[1].Params)
}

// UpdateBlock advances neurons lo..hi-1 of p through the whole pipeline:
// the channels (for COBA with the exponential-Euler arguments), the
// factors φ (COBA), reset and integration, spikes and refractoriness —
// three passes for CUBA and four for COBA instead of seven.
func (f *FusedLIFRef) UpdateBlock(t ecs.Tick, p *ecs.PopView, lo, hi int) error {
	for _, sys := range f.inputs {
		if err := sys.UpdateBlock(t, p, lo, hi); err != nil {
			return err
		}
	}
	if p.Channels.List[0].Params.Out == components.OutCUBA {
		if err := f.cuba(t, p, lo, hi); err != nil {
			return err
		}
	} else if err := f.coba(t, p, lo, hi); err != nil {
		return err
	}
	if hi == p.N { // the shared input of this step is used up
		p.SharedInput.CurrentMA = 0
	}
	return nil
}

// cubaGo is the pipeline of a CUBA block lo..hi-1 in Go: the channels
// (exponFused2), then reset and integration, then spikes; from the first
// neuron with a V-dependent input on, the separate systems.
func (f *FusedLIFRef) cubaGo(t ecs.Tick, p *ecs.PopView, lo, hi int) error {
	if err := exponFused2(t, p, lo, hi); err != nil {
		return err
	}
	return f.neurons(t, p, newFusedBlock(t, p, lo, hi), nil)
}

// cobaGo is the pipeline of a COBA block lo..hi-1: the channels with the
// exponential-Euler arguments, the factors φ, then the neurons.
func (f *FusedLIFRef) cobaGo(t ecs.Tick, p *ecs.PopView, lo, hi int) error {
	k := newFusedBlock(t, p, lo, hi)
	if cap(f.phi) < hi-lo {
		f.phi = make([]float64, hi-lo)
	}
	phi := f.phi[:hi-lo]
	if k.cobaChannels(t, p, phi) != 0 {
		if err := checkChannels(t, p, lo, hi); err != nil {
			return err
		}
	}
	exprelSlice(phi)
	return f.neurons(t, p, k, phi)
}

// neurons is reset, integration, spikes and refractoriness of block k
// whose channels are updated (phi: the COBA factors, nil for CUBA); a
// CUBA block runs the separate systems from its first neuron with a
// V-dependent input on.
func (f *FusedLIFRef) neurons(t ecs.Tick, p *ecs.PopView, k fusedBlock, phi []float64) error {
	lo, hi := k.lo, k.lo+len(k.m)
	done := k.integrate(phi)
	k.spikes(done)
	*p.Fired = k.fired
	if k.nonfinite != 0 {
		return nonFinite(t, p, lo, lo+done)
	}
	if done < hi-lo { // a V-dependent CUBA input: the rest runs separately
		return f.separate(t, p, lo+done, hi)
	}
	return nil
}

// separate runs Reset, Integrate, Spike and Refractory on neurons
// lo..hi-1, whose channels are already updated: the same results as the
// kernels, for the rest of a block with a V-dependent CUBA input.
func (f *FusedLIFRef) separate(t ecs.Tick, p *ecs.PopView, lo, hi int) error {
	for _, sys := range []ecs.NeuronSystem{Reset{}, &f.integrate, &f.spike, Refractory{}} {
		if err := sys.UpdateBlock(t, p, lo, hi); err != nil {
			return err
		}
	}
	return nil
}

// checkChannels reports a NaN or infinite conductance of neurons lo..hi-1
// in either channel.
func checkChannels(t ecs.Tick, p *ecs.PopView, lo, hi int) error {
	for ci := range p.Channels.List {
		if err := checkChannel(t, p, &p.Channels.List[ci], lo, hi); err != nil {
			return err
		}
	}
	return nil
}
