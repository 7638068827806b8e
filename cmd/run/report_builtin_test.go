package main

import (
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// readReport returns report.html of dir and the files in dir (but the
// hidden marker of an output directory).
func readReport(t *testing.T, dir string) (string, []string) {
	t.Helper()
	data, err := os.ReadFile(filepath.Join(dir, reportFile))
	require.NoError(t, err)
	all, err := listFiles(dir)
	require.NoError(t, err)
	var files []string
	for _, f := range all {
		if !strings.HasPrefix(f, ".") {
			files = append(files, f)
		}
	}
	return string(data), files
}

// assertHTML checks that html contains s (without printing the page).
func assertHTML(t *testing.T, html, s string, msg ...any) {
	t.Helper()
	assert.True(t, strings.Contains(html, s), "report.html lacks %q %v", s, msg)
}

// assertLinksEveryFile checks that html links every file of the
// directory (the report itself excepted) and links nothing else.
func assertLinksEveryFile(t *testing.T, html string, files []string) {
	t.Helper()
	for _, f := range files {
		if f != reportFile {
			assertHTML(t, html, fmt.Sprintf(`<a href="%s">%s</a>`, f, f), "link to %s", f)
		}
	}
	for _, m := range regexp.MustCompile(`href="([^"]+)"`).FindAllStringSubmatch(html, -1) {
		assert.Contains(t, files, m[1], "the link %s is a file of the directory", m[1])
	}
	assert.False(t, regexp.MustCompile(`(src|href)="https?:`).MatchString(html), "no network resource")
}

func TestTrainingReportHoldsSummaryFiguresSetsAndLinks(t *testing.T) {
	cases := []struct {
		name    string
		plots   string
		figures []string // figure files
	}{
		{"png", "png", []string{"loss.png", "readout.png"}},
		{"svg", "svg", []string{"loss.svg", "readout.svg"}},
		{"none", "none", nil},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			out := filepath.Join(t.TempDir(), "e")
			r := runCLI(t, "-quiet", "-seed", "4", "-plots", c.plots, "-set", "iterations=3", "-set", "feedback=symmetric", "-out", out, "eprop-sine")
			require.Equal(t, exitOK, r.code, r.stderr)
			html, files := readReport(t, out)
			var sum trainSummary
			data, err := os.ReadFile(filepath.Join(out, "summary.json"))
			require.NoError(t, err)
			require.NoError(t, json.Unmarshal(data, &sum))
			assertHTML(t, html, "<th>iterations</th><td>3 of 3</td>")
			assertHTML(t, html, fmt.Sprintf("<th>mean loss of the last 3</th><td>%.6g</td>", sum.Training.LossLast100Mean), "the loss of summary.json")
			assertHTML(t, html, "<th>seed</th><td>4</td>")
			for _, s := range []string{"iterations=3", "feedback=symmetric"} {
				assertHTML(t, html, "<li><code>"+s+"</code></li>", "the -set value")
			}
			assert.Equal(t, len(c.figures), strings.Count(html, "<svg "), "inline figures")
			for _, f := range c.figures {
				assert.Contains(t, files, f)
				assertHTML(t, html, fmt.Sprintf(`id="fig-%s"`, strings.TrimSuffix(f, filepath.Ext(f))))
			}
			if c.figures == nil {
				assertHTML(t, html, "No figures: the run was made with <code>-plots=none</code>")
			}
			assertLinksEveryFile(t, html, files)
			assert.Contains(t, sum.Files, reportFile, "summary.json lists the report")
			assert.ElementsMatch(t, files, sum.Files, "summary.json lists the files of the directory")
		})
	}
}

func TestTrainingReportSaysAccuracy(t *testing.T) {
	out := filepath.Join(t.TempDir(), "e")
	r := runCLI(t, "-quiet", "-plots=false", "-set", "iterations=2", "-out", out, "eprop-evidence")
	require.Equal(t, exitOK, r.code, r.stderr)
	html, files := readReport(t, out)
	assert.Contains(t, files, "validation.csv")
	assert.True(t, regexp.MustCompile(`<th>validation accuracy</th><td>\d+\.\d %</td>`).MatchString(html), "the accuracy")
	assertLinksEveryFile(t, html, files)
}

func TestForagingReportHoldsResultFigureAndLinks(t *testing.T) {
	for _, kind := range []string{"png", "none"} {
		t.Run(kind, func(t *testing.T) {
			out := filepath.Join(t.TempDir(), "f")
			r := runCLI(t, "-quiet", "-seed", "2", "-plots", kind, "-out", out, "foraging")
			require.Equal(t, exitOK, r.code, r.stderr)
			html, files := readReport(t, out)
			var sum foragingSummary
			data, err := os.ReadFile(filepath.Join(out, "summary.json"))
			require.NoError(t, err)
			require.NoError(t, json.Unmarshal(data, &sum))
			f := sum.Foraging
			assertHTML(t, html, fmt.Sprintf("<th>spiking brain</th><td>%.2f</td>", f.BrainFoodPerAgent))
			assertHTML(t, html, fmt.Sprintf("<th>random walk</th><td>%.2f</td>", f.RandomFoodPerAgent))
			assertHTML(t, html, fmt.Sprintf("<th>ratio</th><td>%.3f</td>", f.Ratio))
			assertHTML(t, html, fmt.Sprintf("<th>ticks</th><td>%d</td>", f.Ticks))
			assertHTML(t, html, "<th>seed</th><td>2</td>")
			if kind == "png" {
				assert.Equal(t, 1, strings.Count(html, "<svg "), "the foraging figure inline")
				assertHTML(t, html, `id="fig-foraging"`)
				assert.Contains(t, files, "foraging.png")
			} else {
				assert.Zero(t, strings.Count(html, "<svg "))
				assert.NotContains(t, files, "foraging.png")
			}
			assertLinksEveryFile(t, html, files)
		})
	}
}
