package main

import (
	"fmt"
	"strings"
)

// outputFormat selects the data files a run writes (-format).
type outputFormat struct {
	csv    bool // spikes.csv, state.csv
	npy    bool // spikes_*.npy, state_*.npy, times.npy
	sonata bool // spikes.h5 (SONATA spikes in HDF5)
}

// noHDF5 is the error of -format sonata in a binary built without HDF5.
const noHDF5 = "-format sonata: this runner was built without HDF5; build it with `go build -tags hdf5 ./cmd/run` (needs Debian's libhdf5-dev)"

// parseFormat reads -format: csv, npy, sonata or a comma-separated list
// of them; both is csv,npy.
func parseFormat(s string) (outputFormat, error) {
	var f outputFormat
	for _, part := range strings.Split(s, ",") {
		switch strings.TrimSpace(part) {
		case "csv":
			f.csv = true
		case "npy":
			f.npy = true
		case "both":
			f.csv, f.npy = true, true
		case "sonata":
			f.sonata = true
		default:
			return outputFormat{}, fmt.Errorf("-format: unknown format %q; valid: csv, npy, both (csv,npy), sonata, or a comma-separated list", s)
		}
	}
	if f.sonata && !sonataAvailable {
		return outputFormat{}, fmt.Errorf("%s", noHDF5)
	}
	return f, nil
}

// String returns the -format value.
func (f outputFormat) String() string {
	var parts []string
	switch {
	case f.csv && f.npy:
		parts = append(parts, "both")
	case f.npy:
		parts = append(parts, "npy")
	case f.csv:
		parts = append(parts, "csv")
	}
	if f.sonata {
		parts = append(parts, "sonata")
	}
	if len(parts) == 0 {
		return "csv"
	}
	return strings.Join(parts, ",")
}
