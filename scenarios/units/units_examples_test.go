package units_test

import (
	"fmt"

	"github.com/spikecs/spikecs/scenarios/units"
)

func ExampleParseAs() {
	tau, err := units.ParseAs("10 ms", units.Time)
	fmt.Println(tau, err)

	r, err := units.ParseAs("100 Mohm", units.Resistance)
	fmt.Println(r, err)

	i, err := units.ParseAs("1.62 nA", units.Current)
	fmt.Println(i, err)

	// The wrong dimension, and a plain number where a unit is needed.
	_, err = units.ParseAs("10 ms", units.Voltage)
	fmt.Println(err)
	_, err = units.ParseAs("10", units.Voltage)
	fmt.Println(err)
	// Output:
	// 10 <nil>
	// 1e+08 <nil>
	// 1.62e-06 <nil>
	// expected a voltage such as "-50 mV", got a time ("10 ms")
	// expected a voltage such as "-50 mV", got the plain number "10" (a unit is required)
}

func ExampleParse() {
	for _, s := range []string{"1.5e-3 s", "6 nS", "200 pF", "2 kHz", "0.3", "10 mx"} {
		q, err := units.Parse(s)
		if err != nil {
			fmt.Println(err)
			continue
		}
		fmt.Printf("%-9q -> %v (%s)\n", s, q, q.Dim)
	}
	// Output:
	// "1.5e-3 s" -> 1.5 ms (time)
	// "6 nS"    -> 6e-09 S (conductance)
	// "200 pF"  -> 2e-07 mF (capacitance)
	// "2 kHz"   -> 2000 Hz (frequency)
	// "0.3"     -> 0.3 (dimensionless)
	// unknown unit "mx" in "10 mx"; known units: s, V, A, ohm, S, F, Hz with prefixes p n u µ m k M G
}

func ExampleFormat() {
	fmt.Println(units.Format(10, units.Time))
	fmt.Println(units.Format(-50, units.Voltage))
	fmt.Println(units.Format(0.5, units.Dimensionless))
	// Output:
	// 10 ms
	// -50 mV
	// 0.5
}

// A Poisson input of 5 Hz fires with probability rate·dt_ms·1e-3 per step,
// since frequency is the one canonical unit not coherent with ms.
func ExampleDim_Canonical() {
	rate, _ := units.ParseAs("5 Hz", units.Frequency)
	dt, _ := units.ParseAs("0.1 ms", units.Time)
	fmt.Println(units.Frequency.Canonical(), units.Time.Canonical())
	fmt.Println(rate * dt * 1e-3)
	// Output:
	// Hz ms
	// 0.0005
}
