package surrogate_test

import (
	"fmt"

	"github.com/spikecs/spikecs/systems/surrogate"
)

// A scenario line `surrogate: {kind: sigmoid, alpha: 4}` becomes a spec with
// New; Grad then gives g'(v_scaled), and dS/dV = g'(v_scaled)/(V_th - V_reset).
func ExampleNew() {
	spec, err := surrogate.New("sigmoid", map[string]float64{"alpha": 4}, false)
	if err != nil {
		panic(err)
	}
	vTh, vReset, v := 1.0, 0.0, 1.3
	x := (v - vTh) / (vTh - vReset) // v_scaled
	fmt.Printf("spike %v, g'(%.1f) = %.6f, dS/dV = %.6f\n", surrogate.Heaviside(x), x, surrogate.Grad(spec, x), surrogate.Grad(spec, x)/(vTh-vReset))

	// The corrected Gaussian (braintools' exponent -x^2/(2 sigma^2)).
	fixed, _ := surrogate.New("gaussian_grad", nil, true)
	faithful, _ := surrogate.New("gaussian_grad", nil, false)
	fmt.Printf("gaussian_grad g'(1): faithful %.6f, fixed %.6f\n", surrogate.Grad(faithful, 1), surrogate.Grad(fixed, 1))

	_, err = surrogate.New("relu_grad", map[string]float64{"beta": 1}, false)
	fmt.Println(err)
	// Output:
	// spike 1, g'(0.3) = 0.711578, dS/dV = 0.711578
	// gaussian_grad g'(1): faithful 0.352065, fixed 0.053991
	// surrogate relu_grad: unknown parameter "beta" (valid: alpha, width)
}

// GradSlice evaluates a whole block of neurons; this is what the simulator
// calls once per block per step.
func ExampleGradSlice() {
	vScaled := []float64{-1, -0.5, 0, 0.3, 1, 2}
	grads := make([]float64, len(vScaled))
	surrogate.GradSlice(surrogate.Default(), vScaled, grads)
	fmt.Println(grads)
	// Output:
	// [0 0.15 0.3 0.21 0 0]
}
