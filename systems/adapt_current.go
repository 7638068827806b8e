package systems

import (
	"github.com/spikecs/spikecs/components"
	"github.com/spikecs/spikecs/ecs"
)

// The adaptation current w shared by AdEx and AdQIF
// (components.AdaptCurrent): tau_w·dw/dt = a·(V − V_rest) − w, w ← w + b at
// each spike, entering the membrane as −R·w.

// adaptCurrentRows are the parameter rows of the adaptation current, with
// the model's defaults of b (mA) and tau_w (ms).
func adaptCurrentRows(bMA, tauWMs float64) []ecs.ParamDef {
	return []ecs.ParamDef{
		{Name: "a", Unit: "S", Default: 1, Doc: "subthreshold adaptation coupling"},
		{Name: "b", Unit: "mA", Default: bMA, Doc: "spike-triggered adaptation increment"},
		{Name: "tau_w", Unit: "ms", Default: tauWMs, Check: ecs.Positive, Doc: "adaptation time constant"},
		{Name: "w_init", Unit: "mA", Default: 0, Doc: "initial adaptation current"},
	}
}

// integratorRows are the rows every catalogue integrate-and-fire model
// with rk4/euler ends with: method, the refractory part (default 0 ms) and
// the surrogate.
func integratorRows() []ecs.ParamDef {
	return append(append([]ecs.ParamDef{methodParam("integrator: rk4 (default) or euler", methodRK4, methodEuler)},
		ecs.RefractoryParams(0)...), ecs.SurrogateParam())
}

// resetAdaptCurrent is the reset of a model with an optional adaptation
// current: V ← V_reset for the neurons that spiked in the previous step,
// and w ← w + b when the population has w (adaptive).
func resetAdaptCurrent(p *ecs.PopView, lo, hi int, adaptive bool, b *components.Param) {
	if !adaptive {
		resetSpiked(p, lo, hi, nil, nil)
		return
	}
	w := ecs.Column[components.AdaptCurrent](p, 0)[lo:hi]
	resetSpiked(p, lo, hi, b.Block(lo, hi), func(k int, b float64) { w[k].W += b })
}
