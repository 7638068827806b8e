package surrogate

import "math"

// ReluGradKernel is relu_grad's g'(x) = max(alpha·width − alpha·|x|, 0)
// with aw = alpha·width precomputed, written to inline into a caller's
// loop (the spike system fuses the reference default this way). It equals
// Grad for relu_grad bit for bit, NaN included; a −0 result can only come
// out as +0 in Grad.
func ReluGradKernel(alpha, aw, x float64) float64 {
	g := aw - math.Abs(x)*alpha
	if g < 0 {
		return 0
	}
	return g
}
