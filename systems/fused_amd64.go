//go:build amd64 && !purego

package systems

import (
	"math"
	"slices"
	"unsafe"

	"golang.org/x/sys/cpu"

	"github.com/spikecs/spikecs/components"
	"github.com/spikecs/spikecs/ecs"
)

// fusedKernels is FusedLIFRef's state for the vector kernels: their
// argument block, reused from block to block.
type fusedKernels struct {
	args fusedArgs
}

// fusedArgs is the argument block of the vector kernels (cubaAVX2,
// cobaAVX2, cubaAVX512, cobaAVX512 in fused_*_amd64.s, which read it
// through go_asm.h's offsets): the columns of neurons 0..n−1 of a run,
// the constants broadcast to four lanes (the AVX-512 kernels broadcast
// lane 0 to eight), and what the kernel reports.
type fusedArgs struct {
	s0, s1 unsafe.Pointer // *float64: the two channels' conductances G
	r0, r1 unsafe.Pointer // *float64: their ring slots of this step
	in     unsafe.Pointer // *components.Input
	v      unsafe.Pointer // *components.Membrane
	last   unsafe.Pointer // *components.Refractory
	out    unsafe.Pointer // *components.Spike
	fired  unsafe.Pointer // *int32: room for n indices

	n      int // neurons
	lo     int // population index of neuron 0
	nfired int // out: indices written to fired
	done   int // out: neurons advanced (a multiple of the kernel's lanes)
	bad    int // out: non-zero when some new conductance or V is NaN or ±Inf
	spill  [2]int

	d0, d1, e0, e1 [4]float64 // channel decays exp(−dt/tau); the channels' ScaleMV (CUBA) or EMV (COBA)
	bias, r, rest  [4]float64 // shared current (mA), R (ohm = mV/mA), V_rest (mV)
	decay, tau, dt [4]float64 // 1 − exp(−dt/tau); tau and dt, ms
	th, inv, rs    [4]float64 // V_th, 1/(V_th − V_reset), V_reset
	resetC         [4]float64 // soft reset: V_th − V_reset
	hard           [4]uint64  // all ones for a hard reset
	tms, ref       [4]float64 // t and tau_ref, ms
	one, minus1    [4]float64 // 1 and −1
}

// cubaAVX2 advances neurons 0..a.n−1 of a CUBA block four at a time
// through the channels, reset, integration, spikes and refractoriness,
// with exactly the operations of exponFused2, fusedBlock.integrate and
// fusedBlock.spikes in their order (so the same bits). It stops before
// the first group of four with a non-zero Input (which cubaGo handles)
// and leaves the n mod 4 last neurons alone; a.done says how far it got.
//
//go:noescape
func cubaAVX2(a *fusedArgs)

// cobaAVX2 is cubaAVX2 for COBA channels: the operations of
// fusedBlock.cobaChannels, exprelScalar's series, fusedBlock.integrate's
// linear branch and fusedBlock.spikes. It also stops before a group with
// a zero total conductance (dI/dV = 0, the other branch) or an argument
// |dt·A| > 1/2 (exprelScalar's Expm1 branch).
//
//go:noescape
func cobaAVX2(a *fusedArgs)

// cubaAVX512 is cubaAVX2 with eight lanes (AVX-512F), the same bits.
//
//go:noescape
func cubaAVX512(a *fusedArgs)

// cobaAVX512 is cobaAVX2 with eight lanes (AVX-512F), the same bits.
//
//go:noescape
func cobaAVX512(a *fusedArgs)

// kernel names a vector kernel.
type kernel uint8

const (
	noKernel kernel = iota
	cuba4           // cubaAVX2
	coba4           // cobaAVX2
	cuba8           // cubaAVX512
	coba8           // cobaAVX512
)

// lanes returns how many neurons k advances at a time.
func (k kernel) lanes() int {
	if k == cuba8 || k == coba8 {
		return 8
	}
	return 4
}

// pickKernel returns the widest kernel for the pipeline (COBA or CUBA)
// that the CPU and the step's SIMD level allow, or noKernel.
func pickKernel(t ecs.Tick, coba bool) kernel {
	switch {
	case t.SIMD == ecs.SIMDNone || !cpu.X86.HasAVX2:
		return noKernel
	case t.SIMD == ecs.SIMDAuto && cpu.X86.HasAVX512F && coba:
		return coba8
	case t.SIMD == ecs.SIMDAuto && cpu.X86.HasAVX512F:
		return cuba8
	case coba:
		return coba4
	}
	return cuba4
}

// cuba is the pipeline of a CUBA block lo..hi-1: the widest kernel the
// CPU and Tick.SIMD allow, cubaGo for the groups it leaves and the tail.
func (f *FusedLIFRef) cuba(t ecs.Tick, p *ecs.PopView, lo, hi int) error {
	return f.vector(t, p, lo, hi, false)
}

