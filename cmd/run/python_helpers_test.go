package main

import (
	"os/exec"
	"strings"
	"testing"
)

// findPython returns a python3 that imports every module of modules (the
// one on PATH, else Debian's /usr/bin/python3), or skips the test saying
// what to install.
func findPython(t *testing.T, modules ...string) string {
	t.Helper()
	var tried []string
	for _, name := range []string{"python3", "/usr/bin/python3"} {
		path, err := exec.LookPath(name)
		if err != nil {
			continue
		}
		tried = append(tried, path)
		if err := exec.Command(path, "-c", "import "+strings.Join(modules, ", ")).Run(); err == nil {
			return path
		}
	}
	var debs []string
	for _, m := range modules {
		debs = append(debs, "python3-"+m)
	}
	t.Skipf("no python3 with %s (tried %v): apt-get install %s", strings.Join(modules, ", "), tried, strings.Join(debs, " "))
	return ""
}
