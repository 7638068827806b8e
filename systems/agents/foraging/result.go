package foraging

// ForagingResult is the outcome of a run. The JSON fields go into the
// runner's summary.json; the trajectories and the food field are for the
// figure only.
type ForagingResult struct {
	// Seed and Ticks repeat the options of the run (Ticks: the ticks
	// run, fewer than asked when Interrupted).
	Seed  uint64 `json:"seed"`
	Ticks int    `json:"ticks"`
	// Interrupted is set when ForagingOptions.Stop ended the run early.
	Interrupted bool `json:"interrupted"`
	// BrainAgents and RandomAgents count the agents of each kind.
	BrainAgents  int `json:"brain_agents"`
	RandomAgents int `json:"random_agents"`
	// BrainFoodPerAgent and RandomFoodPerAgent are the food eaten per
	// agent over the run, in full cells.
	BrainFoodPerAgent  float64 `json:"brain_food_per_agent"`
	RandomFoodPerAgent float64 `json:"random_food_per_agent"`
	// Ratio is BrainFoodPerAgent / RandomFoodPerAgent (the bar is 1.5).
	Ratio float64 `json:"ratio"`
	// NeuronsPerBrain and SynapsesPerBrain describe the brain.
	NeuronsPerBrain  int `json:"neurons_per_brain"`
	SynapsesPerBrain int `json:"synapses_per_brain"`
	// BrainSpikes is the number of spikes of all brains over the run.
	BrainSpikes int64 `json:"brain_spikes"`
	// MeanRateHz is the mean firing rate of a brain neuron.
	MeanRateHz float64 `json:"mean_rate_hz"`
	// DtMs, Substeps and TickMs give the neural timing: a tick is
	// Substeps steps of DtMs, TickMs ms of neural time.
	DtMs     float64 `json:"dt_ms"`
	Substeps int     `json:"substeps"`
	TickMs   float64 `json:"tick_ms"`
	// Size is the torus side in cells; Patches the number of food patches.
	Size    int `json:"size"`
	Patches int `json:"patches"`
	// FoodLeft is the food on the field at the end as a fraction of its
	// capacity.
	FoodLeft float64 `json:"food_left"`

	// Paths holds every agent's position after each tick (x, y in cells).
	Paths [][]Point `json:"-"`
	// HasBrain tells, per agent, whether it is steered by a brain.
	HasBrain []bool `json:"-"`
	// AgentFood is the food eaten by each agent.
	AgentFood []float64 `json:"-"`
	// Food and Capacity are the final food and the capacity per cell,
	// row by row (cell (x, y) at y·Size + x).
	Food, Capacity []float64 `json:"-"`
}

// Point is a position on the torus, in cells.
type Point struct{ X, Y float64 }
