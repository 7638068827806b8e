package eprop

import (
	"fmt"
	"math"
)

// LossKind selects the task loss.
type LossKind uint8

// The losses. Both are sums over the steps of a trial, each step weighted
// by the trial's per-step weight m^n (0 outside a recall window):
//
//	MSE: E = ½·Σ_n m^n·Σ_k (y_k^n − y*_k^n)²        (NEST's definition)
//	CE:  E = −Σ_n m^n·Σ_k π*_k^n·log π_k^n,  π^n = softmax(y^n)
//
// The error signal is ∂E/∂y_k^n: m^n·(y_k^n − y*_k^n) or m^n·(π_k^n − π*_k^n).
const (
	MSE LossKind = iota
	CrossEntropy
)

// String returns "mse" or "cross_entropy".
func (k LossKind) String() string {
	if k == CrossEntropy {
		return "cross_entropy"
	}
	return "mse"
}

// stepLoss computes the loss of one step and its error signal err
// (∂E/∂y) from the outputs y, the targets tgt and the step weight m;
// scratch holds K values.
func stepLoss(kind LossKind, y, tgt []float64, m float64, err []float64) float64 {
	if m == 0 {
		clear(err)
		return 0
	}
	if kind == MSE {
		e := 0.0
		for k, yk := range y {
			d := yk - tgt[k]
			err[k] = m * d
			e += d * d
		}
		return 0.5 * m * e
	}
	mx := math.Inf(-1)
	for _, yk := range y {
		mx = max(mx, yk)
	}
	sum := 0.0
	for k, yk := range y {
		err[k] = math.Exp(yk - mx)
		sum += err[k]
	}
	lse := mx + math.Log(sum)
	e := 0.0
	for k, yk := range y {
		pi := err[k] / sum
		e -= tgt[k] * (yk - lse)
		err[k] = m * (pi - tgt[k])
	}
	return m * e
}

// checkLoss returns an error for a non-finite loss.
func checkLoss(loss float64, iteration int) error {
	if math.IsNaN(loss) || math.IsInf(loss, 0) {
		return fmt.Errorf("iteration %d: the loss is %v (training diverged; lower the learning rate or clip the weights)", iteration, loss)
	}
	return nil
}

// addPrediction adds m·y (MSE) or m·softmax(y) (CE) to sum.
func addPrediction(kind LossKind, y []float64, m float64, sum []float64) {
	if kind == MSE {
		for k, yk := range y {
			sum[k] += m * yk
		}
		return
	}
	mx := math.Inf(-1)
	for _, yk := range y {
		mx = max(mx, yk)
	}
	z := 0.0
	for _, yk := range y {
		z += math.Exp(yk - mx)
	}
	for k, yk := range y {
		sum[k] += m * math.Exp(yk-mx) / z
	}
}

// Softmax writes softmax(y) into out.
func Softmax(y, out []float64) {
	clear(out)
	addPrediction(CrossEntropy, y, 1, out)
}

// argmax returns the index of the largest value (the first on ties).
func argmax(xs []float64) int {
	best := 0
	for i, x := range xs {
		if x > xs[best] {
			best = i
		}
	}
	return best
}
