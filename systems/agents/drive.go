package agents

import (
	"github.com/spikecs/spikecs/ecs"
)

// driveSystem is the input-stage neuron system that applies the sensor
// drive of the current tick to the brain banks, at every neural step:
//
//	Input.CurrentMA += driveMA                                 (current sensors)
//	Input.DeltaMV   += WeightMV with probability rate·dt       (Poisson sensors)
//
// It visits only the sensor neurons of each brain (the kind's driven and
// poisson lists), in increasing neuron order. Poisson draws come from the
// bank population's stream, one uniform draw per sensor neuron with a
// non-zero rate. Other populations are skipped at once.
type driveSystem struct {
	h *Host
}

// Name returns "agents-drive".
func (*driveSystem) Name() string { return "agents-drive" }

// UpdateBlock adds the drive of neurons lo..hi-1 of p if p is a bank.
func (d *driveSystem) UpdateBlock(t ecs.Tick, p *ecs.PopView, lo, hi int) error {
	if p.ID >= len(d.h.bankOfPop) {
		return nil
	}
	bk := d.h.bankOfPop[p.ID]
	if bk == nil {
		return nil
	}
	kind, n := bk.kind, bk.n
	in := p.Input[lo:hi]
	if len(kind.driven) > 0 {
		for base := lo / n * n; base < hi; base += n {
			for _, j := range kind.driven {
				if i := base + j; i >= lo && i < hi {
					in[i-lo].CurrentMA += bk.driveMA[i]
				}
			}
		}
	}
	if len(kind.poisson) > 0 {
		scale := t.DtMs * 1e-3
		for base := lo / n * n; base < hi; base += n {
			for _, j := range kind.poisson {
				i := base + j
				if i < lo || i >= hi {
					continue
				}
				if r := bk.rateHz[i]; r > 0 && p.Rand.Float64() < r*scale {
					in[i-lo].DeltaMV += kind.poissonWMV[j]
				}
			}
		}
	}
	return nil
}
