package main

import (
	"path/filepath"
	"strconv"
	"strings"

	"github.com/spikecs/spikecs/components"
	"github.com/spikecs/spikecs/systems"
)

// weightsFile returns the base name of a plastic projection's weight
// files: "weights_" and the projection name with every character other
// than a letter, digit, '_', '-' or '.' replaced by '_' ("in->out" gives
// "weights_in-_out").
func weightsFile(projection string) string {
	return "weights_" + strings.Map(func(r rune) rune {
		if r >= 'a' && r <= 'z' || r >= 'A' && r <= 'Z' || r >= '0' && r <= '9' || r == '_' || r == '-' || r == '.' {
			return r
		}
		return '_'
	}, projection)
}

// writeWeights writes the final weights of every projection with learning
// (net may be nil): with npy, <base>.npy (float64, S), <base>_pre.npy and
// <base>_post.npy (int32 pre and post neuron indices, row for row); with
// csv, <base>.csv with the columns pre,post,weight_s. Synapses are in the
// projection's storage order (by pre neuron).
func writeWeights(dir string, net *systems.Network, format outputFormat) error {
	if net == nil {
		return nil
	}
	for _, pr := range net.Plastic() {
		base := filepath.Join(dir, weightsFile(pr.Name))
		if format.npy {
			if err := weightsNPY(base, pr); err != nil {
				return err
			}
		}
		if format.csv {
			if err := weightsCSV(base, pr); err != nil {
				return err
			}
		}
	}
	return nil
}

// weightsNPY writes the three .npy columns of one projection.
func weightsNPY(base string, pr *components.Projection) error {
	var cols npyColumns
	open := func(suffix, descr string) (*npyColumn, error) {
		c, err := newNPYColumn(base+suffix, descr)
		if err == nil {
			cols = append(cols, c)
		}
		return c, err
	}
	w, err := open(".npy", "<f8")
	if err != nil {
		return err
	}
	pre, err := open("_pre.npy", "<i4")
	if err != nil {
		_ = cols.closeAll()
		return err
	}
	post, err := open("_post.npy", "<i4")
	if err != nil {
		_ = cols.closeAll()
		return err
	}
	eachSynapse(pr, func(i, j int32, x float64) {
		w.float64(x)
		pre.int32(i)
		post.int32(j)
	})
	return cols.closeAll()
}

// weightsCSV writes <base>.csv of one projection.
func weightsCSV(base string, pr *components.Projection) error {
	f, err := createCSV(base+".csv", "pre,post,weight_s")
	if err != nil {
		return err
	}
	var line []byte
	eachSynapse(pr, func(i, j int32, x float64) {
		line = strconv.AppendInt(line[:0], int64(i), 10)
		line = append(line, ',')
		line = strconv.AppendInt(line, int64(j), 10)
		line = append(line, ',')
		line = strconv.AppendFloat(line, x, 'g', -1, 64)
		line = append(line, '\n')
		_, _ = f.w.Write(line) // a write error surfaces in close (bufio keeps it)
	})
	return f.close()
}

// eachSynapse calls fn with every synapse's pre neuron (in the pre
// population), post neuron and weight (S).
func eachSynapse(pr *components.Projection, fn func(pre, post int32, w float64)) {
	for i := 0; i+1 < len(pr.Offsets); i++ {
		for k := pr.Offsets[i]; k < pr.Offsets[i+1]; k++ {
			fn(int32(pr.PreFrom+i), pr.Targets[k], pr.Weights[k])
		}
	}
}
