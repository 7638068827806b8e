package units

import "strconv"

// Dim is the physical dimension of a quantity. The zero value is
// Dimensionless.
type Dim uint8

// The dimensions a scenario quantity can have. The canonical unit of each is
// given by [Dim.Canonical].
const (
	Dimensionless Dim = iota // a plain number, no unit
	Time                     // canonical unit ms
	Voltage                  // canonical unit mV
	Current                  // canonical unit mA
	Resistance               // canonical unit ohm (= mV/mA)
	Conductance              // canonical unit S (= mA/mV)
	Capacitance              // canonical unit mF (= mA·ms/mV)
	Frequency                // canonical unit Hz
)

// String returns the lower-case name of the dimension, such as "time" or
// "voltage", or "Dim(N)" for a value that is not one of the constants.
func (d Dim) String() string {
	switch d {
	case Dimensionless:
		return "dimensionless"
	case Time:
		return "time"
	case Voltage:
		return "voltage"
	case Current:
		return "current"
	case Resistance:
		return "resistance"
	case Conductance:
		return "conductance"
	case Capacitance:
		return "capacitance"
	case Frequency:
		return "frequency"
	}
	return "Dim(" + strconv.Itoa(int(d)) + ")"
}

// Canonical returns the symbol of the canonical unit of the dimension, such
// as "ms" for Time. It returns "" for Dimensionless and for a value that is
// not one of the constants.
func (d Dim) Canonical() string {
	switch d {
	case Time:
		return "ms"
	case Voltage:
		return "mV"
	case Current:
		return "mA"
	case Resistance:
		return "ohm"
	case Conductance:
		return "S"
	case Capacitance:
		return "mF"
	case Frequency:
		return "Hz"
	}
	return ""
}

// Example returns a typical value of the dimension as it would be written in a
// scenario file, such as "10 ms" or "-50 mV", for use in error messages and
// documentation. Every example parses back to its own dimension. It returns
// "" for a value that is not one of the constants.
func (d Dim) Example() string {
	switch d {
	case Dimensionless:
		return "0.5"
	case Time:
		return "10 ms"
	case Voltage:
		return "-50 mV"
	case Current:
		return "2 mA"
	case Resistance:
		return "100 Mohm"
	case Conductance:
		return "6 nS"
	case Capacitance:
		return "200 pF"
	case Frequency:
		return "5 Hz"
	}
	return ""
}

// valid reports whether d is one of the declared constants.
func (d Dim) valid() bool {
	return d <= Frequency
}

// phrase names the dimension with an article for error messages, such as
// "a voltage" or "a plain number".
func (d Dim) phrase() string {
	if d == Dimensionless {
		return "a plain number"
	}
	return "a " + d.String()
}
