package scenarios

import (
	"go.yaml.in/yaml/v3"

	"github.com/spikecs/spikecs/components"
	"github.com/spikecs/spikecs/ecs"
	"github.com/spikecs/spikecs/systems"
)

// Scenario is a parsed scenario file, in canonical units (ms, mV, mA, ohm).
type Scenario struct {
	Name       string  // scenario name (default: the file name without extension)
	File       string  // where it came from, for error messages
	DtMs       float64 // time step, ms (default 0.1)
	DurationMs float64 // run length, ms (default 100)
	Seed       uint64  // seed of all random streams (default 0)

	Populations []Population
	Projections []Projection
	Inputs      []Input
	Record      Record
	// SourceRates are the time-varying rates of inhomogeneous Poisson
	// source populations (source kind inhomogeneous_poisson).
	SourceRates []SourceRate

	network *systems.Network // set by Build
	doc     *yaml.Node       // the document read, overrides applied (see Resolved)
}

// Population is one population of a scenario.
type Population struct {
	Spec ecs.PopulationSpec
	Line int
	// ParamLines maps a parameter's reference name to its line, so that
	// errors found while building point at the key.
	ParamLines map[string]int
	Index      int // position in the file's populations list
}

// Input is a current input to one population, active while
// StartMs <= t < StopMs (StopMs = +Inf: until the end).
type Input struct {
	Population string
	CurrentMA  components.Param
	// Poisson, when non-nil, makes this a Poisson input into V instead of
	// a current (CurrentMA is then unused).
	Poisson *PoissonInput
	// Profile, when non-nil, makes the current a time course (sine,
	// steps, ramp or series, mA) instead of CurrentMA.
	Profile *systems.ProfileSpec
	// Noise, when non-nil, makes this a noise current (OU or white).
	Noise   *NoiseInput
	StartMs float64
	StopMs  float64
	Line    int
	Index   int
	// Lines maps each key of the entry ("population", "current", ...) to
	// its line, so that errors point at the key.
	Lines map[string]int
	// listLen is the number of values when current was written as a list
	// (which must then have one value per neuron), else 0.
	listLen int
	// widths are the per-neuron lists of the entry's time course or noise.
	widths []widthCheck
}

// NoiseInput is a noise current: Ornstein–Uhlenbeck (MeanMA, SigmaMA the
// stationary standard deviation in mA, TauMs) or white (SigmaMA in
// mA·sqrt(ms)); each parameter shared or one per neuron.
type NoiseInput struct {
	Kind                   systems.NoiseKind
	MeanMA, SigmaMA, TauMs components.Param
}

// SourceRate is the time-varying rate (Hz) of an inhomogeneous Poisson
// source population.
type SourceRate struct {
	Population string
	Rate       systems.ProfileSpec
	Line       int    // line of the rate key
	Key        string // key path of the rate, for errors
	widths     []widthCheck
}

// PoissonInput is the reference's poisson_input into V: Count sources of
// RateHz each, each spike a jump of WeightMV.
type PoissonInput struct {
	Count    int
	RateHz   float64
	WeightMV float64
	Mode     systems.PoissonMode
	// Rate, when non-nil, makes the rate a time course (Hz; an
	// inhomogeneous Poisson input) and RateHz is unused.
	Rate *systems.ProfileSpec
	// Channel, when non-nil (synapse and output given), sends the spikes
	// into that synaptic channel (systems.PoissonChannelInput) instead of
	// V; each spike adds WeightS (S) to it.
	Channel *components.ChannelParams
	WeightS float64
}

// Record says what the runner records.
type Record struct {
	Spikes []string      // populations whose spikes go to spikes.csv
	State  []StateRecord // state variables that go to state.csv
	// SpikeLines holds the line of each Spikes entry, for errors.
	SpikeLines []int
	// Rate, when non-nil, records population rates in bins (rates.csv).
	Rate *RateRecord
	// Weights records the weights of plastic projections at a stride.
	Weights []WeightRecord
	// StartMs is the start of the recording window (ms, default 0): spikes
	// and state of earlier steps (a warm-up) are not written, and the
	// summary's spike counts, rates and CV(ISI) cover [StartMs, end).
	StartMs float64
	// StartLine is the line of the start key (0 when absent).
	StartLine int
	// SpikeSample, when > 0, writes the spikes of only the first
	// SpikeSample neurons of each population in Spikes (a sample for long
	// runs of big networks); the summary's counts, rates and CV(ISI) still
	// cover every neuron.
	SpikeSample int
}

// RateRecord bins the spikes of populations into rates.
type RateRecord struct {
	Populations []string
	BinMs       float64
	Line        int
}

// StateRecord records variables of chosen neurons of one population.
type StateRecord struct {
	Population string
	Vars       []string // names from systems.StateVars
	Neurons    []int    // neuron indices; nil = all
	Stride     int64    // record every Stride-th step (default 1)
	Line       int
	Index      int
	// Lines maps each key of the entry ("population", "vars[1]",
	// "neurons[0]", ...) to its line, so that errors point at the item.
	Lines map[string]int
}

// Projection is one projection of a scenario.
type Projection struct {
	Spec  systems.ProjectionSpec
	Line  int
	Index int
	// LearningLine is the line of the learning: key (0 without learning).
	LearningLine int
}

// NeedsSurrogateGrad reports whether anything the scenario records reads
// the surrogate derivative (a state record of spike_grad); when nothing
// does, a runner may build with ecs.Options.NoSurrogateGrad.
func (sc *Scenario) NeedsSurrogateGrad() bool {
	for _, st := range sc.Record.State {
		for _, v := range st.Vars {
			if v == "spike_grad" {
				return true
			}
		}
	}
	return false
}
