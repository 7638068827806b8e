package units

import (
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

func TestDimNamesUnitsAndExamples(t *testing.T) {
	tests := []struct {
		dim                     Dim
		name, canonical, sample string
	}{
		{Dimensionless, "dimensionless", "", "0.5"},
		{Time, "time", "ms", "10 ms"},
		{Voltage, "voltage", "mV", "-50 mV"},
		{Current, "current", "mA", "2 mA"},
		{Resistance, "resistance", "ohm", "100 Mohm"},
		{Conductance, "conductance", "S", "6 nS"},
		{Capacitance, "capacitance", "mF", "200 pF"},
		{Frequency, "frequency", "Hz", "5 Hz"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			assert.Equal(t, tt.name, tt.dim.String(), "String of Dim(%d)", uint8(tt.dim))
			assert.Equal(t, tt.canonical, tt.dim.Canonical(), "canonical unit of %s", tt.name)
			assert.Equal(t, tt.sample, tt.dim.Example(), "example of %s", tt.name)
		})
	}
}

func TestDimExampleParsesAsItsOwnDimension(t *testing.T) {
	for d := Dimensionless; d <= Frequency; d++ {
		_, err := ParseAs(d.Example(), d)
		require.NoError(t, err, "the example %q of %s must be accepted as a %s, since error messages quote it",
			d.Example(), d, d)
	}
}

func TestDimOutOfRangeIsNamedByNumber(t *testing.T) {
	d := Frequency + 1
	assert.Equal(t, "Dim(8)", d.String(), "an undeclared Dim should print as Dim(N)")
	assert.Empty(t, d.Canonical(), "an undeclared Dim has no canonical unit")
	assert.Empty(t, d.Example(), "an undeclared Dim has no example")
}
