package main

import (
	"fmt"
	"strconv"
	"strings"

	"github.com/spikecs/spikecs/scenarios"
)

// sweepAxis is one -sweep path=v1,v2,...
type sweepAxis struct {
	path   string
	values []string
}

// parseSweep reads path=v1,v2,... Commas inside brackets, braces or
// quotes do not split, so list values work: tau=[1 ms, 2 ms],[2 ms, 3 ms].
func parseSweep(s string) (sweepAxis, error) {
	ov, err := scenarios.ParseOverride(s)
	if err != nil {
		return sweepAxis{}, err
	}
	vals, err := splitValues(ov.Value)
	if err != nil {
		return sweepAxis{}, fmt.Errorf("%q: %v", s, err)
	}
	return sweepAxis{path: ov.Path, values: vals}, nil
}

// checkSweepPaths refuses a path swept twice (the later -sweep would
// override the earlier one while the runs are labelled with both) or
// swept and also given to -set (the -set would be ignored).
func checkSweepPaths(sets []scenarios.Override, sweeps []sweepAxis) error {
	swept := map[string]int{}
	for i, ax := range sweeps {
		if j, ok := swept[ax.path]; ok {
			return fmt.Errorf("-sweep %s is given twice (sweeps %d and %d); put all its values into one -sweep %s=v1,v2,...", ax.path, j+1, i+1, ax.path)
		}
		swept[ax.path] = i
	}
	for _, s := range sets {
		if _, ok := swept[s.Path]; ok {
			return fmt.Errorf("%s is given to both -set and -sweep; the sweep would override the -set, so give it to one of them", s.Path)
		}
	}
	return nil
}

// splitValues splits at top-level commas.
func splitValues(s string) ([]string, error) {
	var out []string
	depth, start := 0, 0
	var quote rune
	for i, r := range s {
		switch {
		case quote != 0:
			if r == quote {
				quote = 0
			}
		case r == '"' || r == '\'':
			quote = r
		case r == '[' || r == '{':
			depth++
		case r == ']' || r == '}':
			depth--
		case r == ',' && depth == 0:
			out = append(out, strings.TrimSpace(s[start:i]))
			start = i + 1
		}
	}
	out = append(out, strings.TrimSpace(s[start:]))
	for _, v := range out {
		if v == "" {
			return nil, fmt.Errorf("empty value in the list (values are separated by commas)")
		}
	}
	return out, nil
}

// plannedRun is one run of an experiment.
type plannedRun struct {
	index  int
	dir    string   // subdirectory of -out
	values []string // one per sweep axis
	trial  int
	seed   uint64
	sc     *scenarios.Scenario
}

// planRuns loads every run of the cartesian product of the sweep axes
// times the trials, in a fixed order (the first axis varies slowest, the
// trial fastest). Every combination is parsed now, so a bad value is
// reported before anything runs.
func planRuns(o *options) ([]plannedRun, error) {
	const maxRuns = 100_000
	total := o.trials
	for _, ax := range o.sweeps {
		if total *= len(ax.values); total > maxRuns {
			break
		}
	}
	if total > maxRuns {
		return nil, fmt.Errorf("-sweep/-trials: more than %d runs", maxRuns)
	}
	labels := axisLabels(o.sweeps)
	width := max(3, len(strconv.Itoa(total-1)))
	runs := make([]plannedRun, 0, total)
	combo := make([]int, len(o.sweeps))
	for i := 0; i < total; i++ {
		rest := i / o.trials
		for a := len(o.sweeps) - 1; a >= 0; a-- {
			combo[a] = rest % len(o.sweeps[a].values)
			rest /= len(o.sweeps[a].values)
		}
		r := plannedRun{index: i, trial: i % o.trials}
		overrides := append([]scenarios.Override(nil), o.sets...)
		name := fmt.Sprintf("%0*d", width, i)
		for a, ax := range o.sweeps {
			v := ax.values[combo[a]]
			r.values = append(r.values, v)
			overrides = append(overrides, scenarios.Override{Path: ax.path, Value: v, Flag: "-sweep"})
			name += "_" + labels[a] + "=" + dirSafe(v)
		}
		if o.trials > 1 {
			name += fmt.Sprintf("_trial=%d", r.trial)
		}
		r.dir = name
		sc, err := load(o, overrides)
		if err != nil {
			return nil, err
		}
		sc.Seed = trialSeed(sc.Seed, r.trial)
		r.seed, r.sc = sc.Seed, sc
		runs = append(runs, r)
	}
	return runs, nil
}

// axisLabels names each axis in run directories by the shortest suffix of
// its path that tells the axes apart (tau, or exc.params.tau next to
// inh.params.tau).
func axisLabels(axes []sweepAxis) []string {
	labels := make([]string, len(axes))
	for k := 1; ; k++ {
		seen := map[string]bool{}
		unique, full := true, true
		for i, ax := range axes {
			segs := strings.Split(ax.path, ".")
			if k < len(segs) {
				full = false
			}
			labels[i] = strings.Join(segs[max(0, len(segs)-k):], ".")
			if seen[labels[i]] {
				unique = false
			}
			seen[labels[i]] = true
		}
		if unique || full {
			return labels
		}
	}
}

// dirSafe makes a value usable in a directory name: spaces are dropped
// and characters other than letters, digits, '.', '+' and '-' become '_'.
func dirSafe(v string) string {
	var b strings.Builder
	for _, r := range v {
		switch {
		case r == ' ':
		case r >= 'a' && r <= 'z', r >= 'A' && r <= 'Z', r >= '0' && r <= '9', r == '.', r == '+', r == '-':
			b.WriteRune(r)
		default:
			b.WriteByte('_')
		}
	}
	s := strings.Trim(b.String(), "_")
	if len(s) > 40 {
		s = s[:40]
	}
	return s
}
