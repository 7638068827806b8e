package systems

// step is the forward spike function H(x): 1 if x >= 0 else 0 (H(0) = 1,
// NaN gives 0), as every reference surrogate's forward pass.
func step(x float64) float64 {
	if x >= 0 {
		return 1
	}
	return 0
}
