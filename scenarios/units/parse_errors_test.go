package units

import (
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// TestParseRejectsMalformedQuantities pins both the rejection and what the
// message says, since a scenario author sees only the message.
func TestParseRejectsMalformedQuantities(t *testing.T) {
	tests := []struct {
		name string
		in   string
		msg  []string // substrings the error must contain
	}{
		{"empty", "", []string{"empty quantity", `such as "10 ms"`}},
		{"blank", "   ", []string{"empty quantity"}},
		{"NaN", "NaN", []string{`"NaN" is not a finite number`}},
		{"nan with unit", "nan ms", []string{`"nan ms" is not a finite number`}},
		{"Inf", "Inf", []string{`"Inf" is not a finite number`}},
		{"signed Inf", "-Inf mV", []string{`"-Inf mV" is not a finite number`}},
		{"infinity", "+infinity s", []string{"not a finite number"}},
		{"unit twice", "10 ms ms", []string{`extra text "ms" after the unit "ms" in "10 ms ms"`, "one number optionally followed by one unit"}},
		{"split unit", "10 m s", []string{`extra text "s" after the unit "m"`}},
		{"unit only", "ms", []string{`no number at the start of "ms"`, `such as "10 ms"`}},
		{"sign apart", "- 50 mV", []string{`no number at the start of "- 50 mV"`}},
		{"two numbers", "10 5 ms", []string{`more than one number in "10 5 ms"`}},
		{"trailing number", "10 -5", []string{`more than one number in "10 -5"`}},
		{"two points", "1.5.3 ms", []string{`malformed number "1.5.3" in "1.5.3 ms"`}},
		{"decimal comma", "1,5 ms", []string{`malformed number "1,5"`}},
		{"digit separator", "1_000 ms", []string{`malformed number "1_000"`}},
		{"dangling exponent", "2e ms", []string{`malformed number "2e" in "2e ms"`}},
		{"two exponents", "1e5e3 ms", []string{`malformed number "1e5e3"`}},
		{"hexadecimal", "0x10 ms", []string{`malformed number "0x10"`}},
		{"unknown unit", "10 mss", []string{`unknown unit "mss" in "10 mss"`, "known units: s, V, A, ohm, S, F, Hz with prefixes p n u µ m k M G"}},
		{"meters", "3 cm", []string{`unknown unit "cm"`}},
		{"bare prefix", "3 k", []string{`unknown unit "k"`}},
		{"double prefix", "3 kms", []string{`unknown unit "kms"`}},
		{"femto", "2 fA", []string{`unsupported prefix "f" in unit "fA" of "2 fA"`, "supported prefixes: p n u µ m k M G"}},
		{"tera", "1 Tohm", []string{`unsupported prefix "T"`}},
		{"deca", "3 das", []string{`unsupported prefix "da"`}},
		{"exa next to number", "5Es", []string{`unsupported prefix "E" in unit "Es" of "5Es"`}},
		{"lower-case volt", "-50 mv", []string{`unknown unit "mv"`, `case-sensitive: did you mean "mV" or "MV"?`}},
		{"lower-case hertz", "5 hz", []string{`did you mean "Hz"?`}},
		{"upper-case kilo", "2 KHz", []string{`did you mean "kHz"?`}},
		{"overflow", "1e400 ms", []string{`"1e400 ms" is out of range`, "largest float64"}},
		{"overflow after conversion", "1e308 s", []string{`"1e308 s" is out of range: in ms`}},
		{"huge exponent", "1e99999999999999999999 ms", []string{"out of range"}},
		{"underflow", "1e-400 ms", []string{`"1e-400 ms" is too small: in ms it rounds to zero`}},
		{"underflow after conversion", "1e-320 pohm", []string{`"1e-320 pohm" is too small`}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			q, err := Parse(tt.in)
			require.Error(t, err, "Parse(%q) should be rejected, got %v", tt.in, q)
			for _, part := range tt.msg {
				assert.Contains(t, err.Error(), part, "error for %q should explain the problem", tt.in)
			}
		})
	}
}

func TestParseUnknownUnitMessageIsSelfContained(t *testing.T) {
	_, err := Parse("10 mx")
	require.Error(t, err, `"10 mx" has no known unit`)
	assert.EqualError(t, err,
		`unknown unit "mx" in "10 mx"; known units: s, V, A, ohm, S, F, Hz with prefixes p n u µ m k M G`,
		"the message should name the unit, quote the input and list what is accepted")
}

func TestParseAcceptsZeroWithAnyExponent(t *testing.T) {
	for _, in := range []string{"0e99999999999999999999 ms", "0e-400 ms", "-0 mV"} {
		q, err := Parse(in)
		require.NoError(t, err, "%q is zero, which neither overflows nor underflows", in)
		assert.Zero(t, q.Value, "%q should be zero", in)
	}
}

func TestParseAsRejectsWrongDimension(t *testing.T) {
	tests := []struct {
		in   string
		want Dim
		msg  string
	}{
		{"10 ms", Voltage, `expected a voltage such as "-50 mV", got a time ("10 ms")`},
		{" 10 ", Voltage, `expected a voltage such as "-50 mV", got the plain number "10" (a unit is required)`},
		{"0.5", Time, `expected a time such as "10 ms", got the plain number "0.5" (a unit is required)`},
		{"5 Hz", Conductance, `expected a conductance such as "6 nS", got a frequency ("5 Hz")`},
		{"6 nS", Resistance, `expected a resistance such as "100 Mohm", got a conductance ("6 nS")`},
		{"10 ms", Dimensionless, `expected a plain number such as "0.5", got a time ("10 ms")`},
		{"200 pF", Current, `expected a current such as "2 mA", got a capacitance ("200 pF")`},
	}
	for _, tt := range tests {
		t.Run(tt.in+" as "+tt.want.String(), func(t *testing.T) {
			v, err := ParseAs(tt.in, tt.want)
			require.Error(t, err, "ParseAs(%q, %s) should be rejected, got %v", tt.in, tt.want, v)
			assert.EqualError(t, err, tt.msg, "the message should name both dimensions and quote the input")
		})
	}
}

func TestParseAsWrapsParseErrorsWithTheExpectation(t *testing.T) {
	_, err := ParseAs("10 mx", Voltage)
	require.Error(t, err, `"10 mx" has no known unit`)
	assert.Contains(t, err.Error(), `expected a voltage such as "-50 mV": unknown unit "mx"`,
		"a parse error should say what was expected as well as what went wrong")
}

func TestParseAsRejectsUndeclaredDim(t *testing.T) {
	_, err := ParseAs("10 ms", Frequency+1)
	require.Error(t, err, "Dim(8) is not a dimension")
	assert.Contains(t, err.Error(), "invalid dimension Dim(8)", "the message should name the bad Dim")
}
