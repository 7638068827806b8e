//go:build !debug

package ecs

// debugChecks enables the full index-order check of every population on
// every bind; off unless built with -tags debug.
const debugChecks = false
