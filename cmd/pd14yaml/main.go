// Command pd14yaml writes the Potjans–Diesmann (2014) microcircuit as a
// scenario file (scenarios.MicrocircuitYAML; LIFRef stand-in neurons until
// iaf_psc_exp exists), or with -counts prints its synapses per projection.
//
//	go run ./cmd/pd14yaml -scale 0.1 > mc.yaml && go run ./cmd/run mc.yaml
//	go run ./cmd/pd14yaml -counts
package main

import (
	"flag"
	"fmt"
	"os"

	"github.com/spikecs/spikecs/scenarios"
)

func main() {
	scale := flag.Float64("scale", 1, "neuron-number scale in (0, 1]")
	kScale := flag.Float64("k-scale", 1, "in-degree scale in (0, 1]; weights and DC are compensated")
	duration := flag.Float64("duration", 1500, "duration in ms")
	seed := flag.Uint64("seed", 1, "seed")
	f64 := flag.Bool("float64", false, "store weights in float64 (default float32)")
	counts := flag.Bool("counts", false, "print the synapses per projection [target][source] and their total instead")
	flag.Parse()
	if *counts {
		c := scenarios.MicrocircuitSynapseCounts(*scale, *kScale)
		var total int64
		for i := range c {
			for j := range c[i] {
				fmt.Printf("%10d", c[i][j])
				total += c[i][j]
			}
			fmt.Println()
		}
		fmt.Println("total", total)
		return
	}
	y, err := scenarios.MicrocircuitYAML(scenarios.MicrocircuitOptions{Scale: *scale, KScale: *kScale, DurationMs: *duration, Seed: *seed, Float64Weights: *f64})
	if err != nil {
		fmt.Fprintln(os.Stderr, "pd14yaml:", err)
		os.Exit(2)
	}
	fmt.Print(y)
}
