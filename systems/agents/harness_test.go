package agents_test

import (
	"fmt"
	"math"

	aecs "github.com/mlange-42/arche/ecs"

	"github.com/spikecs/spikecs/components"
	"github.com/spikecs/spikecs/ecs"
	"github.com/spikecs/spikecs/systems"
	"github.com/spikecs/spikecs/systems/agents"
)

// The design comparison runs one workload two ways: (a) one spikecs
// population (and one projection) per agent, (b) the agents package's
// shared banks. Brain: n LIF neurons; neurons 0 and 1 are sensors (a
// current from the agent's heading), n-2 and n-1 are motors (their rates
// turn the agent); every neuron i projects to i+1, i+3, i+5 (mod n), every
// third synapse inhibitory.

const (
	harnessDtMs     = 0.5
	harnessSubsteps = 10
)

// harnessSynapses returns the template synapses of an n-neuron brain.
func harnessSynapses(n int) []agents.Synapse {
	var out []agents.Synapse
	for i := range n {
		for k, d := range []int{1, 3, 5} {
			w := 0.8
			if (i+k)%3 == 2 {
				w = -0.6
			}
			out = append(out, agents.Synapse{Pre: i, Post: (i + d) % n, WeightS: w})
		}
	}
	return out
}

// harnessNeuron is the LIF model of every brain neuron.
func harnessNeuron() ecs.PopulationSpec {
	lif := ecs.LIF("", 0)
	lif.Membrane.Tau = ecs.Scalar(10) // ms
	lif.Membrane.VRest = ecs.Scalar(0.5)
	return lif
}

// harnessSense is the sensor: currents in mA from the heading.
func harnessSense(v *Vehicle, out []float64) {
	out[0] = 1.5 + math.Cos(v.Heading)
	out[1] = 1.5 + math.Sin(v.Heading)
}

// harnessAct turns and moves a vehicle from its two motor rates (Hz).
func harnessAct(v *Vehicle, left, right float64) {
	v.Heading += 0.001 * (right - left)
	v.X += 0.1 * math.Cos(v.Heading)
	v.Y += 0.1 * math.Sin(v.Heading)
}

// newVehicles creates n agents with distinct headings.
func newVehicles(w *aecs.World, bodyID aecs.ID, n int) []aecs.Entity {
	out := make([]aecs.Entity, n)
	for i := range out {
		out[i] = w.NewEntity(bodyID)
		*(*Vehicle)(w.Get(out[i], bodyID)) = Vehicle{Heading: 2 * math.Pi * float64(i) / float64(n)}
	}
	return out
}

// sharedDesign is design (b): the agents package.
type sharedDesign struct {
	world  aecs.World
	bodyID aecs.ID
	host   *agents.Host
	cars   []aecs.Entity
}

// newSharedDesign builds design (b) for nAgents brains of n neurons, in
// banks of at most bankSlots brains (0: the default).
func newSharedDesign(nAgents, n, bankSlots int) (*sharedDesign, error) {
	d := &sharedDesign{world: aecs.NewWorld()}
	d.bodyID = aecs.ComponentID[Vehicle](&d.world)
	host, err := agents.New(&d.world, agents.Options{DtMs: harnessDtMs, Substeps: harnessSubsteps, Seed: 1})
	if err != nil {
		return nil, err
	}
	d.host = host
	brains, err := host.AddBrains(agents.BrainSpec{Name: "b", Neurons: n, Neuron: harnessNeuron(), Synapses: harnessSynapses(n), InitialSlots: bankSlots, MaxBankSlots: bankSlots})
	if err != nil {
		return nil, err
	}
	if err := brains.Reserve(nAgents); err != nil {
		return nil, err
	}
	bodyID := d.bodyID
	if err := host.AddSensor(agents.SensorSpec{Name: "heading", Brain: "b", Neurons: []int{0, 1}, Sensor: agents.SenseFunc(func(w *aecs.World, a aecs.Entity, out []float64) {
		harnessSense((*Vehicle)(w.Get(a, bodyID)), out)
	})}); err != nil {
		return nil, err
	}
	if err := host.AddMotor(agents.MotorSpec{Name: "turn", Brain: "b", Neurons: []int{n - 2, n - 1}, Motor: agents.ActFunc(func(w *aecs.World, a aecs.Entity, r []float64) {
		harnessAct((*Vehicle)(w.Get(a, bodyID)), r[0], r[1])
	})}); err != nil {
		return nil, err
	}
	d.cars = newVehicles(&d.world, bodyID, nAgents)
	for _, c := range d.cars {
		if err := brains.Add(c); err != nil {
			return nil, err
		}
	}
	return d, nil
}

