package scenarios

import (
	"bufio"
	"fmt"
	"math"
	"os"
	"path/filepath"
	"strconv"
	"strings"

	"codeberg.org/sbinet/npyio/npy"
	"go.yaml.in/yaml/v3"

	"github.com/spikecs/spikecs/scenarios/units"
	"github.com/spikecs/spikecs/systems"
)

// seriesFile reads the samples of a series time course from a .csv or
// .npy file (relative to the scenario file). unit (required) gives the
// unit of the plain numbers in the file, e.g. "Hz" or "nA".
func (p *parser) seriesFile(file, unit *field, n *yaml.Node, path string, dim units.Dim, nonNeg bool, spec *systems.ProfileSpec, checks *[]widthCheck) error {
	name, err := p.str(file.val, path+".file")
	if err != nil {
		return err
	}
	if unit == nil {
		return p.errAt(n, path+".unit", "is required with file: the unit of the file's numbers, e.g. %q", dim.Canonical())
	}
	u, err := p.str(unit.val, path+".unit")
	if err != nil {
		return err
	}
	scale, err := units.ParseAs("1 "+u, dim)
	if err != nil {
		return p.errAt(unit.val, path+".unit", "%q is not a unit of %s (e.g. %q)", u, dim, dim.Canonical())
	}
	if !filepath.IsAbs(name) && !strings.HasPrefix(p.file, "builtin:") {
		name = filepath.Join(filepath.Dir(p.file), name)
	}
	key := path + ".file"
	var width int
	var vals []float64
	switch strings.ToLower(filepath.Ext(name)) {
	case ".csv":
		vals, width, err = readSeriesCSV(name)
	case ".npy":
		vals, width, err = readSeriesNPY(name)
	default:
		return p.errAt(file.val, key, "%q: expected a .csv or .npy file", name)
	}
	if err != nil {
		return p.errAt(file.val, key, "%v", err)
	}
	for i, x := range vals {
		x *= scale
		if math.IsNaN(x) || math.IsInf(x, 0) {
			return p.errAt(file.val, key, "%s: sample %d, column %d: %v is not finite", name, i/width, i%width, vals[i])
		}
		if nonNeg && x < 0 {
			return p.errAt(file.val, key, "%s: sample %d, column %d: a rate must be >= 0, got %v %s", name, i/width, i%width, vals[i], u)
		}
		vals[i] = x
	}
	spec.Values, spec.Width = vals, width
	if width > 1 {
		*checks = append(*checks, widthCheck{key: key, line: file.val.Line, n: width})
	}
	return nil
}

// readSeriesCSV reads rows of plain numbers, one row per sample and one
// column per neuron (or a single column for all); a first line that is
// not numbers is a header. Every row must have the first row's columns.
func readSeriesCSV(name string) ([]float64, int, error) {
	f, err := os.Open(name)
	if err != nil {
		return nil, 0, fmt.Errorf("cannot read series file: %w", err)
	}
	defer f.Close()
	sc := bufio.NewScanner(f)
	sc.Buffer(make([]byte, 1<<16), 1<<26)
	var vals []float64
	width := 0
	for line := 1; sc.Scan(); line++ {
		text := strings.TrimSpace(sc.Text())
		if text == "" {
			continue
		}
		cells := strings.Split(text, ",")
		row := make([]float64, len(cells))
		bad := -1
		for i, c := range cells {
			x, err := strconv.ParseFloat(strings.TrimSpace(c), 64)
			if err != nil {
				bad = i
				break
			}
			row[i] = x
		}
		if bad >= 0 {
			if width == 0 && vals == nil && line == 1 {
				continue // a header
			}
			return nil, 0, fmt.Errorf("%s line %d, column %d: expected a plain number (the unit is given by unit:), got %q", name, line, bad+1, strings.TrimSpace(cells[bad]))
		}
		if width == 0 {
			width = len(row)
		} else if len(row) != width {
			return nil, 0, fmt.Errorf("%s line %d: %d columns, expected %d like the first row (a ragged table)", name, line, len(row), width)
		}
		vals = append(vals, row...)
	}
	if err := sc.Err(); err != nil {
		return nil, 0, fmt.Errorf("%s: %w", name, err)
	}
	if len(vals) == 0 {
		return nil, 0, fmt.Errorf("%s: no samples", name)
	}
	return vals, width, nil
}

// readSeriesNPY reads a float64 array: 1-D (one value per sample, shared
// by all neurons) or 2-D samples × neurons.
func readSeriesNPY(name string) ([]float64, int, error) {
	f, err := os.Open(name)
	if err != nil {
		return nil, 0, fmt.Errorf("cannot read series file: %w", err)
	}
	defer f.Close()
	r, err := npy.NewReader(f)
	if err != nil {
		return nil, 0, fmt.Errorf("%s: not a .npy file: %w", name, err)
	}
	d := r.Header.Descr
	if typ := strings.Trim(d.Type, `'"`); typ != "<f8" {
		return nil, 0, fmt.Errorf("%s: expected little-endian float64 values ('<f8', numpy's default), got %q; convert with a.astype('<f8')", name, typ)
	}
	var vals []float64
	if err := r.Read(&vals); err != nil {
		return nil, 0, fmt.Errorf("%s: %w", name, err)
	}
	switch len(d.Shape) {
	case 1:
		if len(vals) == 0 {
			return nil, 0, fmt.Errorf("%s: no samples", name)
		}
		return vals, 1, nil
	case 2:
		rows, cols := d.Shape[0], d.Shape[1]
		if rows == 0 || cols == 0 {
			return nil, 0, fmt.Errorf("%s: no samples (shape %d×%d)", name, rows, cols)
		}
		if d.Fortran { // column-major: transpose into rows of samples
			t := make([]float64, len(vals))
			for i := range rows {
				for j := range cols {
					t[i*cols+j] = vals[j*rows+i]
				}
			}
			vals = t
		}
		return vals, cols, nil
	}
	return nil, 0, fmt.Errorf("%s: expected a 1-D (samples) or 2-D (samples × neurons) array, got shape %v", name, d.Shape)
}
