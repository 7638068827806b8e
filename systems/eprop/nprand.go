package eprop

import "math"

// npRandom reproduces the draws of numpy's legacy global generator
// (np.random.seed(s), then rand, randn, uniform): the Mersenne Twister
// MT19937 seeded with init_genrand(s), 53-bit doubles from two 32-bit
// outputs, and the polar Box–Muller method that returns the second of
// each pair of normals first and caches the other. NEST's and Bellec's
// e-prop examples draw their frozen input, target and initial weights
// this way, so with it a scenario can run on exactly their data
// (SineOptions.NumpySeed).
type npRandom struct {
	mt       [624]uint32
	pos      int
	hasGauss bool
	gauss    float64
}

// newNPRandom returns the generator in the state np.random.seed(seed)
// leaves.
func newNPRandom(seed uint32) *npRandom {
	r := &npRandom{pos: 624}
	r.mt[0] = seed
	for i := 1; i < 624; i++ {
		prev := r.mt[i-1]
		r.mt[i] = 1812433253*(prev^(prev>>30)) + uint32(i)
	}
	return r
}

// next32 returns the next tempered 32-bit output.
func (r *npRandom) next32() uint32 {
	if r.pos >= 624 {
		r.twist()
	}
	y := r.mt[r.pos]
	r.pos++
	y ^= y >> 11
	y ^= (y << 7) & 0x9d2c5680
	y ^= (y << 15) & 0xefc60000
	y ^= y >> 18
	return y
}

// twist regenerates the 624 words of state.
func (r *npRandom) twist() {
	const upper, lower, matrixA = 0x80000000, 0x7fffffff, 0x9908b0df
	for i := range 624 {
		y := (r.mt[i] & upper) | (r.mt[(i+1)%624] & lower)
		v := r.mt[(i+397)%624] ^ (y >> 1)
		if y&1 != 0 {
			v ^= matrixA
		}
		r.mt[i] = v
	}
	r.pos = 0
}

// Float64 is np.random.rand(): a double in [0, 1) with 53 random bits.
func (r *npRandom) Float64() float64 {
	a, b := r.next32()>>5, r.next32()>>6
	return (float64(a)*67108864 + float64(b)) / 9007199254740992
}

// NormFloat64 is np.random.randn(): polar Box–Muller with numpy's
// caching of the pair's other value.
func (r *npRandom) NormFloat64() float64 {
	if r.hasGauss {
		r.hasGauss = false
		return r.gauss
	}
	var x1, x2, r2 float64
	for {
		x1 = 2*r.Float64() - 1
		x2 = 2*r.Float64() - 1
		r2 = x1*x1 + x2*x2
		if r2 < 1 && r2 != 0 {
			break
		}
	}
	f := math.Sqrt(-2 * math.Log(r2) / r2)
	r.gauss, r.hasGauss = f*x1, true
	return f * x2
}

// Uniform is np.random.uniform(low, high) for one value.
func (r *npRandom) Uniform(low, high float64) float64 {
	return low + (high-low)*r.Float64()
}
