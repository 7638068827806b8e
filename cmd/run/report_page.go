package main

import (
	_ "embed"
	"html/template"
)

// reportPageTemplate is report.html of the built-ins that are not YAML
// scenarios (foraging, the e-prop training scenarios).
//
//go:embed report_page.html.tmpl
var reportPageTemplate string

// reportPage is what report_page.html.tmpl renders: a title, a line
// under it, a warning (an interrupted run), tables of name–value rows,
// the figures, the -set overrides and links to the files of the
// directory.
type reportPage struct {
	Title, Sub, Warn string
	Tables           []reportTable
	Figures          []reportFigureHTML
	Plots            string // the -plots value, said when there are no figures
	Sets             []string
	Files            []reportLink
	FontCSS, Style   template.CSS
}

// reportTable is one table of a report page: its anchor, heading and
// name–value rows.
type reportTable struct {
	ID, Title string
	Rows      [][2]string
}

// writeReportPage writes report.html into dir for a built-in run: page
// with the figures figs (drawn as kind) and links to the files of dir,
// summary.json included (written after it).
func writeReportPage(dir string, page reportPage, figs []reportFigure, kind plotKind) error {
	page.Figures, page.FontCSS, page.Style = figuresHTML(figs), fontCSS(figs), template.CSS(reportStyle)
	page.Plots = kind.String()
	var err error
	if page.Files, err = reportLinks(dir); err != nil {
		return err
	}
	return executeReport(dir, reportPageTemplate, page)
}
