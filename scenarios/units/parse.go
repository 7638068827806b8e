package units

import (
	"fmt"
	"strings"
	"unicode"
)

// writeHint ends the messages about a malformed quantity.
const writeHint = `write one number optionally followed by one unit, such as "10 ms" or "0.5"`

// Parse reads a quantity written as one decimal number optionally followed by
// one unit, such as "10 ms", "10ms", "-50 mV", "1.5e-3 s", "100 MΩ" or "0.3",
// and returns its value in the canonical unit of its dimension (see
// [Dim.Canonical]). A number with no unit is Dimensionless.
//
// Accepted units are a base unit (s, V, A, ohm/Ohm/Ω, S, F, Hz) with at most
// one prefix (p n u µ m k M G; "u", "µ" and "μ" all mean micro). Units are
// case-sensitive: "ns" is a nanosecond and "nS" a nanosiemens. Spaces around
// the quantity and between number and unit are ignored.
//
// The value is the float64 nearest to the exact decimal value: "0.1 ms" gives
// exactly 0.1, "1.62 nA" exactly 1.62e-6 and "100 Mohm" exactly 1e8.
//
// Parse returns a self-contained error, quoting the input, for an empty
// string, a missing or malformed number, NaN or Inf, an unknown unit or
// prefix, extra text after the unit, and a value that overflows a float64 or
// underflows to zero once converted. Cost: ≈ 50–100 ns and at most one small
// allocation per valid value (BenchmarkParseAs); errors allocate their message.
// Meant for loading scenarios, not for hot loops.
func Parse(s string) (Quantity, error) {
	in := strings.TrimSpace(s)
	if in == "" {
		return Quantity{}, fmt.Errorf("empty quantity; %s", writeHint)
	}
	num, n := scanNumber(in)
	if n == 0 {
		if isNonFinite(in) {
			return Quantity{}, fmt.Errorf("%q is not a finite number; %s", in, writeHint)
		}
		return Quantity{}, fmt.Errorf("no number at the start of %q; %s", in, writeHint)
	}
	if continuesNumber(in[n:]) {
		word := in[:n] + firstField(in[n:])
		return Quantity{}, fmt.Errorf("malformed number %q in %q; %s", word, in, writeHint)
	}
	rest := strings.TrimLeftFunc(in[n:], unicode.IsSpace)
	dim, shift := Dimensionless, 0
	if rest != "" {
		sym := firstField(rest)
		if startsNumber(sym) {
			return Quantity{}, fmt.Errorf("more than one number in %q; %s", in, writeHint)
		}
		if extra := strings.TrimSpace(rest[len(sym):]); extra != "" {
			return Quantity{}, fmt.Errorf("extra text %q after the unit %q in %q; %s", extra, sym, in, writeHint)
		}
		var err error
		if dim, shift, err = lookupUnit(sym, in); err != nil {
			return Quantity{}, err
		}
	}
	v, f := num.shifted(shift)
	switch f {
	case overflows:
		return Quantity{}, fmt.Errorf("%q is out of range: in %s it exceeds the largest float64 (about 1.8e308)",
			in, canonicalName(dim))
	case underflows:
		return Quantity{}, fmt.Errorf("%q is too small: in %s it rounds to zero", in, canonicalName(dim))
	}
	return Quantity{Value: v, Dim: dim}, nil
}

// ParseAs parses s as [Parse] does and returns its value in the canonical
// unit of want: ParseAs("1 s", Time) is 1000 (ms). A quantity of another
// dimension is an error such as
//
//	expected a voltage such as "-50 mV", got a time ("10 ms")
//
// and so is a plain number where a unit is needed:
//
//	expected a voltage such as "-50 mV", got the plain number "10" (a unit is required)
//
// For want == Dimensionless only a plain number is accepted. Errors from
// Parse are returned wrapped with the same "expected …" prefix.
func ParseAs(s string, want Dim) (float64, error) {
	if !want.valid() {
		return 0, fmt.Errorf("invalid dimension %s requested for %q", want, strings.TrimSpace(s))
	}
	q, err := Parse(s)
	if err != nil {
		return 0, fmt.Errorf("expected %s such as %q: %w", want.phrase(), want.Example(), err)
	}
	if q.Dim == want {
		return q.Value, nil
	}
	in := strings.TrimSpace(s)
	if q.Dim == Dimensionless {
		return 0, fmt.Errorf("expected %s such as %q, got the plain number %q (a unit is required)",
			want.phrase(), want.Example(), in)
	}
	return 0, fmt.Errorf("expected %s such as %q, got %s (%q)", want.phrase(), want.Example(), q.Dim.phrase(), in)
}

// isNonFinite reports whether s starts with an optionally signed "nan" or
// "inf" in any letter case, which strconv would accept but Parse rejects.
func isNonFinite(s string) bool {
	s = strings.TrimLeft(s, "+-")
	if len(s) < 3 {
		return false
	}
	head := strings.ToLower(s[:3])
	return head == "nan" || head == "inf"
}

// continuesNumber reports whether the text right after a scanned number
// looks like more of a number rather than a unit: a digit, point, sign,
// comma or underscore ("1.5.3", "1,5", "1_000"), a dangling exponent ("2e",
// "1e5e3") or a hexadecimal marker ("0x10").
func continuesNumber(rest string) bool {
	if rest == "" {
		return false
	}
	if strings.ContainsRune("0123456789.+-,_", rune(rest[0])) {
		return true
	}
	switch rest[0] {
	case 'e', 'E':
		return len(rest) == 1 || strings.ContainsRune("0123456789+- \t", rune(rest[1]))
	case 'x', 'X':
		return true
	}
	return false
}

// firstField returns s up to its first white space.
func firstField(s string) string {
	if i := strings.IndexFunc(s, unicode.IsSpace); i >= 0 {
		return s[:i]
	}
	return s
}

// startsNumber reports whether s begins like a number rather than a unit.
func startsNumber(s string) bool {
	_, n := scanNumber(s)
	return n > 0
}

// canonicalName names the unit a value was converted to, for messages.
func canonicalName(d Dim) string {
	if d == Dimensionless {
		return "a plain number"
	}
	return d.Canonical()
}
