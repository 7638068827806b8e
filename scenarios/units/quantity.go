package units

import "strconv"

// Quantity is a parsed physical quantity. Value is expressed in the canonical
// unit of Dim (see [Dim.Canonical]): Quantity{Value: 0.1, Dim: Time} is 0.1 ms.
type Quantity struct {
	Value float64 // in the canonical unit of Dim
	Dim   Dim     // the dimension, which fixes the unit of Value
}

// String formats the quantity in its canonical unit, as [Format] does.
func (q Quantity) String() string {
	return Format(q.Value, q.Dim)
}

// Format writes v, a value in the canonical unit of d, as a quantity string:
// Format(10, Time) is "10 ms" and Format(0.5, Dimensionless) is "0.5". The
// number uses strconv 'g' formatting with the fewest digits that round-trip,
// so Parse(Format(v, d)) returns exactly v and d for every finite v.
//
// ⚠️ NaN and ±Inf format as "NaN", "+Inf" and "-Inf" followed by the unit,
// which Parse rejects; so does the output for a d that is not one of the
// declared constants ("1 Dim(9)").
func Format(v float64, d Dim) string {
	num := strconv.FormatFloat(v, 'g', -1, 64)
	if !d.valid() {
		return num + " " + d.String()
	}
	if u := d.Canonical(); u != "" {
		return num + " " + u
	}
	return num
}
