package eprop

import (
	"fmt"
	"math"

	"github.com/spikecs/spikecs/components"
	"github.com/spikecs/spikecs/systems/surrogate"
)

// Group is a block of recurrent neurons with shared parameters: the dense
// counterpart of one spikecs population (docs/models.md). Units: ms, mV,
// ohm; the input current is in mA, so R·I is in mV.
type Group struct {
	Name     string
	Size     int
	TauMs    float64 // membrane time constant, ms (> 0)
	ROhm     float64 // input resistance, ohm (> 0)
	VThMV    float64 // threshold, mV (> VResetMV)
	VResetMV float64 // reset potential, mV
	VRestMV  float64 // resting potential, mV
	VInitMV  float64 // initial membrane potential, mV
	// Hard selects the hard reset (V1 = V_reset after a spike); the default
	// is the soft reset V1 = V0 − (V_th − V_reset).
	Hard bool
	// TauRefMs > 0 adds an absolute refractory period.
	TauRefMs float64
	// RefractoryMode is what the period does: the LIFRef hold (the zero
	// value) or NEST's and Bellec's spike block (docs/learning.md).
	RefractoryMode components.RefractoryMode
	// Adaptive adds the ALIF threshold V_th + beta·a.
	Adaptive bool
	TauAMs   float64 // adaptation time constant, ms (> 0 when Adaptive)
	BetaMV   float64 // threshold increase per unit of a, mV
	// Surrogate is the pseudo-derivative's family; the zero value is
	// relu_grad (alpha 0.3, width 1), which is Bellec's ψ (docs/learning.md).
	Surrogate components.SurrogateSpec
	// NoSurrogate marks a group whose neurons have no surrogate gradient
	// (a plain simulation model); e-prop and BPTT reject it.
	NoSurrogate bool
}

// LIFGroup returns a LIF group with the reference defaults except tau,
// V_th (ms, mV): R = 1 ohm, V_reset = V_rest = V_init = 0, soft reset,
// relu_grad.
func LIFGroup(name string, size int, tauMs, vThMV float64) Group {
	return Group{Name: name, Size: size, TauMs: tauMs, ROhm: 1, VThMV: vThMV}
}

// ALIFGroup returns LIFGroup plus adaptation (tau_a in ms, beta in mV).
func ALIFGroup(name string, size int, tauMs, vThMV, tauAMs, betaMV float64) Group {
	g := LIFGroup(name, size, tauMs, vThMV)
	g.Adaptive, g.TauAMs, g.BetaMV = true, tauAMs, betaMV
	return g
}

// Layer is the resolved recurrent layer (read-only after NewLayer): per-neuron constants for a step
// of DtMs, in neuron order (group after group). Its presynaptic space has
// P = In + N entries: the In external inputs, then the N recurrent
// neurons; weight matrices are N×P, row-major by post neuron.
type Layer struct {
	DtMs   float64
	In, N  int
	Groups []Group
	// Per neuron.
	Alpha   []float64 // 1 − K, K = 1 − exp(−dt/tau): the leak of one step
	K       []float64 // 1 − exp(−dt/tau), the input factor of a step
	R       []float64 // ohm
	VTh     []float64 // mV
	VReset  []float64 // mV
	VRest   []float64 // mV
	VInit   []float64 // mV
	Span    []float64 // V_th − V_reset, mV
	InvSpan []float64 // 1/mV
	Hard    []bool
	TauRef  []float64 // ms, 0 = no refractory period
	Block   []bool    // refractory period blocks spikes (RefractoryBlock) instead of holding V
	Rho     []float64 // exp(−dt/tau_a); 0 for non-adaptive neurons
	Beta    []float64 // mV; 0 for non-adaptive neurons
	Surr    []components.SurrogateSpec
	// Summary flags for fast paths. AnyRefractory counts both modes,
	// AnyHold only groups whose refractory period holds V.
	AnyAdaptive, AnyHard, AnyRefractory, AnyHold, AnySurrogateless bool
	// Uniform reports that every neuron has the same Alpha and K·R, so an
	// input's eligibility vector is one trace per presynaptic neuron.
	Uniform bool
	// ReluOnly reports that every neuron uses relu_grad with the same
	// parameters (ReluAlpha, ReluAW = alpha·width).
	ReluOnly          bool
	ReluAlpha, ReluAW float64
	group             []int         // group index per neuron
	consts            []neuronConst // the per-neuron constants packed for Forward
}

// neuronConst is one neuron's constants, packed so the forward step reads
// one stream instead of a dozen slices.
type neuronConst struct {
	vth, beta, inv, span, vreset, k, r, vrest, rho, tauRef float64
	hard, block                                            bool
}

