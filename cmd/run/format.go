package main

import "fmt"

// outputFormat selects the data files a run writes (-format).
type outputFormat struct {
	csv bool // spikes.csv, state.csv
	npy bool // spikes_*.npy, state_*.npy
}

// parseFormat reads -format: csv, npy or both.
func parseFormat(s string) (outputFormat, error) {
	switch s {
	case "csv":
		return outputFormat{csv: true}, nil
	case "npy":
		return outputFormat{npy: true}, nil
	case "both":
		return outputFormat{csv: true, npy: true}, nil
	}
	return outputFormat{}, fmt.Errorf("-format: unknown format %q; valid: csv, npy, both", s)
}

// String returns the -format value.
func (f outputFormat) String() string {
	switch {
	case f.csv && f.npy:
		return "both"
	case f.npy:
		return "npy"
	}
	return "csv"
}
