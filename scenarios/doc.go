// Package scenarios reads scenario files (YAML, every physical quantity a
// string with a unit) into a Scenario and builds an ecs.Sim from it. The
// format is described in docs/scenarios.md; the built-in scenarios are
// embedded (Builtins, Lookup).
//
// Every mistake in a file is reported as one *Error naming the file, the
// line and the key path (e.g. populations[0].params.tau).
package scenarios

//go:generate go run ./internal/genschema ../docs/scenario.schema.json
//go:generate go run ./internal/gencatalogue ../docs/model-catalogue.md
