package main

import (
	"fmt"
	"strings"
)

// plotKind is the file format of the figures a run writes (-plots).
type plotKind int

// The figure formats: none, PNG (the default), SVG or PDF.
const (
	plotNone plotKind = iota
	plotPNG
	plotSVG
	plotPDF
)

// parsePlotKind reads -plots: png, svg, pdf or none; true and false
// (what -plots=true/false gave when the flag was a switch) mean png and
// none.
func parsePlotKind(s string) (plotKind, error) {
	switch strings.ToLower(strings.TrimSpace(s)) {
	case "png", "true", "1":
		return plotPNG, nil
	case "svg":
		return plotSVG, nil
	case "pdf":
		return plotPDF, nil
	case "none", "false", "0":
		return plotNone, nil
	}
	return plotNone, fmt.Errorf("-plots: unknown value %q; valid: png, svg, pdf, none (true = png, false = none)", s)
}

// String returns the -plots value.
func (k plotKind) String() string {
	switch k {
	case plotPNG:
		return "png"
	case plotSVG:
		return "svg"
	case plotPDF:
		return "pdf"
	}
	return "none"
}

// ext is the file extension of the figures, with its dot.
func (k plotKind) ext() string { return "." + k.String() }
