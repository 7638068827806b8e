package scenarios

import (
	"bytes"
	"fmt"
	"strconv"
	"strings"

	"github.com/spikecs/spikecs/ecs"
	"github.com/spikecs/spikecs/systems"
)

// GenerateModelCatalogue returns docs/model-catalogue.md: for every model
// of the catalogue (systems.Models) its equations, source, peer names,
// parameter table (name, unit, default, check, shared or per neuron),
// state variables and systems, all read from its descriptor. `go generate
// ./scenarios` writes it; TestModelCatalogueIsGenerated fails when the
// committed file differs.
func GenerateModelCatalogue() []byte {
	var b bytes.Buffer
	b.WriteString("# Model catalogue\n\n")
	b.WriteString("Generated from the model descriptors (`systems.Models`, `ecs.Model`) by `go generate ./scenarios`; do not edit.\n")
	b.WriteString("Units are the canonical ones of [units.md](units.md); a scenario file may use any SI-prefixed unit of the same dimension.\n")
	b.WriteString("Every numeric parameter takes one value, a list with one value per neuron or a random initialiser unless marked *shared*.\n\n")
	b.WriteString("| model | summary |\n|---|---|\n")
	for _, m := range systems.Models() {
		fmt.Fprintf(&b, "| [%s](#%s) | %s |\n", m.Name, anchor(m.Name), m.Summary)
	}
	for _, m := range systems.Models() {
		fmt.Fprintf(&b, "\n## %s\n\n%s.\n\n", m.Name, m.Summary)
		if m.Doc.Equations != "" {
			fmt.Fprintf(&b, "    %s\n\n", strings.ReplaceAll(m.Doc.Equations, "; ", "\n    "))
		}
		if m.Doc.Source != "" {
			fmt.Fprintf(&b, "Source: %s.\n\n", m.Doc.Source)
		}
		if m.Doc.Peers != "" {
			fmt.Fprintf(&b, "Peers: %s.\n\n", m.Doc.Peers)
		}
		b.WriteString("| parameter | unit | default | check | doc |\n|---|---|---|---|---|\n")
		for _, d := range m.Params {
			unit, def, check := d.Unit, strconv.FormatFloat(d.Default, 'g', -1, 64), d.Check.String()
			switch d.Kind {
			case ecs.ParamChoice:
				unit, def, check = "", d.Choices[0], "one of "+strings.Join(d.Choices, ", ")
			case ecs.ParamSurrogate:
				unit, def = "", "relu_grad"
			}
			doc := d.Doc
			if d.Shared {
				doc += " (shared)"
			}
			if d.Part != "" {
				doc += " (with the " + d.Part + " part)"
			}
			fmt.Fprintf(&b, "| `%s` | %s | %s | %s | %s |\n", d.Name, unit, def, check, doc)
		}
		b.WriteString("\n")
		if vars := modelVars(m); vars != "" {
			fmt.Fprintf(&b, "Own state variables (recordable): %s.\n", vars)
		}
		fmt.Fprintf(&b, "Standard systems: %s.", standardNames(m.Standard))
		if len(m.Systems) > 0 {
			var own []string
			for _, s := range m.Systems {
				own = append(own, fmt.Sprintf("`%s` (%s)", s.New().Name(), s.Stage))
			}
			fmt.Fprintf(&b, " Own systems: %s.", strings.Join(own, ", "))
		}
		if m.OwnsChannels {
			b.WriteString(" It integrates its synaptic channels itself.")
		}
		b.WriteString("\n")
	}
	return b.Bytes()
}

// modelVars lists a model's own variables with units.
func modelVars(m *ecs.Model) string {
	var out []string
	for _, c := range m.State {
		for _, v := range c.Vars {
			unit := v.Unit
			if unit == "" {
				unit = "1"
			}
			out = append(out, fmt.Sprintf("`%s` (%s)", v.Name, unit))
		}
	}
	return strings.Join(out, ", ")
}

// standardNames names the standard systems of a set.
func standardNames(s ecs.Std) string {
	var out []string
	for _, x := range []struct {
		bit  ecs.Std
		name string
	}{{ecs.StdReset, "reset"}, {ecs.StdIntegrate, "integrate (exponential Euler)"}, {ecs.StdSpike, "spike + surrogate"}, {ecs.StdRefractory, "refractory"}} {
		if s&x.bit != 0 {
			out = append(out, x.name)
		}
	}
	if len(out) == 0 {
		return "none"
	}
	return strings.Join(out, ", ")
}

// anchor is GitHub's heading anchor of a model name.
func anchor(name string) string { return strings.ToLower(strings.ReplaceAll(name, " ", "-")) }
