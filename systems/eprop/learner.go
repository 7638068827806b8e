package eprop

import (
	"fmt"

	"github.com/spikecs/spikecs/components"
	"github.com/spikecs/spikecs/ecs"
	"github.com/spikecs/spikecs/systems"
)

// Learner is e-prop inside a Sim's tick, for agent-based models that step
// the spikecs world themselves. It is a global system of the synapses
// stage — after the spike and refractory stages, before delivery — that
// reads the layer's spikes and surrogate derivatives (Spike.S, DSdV) from
// the ECS columns, runs the trainer's rate readout and loss, and advances
// exactly the Traces the dense trainer uses. Apply (or UpdateEvery)
// turns the accumulated gradient into new weights and writes them into
// the projections. TestLearnerInECSEqualsDense proves it computes the
// dense trainer's gradient.
type Learner struct {
	T *Trainer
	// Target fills the readout target y* (K values) of a step and returns
	// the step's loss weight (0: no error this step). Nil: no task loss
	// (only the rate regulariser learns).
	Target func(step int64, target []float64) float64
	// Loss is the task loss accumulated since the last Apply.
	Loss float64

	inputID  int
	groupIDs []int
	fwd      *Forward
	prevIn   []float64
	tgt      []float64
	projs    []learnerProj
	steps    int
}

// learnerProj maps a projection's synapses to the entries of the
// trainer's N×P weight matrix.
type learnerProj struct {
	pr  *components.Projection
	idx []int
}

// NewLearner builds the trainer's layer in sim (Layer.AddToSim, with the
// trainer's weights, from the input population named input) and adds the
// learner to the synapses stage.
func NewLearner(sim *ecs.Sim, net *systems.Network, t *Trainer, input string) (*Learner, error) {
	if !sim.SurrogateGrad() {
		return nil, fmt.Errorf("e-prop learner: the Sim was made with Options.NoSurrogateGrad, so the spike stage leaves the surrogate derivative ψ at 0; make it without")
	}
	l := t.L
	ids, err := l.AddToSim(sim, net, input, t.W)
	if err != nil {
		return nil, err
	}
	lr := &Learner{T: t, fwd: NewForward(l), prevIn: make([]float64, l.In), tgt: make([]float64, t.Cfg.Outputs), inputID: -1}
	base := map[int]int{} // population ID → first presynaptic entry
	post := map[int]int{} // population ID → first neuron of the layer
	if l.In > 0 {
		lr.inputID, _ = sim.Population(input)
		base[lr.inputID] = 0
	}
	start := 0
	for _, g := range l.Groups {
		id, _ := sim.Population(g.Name)
		lr.groupIDs = append(lr.groupIDs, id)
		base[id], post[id] = l.In+start, start
		start += g.Size
	}
	p := l.P()
	for _, id := range ids {
		pr := net.Projections()[id]
		m := learnerProj{pr: pr, idx: make([]int, len(pr.Targets))}
		for r := range len(pr.Offsets) - 1 {
			for k := pr.Offsets[r]; k < pr.Offsets[r+1]; k++ {
				m.idx[k] = (post[pr.Post]+int(pr.Targets[k]))*p + base[pr.Pre] + pr.PreFrom + r
			}
		}
		lr.projs = append(lr.projs, m)
	}
	if err := sim.AddSystem(ecs.StageSynapses, lr); err != nil {
		return nil, err
	}
	return lr, nil
}

// Name returns "eprop".
func (*Learner) Name() string { return "eprop" }

// Update advances the traces by the step the Sim just computed.
func (lr *Learner) Update(sim *ecs.Sim, tk ecs.Tick) error {
	t, l, f := lr.T, lr.T.L, lr.fwd
	f.Z, f.ZPrev = f.ZPrev, f.Z
	f.Psi, f.PsiPrev = f.PsiPrev, f.Psi
	copy(f.Pre[:l.In], lr.prevIn)
	copy(f.Pre[l.In:], f.ZPrev)
	j0 := 0
	for gi, id := range lr.groupIDs {
		v, err := sim.Bind(id)
		if err != nil {
			return err
		}
		for k := range v.N {
			j := j0 + k
			z := v.Spike[k].S
			refr := l.TauRef[j] > 0 && tk.TMs-f.LastMs[j] < l.TauRef[j]
			f.Held[j], f.Blocked[j] = refr && !l.Block[j], refr && l.Block[j]
			f.Psi[j] = v.Spike[k].DSdV
			if refr {
				f.Psi[j] = 0
			}
			if l.Block[j] {
				f.S0[j] = f.ZPrev[j] // the reset applies the emitted spike (0 before step 0)
			} else if tk.Step == 0 {
				f.S0[j] = 0
				if (l.VInit[j]-l.VTh[j])*l.InvSpan[j] >= 0 {
					f.S0[j] = 1
				}
			} else {
				f.S0[j] = f.ZPrev[j]
			}
			f.Z[j] = z
			if z != 0 {
				f.LastMs[j] = tk.TMs
			}
		}
		if err := sim.Unbind(v); err != nil {
			return err
		}
		j0 += l.Groups[gi].Size
	}
	if lr.inputID >= 0 {
		v, err := sim.Bind(lr.inputID)
		if err != nil {
			return err
		}
		for i := range lr.prevIn {
			lr.prevIn[i] = v.Spike[i].S
		}
		if err := sim.Unbind(v); err != nil {
			return err
		}
	}
	w := &t.main
	w.out.Step(f.Z)
	m := 0.0
	if lr.Target != nil {
		m = lr.Target(tk.Step, lr.tgt)
	}
	lr.Loss += stepLoss(t.Cfg.Loss, w.out.Y, lr.tgt, m, w.err)
	t.signals(w.err, w.lsig)
	w.tr.Update(f, w.lsig, w.err)
	lr.steps++
	if t.Cfg.UpdateEvery > 0 && lr.steps%t.Cfg.UpdateEvery == 0 {
		return lr.Apply()
	}
	return nil
}

// Apply turns the gradient accumulated since the last Apply into a weight
// update (gradient descent or Adam, clipping, feedback adaptation) and
// writes the new weights into the projections.
func (lr *Learner) Apply() error {
	if err := checkLoss(lr.Loss, lr.T.Iteration+1); err != nil {
		return err
	}
	if err := lr.T.apply(1); err != nil {
		return err
	}
	lr.Loss = 0
	w := lr.T.W
	for _, m := range lr.projs {
		if m.pr.Weights == nil { // a one-synapse projection has a shared weight
			if len(m.idx) > 0 {
				m.pr.Weight = w[m.idx[0]]
			}
			continue
		}
		for k, i := range m.idx {
			m.pr.Weights[k] = w[i]
		}
	}
	return nil
}

// Weight returns the weight of projection pr's synapse k as the learner
// sees it (the trainer's matrix entry), for checks.
func (lr *Learner) Weight(pr *components.Projection, k int) (float64, error) {
	for _, m := range lr.projs {
		if m.pr == pr {
			return lr.T.W[m.idx[k]], nil
		}
	}
	return 0, fmt.Errorf("eprop: projection %q is not trained by this learner", pr.Name)
}
