package scenarios

import (
	"errors"
	"fmt"
	"math"
	"strings"

	"github.com/spikecs/spikecs/ecs"
	"github.com/spikecs/spikecs/systems"
)

// Build creates a Sim with the standard systems, the scenario's
// populations and inputs. Errors found now (e.g. tau <= 0, V_th <= V_reset
// for some neuron of a random initializer) are reported as *Error at the
// parameter's line. Recorders are the caller's (see cmd/run).
func (sc *Scenario) Build(opts ecs.Options) (*ecs.Sim, error) {
	sim, net, err := sc.BuildNetwork(opts)
	if err != nil {
		return nil, err
	}
	sc.network = net
	return sim, nil
}

// BuildNetwork is Build returning the network (nil without projections)
// instead of keeping it for Network; it does not modify sc, so several
// goroutines may build from one scenario at once (e.g. the partitions of
// a split network, ecs.Options.Partition).
func (sc *Scenario) BuildNetwork(opts ecs.Options) (*ecs.Sim, *systems.Network, error) {
	opts.DtMs, opts.Seed = sc.DtMs, sc.Seed
	sim, err := systems.NewSim(opts)
	if err != nil {
		return nil, nil, &Error{File: sc.File, Key: "dt", Msg: err.Error()}
	}
	for _, pop := range sc.Populations {
		if _, err := sim.AddPopulation(pop.Spec); err != nil {
			return nil, nil, sc.populationError(pop, err)
		}
	}
	var net *systems.Network
	channelInputs := false
	for _, in := range sc.Inputs {
		channelInputs = channelInputs || (in.Poisson != nil && in.Poisson.Channel != nil)
	}
	if len(sc.Projections) > 0 || channelInputs { // channels need the network's channel update
		if net, err = systems.NewNetwork(sim); err != nil {
			return nil, nil, err
		}
		for _, pr := range sc.Projections {
			if _, err := net.Connect(pr.Spec); err != nil {
				if le := (*systems.LearningError)(nil); errors.As(err, &le) && pr.LearningLine > 0 {
					return nil, nil, &Error{File: sc.File, Line: pr.LearningLine, Key: fmt.Sprintf("projections[%d].learning", pr.Index), Msg: err.Error()}
				}
				return nil, nil, &Error{File: sc.File, Line: pr.Line, Key: fmt.Sprintf("projections[%d]", pr.Index), Msg: err.Error()}
			}
		}
	}
	for _, sr := range sc.SourceRates {
		d, err := systems.NewRateDriver(sim, sr.Population, sr.Rate)
		if err != nil {
			return nil, nil, &Error{File: sc.File, Line: sr.Line, Key: sr.Key, Msg: err.Error()}
		}
		if err := sim.AddSystem(ecs.StageInput, d); err != nil {
			return nil, nil, err
		}
	}
	for _, in := range sc.Inputs {
		stage := ecs.StageInput
		var sys ecs.NeuronSystem
		if in.Poisson != nil && in.Poisson.Channel != nil {
			// Spikes into a channel are delivered like a projection's.
			stage = ecs.StageDelivery
			ps := in.Poisson
			pc, perr := systems.NewPoissonChannelInput(sim, in.Population, ps.Count, ps.RateHz, ps.WeightS, *ps.Channel)
			if perr == nil {
				pc.StartStep = ecs.StepOf(in.StartMs, sim.DtMs())
				if !math.IsInf(in.StopMs, 1) {
					pc.StopStep = ecs.StepOf(in.StopMs, sim.DtMs())
				}
			}
			sys, err = pc, perr
		} else {
			sys, err = sc.input(sim, in)
		}
		if err != nil {
			return nil, nil, &Error{File: sc.File, Line: in.Line, Key: fmt.Sprintf("inputs[%d]", in.Index), Msg: err.Error()}
		}
		if err := sim.AddNeuronSystem(stage, sys); err != nil {
			return nil, nil, err
		}
	}
	return sim, net, nil
}

// Network returns the network of the last Build (nil without projections).
func (sc *Scenario) Network() *systems.Network { return sc.network }

// Check builds the scenario once to surface every error without running.
func (sc *Scenario) Check() error {
	_, err := sc.Build(ecs.Options{})
	return err
}

// populationError places an ecs error at the parameter's line.
func (sc *Scenario) populationError(pop Population, err error) error {
	var pe *ecs.ParamError
	if errors.As(err, &pe) {
		param := pe.Param
		if _, given := pop.ParamLines[param]; !given && param == "V_th" {
			// V_th <= V_reset with only V_reset in the file: point at it.
			param = "V_reset"
		}
		line, ok := pop.ParamLines[param]
		key := fmt.Sprintf("populations[%d].params.%s", pop.Index, param)
		if pop.Spec.Source != nil { // a source's parameters are under source:
			key = fmt.Sprintf("populations[%d].source.%s", pop.Index, strings.TrimPrefix(param, "spike_"))
		}
		if !ok {
			line = pop.Line
			key = fmt.Sprintf("populations[%d]", pop.Index)
		}
		msg := pe.Msg
		if pe.Neuron >= 0 {
			msg = fmt.Sprintf("neuron %d: %s %s", pe.Neuron, pe.Param, pe.Msg)
		} else {
			msg = pe.Param + " " + pe.Msg
		}
		return &Error{File: sc.File, Line: line, Key: key, Msg: msg}
	}
	return &Error{File: sc.File, Line: pop.Line, Key: fmt.Sprintf("populations[%d]", pop.Index), Msg: err.Error()}
}

// input builds the system of one input entry.
func (sc *Scenario) input(sim *ecs.Sim, in Input) (ecs.NeuronSystem, error) {
	switch {
	case in.Profile != nil:
		return systems.NewProfileCurrent(sim, in.Population, *in.Profile, in.StartMs, in.StopMs)
	case in.Noise != nil:
		nz := in.Noise
		return systems.NewNoiseCurrent(sim, in.Population, nz.Kind, nz.MeanMA, nz.SigmaMA, nz.TauMs, in.StartMs, in.StopMs)
	case in.Poisson == nil:
		return systems.NewCurrentInput(sim, in.Population, in.CurrentMA, in.StartMs, in.StopMs)
	case in.Poisson.Rate != nil:
		ps := in.Poisson
		return systems.NewPoissonInputProfile(sim, in.Population, ps.Count, *ps.Rate, ps.WeightMV, ps.Mode, in.StartMs, in.StopMs)
	}
	pi, err := systems.NewPoissonInput(sim, in.Population, in.Poisson.Count, in.Poisson.RateHz, in.Poisson.WeightMV, in.Poisson.Mode)
	if err != nil {
		return nil, err
	}
	pi.StartStep = ecs.StepOf(in.StartMs, sim.DtMs())
	if !math.IsInf(in.StopMs, 1) {
		pi.StopStep = ecs.StepOf(in.StopMs, sim.DtMs())
	}
	return pi, nil
}
