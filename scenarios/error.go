package scenarios

import (
	"fmt"
	"regexp"
	"strconv"

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

// yamlLine matches the line number in yaml.v3 syntax errors.
var yamlLine = regexp.MustCompile(`^yaml: line (\d+): (.*)$`)

// syntaxError turns a yaml.v3 error into an Error with the line.
func syntaxError(file string, err error) *Error {
	msg := err.Error()
	if m := yamlLine.FindStringSubmatch(msg); m != nil {
		line, _ := strconv.Atoi(m[1])
		return &Error{File: file, Line: line, Msg: "malformed YAML: " + m[2]}
	}
	return &Error{File: file, Msg: "malformed YAML: " + msg}
}
