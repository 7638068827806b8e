package main

import (
	"runtime/debug"
	"strings"
)

// buildVersion names the build of the runner for summary.json: the module
// version when installed with go install (e.g. v0.3.0), else the VCS
// revision it was built from ("(devel) rev 1a2b3c4d5e6f", "+modified"
// with uncommitted changes), else "unknown".
func buildVersion() string {
	bi, ok := debug.ReadBuildInfo()
	if !ok {
		return "unknown"
	}
	v := bi.Main.Version
	var rev, modified string
	for _, s := range bi.Settings {
		switch s.Key {
		case "vcs.revision":
			rev = s.Value
		case "vcs.modified":
			if s.Value == "true" {
				modified = "+modified"
			}
		}
	}
	if v != "" && v != "(devel)" {
		return v
	}
	if rev == "" {
		if v == "" {
			return "unknown"
		}
		return v
	}
	if len(rev) > 12 {
		rev = rev[:12]
	}
	return strings.TrimSpace(v + " rev " + rev + modified)
}
