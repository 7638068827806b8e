package main

import (
	"fmt"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

func TestReportHoldsSummaryFiguresScenarioAndLinks(t *testing.T) {
	cases := []struct {
		name    string
		args    []string
		figures int
	}{
		{"png", []string{"-plots", "png"}, 3}, // raster, traces, rate
		{"pdf", []string{"-plots", "pdf"}, 3},
		{"none", []string{"-plots=false"}, 0},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			out := filepath.Join(t.TempDir(), "o")
			args := append([]string{"-quiet", "-seed", "3", "-set", "populations.exc.params.tau=12ms", "-out", out}, c.args...)
			r := runCLI(t, append(args, "lif-demo")...)
			require.Equal(t, exitOK, r.code, r.stderr)
			data, err := os.ReadFile(filepath.Join(out, reportFile))
			require.NoError(t, err)
			html := string(data)
			sum := readFullSummary(t, out)
			for _, p := range sum.Populations {
				row := fmt.Sprintf(`<td>%s</td><td>%s</td><td class="num">%d</td><td class="num">%d</td><td class="num">%.3f</td>`, p.Name, "LIF", p.Size, p.Spikes, p.RateHz)
				assert.True(t, strings.Contains(html, row), "%s: size, spikes and rate of summary.json: %s", p.Name, row)
			}
			assert.Equal(t, c.figures, strings.Count(html, "<svg "), "inline figures")
			assert.False(t, strings.Contains(html, "<?xml"), "no XML prologue inside HTML")
			assert.True(t, strings.Contains(html, "populations.exc.params.tau=12ms"), "the override")
			assert.True(t, strings.Contains(html, "name: lif-demo"), "the scenario file")
			assert.True(t, strings.Contains(html, "<th>seed</th><td>3</td>"), "the seed as run")
			assert.False(t, regexp.MustCompile(`(src|href)="https?:`).MatchString(html), "no network resource")
			for _, f := range sum.Files {
				if f != reportFile {
					assert.True(t, strings.Contains(html, fmt.Sprintf(`<a href="%s">%s</a>`, f, f)), "link to %s", f)
				}
			}
			assert.Contains(t, sum.Files, reportFile, "summary.json lists the report")
		})
	}
}

func TestSweepRunReportsNameTheirValues(t *testing.T) {
	out := filepath.Join(t.TempDir(), "s")
	r := runCLI(t, "-quiet", "-plots=false", "-duration", "20ms", "-sweep", "populations.exc.params.tau=15ms,20ms", "-out", out, "lif-demo")
	require.Equal(t, exitOK, r.code, r.stderr)
	data, err := os.ReadFile(filepath.Join(out, "001_tau=20ms", reportFile))
	require.NoError(t, err)
	assert.True(t, strings.Contains(string(data), "<code>populations.exc.params.tau=20ms</code>"), "the swept value")
}
