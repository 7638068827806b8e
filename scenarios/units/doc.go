// Package units parses and formats the physical quantities written in scenario
// files, such as "10 ms", "-50 mV" or "100 Mohm".
//
// Every quantity is converted to the project's canonical unit for its
// dimension, so that the simulator never multiplies by a unit factor in a hot
// loop:
//
//	time          ms
//	voltage       mV
//	current       mA
//	resistance    ohm  (= mV/mA)
//	conductance   S    (= mA/mV)
//	capacitance   mF   (= mA·ms/mV)
//	frequency     Hz   (not coherent with ms: p = rate·dt_ms·1e-3)
//	dimensionless a plain number
//
// The set is coherent: ohm·mA = mV, S·mV = mA and mF·mV/ms = mA, so model
// equations hold with no extra factors. Frequency is the one exception; see
// docs/units.md for the conversion the simulator uses.
//
// A quantity is written as one decimal number followed by at most one unit:
// a base unit (s, V, A, ohm, S, F, Hz) optionally preceded by one prefix
// (p n u µ m k M G). Units are case-sensitive: "ms" is a millisecond, "mS" a
// millisiemens and "Ms" a megasecond.
//
// Conversion shifts the decimal exponent of the number as written and parses
// the result once, so every canonical value is the float64 nearest to the
// exact decimal value: "0.1 ms" is exactly 0.1 and "1.62 nA" exactly 1.62e-6.
package units
