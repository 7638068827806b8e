package main

// goldenGamma is SplitMix64's increment, 2⁶⁴/φ.
const goldenGamma = 0x9E3779B97F4A7C15

// trialSeed returns the seed of trial k of a run whose seed is seed:
// trial 0 uses seed itself (so -trials 1 is the plain run), and trial
// k >= 1 uses the k-th output of a SplitMix64 generator seeded with seed,
//
//	seed_k = mix64(seed + k·0x9E3779B97F4A7C15)   (mod 2⁶⁴)
//
// where mix64 is SplitMix64's finaliser (Steele, Lea & Flood 2014):
//
//	z = (z ^ z>>30)·0xBF58476D1CE4E5B9; z = (z ^ z>>27)·0x94D049BB133111EB; z ^ z>>31.
//
// Nearby seeds thus give unrelated trial seeds, and the same seed always
// gives the same trials.
func trialSeed(seed uint64, k int) uint64 {
	if k == 0 {
		return seed
	}
	z := seed + uint64(k)*goldenGamma
	z = (z ^ z>>30) * 0xBF58476D1CE4E5B9
	z = (z ^ z>>27) * 0x94D049BB133111EB
	return z ^ z>>31
}
