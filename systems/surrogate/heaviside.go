package surrogate

// Heaviside is the forward spike function shared by every family:
// H(x) = 1 if x >= 0 else 0. H(0) = H(-0) = 1 (a neuron exactly at
// threshold spikes) and H(NaN) = 0.
func Heaviside(x float64) float64 {
	if x >= 0 {
		return 1
	}
	return 0
}
