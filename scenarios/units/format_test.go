package units

import (
	"math"
	"math/rand/v2"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

func TestFormatWritesCanonicalUnit(t *testing.T) {
	tests := []struct {
		v    float64
		d    Dim
		want string
	}{
		{10, Time, "10 ms"},
		{0.1, Time, "0.1 ms"},
		{-50, Voltage, "-50 mV"},
		{1.62e-6, Current, "1.62e-06 mA"},
		{1e8, Resistance, "1e+08 ohm"},
		{6e-9, Conductance, "6e-09 S"},
		{2e-7, Capacitance, "2e-07 mF"},
		{5, Frequency, "5 Hz"},
		{0.5, Dimensionless, "0.5"},
		{1, Frequency + 1, "1 Dim(8)"},
	}
	for _, tt := range tests {
		assert.Equal(t, tt.want, Format(tt.v, tt.d), "Format(%v, %s)", tt.v, tt.d)
	}
	assert.Equal(t, "2 mA", Quantity{Value: 2, Dim: Current}.String(), "Quantity.String should match Format")
}

// TestParseFormatRoundTripsExactly pins that Format writes enough digits for
// Parse to give back the same bits and the same dimension.
func TestParseFormatRoundTripsExactly(t *testing.T) {
	values := []float64{0, math.Copysign(0, -1), 1, -50, 0.1, 2.05, 1e8, 6e-9, 1.62e-6,
		1e-300, math.MaxFloat64, -math.MaxFloat64, math.SmallestNonzeroFloat64, 0.1 + 0.2}
	rng := rand.New(rand.NewPCG(1, 2))
	for len(values) < 2000 {
		v := math.Float64frombits(rng.Uint64())
		if !math.IsNaN(v) && !math.IsInf(v, 0) {
			values = append(values, v)
		}
	}
	for d := Dimensionless; d <= Frequency; d++ {
		for _, v := range values {
			s := Format(v, d)
			q, err := Parse(s)
			require.NoError(t, err, "Parse(Format(%v, %s)) = Parse(%q) should succeed", v, d, s)
			require.Equal(t, d, q.Dim, "Parse(%q) should give back dimension %s", s, d)
			require.Equal(t, math.Float64bits(v), math.Float64bits(q.Value),
				"Parse(%q) should give back exactly %v, got %v", s, v, q.Value)
		}
	}
}
