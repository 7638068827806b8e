package main

import (
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

func TestBuiltinReportsRenderInChromium(t *testing.T) {
	browser := findChromium(t)
	cases := []struct {
		name    string
		args    []string
		figures []string
	}{
		{"eprop-sine", []string{"-set", "iterations=3", "eprop-sine"}, []string{"loss", "readout"}},
		{"foraging", []string{"foraging"}, []string{"foraging"}},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			out := filepath.Join(t.TempDir(), c.name)
			r := runCLI(t, append([]string{"-quiet", "-out", out}, c.args...)...)
			require.Equal(t, exitOK, r.code, r.stderr)
			page := filepath.Join(out, reportFile)
			dom, console := headless(t, browser, page, "--dump-dom")
			assert.Empty(t, console, "no console messages or errors")
			assert.Len(t, regexp.MustCompile(`<svg[ >]`).FindAllString(dom, -1), len(c.figures), "the figures inline as svg elements")
			for _, f := range c.figures {
				assert.True(t, strings.Contains(dom, `id="fig-`+f+`"`), "figure %s", f)
			}
			assert.True(t, strings.Contains(dom, `id="table-summary"`), "the summary table")
			assert.Greater(t, strings.Count(dom, "<text"), 10, "the figures' labels are svg text")
			for _, m := range regexp.MustCompile(`href="([^"]+)"`).FindAllStringSubmatch(dom, -1) {
				assert.FileExists(t, filepath.Join(out, m[1]), "link %s", m[1])
			}
			shot := filepath.Join(t.TempDir(), "report.png")
			headless(t, browser, page, "--screenshot="+shot)
			info, err := os.Stat(shot)
			require.NoError(t, err, "the screenshot is written")
			assert.Greater(t, info.Size(), int64(20_000), "the screenshot shows a page, not a blank")
		})
	}
}
