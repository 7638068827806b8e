package main

import (
	"fmt"

	"github.com/spikecs/spikecs/systems/agents/foraging"
)

// builtinPlotKind is the figure format of a built-in run: none with
// -plots=none (or a resumed run that had no figures), else the -plots
// format.
func builtinPlotKind(o *options) plotKind {
	if !o.plots {
		return plotNone
	}
	if o.plotKind == plotNone {
		return plotPNG
	}
	return o.plotKind
}

// trainingReport is the report page of a training scenario.
func trainingReport(sum trainSummary) reportPage {
	t := sum.Training
	rows := [][2]string{
		{"scenario", sum.Scenario},
		{"seed", fmt.Sprint(sum.Seed)},
		{"iterations", fmt.Sprintf("%d of %d", t.Iterations, t.IterationsPlanned)},
		{fmt.Sprintf("mean loss of the last %d", min(100, t.Iterations)), fmt.Sprintf("%.6g", t.LossLast100Mean)},
	}
	if t.Accuracy != nil {
		rows = append(rows, [2]string{"validation accuracy", fmt.Sprintf("%.1f %%", 100**t.Accuracy)})
	}
	if t.Init != "" {
		rows = append(rows, [2]string{"initial weights from", t.Init})
	}
	rows = append(rows, [2]string{"wall time", fmt.Sprintf("%.2f s", t.WallS)}, [2]string{"runner", sum.Version})
	p := reportPage{
		Title:  sum.Scenario,
		Sub:    fmt.Sprintf("spikecs training run (e-prop): %d iterations, seed %d", t.Iterations, sum.Seed),
		Tables: []reportTable{{ID: "summary", Title: "Summary", Rows: rows}},
		Sets:   sum.Sets,
	}
	if sum.Interrupted {
		p.Warn = fmt.Sprintf("This run was interrupted after %d of %d iterations; the files hold what was trained until then.", t.Iterations, t.IterationsPlanned)
	}
	return p
}

// foragingReport is the report page of the foraging world.
func foragingReport(sum foragingSummary) reportPage {
	r := sum.Foraging
	food := [][2]string{
		{"spiking brain", fmt.Sprintf("%.2f", r.BrainFoodPerAgent)},
		{"random walk", fmt.Sprintf("%.2f", r.RandomFoodPerAgent)},
		{"ratio", fmt.Sprintf("%.3f", r.Ratio)},
	}
	world := [][2]string{
		{"seed", fmt.Sprint(sum.Seed)},
		{"ticks", fmt.Sprint(r.Ticks)},
		{"one tick", fmt.Sprintf("%d steps of %g ms (%g ms)", r.Substeps, r.DtMs, r.TickMs)},
		{"agents", fmt.Sprintf("%d spiking brains + %d random walkers", r.BrainAgents, r.RandomAgents)},
		{"brain", fmt.Sprintf("%d LIF neurons, %d synapses", r.NeuronsPerBrain, r.SynapsesPerBrain)},
		{"brain spikes", fmt.Sprint(r.BrainSpikes)},
		{"mean rate", fmt.Sprintf("%.2f Hz", r.MeanRateHz)},
		{"torus", fmt.Sprintf("%d×%d cells, %d food patches", r.Size, r.Size, r.Patches)},
		{"food left", fmt.Sprintf("%.1f %%", 100*r.FoodLeft)},
		{"wall time", fmt.Sprintf("%.2f s", sum.WallS)},
		{"runner", sum.Version},
	}
	p := reportPage{
		Title: sum.Scenario,
		Sub:   fmt.Sprintf("spikecs agent world: %d ticks, seed %d", r.Ticks, sum.Seed),
		Tables: []reportTable{
			{ID: "summary", Title: "Food per agent", Rows: food},
			{ID: "world", Title: "World and brains", Rows: world},
		},
	}
	if sum.Interrupted {
		p.Warn = fmt.Sprintf("This run was interrupted after %d ticks; the files hold what was done until then.", r.Ticks)
	}
	return p
}

// writeForagingFigure writes the foraging figure as a file of kind
// (none: no figure) and report.html into dir.
func writeForagingFigure(dir string, sum foragingSummary, kind plotKind) error {
	var figs []reportFigure
	if kind != plotNone {
		fig := namedFigure{"foraging", func(t figureTarget) error {
			f := newFigureWH(foraging.FigureWidth, foraging.FigureHeight, t.kind)
			if err := foraging.DrawForaging(f.page, sum.Foraging); err != nil {
				return err
			}
			return f.save(t)
		}}
		var err error
		if figs, err = drawFigures(dir, []namedFigure{fig}, kind); err != nil {
			return err
		}
	}
	return writeReportPage(dir, foragingReport(sum), figs, kind)
}
