package systems_test

import (
	"encoding/csv"
	"encoding/json"
	"math"
	"os"
	"path/filepath"
	"strconv"
	"testing"

	"github.com/stretchr/testify/require"

	"github.com/spikecs/spikecs/components"
	"github.com/spikecs/spikecs/ecs"
	"github.com/spikecs/spikecs/systems"
)

// refDir holds the Brian2 2.5.1 reference traces (README.md there).
const refDir = "testdata/models"

// refCases is cases.json: the trace cases and f–I curves.
type refCases struct {
	Cases []refCase `json:"cases"`
	FI    []refFI   `json:"fi"`
}

// refCase is one trace case of cases.json.
type refCase struct {
	Name       string      `json:"name"`
	Model      string      `json:"model"`
	Method     string      `json:"method"`
	DtMs       float64     `json:"dt_ms"`
	DurationMs float64     `json:"duration_ms"`
	Trace      string      `json:"trace"`
	Spikes     string      `json:"spikes"`
	Columns    []string    `json:"columns"`
	Neurons    []refNeuron `json:"neurons"`
}

// refNeuron is one neuron of a case: its full parameter set (canonical
// units) and how closely an independent Python run agreed with Brian2.
type refNeuron struct {
	Label  string             `json:"label"`
	Params map[string]float64 `json:"params"`
	Spikes int                `json:"spikes"`
	Check  struct {
		SpikeMismatchMs *float64 `json:"spike_mismatch_ms"`
		Above1e9Ms      *float64 `json:"rel_dV_above_1e-9_from_ms"`
	} `json:"python_check"`
}

// refFI is one f–I curve of cases.json.
type refFI struct {
	Name       string             `json:"name"`
	File       string             `json:"file"`
	Model      string             `json:"model"`
	Method     string             `json:"method"`
	DtMs       float64            `json:"dt_ms"`
	DurationMs float64            `json:"duration_ms"`
	Params     map[string]float64 `json:"params"`
}

// loadRefCases reads cases.json.
func loadRefCases(t testing.TB) refCases {
	t.Helper()
	data, err := os.ReadFile(filepath.Join(refDir, "cases.json"))
	require.NoError(t, err)
	var rc refCases
	require.NoError(t, json.Unmarshal(data, &rc))
	return rc
}

// readRefCSV reads a reference CSV (header skipped) as float rows.
func readRefCSV(t testing.TB, name string) [][]float64 {
	t.Helper()
	f, err := os.Open(filepath.Join(refDir, name))
	require.NoError(t, err)
	defer f.Close()
	recs, err := csv.NewReader(f).ReadAll()
	require.NoError(t, err)
	require.NotEmpty(t, recs, name)
	out := make([][]float64, 0, len(recs)-1)
	for li, rec := range recs[1:] {
		row := make([]float64, len(rec))
		for j, s := range rec {
			row[j], err = strconv.ParseFloat(s, 64)
			require.NoError(t, err, "%s line %d", name, li+2)
		}
		out = append(out, row)
	}
	return out
}

// refModel returns the catalogue model of a cases.json model name.
func refModel(t testing.TB, name string) *ecs.Model {
	t.Helper()
	want := map[string]string{"expif": "ExpIF", "adex": "AdEx", "qif": "QIF", "adqif": "AdQIF", "izhikevich": "Izhikevich"}[name]
	for _, m := range systems.Models() {
		if m.Name == want {
			return m
		}
	}
	t.Fatalf("no catalogue model for reference model %q", name)
	return nil
}

// refSim builds a Sim with one population "p" of model, one neuron per
// parameter set (every parameter of the set except I, which becomes a
// constant current input, and u_init, which the model derives as b·V_init)
// and the given method.
func refSim(t testing.TB, model *ecs.Model, method string, dtMs float64, ps []map[string]float64) (*ecs.Sim, int) {
	t.Helper()
	sim, err := systems.NewSim(ecs.Options{DtMs: dtMs, Seed: 1})
	require.NoError(t, err)
	spec := ecs.NewSpec(model, "p", len(ps))
	require.NoError(t, spec.SetChoice("method", method))
	cur := make([]float64, len(ps))
	for name := range ps[0] {
		vals := make([]float64, len(ps))
		for i, p := range ps {
			vals[i] = p[name]
		}
		switch name {
		case "I":
			copy(cur, vals)
		case "u_init":
			for _, p := range ps {
				require.Equal(t, p["b"]*p["V_init"], p["u_init"], "reference u_init is b·V_init")
			}
		default:
			require.NoError(t, spec.SetParam(name, ecs.List(vals...)), "parameter %s", name)
		}
	}
	id, err := sim.AddPopulation(spec)
	require.NoError(t, err)
	drive, err := systems.NewCurrentInput(sim, "p", components.PerNeuron(cur), 0, math.Inf(1))
	require.NoError(t, err)
	require.NoError(t, sim.AddNeuronSystem(ecs.StageInput, drive))
	return sim, id
}

// stateVar returns the byte offset of model variable name in its first
// state column (w of AdEx/AdQIF, u of Izhikevich).
func stateVar(t testing.TB, m *ecs.Model, name string) uintptr {
	t.Helper()
	require.NotEmpty(t, m.State, "model %s has no state column", m.Name)
	for _, v := range m.State[0].Vars {
		if v.Name == name {
			return v.Offset
		}
	}
	t.Fatalf("model %s has no state variable %q", m.Name, name)
	return 0
}
