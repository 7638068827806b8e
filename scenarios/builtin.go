package scenarios

import (
	"embed"
	"fmt"
	"os"
	"path"
	"sort"
	"strings"
)

//go:embed builtin/*.yaml
var builtinFS embed.FS

// DefaultName is the built-in scenario run when none is given.
const DefaultName = "default"

// Builtin describes an embedded scenario.
type Builtin struct {
	Name    string // name to pass to the runner, e.g. "default"
	Summary string // one line: the file's first comment line
}

// Builtins lists the embedded scenarios, sorted by name.
func Builtins() []Builtin {
	entries, _ := builtinFS.ReadDir("builtin")
	var out []Builtin
	for _, e := range entries {
		name := strings.TrimSuffix(e.Name(), ".yaml")
		data, _ := builtinFS.ReadFile(path.Join("builtin", e.Name()))
		out = append(out, Builtin{Name: name, Summary: summaryLine(data)})
	}
	sort.Slice(out, func(i, j int) bool { return out[i].Name < out[j].Name })
	return out
}

// summaryLine returns the text of the first "# " comment line.
func summaryLine(data []byte) string {
	for _, line := range strings.Split(string(data), "\n") {
		if strings.HasPrefix(line, "# ") {
			return strings.TrimSpace(strings.TrimPrefix(line, "# "))
		}
	}
	return ""
}

// BuiltinSource returns the YAML of a built-in scenario.
func BuiltinSource(name string) ([]byte, bool) {
	data, err := builtinFS.ReadFile(path.Join("builtin", name+".yaml"))
	return data, err == nil
}

// Load reads a scenario from a built-in name or a file path. A name that
// is neither gives an error listing the built-ins.
func Load(nameOrPath string) (*Scenario, error) {
	return LoadWith(nameOrPath)
}

// LoadWith is Load with overrides applied before the file is read (see
// ParseWith).
func LoadWith(nameOrPath string, overrides ...Override) (*Scenario, error) {
	if data, ok := BuiltinSource(nameOrPath); ok && !strings.ContainsAny(nameOrPath, "/.") {
		return ParseWith(data, "builtin:"+nameOrPath, overrides...)
	}
	data, err := os.ReadFile(nameOrPath)
	if err != nil {
		if os.IsNotExist(err) && !strings.ContainsAny(nameOrPath, "/.") {
			var names []string
			for _, b := range Builtins() {
				names = append(names, b.Name)
			}
			return nil, &Error{File: nameOrPath, Msg: fmt.Sprintf("no such file and no built-in scenario of that name; built-ins: %s", strings.Join(names, ", "))}
		}
		return nil, &Error{File: nameOrPath, Msg: fmt.Sprintf("cannot read: %v", err)}
	}
	return ParseWith(data, nameOrPath, overrides...)
}
