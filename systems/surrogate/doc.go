// Package surrogate implements the 18 surrogate-gradient families of
// brainstate 0.1.10 (reference §4): the spike function H(x), the surrogate
// gradient g'(x) that replaces H's derivative in training, and the smooth
// "primitive" g(x) that some families define for plotting.
//
// x is the dimensionless scaled voltage v_scaled = (V − V_th)/(V_th − V_reset)
// (IF: (V − V_th)/V_th). The spike is H(x) = 1 if x >= 0 else 0, so a neuron
// exactly at threshold spikes. A neuron's dS/dV is Grad(s, v_scaled)/(V_th − V_reset).
//
// Each family has a faithful variant (the default) that reproduces the 0.1.10
// code bit for bit in formula, including its bugs (reference §4.1, §8 item 8),
// and, for the seven families whose 0.1.10 formulas are wrong, a fixed variant
// (SurrogateSpec.Fixed) that follows braintools' later corrections (§4.3).
//
// Specs are built with New (from a scenario's family name and parameters) or
// Default (relu_grad, alpha = 0.3, width = 1, the default of every neuron
// model). A SurrogateSpec with Kind SurrogateUnset behaves exactly like
// Default() everywhere in this package. A spec assembled by hand bypasses
// New's validation: out-of-range parameters then give whatever the formula
// gives (possibly Inf or NaN), never a panic.
//
// Hot path: GradSlice evaluates one spec over a block of neurons with the
// family dispatch outside the loop: ≈ 1 ns per neuron for the piecewise
// families (relu_grad, the default, included), ≈ 10 ns for those that call
// exp once, ≈ 20–35 ns for pow, cos-series and three-exp families (see
// BenchmarkGrad and docs/surrogates.md). Grad is the per-element form, for
// per-neuron specs, setup code and tests.
package surrogate
