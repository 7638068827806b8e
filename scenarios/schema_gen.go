package scenarios

import (
	"bytes"
	"encoding/json"
	"fmt"
	"slices"

	"github.com/spikecs/spikecs/ecs"
	"github.com/spikecs/spikecs/systems"
)

// GenerateSchema returns the scenario JSON Schema (docs/scenario.schema.json)
// with the parts that follow from the code regenerated from it: the
// parameter names, units and choices of every model of the catalogue
// (systems.Models, their ecs.ParamDef tables), which parameters each model
// accepts, the model names and the recordable state variables. The rest of
// base (the file's hand-written grammar) is kept. The output is indented
// JSON with sorted keys; `go generate ./scenarios` rewrites the file and
// TestSchemaIsGenerated fails when the committed file differs.
func GenerateSchema(base []byte) ([]byte, error) {
	var doc map[string]any
	if err := json.Unmarshal(base, &doc); err != nil {
		return nil, fmt.Errorf("schema: %w", err)
	}
	defs, ok := doc["$defs"].(map[string]any)
	if !ok {
		return nil, fmt.Errorf("schema: no $defs")
	}
	pop, ok1 := defs["population"].(map[string]any)
	params, ok2 := defs["params"].(map[string]any)
	record, ok3 := defs["record"].(map[string]any)
	if !ok1 || !ok2 || !ok3 {
		return nil, fmt.Errorf("schema: $defs lacks population, params or record")
	}
	models := systems.Models()
	params["properties"] = paramProperties(models)
	props := pop["properties"].(map[string]any)
	var names []any
	for _, m := range models {
		names = append(names, m.Name)
	}
	props["model"] = map[string]any{"enum": names}
	parts := []any{"membrane", "adaptation", "refractory"}
	props["components"] = map[string]any{"anyOf": []any{
		map[string]any{"const": "membrane"},
		map[string]any{"type": "array", "minItems": 1, "uniqueItems": true, "items": map[string]any{"enum": parts}},
	}}
	pop["oneOf"] = []any{
		map[string]any{"required": []any{"model"}},
		map[string]any{"required": []any{"components"}, "not": map[string]any{"required": []any{"model"}},
			"properties": map[string]any{"components": map[string]any{"anyOf": []any{
				map[string]any{"const": "membrane"},
				map[string]any{"type": "array", "contains": map[string]any{"const": "membrane"}},
			}}}},
		map[string]any{"required": []any{"source"}},
	}
	var allOf []any
	for _, m := range models {
		allOf = append(allOf, modelRule(m))
	}
	if old, ok := pop["allOf"].([]any); ok {
		for _, r := range old {
			if !isModelRule(r) {
				allOf = append(allOf, r)
			}
		}
	}
	pop["allOf"] = allOf
	vars := make([]any, 0)
	for _, v := range systems.StateVars() {
		vars = append(vars, v)
	}
	state := record["properties"].(map[string]any)["state"].(map[string]any)["items"].(map[string]any)["properties"].(map[string]any)
	state["vars"] = map[string]any{"anyOf": []any{
		map[string]any{"enum": vars},
		map[string]any{"type": "array", "minItems": 1, "items": map[string]any{"enum": vars}},
	}}
	var buf bytes.Buffer
	enc := json.NewEncoder(&buf)
	enc.SetEscapeHTML(false)
	enc.SetIndent("", "  ")
	if err := enc.Encode(doc); err != nil {
		return nil, fmt.Errorf("schema: %w", err)
	}
	return buf.Bytes(), nil
}

// paramProperties describes every parameter name of the catalogue once:
// its value schema from its unit, or the union of its choices.
func paramProperties(models []*ecs.Model) map[string]any {
	out := map[string]any{}
	for _, m := range models {
		for _, d := range m.Params {
			switch d.Kind {
			case ecs.ParamSurrogate:
				out[d.Name] = map[string]any{"anyOf": []any{
					map[string]any{"$ref": "#/$defs/surrogate"},
					map[string]any{"type": "array", "minItems": 1, "items": map[string]any{"$ref": "#/$defs/surrogate"}},
				}}
			case ecs.ParamChoice:
				prev, _ := out[d.Name].(map[string]any)
				var enum []any
				if prev != nil {
					enum = prev["enum"].([]any)
				}
				for _, c := range d.Choices {
					if !slices.Contains(enum, any(c)) {
						enum = append(enum, c)
					}
				}
				out[d.Name] = map[string]any{"enum": enum, "description": d.Doc}
			default:
				refs := numberRefs(models)[d.Name]
				if len(refs) == 1 {
					out[d.Name] = map[string]any{"$ref": refs[0]}
					break
				}
				// Models disagree on the unit (AdEx's a is a conductance,
				// Izhikevich's a plain number): any of them here, the
				// model's own in its rule (modelRule).
				var anyOf []any
				for _, r := range refs {
					anyOf = append(anyOf, map[string]any{"$ref": r})
				}
				out[d.Name] = map[string]any{"anyOf": anyOf}
			}
		}
	}
	return out
}

// numberRef is the value schema of a numeric parameter, from its unit.
func numberRef(d *ecs.ParamDef) string {
	name := dimOfUnit(d.Unit).String()
	if name == "dimensionless" {
		name = "number"
	}
	return "#/$defs/" + name + "Value"
}

// numberRefs returns, per numeric parameter name, the distinct value
// schemas the catalogue's models give it, in model order.
func numberRefs(models []*ecs.Model) map[string][]string {
	out := map[string][]string{}
	for _, m := range models {
		for i := range m.Params {
			d := &m.Params[i]
			if d.Kind != ecs.ParamNumber {
				continue
			}
			if r := numberRef(d); !slices.Contains(out[d.Name], r) {
				out[d.Name] = append(out[d.Name], r)
			}
		}
	}
	return out
}

// modelRule is the if-then rule of one model: the parameters it accepts
// (and, for the LIF family's presets, no components list).
func modelRule(m *ecs.Model) map[string]any {
	spec := ecs.NewSpec(m, "p", 1)
	if m.Refractory && spec.Refractory == nil && !m.IsLIF() {
		_ = spec.AddRefractory()
	}
	var names []any
	for _, n := range spec.ParamNames() {
		names = append(names, n)
	}
	paramsRule := map[string]any{"propertyNames": map[string]any{"enum": names}}
	own := map[string]any{} // the model's unit for names whose unit differs between models
	refs := numberRefs(systems.Models())
	for _, d := range m.ParamsFor(&spec) {
		if d.Kind == ecs.ParamNumber && len(refs[d.Name]) > 1 {
			own[d.Name] = map[string]any{"$ref": numberRef(&d)}
		}
	}
	if len(own) > 0 {
		paramsRule["properties"] = own
	}
	then := map[string]any{"properties": map[string]any{"params": paramsRule}}
	if m.IsLIF() {
		then["not"] = map[string]any{"required": []any{"components"}}
	} else {
		comps := []any{}
		if m.Refractory {
			comps = append(comps, "refractory")
		}
		then["properties"].(map[string]any)["components"] = map[string]any{"type": "array", "items": map[string]any{"enum": comps}}
	}
	return map[string]any{
		"if":   map[string]any{"required": []any{"model"}, "properties": map[string]any{"model": map[string]any{"const": m.Name}}},
		"then": then,
	}
}

// isModelRule reports whether an allOf entry is a model's rule.
func isModelRule(r any) bool {
	m, _ := r.(map[string]any)
	ifp, _ := m["if"].(map[string]any)
	props, _ := ifp["properties"].(map[string]any)
	_, ok := props["model"]
	return ok
}
