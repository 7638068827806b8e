package eprop

import (
	"fmt"
	"math"

	"github.com/spikecs/spikecs/systems/surrogate"
)

// Forward is the state of a Layer during one trial, advanced by Step with
// exactly the spikecs tick (docs/models.md): lazy reset from the stored
// state, exponential Euler (exact for the current-based input used
// here), refractory hold or block, adaptation increment-then-decay, spike
// and pseudo-derivative. TestDenseForwardEqualsECS proves it produces the
// same V, a and spikes as systems.NewSim + Network on the same network.
//
// The input of step n is the presynaptic vector p^n of the layer's P
// entries: the external inputs that arrive in step n (in the ECS, the
// source spikes of step n − 1) and the recurrent spikes of step n − 1
// (the one-step synaptic latency). The current is I^n = W·p^n (mA) with
// the N×P weights W.
type Forward struct {
	L *Layer
	// End-of-step state of the current step n.
	V, A []float64 // mV; dimensionless (0 for non-adaptive neurons)
	Z    []float64 // spike output of step n (0/1)
	// Psi is the pseudo-derivative ψ_j^n = dz/dV = g'(v_scaled)/(V_th −
	// V_reset) in 1/mV, set to 0 while the neuron is refractory (held or
	// blocked).
	Psi []float64
	// ZPrev and PsiPrev are Z and Psi of step n − 1 (0 before the first step).
	ZPrev, PsiPrev []float64
	// S0 is the reset's spike: for hold-mode and non-refractory neurons
	// the recomputed spike of the stored state (equal to ZPrev except at
	// step 0, where it tests the initial V); for block-mode neurons the
	// emitted spike ZPrev (0 at step 0).
	S0 []float64
	// Held marks neurons held refractory in step n (RefractoryHold).
	Held []bool
	// Blocked marks neurons refractory in step n whose period blocks
	// spikes (RefractoryBlock): V integrated, Z and Psi are 0.
	Blocked []bool
	// LastMs is the time of the last spike (initially −1e7 ms).
	LastMs []float64
	// Pre is p^n, the presynaptic vector of step n (P entries).
	Pre []float64
	// I is the current of step n, mA.
	I []float64
	// Step is the index n of the last step taken (−1 before the first).
	Step int64
}

// NewForward allocates a Forward for l in its initial state.
func NewForward(l *Layer) *Forward {
	n := l.N
	f := &Forward{L: l,
		V: make([]float64, n), A: make([]float64, n), Z: make([]float64, n), Psi: make([]float64, n),
		ZPrev: make([]float64, n), PsiPrev: make([]float64, n), S0: make([]float64, n),
		Held: make([]bool, n), Blocked: make([]bool, n), LastMs: make([]float64, n), Pre: make([]float64, l.P()), I: make([]float64, n)}
	f.Reset()
	return f
}

// Reset puts the state back to its initial values (V = V_init, a = 0, no
// spikes, never fired) for a new trial.
func (f *Forward) Reset() {
	copy(f.V, f.L.VInit)
	clear(f.A)
	clear(f.Z)
	clear(f.Psi)
	clear(f.ZPrev)
	clear(f.PsiPrev)
	clear(f.S0)
	clear(f.Pre)
	for j := range f.LastMs {
		f.LastMs[j] = -1e7
		f.Held[j] = false
		f.Blocked[j] = false
	}
	f.Step = -1
}

// Advance takes step n = Step + 1 with the external input x (In values,
// arriving in this step) and the transposed weights wt (P×N, row i holds
// the weights from presynaptic entry i to every neuron). It returns an
// error naming the population and neuron if V or a becomes non-finite.
func (f *Forward) Advance(x, wt []float64) error {
	l := f.L
	n, in := l.N, l.In
	f.Step++
	tMs := float64(f.Step) * l.DtMs
	f.Z, f.ZPrev = f.ZPrev, f.Z
	f.Psi, f.PsiPrev = f.PsiPrev, f.Psi
	copy(f.Pre[:in], x[:in])
	copy(f.Pre[in:], f.ZPrev)
	cur := f.I[:n]
	clear(cur)
	for i, p := range f.Pre {
		if p == 0 {
			continue
		}
		row := wt[i*n : i*n+n]
		if p == 1 {
			for j, w := range row {
				cur[j] += w
			}
			continue
		}
		for j, w := range row {
			cur[j] += w * p
		}
	}
	v, a, z, psi := f.V[:n], f.A[:n], f.Z[:n], f.Psi[:n]
	s0s, held, blocked, last, cs := f.S0[:n], f.Held[:n], f.Blocked[:n], f.LastMs[:n], l.consts[:n]
	zPrev := f.ZPrev[:n]
	for j := range v {
		c := &cs[j]
		v0, a0 := v[j], a[j]
		s0 := 0.0
		if c.block {
			s0 = zPrev[j] // the emitted spike: a blocked crossing does not reset
		} else if (v0-c.vth-c.beta*a0)*c.inv >= 0 {
			s0 = 1
		}
		s0s[j] = s0
		var v1 float64
		if c.hard {
			v1 = v0 - (v0-c.vreset)*s0
		} else {
			v1 = v0 - c.span*s0
		}
		refr := c.tauRef > 0 && tMs-last[j] < c.tauRef
		h := refr && !c.block
		held[j], blocked[j] = h, refr && c.block
		if h {
			v[j] = v1
		} else {
			v[j] = v1 + c.k*(c.vrest+c.r*cur[j]-v1)
		}
		if c.rho != 0 {
			a[j] = (a0 + s0) * c.rho
		}
		xs := (v[j] - c.vth - c.beta*a[j]) * c.inv
		if expAllOnes(xs) {
			return fmt.Errorf("population %q: neuron %d: non-finite state at step %d (V = %v mV, a = %v)", l.GroupOf(j).Name, j, f.Step, v[j], a[j])
		}
		z[j] = 0
		if xs >= 0 && !blocked[j] {
			z[j] = 1
			last[j] = tMs
		}
		switch {
		case refr:
			psi[j] = 0
		case l.ReluOnly:
			psi[j] = surrogate.ReluGradKernel(l.ReluAlpha, l.ReluAW, xs) * c.inv
		default:
			psi[j] = surrogate.Grad(l.Surr[j], xs) * c.inv
		}
	}
	return nil
}

// expAllOnes reports whether x is NaN or ±Inf (all exponent bits set).
func expAllOnes(x float64) bool {
	return (math.Float64bits(x)>>52)&0x7ff == 0x7ff
}

// Transpose writes the transpose of the N×P matrix w into wt (P×N).
func Transpose(w []float64, n, p int, wt []float64) {
	for j := range n {
		row := w[j*p : j*p+p]
		for i, x := range row {
			wt[i*n+j] = x
		}
	}
}
