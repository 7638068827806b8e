package eprop

import (
	"fmt"
	"math"
)

// OptimizerKind selects how a gradient becomes a weight update.
type OptimizerKind uint8

// The optimisers.
//
//	GradientDescent: w ← w − η·g
//	Adam (TensorFlow's tf.train.AdamOptimizer form):
//	    m ← β1·m + (1 − β1)·g;  v ← β2·v + (1 − β2)·g²
//	    η_t = η·sqrt(1 − β2^t)/(1 − β1^t)
//	    w ← w − η_t·m/(sqrt(v) + ε)
const (
	GradientDescent OptimizerKind = iota
	Adam
)

// String returns "gd" or "adam".
func (k OptimizerKind) String() string {
	if k == Adam {
		return "adam"
	}
	return "gd"
}

// ParseOptimizer returns the optimiser named "gd" or "adam".
func ParseOptimizer(name string) (OptimizerKind, error) {
	switch name {
	case "gd", "gradient_descent":
		return GradientDescent, nil
	case "adam":
		return Adam, nil
	}
	return 0, fmt.Errorf("unknown optimizer %q; valid: gd, adam", name)
}

// optimizer is the state of one optimiser over one weight matrix.
type optimizer struct {
	kind           OptimizerKind
	lr, b1, b2, ep float64
	m, v           []float64
	t              int
}

// newOptimizer returns an optimiser for n weights.
func newOptimizer(cfg *Config, n int) *optimizer {
	o := &optimizer{kind: cfg.Optimizer, lr: cfg.LearningRate, b1: cfg.Beta1, b2: cfg.Beta2, ep: cfg.Epsilon}
	if o.kind == Adam {
		o.m, o.v = make([]float64, n), make([]float64, n)
	}
	return o
}

// step applies the gradient g to w where mask is non-zero (mask nil: all)
// and clips to [lo, hi] when lo < hi; delta, when non-nil, receives the
// applied change.
func (o *optimizer) step(w, g, mask, delta []float64, lo, hi float64) {
	o.t++
	lr := o.lr
	if o.kind == Adam {
		lr = o.lr * math.Sqrt(1-math.Pow(o.b2, float64(o.t))) / (1 - math.Pow(o.b1, float64(o.t)))
	}
	clip := lo < hi
	for i, gi := range g {
		if mask != nil && mask[i] == 0 {
			continue
		}
		var d float64
		if o.kind == Adam {
			o.m[i] = o.b1*o.m[i] + (1-o.b1)*gi
			o.v[i] = o.b2*o.v[i] + (1-o.b2)*gi*gi
			d = -lr * o.m[i] / (math.Sqrt(o.v[i]) + o.ep)
		} else {
			d = -lr * gi
		}
		old := w[i]
		nw := old + d
		if clip {
			nw = min(max(nw, lo), hi)
		}
		w[i] = nw
		if delta != nil {
			delta[i] = nw - old
		}
	}
}
