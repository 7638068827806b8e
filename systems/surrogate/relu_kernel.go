package surrogate

import "math"

// ReluGradKernel is relu_grad's g'(x) = max(alpha·width − alpha·|x|, 0)
// with aw = alpha·width precomputed, small enough to inline into a
// caller's loop (the spike system fuses the reference default this way).
// It equals Grad for relu_grad bit for bit, NaN included, and is
// branch-free, so its cost does not depend on how often x crosses ±width.
func ReluGradKernel(alpha, aw, x float64) float64 {
	return max(aw-math.Abs(x)*alpha, 0)
}
