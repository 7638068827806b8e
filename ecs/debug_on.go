//go:build debug

package ecs

// debugChecks enables the full index-order check of every population on
// every bind (build tag debug).
const debugChecks = true
