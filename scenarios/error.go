package scenarios

import (
	"fmt"
	"regexp"
	"slices"
	"strconv"
	"strings"

	"go.yaml.in/yaml/v3"
)

// Error is a mistake in a scenario: where it is and what was expected.
type Error struct {
	File string // file name or "builtin:<name>"
	Line int    // 1-based line, 0 when unknown
	Key  string // key path, e.g. populations[0].params.tau; may be empty
	Msg  string // what is wrong and what was expected
}

// Error formats as "file:line: key: message".
func (e *Error) Error() string {
	s := e.File
	if e.Line > 0 {
		s += ":" + strconv.Itoa(e.Line)
	}
	if e.Key != "" {
		s += ": " + e.Key
	}
	return s + ": " + e.Msg
}

// errAt builds an Error at a node.
func (p *parser) errAt(n *yaml.Node, key, format string, args ...any) *Error {
	line := 0
	if n != nil {
		line = n.Line
	}
	return &Error{File: p.file, Line: line, Key: key, Msg: fmt.Sprintf(format, args...)}
}

// yamlLine matches the optional line number in yaml.v3 syntax errors.
var yamlLine = regexp.MustCompile(`^yaml: (?:line (\d+): )?(.*)$`)

// parserProblems returns the messages of libyaml's parser (as opposed to
// its scanner). yaml.v3 reports their line 0-based (it adds 1 only for
// scanner errors), so syntaxError adds the missing 1.
func parserProblems() []string {
	return []string{
		"did not find expected key",
		"did not find expected node content",
		"did not find expected '-' indicator",
		"did not find expected ',' or ']'",
		"did not find expected ',' or '}'",
		"did not find expected <document start>",
		"did not find expected <stream-start>",
		"found duplicate %TAG directive",
		"found duplicate %YAML directive",
		"found incompatible YAML document",
		"found undefined tag handle",
	}
}

// syntaxError turns a yaml.v3 error into an Error with a 1-based line.
// yaml.v3 gives the line where the enclosing construct starts (a flow
// list's '[', a mapping's first key), which is where the error is reported;
// a tab in the indentation is reported at the tab's own line instead.
func syntaxError(file string, data []byte, err error) *Error {
	msg := err.Error()
	m := yamlLine.FindStringSubmatch(msg)
	if m == nil {
		return &Error{File: file, Msg: "malformed YAML: " + msg}
	}
	line := 1 // a libyaml error without a line: both marks are on line 1
	switch {
	case strings.HasPrefix(m[2], "unknown anchor '"):
		// yaml.v3's own check, without a line: find the alias.
		name := strings.TrimSuffix(strings.TrimPrefix(m[2], "unknown anchor '"), "' referenced")
		line = lineOf1(data, "*"+name)
	case strings.Contains(m[2], "anchor") || strings.Contains(m[2], "aliasing"):
		line = 0
	case m[1] != "":
		line, _ = strconv.Atoi(m[1])
		if slices.Contains(parserProblems(), m[2]) {
			line++
		}
	}
	problem := m[2]
	if strings.Contains(problem, "tab character") {
		if l := firstTabIndent(data); l > 0 {
			line = l
		}
		problem += " (indent with spaces, not tabs)"
	}
	return &Error{File: file, Line: line, Msg: "malformed YAML: " + problem}
}

// lineOf1 returns the 1-based line of the first occurrence of sub, or 0.
func lineOf1(data []byte, sub string) int {
	i := strings.Index(string(data), sub)
	if i < 0 {
		return 0
	}
	return strings.Count(string(data[:i]), "\n") + 1
}

// firstTabIndent returns the 1-based line of the first line whose
// indentation contains a tab, or 0.
func firstTabIndent(data []byte) int {
	for i, l := range strings.Split(string(data), "\n") {
		indent := l[:len(l)-len(strings.TrimLeft(l, " \t"))]
		if strings.Contains(indent, "\t") {
			return i + 1
		}
	}
	return 0
}