// tick runs one model tick.
func (d *sharedDesign) tick() error { return d.host.Update() }

// perAgentDesign is design (a): one population and one projection per
// agent, a drive system that looks the population up by ID, and a counter
// that binds every population at every step.
type perAgentDesign struct {
	world  aecs.World
	bodyID aecs.ID
	sim    *ecs.Sim
	n      int
	cars   []aecs.Entity
	drive  [][]float64 // per population ID: per neuron current, mA
	counts [][]int32   // per population ID: spikes this tick
}

// newPerAgentDesign builds design (a) for nAgents brains of n neurons.
func newPerAgentDesign(nAgents, n int) (*perAgentDesign, error) {
	d := &perAgentDesign{world: aecs.NewWorld(), n: n}
	d.bodyID = aecs.ComponentID[Vehicle](&d.world)
	sim, err := systems.NewSimOn(&d.world, ecs.Options{DtMs: harnessDtMs, Seed: 1})
	if err != nil {
		return nil, err
	}
	d.sim = sim
	net, err := systems.NewNetwork(sim)
	if err != nil {
		return nil, err
	}
	syn := harnessSynapses(n)
	pre, post, w := make([]int, len(syn)), make([]int, len(syn)), make([]float64, len(syn))
	for k, s := range syn {
		pre[k], post[k], w[k] = s.Pre, s.Post, s.WeightS
	}
	ch := components.ChannelParams{Kind: components.SynExpon, Out: components.OutCUBA, TauMs: 5, ScaleMV: 1}
	d.cars = newVehicles(&d.world, d.bodyID, nAgents)
	for i := range d.cars {
		spec := harnessNeuron()
		spec.Name, spec.Size = fmt.Sprintf("agent%d", i), n
		if _, err := sim.AddPopulation(spec); err != nil {
			return nil, err
		}
		if _, err := net.Connect(systems.ProjectionSpec{Pre: spec.Name, Post: spec.Name, Channel: ch,
			Conn: systems.Connectivity{Kind: systems.Pairs, PreIdx: pre, PostIdx: post}, Weight: ecs.List(w...)}); err != nil {
			return nil, err
		}
		d.drive = append(d.drive, make([]float64, n))
		d.counts = append(d.counts, make([]int32, n))
	}
	if err := sim.AddNeuronSystem(ecs.StageInput, perAgentDrive{d}); err != nil {
		return nil, err
	}
	return d, sim.AddSystem(ecs.StageRecord, perAgentCounter{d})
}

// tick senses, runs the neural steps and acts, like Host.Update.
func (d *perAgentDesign) tick() error {
	for i, c := range d.cars {
		harnessSense((*Vehicle)(d.world.Get(c, d.bodyID)), d.drive[i][:2])
		clear(d.counts[i])
	}
	if err := d.sim.Run(harnessSubsteps); err != nil {
		return err
	}
	scale := 1e3 / (harnessSubsteps * harnessDtMs)
	for i, c := range d.cars {
		cn := d.counts[i]
		harnessAct((*Vehicle)(d.world.Get(c, d.bodyID)), float64(cn[d.n-2])*scale, float64(cn[d.n-1])*scale)
	}
	return nil
}

// perAgentDrive adds each agent population's sensor currents.
type perAgentDrive struct{ d *perAgentDesign }

func (perAgentDrive) Name() string { return "per-agent-drive" }

func (s perAgentDrive) UpdateBlock(_ ecs.Tick, p *ecs.PopView, lo, hi int) error {
	dr := s.d.drive[p.ID][lo:hi]
	in := p.Input[lo:hi][:len(dr)]
	for k := range dr {
		in[k].CurrentMA += dr[k]
	}
	return nil
}

// perAgentCounter counts spikes per agent population.
type perAgentCounter struct{ d *perAgentDesign }

func (perAgentCounter) Name() string { return "per-agent-counter" }

func (c perAgentCounter) Update(sim *ecs.Sim, _ ecs.Tick) error {
	for id := range c.d.counts {
		v, err := sim.Bind(id)
		if err != nil {
			return err
		}
		for _, i := range *v.Fired {
			c.d.counts[id][i]++
		}
		if err := sim.Unbind(v); err != nil {
			return err
		}
	}
	return nil
}