// coba is the pipeline of a COBA block lo..hi-1: the widest kernel the
// CPU and Tick.SIMD allow, cobaGo for the groups it leaves and the tail.
func (f *FusedLIFRef) coba(t ecs.Tick, p *ecs.PopView, lo, hi int) error {
	return f.vector(t, p, lo, hi, true)
}

// vector runs the CUBA or COBA kernel over block lo..hi-1 and the Go
// pipeline over each group the kernel leaves and over the last neurons
// that do not fill a group, in order.
func (f *FusedLIFRef) vector(t ecs.Tick, p *ecs.PopView, lo, hi int, coba bool) error {
	k := pickKernel(t, coba)
	if k == noKernel {
		return f.goPath(t, p, lo, hi, coba)
	}
	a := &f.kernels.args
	setFusedConsts(a, t, p)
	w := k.lanes()
	i := lo
	for hi-i >= w {
		done, err := kernelRun(a, k, t, p, i, hi)
		if err != nil {
			return err
		}
		i += done
		if hi-i >= w { // a group the kernel leaves
			if err := f.goPath(t, p, i, i+w, coba); err != nil {
				return err
			}
			i += w
		}
	}
	if i == hi {
		return nil
	}
	return f.goPath(t, p, i, hi, coba)
}

// kernelRun runs kernel k on neurons lo..hi-1 (at least one group),
// appends the fired ones and reports how many neurons it advanced or the
// first non-finite value.
func kernelRun(a *fusedArgs, k kernel, t ecs.Tick, p *ecs.PopView, lo, hi int) (int, error) {
	c0, c1 := &p.Channels.List[0], &p.Channels.List[1]
	s0, r0 := stepSlots(t, p, c0, lo, hi)
	s1, r1 := stepSlots(t, p, c1, lo, hi)
	fired := *p.Fired
	if lo == 0 {
		fired = fired[:0]
	}
	fired = slices.Grow(fired, hi-lo)
	room := fired[len(fired) : len(fired)+hi-lo]
	a.s0, a.s1 = unsafe.Pointer(&s0[0]), unsafe.Pointer(&s1[0])
	a.r0, a.r1 = unsafe.Pointer(&r0[0]), unsafe.Pointer(&r1[0])
	a.in, a.v = unsafe.Pointer(&p.Input[lo]), unsafe.Pointer(&p.Membrane[lo])
	a.last, a.out = unsafe.Pointer(&p.Refractory[lo]), unsafe.Pointer(&p.Spike[lo])
	a.fired = unsafe.Pointer(&room[0])
	a.n, a.lo, a.nfired = hi-lo, lo, 0
	switch k {
	case cuba4:
		cubaAVX2(a)
	case coba4:
		cobaAVX2(a)
	case cuba8:
		cubaAVX512(a)
	case coba8:
		cobaAVX512(a)
	}
	*p.Fired = fired[:len(fired)+a.nfired]
	done := a.done
	if a.bad != 0 { // a conductance or a V: the error names the first
		if err := checkChannels(t, p, lo, lo+done); err != nil {
			return 0, err
		}
		if err := nonFinite(t, p, lo, lo+done); err != nil {
			return 0, err
		}
	}
	return done, nil
}

// goPath is cobaGo or cubaGo.
func (f *FusedLIFRef) goPath(t ecs.Tick, p *ecs.PopView, lo, hi int, coba bool) error {
	if coba {
		return f.cobaGo(t, p, lo, hi)
	}
	return f.cubaGo(t, p, lo, hi)
}

// setFusedConsts fills a's constants for population p in step t (the
// values newFusedBlock, exponFused2 and cobaChannels use).
func setFusedConsts(a *fusedArgs, t ecs.Tick, p *ecs.PopView) {
	mp := p.MembraneParams
	c0, c1 := &p.Channels.List[0].Params, &p.Channels.List[1].Params
	e0, e1 := c0.ScaleMV, c1.ScaleMV
	if c0.Out == components.OutCOBA {
		e0, e1 = c0.EMV, c1.EMV
	}
	th, rs := mp.VThMV.Values[0], mp.VResetMV.Values[0]
	hard := uint64(0)
	if mp.Reset == components.ResetHard {
		hard = math.MaxUint64
	}
	d0, d1 := math.Exp(-t.DtMs/c0.TauMs), math.Exp(-t.DtMs/c1.TauMs)
	for l := range 4 {
		a.d0[l], a.d1[l], a.e0[l], a.e1[l] = d0, d1, e0, e1
		a.bias[l], a.r[l], a.rest[l] = p.SharedInput.CurrentMA, mp.ROhm.Values[0], mp.VRestMV.Values[0]
		a.decay[l], a.tau[l], a.dt[l] = mp.Decay.Values[0], mp.TauMs.Values[0], t.DtMs
		a.th[l], a.inv[l], a.rs[l], a.resetC[l] = th, mp.InvSpan.Values[0], rs, th-rs
		a.hard[l] = hard
		a.tms[l], a.ref[l] = t.TMs, p.RefractoryParams.TauRefMs.Values[0]
		a.one[l], a.minus1[l] = 1, -1
	}
}
