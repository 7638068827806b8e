// Package archemodel runs spikecs brains inside an arche-model v0.10.0
// model (github.com/mlange-42/arche-model): the agents.Host becomes an
// ordinary model.System, updated once per model tick in the order systems
// were added.
//
// It lives in its own package so that spikecs itself does not depend on
// arche-model (and golang.org/x/exp, which arche-model pulls in).
package archemodel
