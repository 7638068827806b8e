package components

// SourceKind says how a source population produces spikes.
type SourceKind uint8

const (
	// SourcePoisson: each neuron spikes with probability rate·dt per step.
	SourcePoisson SourceKind = iota + 1
	// SourceSpikeTimes: neurons spike at listed times.
	SourceSpikeTimes
)

// Source is the population component of a spike source: a population of
// neurons without membrane whose spikes are generated, not integrated. Its
// neurons carry only Spike and InPop.
type Source struct {
	Kind SourceKind
	// RateHz is the Poisson rate per neuron, Hz (SourcePoisson).
	RateHz Param
	// Steps and Neurons list the events of a SourceSpikeTimes population,
	// sorted by step then neuron: neuron Neurons[i] spikes at step Steps[i],
	// the first step with t = n·dt >= the event time.
	Steps   []int64
	Neurons []int32
	// Next is the index of the first event not yet emitted.
	Next int
}
