package units

import "strconv"

// maxExp bounds the decimal exponent kept from the input. Any non-zero
// mantissa with an exponent this large overflows or underflows a float64, so
// clamping keeps the outcome while keeping the arithmetic in range.
const maxExp = 100000

// decimal is a number split as it was written, so that a unit prefix can be
// applied by shifting the exponent instead of multiplying floats.
type decimal struct {
	text     string // the number exactly as written, e.g. "-1.5e-3"
	mantissa string // sign, digits and decimal point, e.g. "-1.5"
	exp      int    // the written exponent, clamped to ±maxExp
	nonzero  bool   // whether any mantissa digit is not '0'
}

// scanNumber reads the decimal number at the start of s:
//
//	[+-] (digits [. [digits]] | . digits) [(e|E) [+-] digits]
//
// It returns the number and the count of bytes it used; n is 0 when s does
// not start with a number. An 'e' that is not followed by digits is left
// unread, so "5Es" reads as 5 followed by "Es".
func scanNumber(s string) (d decimal, n int) {
	i := 0
	if i < len(s) && (s[i] == '+' || s[i] == '-') {
		i++
	}
	digits := 0
	for ; i < len(s) && isDigit(s[i]); i++ {
		digits++
		d.nonzero = d.nonzero || s[i] != '0'
	}
	if i < len(s) && s[i] == '.' {
		i++
		for ; i < len(s) && isDigit(s[i]); i++ {
			digits++
			d.nonzero = d.nonzero || s[i] != '0'
		}
	}
	if digits == 0 {
		return decimal{}, 0
	}
	d.mantissa = s[:i]
	if i < len(s) && (s[i] == 'e' || s[i] == 'E') {
		j := i + 1
		neg := false
		if j < len(s) && (s[j] == '+' || s[j] == '-') {
			neg = s[j] == '-'
			j++
		}
		start := j
		exp := 0
		for ; j < len(s) && isDigit(s[j]); j++ {
			exp = min(exp*10+int(s[j]-'0'), maxExp)
		}
		if j > start {
			if neg {
				exp = -exp
			}
			d.exp = exp
			i = j
		}
	}
	d.text = s[:i]
	return d, i
}

// fit says whether a converted value fits in a float64.
type fit uint8

const (
	fits       fit = iota
	overflows      // |value| beyond the largest float64
	underflows     // a non-zero value that rounds to zero
)

// shifted returns the number times 10^shift, rounded once to the nearest
// float64, and whether it fits. Shifting the written exponent instead of
// multiplying by a float power of ten is what makes "1.62 nA" exactly 1.62e-6.
func (d decimal) shifted(shift int) (float64, fit) {
	text := d.text
	if shift != 0 {
		text = d.mantissa + "e" + strconv.Itoa(d.exp+shift)
	}
	v, err := strconv.ParseFloat(text, 64)
	switch {
	case err != nil: // only ErrRange: scanNumber accepts valid syntax only
		if v == 0 {
			return 0, underflows
		}
		return 0, overflows
	case v == 0 && d.nonzero:
		return 0, underflows
	}
	return v, fits
}

// isDigit reports whether c is an ASCII decimal digit.
func isDigit(c byte) bool {
	return '0' <= c && c <= '9'
}