// NewLayer checks a layer description and resolves it for steps of dtMs.
func NewLayer(dtMs float64, inputs int, groups ...Group) (*Layer, error) {
	if !(dtMs > 0) || math.IsInf(dtMs, 0) {
		return nil, fmt.Errorf("eprop layer: dt must be > 0 ms and finite, got %v", dtMs)
	}
	if inputs < 0 {
		return nil, fmt.Errorf("eprop layer: number of inputs must be >= 0, got %d", inputs)
	}
	if len(groups) == 0 {
		return nil, fmt.Errorf("eprop layer: at least one group of neurons is needed")
	}
	l := &Layer{DtMs: dtMs, In: inputs, Groups: groups}
	for gi, g := range groups {
		if err := checkGroup(g); err != nil {
			return nil, fmt.Errorf("eprop layer: population %q: %w", g.Name, err)
		}
		k := -math.Expm1(-dtMs / g.TauMs)
		rho, beta := 0.0, 0.0
		if g.Adaptive {
			rho, beta = math.Exp(-dtMs/g.TauAMs), g.BetaMV
			l.AnyAdaptive = true
		}
		l.AnyHard = l.AnyHard || g.Hard
		l.AnyRefractory = l.AnyRefractory || g.TauRefMs > 0
		l.AnyHold = l.AnyHold || (g.TauRefMs > 0 && g.RefractoryMode == components.RefractoryHold)
		l.AnySurrogateless = l.AnySurrogateless || g.NoSurrogate
		for range g.Size {
			l.Alpha = append(l.Alpha, 1-k)
			l.K = append(l.K, k)
			l.R = append(l.R, g.ROhm)
			l.VTh = append(l.VTh, g.VThMV)
			l.VReset = append(l.VReset, g.VResetMV)
			l.VRest = append(l.VRest, g.VRestMV)
			l.VInit = append(l.VInit, g.VInitMV)
			l.Span = append(l.Span, g.VThMV-g.VResetMV)
			l.InvSpan = append(l.InvSpan, 1/(g.VThMV-g.VResetMV))
			l.Hard = append(l.Hard, g.Hard)
			l.TauRef = append(l.TauRef, g.TauRefMs)
			l.Block = append(l.Block, g.RefractoryMode == components.RefractoryBlock)
			l.Rho = append(l.Rho, rho)
			l.Beta = append(l.Beta, beta)
			l.Surr = append(l.Surr, g.Surrogate)
			l.group = append(l.group, gi)
		}
	}
	l.N = len(l.Alpha)
	for j := range l.N {
		l.consts = append(l.consts, neuronConst{vth: l.VTh[j], beta: l.Beta[j], inv: l.InvSpan[j], span: l.Span[j],
			vreset: l.VReset[j], k: l.K[j], r: l.R[j], vrest: l.VRest[j], rho: l.Rho[j], tauRef: l.TauRef[j], hard: l.Hard[j], block: l.Block[j]})
	}
	l.Uniform, l.ReluOnly = true, true
	s0 := l.Surr[0]
	if s0.Kind == components.SurrogateUnset {
		s0 = surrogate.Default()
	}
	for j := range l.N {
		if l.Alpha[j] != l.Alpha[0] || l.K[j]*l.R[j] != l.K[0]*l.R[0] {
			l.Uniform = false
		}
		s := l.Surr[j]
		if s.Kind == components.SurrogateUnset {
			s = surrogate.Default()
			l.Surr[j] = s
		}
		if s.Kind != components.SurrogateReluGrad || s.P != s0.P {
			l.ReluOnly = false
		}
	}
	if l.ReluOnly {
		l.ReluAlpha, l.ReluAW = s0.P[0], s0.P[0]*s0.P[1]
	}
	return l, nil
}

// P returns the size of the presynaptic space, In + N.
func (l *Layer) P() int { return l.In + l.N }

// GroupOf returns the group of neuron j.
func (l *Layer) GroupOf(j int) *Group { return &l.Groups[l.group[j]] }

// checkGroup validates one group.
func checkGroup(g Group) error {
	finite := func(xs ...float64) bool {
		for _, x := range xs {
			if math.IsNaN(x) || math.IsInf(x, 0) {
				return false
			}
		}
		return true
	}
	switch {
	case g.Size < 1:
		return fmt.Errorf("size must be >= 1, got %d", g.Size)
	case !finite(g.TauMs, g.ROhm, g.VThMV, g.VResetMV, g.VRestMV, g.VInitMV, g.TauRefMs, g.TauAMs, g.BetaMV):
		return fmt.Errorf("parameters must be finite")
	case !(g.TauMs > 0):
		return fmt.Errorf("tau must be > 0 ms, got %v", g.TauMs)
	case !(g.ROhm > 0):
		return fmt.Errorf("R must be > 0 ohm, got %v", g.ROhm)
	case !(g.VThMV > g.VResetMV):
		return fmt.Errorf("V_th (%v mV) must be greater than V_reset (%v mV)", g.VThMV, g.VResetMV)
	case g.TauRefMs < 0:
		return fmt.Errorf("tau_ref must be >= 0 ms, got %v", g.TauRefMs)
	case g.RefractoryMode >= components.RefractoryModeCount:
		return fmt.Errorf("unknown refractory mode %d", g.RefractoryMode)
	case g.Adaptive && !(g.TauAMs > 0):
		return fmt.Errorf("tau_a must be > 0 ms, got %v", g.TauAMs)
	}
	if g.Surrogate.Kind >= components.SurrogateKindCount {
		return fmt.Errorf("unknown surrogate kind %d", g.Surrogate.Kind)
	}
	return nil
}
