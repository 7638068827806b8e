package units

import (
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// TestParseGivesExactCanonicalValues pins that common inputs convert to the
// float64 nearest the exact decimal value, compared with ==, not a tolerance:
// model parameters must not pick up rounding noise from the unit.
func TestParseGivesExactCanonicalValues(t *testing.T) {
	tests := []struct {
		in    string
		value float64
		dim   Dim
	}{
		// time, in ms
		{"10 ms", 10, Time},
		{"10ms", 10, Time},
		{"  10 ms  ", 10, Time},
		{"10\u00a0ms", 10, Time}, // no-break space
		{"0.1 ms", 0.1, Time},
		{"5 ms", 5, Time},
		{"2.05 ms", 2.05, Time},
		{"1 s", 1000, Time},
		{"1.5e-3 s", 1.5, Time},
		{"1.5E-3 s", 1.5, Time},
		{"2 s", 2000, Time},
		{"3 us", 0.003, Time},
		{"3 µs", 0.003, Time},  // U+00B5 micro sign
		{"3 μs", 0.003, Time},  // U+03BC Greek mu
		{"2 ns", 2e-6, Time},   // nanosecond, not nanosiemens
		{"1 Ms", 1e9, Time},    // megasecond, not millisecond
		{".5 ms", 0.5, Time},   // leading point
		{"5. ms", 5, Time},     // trailing point
		{"1e+01 ms", 10, Time}, // signed exponent as Format writes it
		// voltage, in mV
		{"-50 mV", -50, Voltage},
		{"0.3 V", 300, Voltage},
		{"1 kV", 1e6, Voltage},
		{"20 uV", 0.02, Voltage},
		// current, in mA
		{"2 mA", 2, Current},
		{"+2 mA", 2, Current},
		{"1.62 nA", 1.62e-6, Current},
		{"150 pA", 1.5e-7, Current},
		{"1 A", 1000, Current},
		// resistance, in ohm
		{"100 Mohm", 1e8, Resistance},
		{"100 MOhm", 1e8, Resistance},
		{"100 MΩ", 1e8, Resistance},      // U+03A9 Greek capital omega
		{"100 M\u2126", 1e8, Resistance}, // U+2126 ohm sign
		{"5 kohm", 5000, Resistance},
		{"1 Gohm", 1e9, Resistance},
		{"10 ohm", 10, Resistance},
		{"1e+08 ohm", 1e8, Resistance},
		// conductance, in S
		{"6 nS", 6e-9, Conductance},
		{"20 nS", 2e-8, Conductance},
		{"0.6 mS", 6e-4, Conductance},
		{"10 uS", 1e-5, Conductance},
		{"10 µS", 1e-5, Conductance},
		{"1 S", 1, Conductance},
		{"1 MS", 1e6, Conductance}, // megasiemens
		// capacitance, in mF
		{"200 pF", 2e-7, Capacitance},
		{"1 uF", 1e-3, Capacitance},
		{"1 mF", 1, Capacitance},
		{"1 F", 1000, Capacitance},
		// frequency, in Hz
		{"5 Hz", 5, Frequency},
		{"2 kHz", 2000, Frequency},
		{"0.5 MHz", 5e5, Frequency},
		// dimensionless
		{"0.3", 0.3, Dimensionless},
		{"1", 1, Dimensionless},
		{"-2", -2, Dimensionless},
		{" 1e-3 ", 1e-3, Dimensionless},
		{"0", 0, Dimensionless},
	}
	for _, tt := range tests {
		t.Run(tt.in, func(t *testing.T) {
			q, err := Parse(tt.in)
			require.NoError(t, err, "Parse(%q) should succeed", tt.in)
			assert.Equal(t, tt.dim, q.Dim, "Parse(%q): expected dimension %s", tt.in, tt.dim)
			assert.Equal(t, tt.value, q.Value, "Parse(%q): expected exactly %v %s", tt.in, tt.value, tt.dim.Canonical())
		})
	}
}

// TestParseIsCorrectlyRoundedWhereFloatScalingIsNot pins the reason for
// shifting the decimal exponent instead of scaling by a power-of-ten table:
// for these inputs x/1e6 (or x/1e9) is one ulp away from the float64 nearest
// the exact decimal value, and Parse must return the nearest one.
func TestParseIsCorrectlyRoundedWhereFloatScalingIsNot(t *testing.T) {
	tests := []struct {
		in       string
		want     Dim
		mantissa float64 // the number as written
		divisor  float64 // the power of ten a table-based converter would divide by
		exact    float64 // the float64 nearest the exact decimal value
	}{
		{"1.62 nA", Current, 1.62, 1e6, 1.62e-6},
		{"2.05 uA", Current, 2.05, 1e3, 2.05e-3},
		{"3.3 nS", Conductance, 3.3, 1e9, 3.3e-9},
		{"0.2 uS", Conductance, 0.2, 1e6, 2e-7},
		{"1.62 pF", Capacitance, 1.62, 1e9, 1.62e-9},
	}
	for _, tt := range tests {
		t.Run(tt.in, func(t *testing.T) {
			mantissa, divisor := tt.mantissa, tt.divisor
			require.NotEqual(t, tt.exact, mantissa/divisor,
				"premise: %v/%v should round differently from the decimal %v", mantissa, divisor, tt.exact)
			got, err := ParseAs(tt.in, tt.want)
			require.NoError(t, err, "ParseAs(%q, %s) should succeed", tt.in, tt.want)
			assert.Equal(t, tt.exact, got, "%q should be the float64 nearest %v %s, not %v",
				tt.in, tt.exact, tt.want.Canonical(), mantissa/divisor)
		})
	}
}

func TestParseAsReturnsValueInCanonicalUnitOfWant(t *testing.T) {
	tests := []struct {
		in    string
		want  Dim
		value float64
	}{
		{"1 s", Time, 1000},
		{"-50 mV", Voltage, -50},
		{"1.62 nA", Current, 1.62e-6},
		{"100 Mohm", Resistance, 1e8},
		{"6 nS", Conductance, 6e-9},
		{"200 pF", Capacitance, 2e-7},
		{"2 kHz", Frequency, 2000},
		{"0.5", Dimensionless, 0.5},
	}
	for _, tt := range tests {
		t.Run(tt.in, func(t *testing.T) {
			got, err := ParseAs(tt.in, tt.want)
			require.NoError(t, err, "ParseAs(%q, %s) should succeed", tt.in, tt.want)
			assert.Equal(t, tt.value, got, "ParseAs(%q, %s): expected exactly %v %s",
				tt.in, tt.want, tt.value, tt.want.Canonical())
		})
	}
}
