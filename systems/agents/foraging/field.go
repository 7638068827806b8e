package foraging

import (
	"math"
	"math/rand/v2"
)

// field is the food on a size×size torus of cells: the capacity of every
// cell (Gaussian patches, at most 1) and its current food.
type field struct {
	size     int
	capacity []float64 // per cell, 0..1
	food     []float64 // per cell, 0..capacity
	centers  [][2]float64
}

// newField places n patches of radius sigma uniformly at random and fills
// every cell to capacity:
//
//	capacity(c) = min(1, Σ_p exp(−d(c, p)²/(2·sigma²)))     (torus distance d)
func newField(size, n int, sigma float64, r *rand.Rand) *field {
	f := &field{size: size, capacity: make([]float64, size*size), food: make([]float64, size*size)}
	for range n {
		f.centers = append(f.centers, [2]float64{r.Float64() * float64(size), r.Float64() * float64(size)})
	}
	for y := range size {
		for x := range size {
			c := 0.0
			for _, p := range f.centers {
				dx := torusDelta(float64(x)+0.5-p[0], float64(size))
				dy := torusDelta(float64(y)+0.5-p[1], float64(size))
				c += math.Exp(-(dx*dx + dy*dy) / (2 * sigma * sigma))
			}
			i := y*size + x
			f.capacity[i] = math.Min(1, c)
			f.food[i] = f.capacity[i]
		}
	}
	return f
}

// torusDelta wraps a coordinate difference into [−size/2, size/2).
func torusDelta(d, size float64) float64 {
	d = math.Mod(d+size/2, size)
	if d < 0 {
		d += size
	}
	return d - size/2
}

// wrap maps a coordinate into [0, size).
func wrap(x, size float64) float64 {
	x = math.Mod(x, size)
	if x < 0 {
		x += size
	}
	if x >= size { // -tiny + size rounds to size
		x = 0
	}
	return x
}

// cell returns the index of the cell containing (x, y) (any real
// coordinates: they wrap).
func (f *field) cell(x, y float64) int {
	s := float64(f.size)
	return int(wrap(y, s))*f.size + int(wrap(x, s))
}

// smell is the mean food of the 3×3 cells around (x, y): what a sensor at
// that point reads, 0..1.
func (f *field) smell(x, y float64) float64 {
	s := float64(f.size)
	cx, cy := int(wrap(x, s)), int(wrap(y, s))
	sum := 0.0
	for dy := -1; dy <= 1; dy++ {
		row := ((cy + dy + f.size) % f.size) * f.size
		for dx := -1; dx <= 1; dx++ {
			sum += f.food[row+(cx+dx+f.size)%f.size]
		}
	}
	return sum / 9
}

// eat removes up to bite from the cell at (x, y) and returns the amount.
func (f *field) eat(x, y, bite float64) float64 {
	i := f.cell(x, y)
	got := math.Min(bite, f.food[i])
	f.food[i] -= got
	return got
}

// regrow moves every cell a fraction rate of the way back to capacity.
func (f *field) regrow(rate float64) {
	for i, c := range f.capacity {
		f.food[i] += rate * (c - f.food[i])
	}
}

// total returns the food on the field.
func (f *field) total() (food, capacity float64) {
	for i := range f.food {
		food += f.food[i]
		capacity += f.capacity[i]
	}
	return food, capacity
}
