package systems

import (
	"fmt"
	"math"

	"github.com/spikecs/spikecs/components"
)

// PreSynapseSpec describes a pre-side synapse. Zero fields take the
// reference defaults of the kind: AMPA alpha 0.98/(ms·mM), beta 0.18/ms,
// T 0.5 mM, T_dur 0.5 ms; GABAa alpha 0.53, beta 0.18, T 1 mM, T_dur 1 ms;
// BioNMDA alpha1 2/ms, beta1 0.01/ms, alpha2 1/(ms·mM), beta2 0.5/ms,
// T 1 mM, T_dur 0.5 ms.
type PreSynapseSpec struct {
	Kind          components.PreSynapseKind
	Alpha, Beta   float64
	Alpha1, Beta1 float64
	Alpha2, Beta2 float64
	TmM, TDurMs   float64
}

// newPreSynapse fills defaults, validates and allocates the state.
func newPreSynapse(s PreSynapseSpec, n int) (*components.PreSynapse, error) {
	or := func(x, def float64) float64 {
		if x == 0 {
			return def
		}
		return x
	}
	p := &components.PreSynapse{Kind: s.Kind}
	switch s.Kind {
	case components.PreAMPA:
		p.Alpha, p.Beta, p.TmM, p.TDurMs = or(s.Alpha, 0.98), or(s.Beta, 0.18), or(s.TmM, 0.5), or(s.TDurMs, 0.5)
	case components.PreGABAa:
		p.Alpha, p.Beta, p.TmM, p.TDurMs = or(s.Alpha, 0.53), or(s.Beta, 0.18), or(s.TmM, 1), or(s.TDurMs, 1)
	case components.PreBioNMDA:
		p.Alpha1, p.Beta1, p.Alpha2, p.Beta2 = or(s.Alpha1, 2), or(s.Beta1, 0.01), or(s.Alpha2, 1), or(s.Beta2, 0.5)
		p.TmM, p.TDurMs = or(s.TmM, 1), or(s.TDurMs, 0.5)
	default:
		return nil, fmt.Errorf("unknown pre-side synapse kind %d", s.Kind)
	}
	for _, x := range []float64{p.Alpha, p.Beta, p.Alpha1, p.Beta1, p.Alpha2, p.Beta2, p.TmM, p.TDurMs} {
		if x < 0 || math.IsNaN(x) || math.IsInf(x, 0) {
			return nil, fmt.Errorf("pre-side synapse parameters must be finite and >= 0")
		}
	}
	p.G, p.X, p.LastSpikeMs = make([]float64, n), make([]float64, n), make([]float64, n)
	for i := range p.LastSpikeMs {
		p.LastSpikeMs[i] = components.RefractoryNever
	}
	return p, nil
}

// relax is one exact exponential-Euler step of y' = a·(1 − y) − b·y over dt:
// y → y_inf + (y − y_inf)·exp(−(a + b)·dt), y_inf = a/(a + b).
func relax(y, a, b, dt float64) float64 {
	r := a + b
	if r == 0 {
		return y
	}
	inf := a / r
	return inf + (y-inf)*math.Exp(-r*dt)
}

// stepPreSynapse advances every pre neuron's kinetics to time tMs with the
// spikes in fired (increasing indices, offset by from): a spike stamps the
// arrival time first, so the transmitter pulse covers the steps with
// t − t_spike < T_dur (reference §6.1, §8.12).
func stepPreSynapse(p *components.PreSynapse, fired []int32, from int, tMs, dtMs float64) {
	for _, f := range fired {
		if i := int(f) - from; i >= 0 && i < len(p.G) {
			p.LastSpikeMs[i] = tMs
		}
	}
	for i := range p.G {
		tt := 0.0
		if tMs-p.LastSpikeMs[i] < p.TDurMs {
			tt = p.TmM
		}
		if p.Kind == components.PreBioNMDA {
			p.X[i] = relax(p.X[i], p.Alpha2*tt, p.Beta2, dtMs)
			p.G[i] = relax(p.G[i], p.Alpha1*p.X[i], p.Beta1, dtMs)
			continue
		}
		p.G[i] = relax(p.G[i], p.Alpha*tt, p.Beta, dtMs)
	}
}
