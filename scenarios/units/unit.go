package units

import (
	"fmt"
	"strings"
)

// knownUnits is the list quoted in every unknown-unit message.
const knownUnits = "known units: s, V, A, ohm, S, F, Hz with prefixes p n u µ m k M G"

// supportedPrefixes is the list quoted in every unsupported-prefix message.
const supportedPrefixes = "supported prefixes: p n u µ m k M G"

// baseUnit returns the dimension of a base-unit symbol and the power of ten
// that converts it to the canonical unit (1 s = 10^3 ms, so s gives 3).
// Resistance accepts "ohm", "Ohm", "Ω" (U+03A9) and "Ω" (U+2126).
func baseUnit(sym string) (d Dim, shift int, ok bool) {
	switch sym {
	case "s":
		return Time, 3, true
	case "V":
		return Voltage, 3, true
	case "A":
		return Current, 3, true
	case "ohm", "Ohm", "\u03a9", "\u2126":
		return Resistance, 0, true
	case "S":
		return Conductance, 0, true
	case "F":
		return Capacitance, 3, true
	case "Hz":
		return Frequency, 0, true
	}
	return Dimensionless, 0, false
}

// prefixExp returns the power of ten of a supported prefix. Micro accepts
// "u", "µ" (U+00B5, micro sign) and "μ" (U+03BC, Greek mu).
func prefixExp(p string) (exp int, ok bool) {
	switch p {
	case "p":
		return -12, true
	case "n":
		return -9, true
	case "u", "\u00b5", "\u03bc":
		return -6, true
	case "m":
		return -3, true
	case "k":
		return 3, true
	case "M":
		return 6, true
	case "G":
		return 9, true
	}
	return 0, false
}

// isOtherSIPrefix reports whether p is an SI prefix this package does not
// accept, so that "2 fA" can be told apart from a misspelt unit.
func isOtherSIPrefix(p string) bool {
	switch p {
	case "q", "r", "y", "z", "a", "f", "c", "d", "da", "h", "T", "P", "E", "Z", "Y", "R", "Q":
		return true
	}
	return false
}

// lookupUnit resolves a unit symbol such as "Mohm" to its dimension and the
// power of ten that converts a value in it to the canonical unit. input is
// the whole quantity, quoted in the error.
func lookupUnit(sym, input string) (Dim, int, error) {
	if d, shift, ok := baseUnit(sym); ok {
		return d, shift, nil
	}
	otherPrefix := ""
	// A prefix is one symbol: one byte, or two for "µ", "μ" and "da".
	for n := 1; n <= 2 && n < len(sym); n++ {
		d, shift, ok := baseUnit(sym[n:])
		if !ok {
			continue
		}
		if exp, ok := prefixExp(sym[:n]); ok {
			return d, shift + exp, nil
		}
		if isOtherSIPrefix(sym[:n]) {
			otherPrefix = sym[:n]
		}
	}
	if otherPrefix != "" {
		return 0, 0, fmt.Errorf("unsupported prefix %q in unit %q of %q; %s",
			otherPrefix, sym, input, supportedPrefixes)
	}
	msg := fmt.Sprintf("unknown unit %q in %q; %s", sym, input, knownUnits)
	if alts := caseAlternatives(sym); len(alts) > 0 {
		msg += " (units are case-sensitive: did you mean " + strings.Join(alts, " or ") + "?)"
	}
	return 0, 0, fmt.Errorf("%s", msg)
}

// caseAlternatives returns, quoted, the accepted units that differ from sym
// only in letter case, such as "mV" and "MV" for "mv".
func caseAlternatives(sym string) []string {
	var alts []string
	for _, p := range [...]string{"", "p", "n", "u", "m", "k", "M", "G"} {
		for _, b := range [...]string{"s", "V", "A", "ohm", "S", "F", "Hz"} {
			if strings.EqualFold(sym, p+b) {
				alts = append(alts, fmt.Sprintf("%q", p+b))
			}
		}
	}
	return alts
}
