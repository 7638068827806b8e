package main

import (
	"context"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// chromiumPath is Debian's headless-capable browser.
const chromiumPath = "/usr/bin/chromium"

// findChromium returns the browser, or skips the test saying how to get it.
func findChromium(t *testing.T) string {
	t.Helper()
	for _, p := range []string{chromiumPath, "chromium", "chromium-browser"} {
		if path, err := exec.LookPath(p); err == nil {
			return path
		}
	}
	t.Skip("no chromium: the browser test of report.html needs Debian's chromium (apt-get install chromium)")
	return ""
}

// headless loads page (a file) in headless Chromium with mode
// ("--dump-dom" or "--screenshot=PATH") and returns what it printed on
// stdout and the page's console messages (logged to stderr as
// "CONSOLE" lines: console.log/error calls and uncaught exceptions).
func headless(t *testing.T, browser, page, mode string) (stdout string, console []string) {
	t.Helper()
	ctx, cancel := context.WithTimeout(context.Background(), 90*time.Second)
	defer cancel()
	abs, err := filepath.Abs(page)
	require.NoError(t, err)
	cmd := exec.CommandContext(ctx, browser, "--headless", "--no-sandbox", "--disable-gpu",
		"--disable-background-networking", "--disable-component-update", "--disable-sync", "--no-first-run",
		"--user-data-dir="+t.TempDir(), "--enable-logging=stderr", "--v=0", "--window-size=1200,2400",
		mode, "file://"+abs)
	var out, errb strings.Builder
	cmd.Stdout, cmd.Stderr = &out, &errb
	require.NoError(t, cmd.Run(), "chromium: %s", errb.String())
	for _, line := range strings.Split(errb.String(), "\n") {
		if strings.Contains(line, ":CONSOLE") {
			console = append(console, line)
		}
	}
	return out.String(), console
}

func TestReportRendersInChromium(t *testing.T) {
	browser := findChromium(t)

	// The console check sees errors: a page with one is caught.
	bad := filepath.Join(t.TempDir(), "bad.html")
	require.NoError(t, os.WriteFile(bad, []byte(`<!DOCTYPE html><p>x</p><script>notDefined()</script>`), 0o644))
	_, console := headless(t, browser, bad, "--dump-dom")
	require.NotEmpty(t, console, "the control page's uncaught error reaches the log")

	for _, kind := range []string{"png", "svg"} {
		t.Run(kind, func(t *testing.T) {
			out := filepath.Join(t.TempDir(), "coba")
			r := runCLI(t, "-quiet", "-duration", "200ms", "-plots", kind, "-out", out, "coba")
			require.Equal(t, exitOK, r.code, r.stderr)
			page := filepath.Join(out, reportFile)
			dom, console := headless(t, browser, page, "--dump-dom")
			assert.Empty(t, console, "no console messages or errors")
			svgs := regexp.MustCompile(`<svg[ >]`).FindAllString(dom, -1)
			assert.Len(t, svgs, 2, "raster and rate inline as svg elements")
			for _, id := range []string{`id="fig-raster"`, `id="fig-rate"`, `id="populations"`} {
				assert.Contains(t, dom, id)
			}
			assert.Regexp(t, `<td>exc</td><td>LIFRef</td><td class="num">3200</td>`, dom, "the summary table")
			assert.Greater(t, strings.Count(dom, "<text"), 20, "the figures' axis labels are svg text")
			// Every link of the report is a file of the directory.
			for _, m := range regexp.MustCompile(`href="([^"]+)"`).FindAllStringSubmatch(dom, -1) {
				assert.FileExists(t, filepath.Join(out, m[1]), "link %s", m[1])
			}
			if kind == "svg" { // the figure files are well-formed SVG documents
				for _, fig := range []string{"raster.svg", "rate.svg"} {
					dom, console := headless(t, browser, filepath.Join(out, fig), "--dump-dom")
					assert.Empty(t, console)
					assert.NotContains(t, dom, "parsererror", "%s parses as XML", fig)
					assert.Contains(t, dom, "<svg")
				}
			}
			shot := filepath.Join(t.TempDir(), "report.png")
			headless(t, browser, page, "--screenshot="+shot)
			info, err := os.Stat(shot)
			require.NoError(t, err, "the screenshot is written")
			assert.Greater(t, info.Size(), int64(20_000), "the screenshot shows a page, not a blank")
		})
	}
}
