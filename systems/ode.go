package systems

// step2 advances the two-variable system (x, y)' = f(x, y) by dt with
// forward Euler or classical RK4, in the form Brian2 generates (each k
// includes dt):
//
//	euler: x ← x + dt·f(x)
//	rk4:   k1 = dt·f(x), k2 = dt·f(x + k1/2), k3 = dt·f(x + k2/2),
//	       k4 = dt·f(x + k3);  x ← x + k1/6 + k2/3 + k3/3 + k4/6
//
// The local error per step is O(dt²) for Euler and O(dt⁵) for RK4
// (global O(dt) and O(dt⁴)); docs/models.md gives the measured errors.
//
// It is the simple form for a new model (one closure per neuron, never
// inlined). The catalogue's ODE models write the same operations out
// (plain float64 right-hand sides, RK4 stages chunk by chunk, see
// rk4Chunk), about twice as fast; TestHandWrittenRK4MatchesStep2 checks
// that they give step2's bits.
func step2(rk4 bool, dt, x, y float64, f func(x, y float64) (float64, float64)) (float64, float64) {
	dx1, dy1 := f(x, y)
	if !rk4 {
		return x + dt*dx1, y + dt*dy1
	}
	kx1, ky1 := dt*dx1, dt*dy1
	dx2, dy2 := f(x+0.5*kx1, y+0.5*ky1)
	kx2, ky2 := dt*dx2, dt*dy2
	dx3, dy3 := f(x+0.5*kx2, y+0.5*ky2)
	kx3, ky3 := dt*dx3, dt*dy3
	dx4, dy4 := f(x+kx3, y+ky3)
	kx4, ky4 := dt*dx4, dt*dy4
	return x + kx1/6 + kx2/3 + kx3/3 + kx4/6, y + ky1/6 + ky2/3 + ky3/3 + ky4/6
}

// rk4Chunk is the number of neurons whose RK4 stages the hand-written
// model loops run together: stage 1 of every neuron of the chunk, then
// stage 2, and so on. Neighbouring independent neurons in the instruction
// stream let the processor overlap their exp and division latencies,
// which one neuron's four dependent stages cannot; the chunk's scratch
// (a few arrays of rk4Chunk float64) stays on the stack and in L1.
const rk4Chunk = 64

// rk4Stage returns the coefficients of RK4 stage s (0..3) in step2's form:
// the stage evaluates f at x + in·k (k of stage s−1; stage 0 at x) and adds
// k/div to the result.
func rk4Stage(s int) (in, div float64) {
	return [4]float64{0, 0.5, 0.5, 1}[s], [4]float64{6, 3, 3, 6}[s]
}
