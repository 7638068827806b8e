package scenarios_test

import (
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/spikecs/spikecs/ecs"
	"github.com/spikecs/spikecs/scenarios"
)

// loadSet loads a built-in with overrides given as "path=value".
func loadSet(t *testing.T, name string, sets ...string) (*scenarios.Scenario, error) {
	t.Helper()
	var ovs []scenarios.Override
	for _, s := range sets {
		o, err := scenarios.ParseOverride(s)
		require.NoError(t, err, s)
		ovs = append(ovs, o)
	}
	return scenarios.LoadWith(name, ovs...)
}

func TestOverridesSetValuesBeforeTheLoaderReadsThem(t *testing.T) {
	sc, err := loadSet(t, "coba",
		"populations.exc.params.tau=12ms",
		"projections.ee.weight=5nS",
		"dt=0.05ms",
		"populations.1.size=400",
		"seed=7",
		"record.spikes=[inh]")
	require.NoError(t, err)
	assert.Equal(t, ecs.Scalar(12), sc.Populations[0].Spec.Membrane.Tau, "exc tau set to 12 ms")
	assert.Equal(t, ecs.Scalar(20), sc.Populations[1].Spec.Membrane.Tau, "inh shares the &neuron block, which is copied, not changed")
	assert.Equal(t, ecs.Scalar(5e-9), sc.Projections[0].Spec.Weight, "ee weight 5 nS in S")
	assert.Equal(t, ecs.Scalar(6e-9), sc.Projections[1].Spec.Weight, "ei keeps its weight")
	assert.Equal(t, 0.05, sc.DtMs)
	assert.Equal(t, 400, sc.Populations[1].Spec.Size, "an entry selected by index")
	assert.Equal(t, uint64(7), sc.Seed)
	assert.Equal(t, []string{"inh"}, sc.Record.Spikes, "a list value")

	// Keys the file does not have are added, with the mappings to them.
	sc, err = loadSet(t, "reference", "populations.if_soft.params.tau=3ms", "duration=5ms",
		"populations.lif_soft.params.V_init={dist: uniform, low: 0 mV, high: 1 mV}")
	require.NoError(t, err)
	assert.Equal(t, ecs.Scalar(3), sc.Populations[0].Spec.Membrane.Tau, "if_soft had no params mapping")
	assert.Equal(t, 5.0, sc.DurationMs)
	assert.Equal(t, ecs.Uniform(0, 1), sc.Populations[2].Spec.Membrane.VInit, "a mapping value")

	base, err := scenarios.Load("coba")
	require.NoError(t, err)
	assert.Equal(t, ecs.Scalar(20), base.Populations[0].Spec.Membrane.Tau, "loading again without overrides gives the file's value")
}

func TestOverrideMistakes(t *testing.T) {
	cases := []struct {
		name  string
		set   string
		hints []string
	}{
		{"unknown population", "populations.exd.params.tau=12ms",
			[]string{"-set populations.exd.params.tau=12ms", `no entry named "exd"`, "names: exc, inh", "index 0..1"}},
		{"index out of range", "populations.5.size=3",
			[]string{"populations has 2 entries", "no entry 5"}},
		{"into a value", "dt.x=1ms",
			[]string{"dt is a single value", `no "x"`}},
		{"list without names", "record.spikes.exc=inh",
			[]string{"record.spikes is a list", "by index (0..1)"}},
		{"malformed value", "dt=[1 ms",
			[]string{"malformed YAML value"}},
		{"unit check stays the loader's", "populations.exc.params.tau=12mV",
			[]string{"builtin:coba:", "populations[0].params.tau", "expected a time", "(from -set populations.exc.params.tau=12mV)"}},
		{"unknown key gets the loader's valid list", "populations.exc.params.tua=12ms",
			[]string{`unknown parameter "tua"`, "valid: R, tau", "(from -set populations.exc.params.tua=12ms)"}},
		{"unknown top-level key", "durration=1s",
			[]string{`unknown key "durration"`, "valid: name, dt, duration"}},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			_, err := loadSet(t, "coba", c.set)
			require.Error(t, err)
			var se *scenarios.Error
			require.ErrorAs(t, err, &se, "an override mistake is a scenario error")
			for _, h := range c.hints {
				assert.Contains(t, err.Error(), h)
			}
		})
	}
	for _, bad := range []string{"tau", "=1ms", "dt=", "populations..tau=1ms"} {
		_, err := scenarios.ParseOverride(bad)
		assert.Error(t, err, "%q is not path=value", bad)
	}
}
