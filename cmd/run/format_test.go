package main

import (
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

func TestParseFormat(t *testing.T) {
	cases := []struct {
		in     string
		want   outputFormat
		str    string
		hdf5   bool // needs a -tags hdf5 binary
		errMsg string
	}{
		{in: "csv", want: outputFormat{csv: true}, str: "csv"},
		{in: "npy", want: outputFormat{npy: true}, str: "npy"},
		{in: "both", want: outputFormat{csv: true, npy: true}, str: "both"},
		{in: "npy,csv", want: outputFormat{csv: true, npy: true}, str: "both"},
		{in: "sonata", want: outputFormat{sonata: true}, str: "sonata", hdf5: true},
		{in: "csv, sonata", want: outputFormat{csv: true, sonata: true}, str: "csv,sonata", hdf5: true},
		{in: "both,sonata", want: outputFormat{csv: true, npy: true, sonata: true}, str: "both,sonata", hdf5: true},
		{in: "hdf5", errMsg: `-format: unknown format "hdf5"`},
		{in: "", errMsg: "-format: unknown format"},
	}
	for _, c := range cases {
		t.Run(c.in, func(t *testing.T) {
			got, err := parseFormat(c.in)
			switch {
			case c.errMsg != "":
				require.Error(t, err)
				assert.Contains(t, err.Error(), c.errMsg)
			case c.hdf5 && !sonataAvailable:
				require.Error(t, err)
				assert.Contains(t, err.Error(), "built without HDF5", "says how to get SONATA")
			default:
				require.NoError(t, err)
				assert.Equal(t, c.want, got)
				assert.Equal(t, c.str, got.String())
				back, err := parseFormat(got.String())
				require.NoError(t, err)
				assert.Equal(t, got, back, "String round-trips (checkpoints store it)")
			}
		})
	}
}

func TestParsePlotKind(t *testing.T) {
	cases := []struct {
		in   string
		want plotKind
		ok   bool
	}{
		{"png", plotPNG, true}, {"true", plotPNG, true}, {"svg", plotSVG, true}, {"PDF", plotPDF, true},
		{"none", plotNone, true}, {"false", plotNone, true}, {"jpeg", plotNone, false},
	}
	for _, c := range cases {
		got, err := parsePlotKind(c.in)
		if !c.ok {
			require.Error(t, err, c.in)
			assert.Contains(t, err.Error(), "valid: png, svg, pdf, none")
			continue
		}
		require.NoError(t, err, c.in)
		assert.Equal(t, c.want, got, c.in)
	}
}

func TestSonataWithoutHDF5IsAUsageError(t *testing.T) {
	if sonataAvailable {
		t.Skip("this test binary was built with -tags hdf5")
	}
	r := runCLI(t, "-quiet", "-format", "sonata", "-out", t.TempDir()+"/o", "coba")
	assert.Equal(t, exitUsage, r.code)
	assert.Contains(t, r.stderr, "-tags hdf5")
	assert.NoDirExists(t, t.TempDir()+"/o")
}
