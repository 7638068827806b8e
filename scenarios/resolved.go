package scenarios

import (
	"fmt"
	"math"
	"strconv"
)

// Resolved returns the scenario as it ran, for the record (the runner's
// summary.json): the document read, with aliases expanded and the
// overrides (-set, -sweep) applied, and seed and duration set to sc's
// values (which -seed and -duration may have changed). Values keep the
// file's spelling ("10 ms"); mappings are map[string]any, lists []any.
// It is nil for a Scenario not made by Parse.
func (sc *Scenario) Resolved() map[string]any {
	if sc.doc == nil {
		return nil
	}
	var v any
	if err := sc.doc.Decode(&v); err != nil {
		return nil
	}
	m, ok := jsonable(v).(map[string]any)
	if !ok {
		return nil
	}
	m["seed"] = sc.Seed
	m["duration"] = strconv.FormatFloat(sc.DurationMs, 'g', -1, 64) + " ms"
	m["dt"] = strconv.FormatFloat(sc.DtMs, 'g', -1, 64) + " ms"
	return m
}

// jsonable turns decoded YAML into values encoding/json accepts: mapping
// keys become strings, infinities and NaN strings.
func jsonable(v any) any {
	switch x := v.(type) {
	case map[string]any:
		for k, e := range x {
			x[k] = jsonable(e)
		}
		return x
	case map[any]any:
		m := make(map[string]any, len(x))
		for k, e := range x {
			m[fmt.Sprint(k)] = jsonable(e)
		}
		return m
	case []any:
		for i, e := range x {
			x[i] = jsonable(e)
		}
		return x
	case float64:
		if math.IsInf(x, 0) || math.IsNaN(x) { // JSON has no such numbers
			return strconv.FormatFloat(x, 'g', -1, 64)
		}
	}
	return v
}
