#!/usr/bin/python3
"""Brian2 reference traces for spikecs's neuron-model catalogue.

How to run (from the repository root; Debian's Brian2, PyPI is not needed):

    apt-get install -y python3-brian        # Brian2 2.5.1 (Debian bookworm)
    /usr/bin/python3 systems/testdata/models/make_refs.py

It rewrites every *.csv and *.json file in this folder (about one minute on
one core) and prints a summary table. Generated with Brian2 2.5.1, numpy
codegen target, Python 3.11.2, numpy as packaged by Debian.

What it does, per case (the list CASES below; README.md has the table):
  * builds the model of the spikecs model catalogue (the lead's
    models-spec.md: equations, units, defaults) in Brian2 with real units
    (mV, ms, ohm, mA, S, mF), every parameter a per-neuron constant,
  * runs it with defaultclock.dt = 0.1 ms (a few cases also 0.025 ms) and the
    method of the case ('euler', 'rk4', 'exponential_euler'),
  * records the state with StateMonitor(when='thresholds', order=1): after the
    state update and the threshold test of the step, before the reset, i.e.
    exactly spikecs's stored (pre-reset) state of that step,
  * writes <case>.csv (state rows) and <case>_spikes.csv (spikes), or for an
    f-I case <case>.csv with one spike count per input current,
  * re-simulates every case with an independent plain-Python implementation of
    the spec (the loop spikecs runs: integrate, threshold, record, reset) and
    prints how far it is from Brian2 (also stored per neuron in cases.json):
    a check that the Brian2 model is the spec, and a measure of how closely an
    independent implementation can agree (README.md: "Agreement").

Files (all numbers in canonical units, printed with repr(): shortest string
that parses back to the same float64):
  <case>.csv         t_ms,neuron,V,<other state>   one row per stored step and
                     neuron, sorted by step then neuron. t_ms = step*dt_ms
                     (step n of spikecs; Brian2's t of that step); the state is
                     the value at the END of step n (after integrating from
                     n*dt to (n+1)*dt), pre-reset. V in mV, w in mA, u in
                     mV/ms, m/h/n dimensionless. Every step is stored for
                     t_ms < full_ms, then every stride-th step (both per case
                     in cases.json and README.md).
  <case>_spikes.csv  t_ms,neuron   every spike of the whole run.
  <model>_fi.csv     I_mA,spikes   spike count over the case's duration.
  cases.json         every case: model, method, dt_ms, duration_ms, full_ms,
                     stride, file names and the complete per-neuron parameter
                     set (defaults merged) in canonical units.
  adex_params.json   the 8 Naud et al. (2008) AdEx patterns, original units
                     and converted to spikecs's R/tau form.
  izhikevich_params.json  the 4 Izhikevich (2003) patterns.
"""

import json
import math
import os
import sys
import warnings

warnings.filterwarnings("ignore")  # Debian's pythran warns about numpy aliases

import numpy as np  # noqa: E402
import brian2  # noqa: E402
from brian2 import (  # noqa: E402
    Network, NeuronGroup, SpikeMonitor, StateMonitor, defaultclock, mA,
    mfarad, ms, mV, ohm, prefs, second, siemens,
)

prefs.codegen.target = "numpy"
brian2.BrianLogger.log_level_error()

HERE = os.path.dirname(os.path.abspath(__file__))

# Brian2 unit of each canonical unit used below.
UNIT = {
    "mV": mV, "ms": ms, "ohm": ohm, "mA": mA, "S": siemens, "mF": mfarad,
    "1/ms": 1 / ms, "1/mV": 1 / mV, "mV/ms": mV / ms, "1": 1,
}
# Brian2 dimension string for a per-neuron constant of that unit.
DIM = {
    "mV": "volt", "ms": "second", "ohm": "ohm", "mA": "amp", "S": "siemens",
    "mF": "farad", "1/ms": "hertz", "1/mV": "1/volt", "mV/ms": "volt/second",
    "1": "1",
}

# ---------------------------------------------------------------------------
# Models: equations exactly as notes/models-spec.md. ExpIF and AdEx evaluate
# their whole right-hand side (the leak, the exponential and AdEx's w equation)
# at min(V, V_th), as spikecs and NEST's aeif models do; it is written
# clip(v, -inf*mV, V_th), which is min() (Brian2 has no min function), at every
# occurrence of v, so it applies at every RK4 stage.
# ---------------------------------------------------------------------------

EXPIF_DEFAULTS = {
    "R": (1.0, "ohm"), "tau": (10.0, "ms"), "V_rest": (-65.0, "mV"),
    "V_reset": (-68.0, "mV"), "V_T": (-59.9, "mV"), "delta_T": (3.48, "mV"),
    "V_th": (-30.0, "mV"), "V_init": (-65.0, "mV"), "I": (0.0, "mA"),
}
ADEX_DEFAULTS = dict(EXPIF_DEFAULTS, **{
    "a": (1.0, "S"), "b": (1.0, "mA"), "tau_w": (30.0, "ms"),
    "w_init": (0.0, "mA"),
})
QIF_DEFAULTS = {
    "R": (1.0, "ohm"), "tau": (10.0, "ms"), "V_rest": (-65.0, "mV"),
    "V_reset": (-68.0, "mV"), "V_th": (-30.0, "mV"), "V_c": (-50.0, "mV"),
    "c": (0.07, "1/mV"), "V_init": (-65.0, "mV"), "I": (0.0, "mA"),
}
ADQIF_DEFAULTS = dict(QIF_DEFAULTS, **{
    "a": (1.0, "S"), "b": (0.1, "mA"), "tau_w": (10.0, "ms"),
    "w_init": (0.0, "mA"),
})
IZH_DEFAULTS = {
    "a": (0.02, "1/ms"), "b": (0.2, "1/ms"), "c": (-65.0, "mV"),
    "d": (8.0, "mV/ms"), "V_th": (30.0, "mV"), "R": (1.0, "ohm"),
    "V_init": (-65.0, "mV"), "u_init": (None, "mV/ms"), "I": (0.0, "mA"),
}
HH_DEFAULTS = {
    "C": (1e-3, "mF"), "g_Na": (120e-3, "S"), "g_K": (36e-3, "S"),
    "g_L": (0.3e-3, "S"), "E_Na": (50.0, "mV"), "E_K": (-77.0, "mV"),
    "E_L": (-54.387, "mV"), "V_th": (0.0, "mV"), "V_init": (-65.0, "mV"),
    "I": (0.0, "mA"),
}

VCLIP = "clip(v, -inf*mV, V_th)"  # min(V, V_th)
EXP_TERM = f"delta_T*exp(({VCLIP} - V_T)/delta_T)"

HH_RATES = """
alpha_m = 0.1/mV*(v + 40*mV)/(1 - exp(-(v + 40*mV)/(10*mV)))/ms : hertz
beta_m = 4*exp(-(v + 65*mV)/(18*mV))/ms : hertz
alpha_h = 0.07*exp(-(v + 65*mV)/(20*mV))/ms : hertz
beta_h = 1/(1 + exp(-(v + 35*mV)/(10*mV)))/ms : hertz
alpha_n = 0.01/mV*(v + 55*mV)/(1 - exp(-(v + 55*mV)/(10*mV)))/ms : hertz
beta_n = 0.125*exp(-(v + 65*mV)/(80*mV))/ms : hertz
"""

MODELS = {
    "expif": {
        "defaults": EXPIF_DEFAULTS,
        "eqs": f"dv/dt = (-({VCLIP} - V_rest) + {EXP_TERM} + R*I)/tau : volt",
        "threshold": "v >= V_th", "reset": "v = V_reset",
        "state": [("V", "v", "mV")],
    },
    "adex": {
        "defaults": ADEX_DEFAULTS,
        "eqs": f"""
dv/dt = (-({VCLIP} - V_rest) + {EXP_TERM} - R*w + R*I)/tau : volt
dw/dt = (a*({VCLIP} - V_rest) - w)/tau_w : amp
""",
        "threshold": "v >= V_th", "reset": "v = V_reset\nw += b",
        "state": [("V", "v", "mV"), ("w", "w", "mA")],
    },
    "qif": {
        "defaults": QIF_DEFAULTS,
        "eqs": "dv/dt = (c*(v - V_rest)*(v - V_c) + R*I)/tau : volt",
        "threshold": "v >= V_th", "reset": "v = V_reset",
        "state": [("V", "v", "mV")],
    },
    "adqif": {
        "defaults": ADQIF_DEFAULTS,
        "eqs": """
dv/dt = (c*(v - V_rest)*(v - V_c) - R*w + R*I)/tau : volt
dw/dt = (a*(v - V_rest) - w)/tau_w : amp
""",
        "threshold": "v >= V_th", "reset": "v = V_reset\nw += b",
        "state": [("V", "v", "mV"), ("w", "w", "mA")],
    },
    "izhikevich": {
        "defaults": IZH_DEFAULTS,
        # 0.04·V² + 5·V + 140 with V in mV gives mV/ms; R·I (mV) is taken per ms.
        "eqs": """
dv/dt = (0.04/mV*v**2 + 5*v + 140*mV)/ms - u + R*I/ms : volt
du/dt = a*(b*v - u) : volt/second
""",
        "threshold": "v >= V_th", "reset": "v = c\nu += d",
        "state": [("V", "v", "mV"), ("u", "u", "mV/ms")],
    },
    "hh": {
        "defaults": HH_DEFAULTS,
        "eqs": """
dv/dt = (-g_Na*m**3*h*(v - E_Na) - g_K*n**4*(v - E_K) - g_L*(v - E_L) + I)/C : volt
dm/dt = alpha_m*(1 - m) - beta_m*m : 1
dh/dt = alpha_h*(1 - h) - beta_h*h : 1
dn/dt = alpha_n*(1 - n) - beta_n*n : 1
""" + HH_RATES + "v_prev : volt\n",
        # Upward crossing: V of this step >= V_th and V of the previous step
        # (v_prev, copied at the end of every step) < V_th. No reset.
        "threshold": "v >= V_th and v_prev < V_th", "reset": None,
        "state": [("V", "v", "mV"), ("m", "m", "1"), ("h", "h", "1"),
                  ("n", "n", "1")],
    },
}

# ---------------------------------------------------------------------------
# Parameter sets.
# ---------------------------------------------------------------------------

# Naud, Marcille, Clopath & Gerstner (2008), Biol. Cybern. 99:335, Table 1:
# C pF, g_L nS, E_L mV, V_T mV, Delta_T mV, a nS, tau_w ms, b pA, V_r mV, I pA.
NAUD = [
    ("tonic", 200, 10, -70, -50, 2, 2, 30, 0, -58, 500),
    ("adapting", 200, 12, -70, -50, 2, 2, 300, 60, -58, 500),
    ("initial_burst", 130, 18, -58, -50, 2, 4, 150, 120, -50, 400),
    ("regular_bursting", 200, 10, -58, -50, 2, 2, 120, 100, -46, 210),
    ("delayed_accelerating", 200, 12, -70, -50, 2, -10, 300, 0, -58, 300),
    ("delayed_regular_bursting", 100, 10, -65, -50, 2, -10, 90, 30, -47, 110),
    ("transient", 100, 10, -65, -50, 2, 10, 90, 100, -47, 180),
    ("irregular", 100, 12, -60, -50, 2, -11, 130, 30, -48, 160),
]
NAUD_V_CUT_MV = 0.0  # cut-off of Brian2's Naud example (the *_vcut0 cases)
NAUD_V_TH_MV = -40.0  # V_T + 5*Delta_T: cut-off of the main AdEx cases


def naud_params():
    """Naud's patterns in spikecs's R/tau form, canonical units.

    R = 1/g_L (ohm), tau = C/g_L (ms), V_rest = E_L, V_reset = V_r,
    a nS -> S, b pA -> mA, I pA -> mA. Each float is the correctly rounded
    value of the exact decimal/rational (computed once, here)."""
    out = []
    for (name, c_pf, gl_ns, el, vt, dt_, a_ns, tw, b_pa, vr, i_pa) in NAUD:
        out.append({
            "pattern": name,
            "naud": {"C_pF": c_pf, "g_L_nS": gl_ns, "E_L_mV": el,
                     "V_T_mV": vt, "Delta_T_mV": dt_, "a_nS": a_ns,
                     "tau_w_ms": tw, "b_pA": b_pa, "V_r_mV": vr, "I_pA": i_pa},
            "params": {
                "R": 1e9 / gl_ns, "tau": c_pf / gl_ns, "V_rest": float(el),
                "V_reset": float(vr), "V_T": float(vt), "delta_T": float(dt_),
                "V_th": NAUD_V_TH_MV, "a": float(f"{a_ns}e-9"),
                "b": float(f"{b_pa}e-9"), "tau_w": float(tw),
                "V_init": float(el), "w_init": 0.0, "I": float(f"{i_pa}e-9"),
            },
        })
    return out


IZH_PATTERNS = [
    ("regular_spiking", 0.02, 0.2, -65.0, 8.0),
    ("fast_spiking", 0.1, 0.2, -65.0, 2.0),
    ("chattering", 0.02, 0.2, -50.0, 2.0),
    ("intrinsically_bursting", 0.02, 0.2, -55.0, 4.0),
]
IZH_I_MA = 10.0


def izh_params():
    """Izhikevich (2003) patterns, I = 10 mA with R = 1 ohm (10 mV/ms)."""
    return [{"pattern": n, "params": {"a": a, "b": b, "c": c, "d": d,
                                       "I": IZH_I_MA}}
            for (n, a, b, c, d) in IZH_PATTERNS]


def currents(values, **extra):
    """One neuron per input current (mA), with optional extra parameters."""
    return [dict(extra, I=float(v)) for v in values]


ADEX_NEURONS = [dict(p["params"]) for p in naud_params()]
ADEX_LABELS = [p["pattern"] for p in naud_params()]
IZH_NEURONS = [dict(p["params"]) for p in izh_params()]
IZH_LABELS = [p["pattern"] for p in izh_params()]

# Naud's patterns with the cut-off V_th = V_T + 5*Delta_T = -40 mV (Touboul &
# Brette 2008's V_cut; Brian2's Brette_Gerstner_2005 example): spike counts
# agree across euler/rk4 and dt 0.1/0.025/0.005 ms. The 0 mV cut-off
# (ADEX_VCUT0, Brian2's Naud example) needs the right-hand side evaluated at
# min(V, V_th): with v unclipped in the w equation the RK4 stages evaluate
# a*(V - V_rest) at the overshoot of the spike step (V up to 1e10 mV) and w
# jumps by orders of magnitude (see README.md).
ADEX_NEURONS_VCUT0 = [dict(n, V_th=NAUD_V_CUT_MV) for n in ADEX_NEURONS]

# name, model, method, dt_ms, duration_ms, neurons, labels, full_ms, stride
CASES = [
    ("expif_rk4", "expif", "rk4", 0.1, 200, currents([1, 5, 10, 20]), None, 200, 1),
    ("expif_euler", "expif", "euler", 0.1, 200, currents([1, 5, 10, 20]), None, 200, 1),
    ("expif_rk4_dt025", "expif", "rk4", 0.025, 200, currents([1, 5, 10, 20]), None, 25, 8),
    ("adex_rk4", "adex", "rk4", 0.1, 500, ADEX_NEURONS, ADEX_LABELS, 30, 10),
    ("adex_euler", "adex", "euler", 0.1, 500, ADEX_NEURONS, ADEX_LABELS, 30, 10),
    ("adex_rk4_dt025", "adex", "rk4", 0.025, 500, ADEX_NEURONS, ADEX_LABELS, 10, 40),
    ("adex_vcut0_rk4", "adex", "rk4", 0.1, 300, ADEX_NEURONS_VCUT0, ADEX_LABELS, 30, 10),
    ("adex_vcut0_euler", "adex", "euler", 0.1, 300, ADEX_NEURONS_VCUT0, ADEX_LABELS, 30, 10),
    ("adex_defaults_rk4", "adex", "rk4", 0.1, 300, currents([5, 10, 20]), None, 100, 4),
    ("qif_rk4", "qif", "rk4", 0.1, 200, currents([2, 5, 10, 20]), None, 200, 1),
    ("adqif_rk4", "adqif", "rk4", 0.1, 300, currents([10, 20, 40]), None, 100, 4),
    ("izhikevich_rk4", "izhikevich", "rk4", 0.1, 300, IZH_NEURONS, IZH_LABELS, 100, 4),
    ("izhikevich_euler", "izhikevich", "euler", 0.1, 300, IZH_NEURONS, IZH_LABELS, 100, 4),
    ("izhikevich_euler_dt025", "izhikevich", "euler", 0.025, 300, IZH_NEURONS, IZH_LABELS, 25, 16),
    ("hh_expeuler", "hh", "exponential_euler", 0.1, 100, currents([0.002, 0.007, 0.02]), None, 100, 1),
    ("hh_expeuler_dt025", "hh", "exponential_euler", 0.025, 100, currents([0.002, 0.007, 0.02]), None, 20, 8),
    # Explicit methods are unstable for HH at dt = 0.1 ms (peak conductance/C
    # is ~30/ms; Brian2's rk4 and ours diverge to V ~ 1e6 mV within 2 ms at
    # 0.02 mA), so rk4 runs at 0.025 ms.
    ("hh_rk4_dt025", "hh", "rk4", 0.025, 100, currents([0.002, 0.007, 0.02]), None, 20, 8),
]

# f-I curves: name, model, method, dt_ms, duration_ms, currents (mA), extra.
FI_CASES = [
    ("expif_fi", "expif", "rk4", 0.1, 1000, [2 * k for k in range(15)], {}),
    ("adex_fi", "adex", "rk4", 0.1, 1000, [3 * k for k in range(15)], {}),
    ("qif_fi", "qif", "rk4", 0.1, 1000, [2 * k for k in range(15)], {}),
    ("adqif_fi", "adqif", "rk4", 0.1, 1000, [4 * k for k in range(15)], {}),
    ("izhikevich_fi", "izhikevich", "rk4", 0.1, 1000, [k for k in range(15)],
     dict(IZH_NEURONS[0], I=None)),
    ("hh_fi", "hh", "rk4", 0.025, 500, [k / 1000 for k in range(21)], {}),
]


def full_params(model, neuron):
    """The neuron's complete parameter set (defaults merged), canonical units."""
    p = {k: v for k, (v, _) in MODELS[model]["defaults"].items()}
    p.update({k: v for k, v in neuron.items() if v is not None})
    if model == "izhikevich" and p.get("u_init") is None:
        p["u_init"] = p["b"] * p["V_init"]
    unknown = set(p) - set(MODELS[model]["defaults"])
    if unknown:
        raise ValueError(f"{model}: unknown parameters {sorted(unknown)}")
    return p


def hh_rates(v):
    """HH rate functions (1/ms) at v (mV), plain floats: the spec's formulas."""
    am = 0.1 * (v + 40) / (1 - math.exp(-(v + 40) / 10))
    bm = 4 * math.exp(-(v + 65) / 18)
    ah = 0.07 * math.exp(-(v + 65) / 20)
    bh = 1 / (1 + math.exp(-(v + 35) / 10))
    an = 0.01 * (v + 55) / (1 - math.exp(-(v + 55) / 10))
    bn = 0.125 * math.exp(-(v + 65) / 80)
    return am, bm, ah, bh, an, bn


def hh_gates_inf(v):
    """Steady-state m, h, n at v (mV)."""
    am, bm, ah, bh, an, bn = hh_rates(v)
    return am / (am + bm), ah / (ah + bh), an / (an + bn)


# ---------------------------------------------------------------------------
# Brian2 simulation.
# ---------------------------------------------------------------------------

def brian_run(model, method, dt_ms, duration_ms, neurons, record=True):
    """Simulates the neurons; returns (steps, {col: array[n, t]}, spikes)."""
    spec = MODELS[model]
    params = [full_params(model, n) for n in neurons]
    names = [k for k in spec["defaults"] if not k.endswith("_init")]
    decl = "\n".join(f"{k} : {DIM[spec['defaults'][k][1]]} (constant)"
                     for k in names)
    defaultclock.dt = dt_ms * ms
    g = NeuronGroup(len(neurons), spec["eqs"] + "\n" + decl,
                    threshold=spec["threshold"], reset=spec["reset"],
                    method=method)
    for k in names:
        unit = UNIT[spec["defaults"][k][1]]
        setattr(g, k, np.array([p[k] for p in params]) * unit)
    g.v = np.array([p["V_init"] for p in params]) * mV
    objs = [g]
    if model in ("adex", "adqif"):
        g.w = np.array([p["w_init"] for p in params]) * mA
    if model == "izhikevich":
        g.u = np.array([p["u_init"] for p in params]) * (mV / ms)
    if model == "hh":
        gates = np.array([hh_gates_inf(p["V_init"]) for p in params])
        g.m, g.h, g.n = gates[:, 0], gates[:, 1], gates[:, 2]
        g.v_prev = g.v[:]
        objs.append(g.run_regularly("v_prev = v", when="end"))
    sm = SpikeMonitor(g)
    objs.append(sm)
    if record:
        mon = StateMonitor(g, [var for _, var, _ in spec["state"]],
                           record=True, when="thresholds", order=1)
        objs.append(mon)
    net = Network(*objs)
    net.run(duration_ms * ms)
    if model == "hh" and method == "exponential_euler":
        # Keep the generated update in the log: it must be per-variable exact
        # solutions with all other variables frozen at the step start.
        brian_run.hh_expeuler_code = g.state_updater.abstract_code
    spike_steps = np.rint(np.asarray(sm.t / second) / (dt_ms * 1e-3)).astype(int)
    spikes = list(zip(spike_steps.tolist(), np.asarray(sm.i).tolist()))
    if not record:
        return None, None, spikes
    steps = np.rint(np.asarray(mon.t / second) / (dt_ms * 1e-3)).astype(int)
    cols = {col: np.asarray(getattr(mon, var) / UNIT[u])
            for col, var, u in spec["state"]}
    return steps, cols, spikes


# ---------------------------------------------------------------------------
# Independent plain-Python re-implementation (the check).
# ---------------------------------------------------------------------------

def rhs(model, p):
    """Returns f(state) -> derivative (canonical units, per ms)."""
    if model in ("expif", "adex"):
        def f(s):
            v = min(s[0], p["V_th"])  # the whole right-hand side at min(V, V_th)
            dv = -(v - p["V_rest"]) + p["delta_T"] * math.exp(
                (v - p["V_T"]) / p["delta_T"]) + p["R"] * p["I"]
            if model == "expif":
                return (dv / p["tau"],)
            w = s[1]
            return ((dv - p["R"] * w) / p["tau"],
                    (p["a"] * (v - p["V_rest"]) - w) / p["tau_w"])
        return f
    if model in ("qif", "adqif"):
        def f(s):
            v = s[0]
            dv = p["c"] * (v - p["V_rest"]) * (v - p["V_c"]) + p["R"] * p["I"]
            if model == "qif":
                return (dv / p["tau"],)
            w = s[1]
            return ((dv - p["R"] * w) / p["tau"],
                    (p["a"] * (v - p["V_rest"]) - w) / p["tau_w"])
        return f
    if model == "izhikevich":
        def f(s):
            v, u = s
            return (0.04 * v * v + 5 * v + 140 - u + p["R"] * p["I"],
                    p["a"] * (p["b"] * v - u))
        return f
    if model == "hh":
        def f(s):
            v, m, h, n = s
            am, bm, ah, bh, an, bn = hh_rates(v)
            i_ion = (p["g_Na"] * m ** 3 * h * (v - p["E_Na"])
                     + p["g_K"] * n ** 4 * (v - p["E_K"])
                     + p["g_L"] * (v - p["E_L"]))
            return ((p["I"] - i_ion) / p["C"], am * (1 - m) - bm * m,
                    ah * (1 - h) - bh * h, an * (1 - n) - bn * n)
        return f
    raise ValueError(model)


def step_py(model, method, p, f, s, h):
    """One integration step of length h (ms)."""
    if method == "euler":
        return tuple(x + h * d for x, d in zip(s, f(s)))
    if method == "rk4":
        k1 = f(s)
        k2 = f(tuple(x + h / 2 * k for x, k in zip(s, k1)))
        k3 = f(tuple(x + h / 2 * k for x, k in zip(s, k2)))
        k4 = f(tuple(x + h * k for x, k in zip(s, k3)))
        return tuple(x + h / 6 * (a + 2 * b + 2 * c + d)
                     for x, a, b, c, d in zip(s, k1, k2, k3, k4))
    if method == "exponential_euler" and model == "hh":
        v, m, h_, n = s
        gna, gk = p["g_Na"] * m ** 3 * h_, p["g_K"] * n ** 4
        gsum = gna + gk + p["g_L"]
        v_inf = (gna * p["E_Na"] + gk * p["E_K"] + p["g_L"] * p["E_L"]
                 + p["I"]) / gsum
        v_new = v_inf + (v - v_inf) * math.exp(-h * gsum / p["C"])
        am, bm, ah, bh, an, bn = hh_rates(v)
        out = [v_new]
        for x, a, b in ((m, am, bm), (h_, ah, bh), (n, an, bn)):
            x_inf = a / (a + b)
            out.append(x_inf + (x - x_inf) * math.exp(-h * (a + b)))
        return tuple(out)
    raise ValueError(f"{model}/{method}")


def python_run(model, method, dt_ms, duration_ms, neurons):
    """Plain-Python simulation; returns (V[n, t] of stored states, spikes)."""
    nsteps = int(round(duration_ms / dt_ms))
    vs = np.empty((len(neurons), nsteps))
    spikes = []
    for i, nrn in enumerate(neurons):
        p = full_params(model, nrn)
        f = rhs(model, p)
        if model in ("expif", "qif"):
            s = (p["V_init"],)
        elif model in ("adex", "adqif"):
            s = (p["V_init"], p["w_init"])
        elif model == "izhikevich":
            s = (p["V_init"], p["u_init"])
        else:
            s = (p["V_init"],) + hh_gates_inf(p["V_init"])
        for k in range(nsteps):
            prev = s[0]
            s = step_py(model, method, p, f, s, dt_ms)
            vs[i, k] = s[0]
            if model == "hh":
                if s[0] >= p["V_th"] and prev < p["V_th"]:
                    spikes.append((k, i))
            elif s[0] >= p["V_th"]:
                spikes.append((k, i))
                if model == "izhikevich":
                    s = (p["c"], s[1] + p["d"])
                elif model in ("adex", "adqif"):
                    s = (p["V_reset"], s[1] + p["b"])
                else:
                    s = (p["V_reset"],)
    spikes.sort()
    return vs, spikes


# ---------------------------------------------------------------------------
# Output.
# ---------------------------------------------------------------------------

def fmt(x):
    return repr(float(x))


def write_csv(path, header, rows):
    tmp = path + ".tmp"
    with open(tmp, "w") as fh:
        fh.write(",".join(header) + "\n")
        for r in rows:
            fh.write(",".join(r) + "\n")
    os.replace(tmp, path)


def kept(step, dt_ms, full_ms, stride):
    return step * dt_ms < full_ms - 1e-9 or step % stride == 0


def compare(bv, pv, bspk, pspk, i, dt_ms):
    """Brian2 vs plain Python for neuron i.

    Returns (first spike disagreement in ms or None, max relative |dV| before
    it, first time in ms where the relative |dV| exceeds 1e-9 and 1e-6). The
    relative difference is |dV| / max(1 mV, |V|)."""
    bs = {s for s, j in bspk if j == i}
    ps = {s for s, j in pspk if j == i}
    first_bad = min(bs ^ ps) if bs != ps else None
    rel = np.abs(bv[i] - pv[i]) / np.maximum(1.0, np.abs(bv[i]))
    upto = rel[:first_bad] if first_bad is not None else rel

    def first_above(x):
        idx = np.nonzero(rel > x)[0]
        return idx[0] * dt_ms if idx.size else None
    return (first_bad * dt_ms if first_bad is not None else None,
            float(np.max(upto)) if upto.size else 0.0,
            first_above(1e-9), first_above(1e-6))


def opt(x, f="{:.1f}"):
    return f.format(x) if x is not None else "-"


def main():
    print(f"Brian2 {brian2.__version__}, numpy {np.__version__}, "
          f"Python {sys.version.split()[0]}")
    manifest = {"brian2_version": brian2.__version__, "cases": [], "fi": []}
    summary = []
    for (name, model, method, dt_ms, dur, neurons, labels, full_ms,
         stride) in CASES:
        steps, cols, spikes = brian_run(model, method, dt_ms, dur, neurons)
        spec = MODELS[model]
        header = ["t_ms", "neuron"] + [c for c, _, _ in spec["state"]]
        rows = []
        for k, step in enumerate(steps):
            if not kept(step, dt_ms, full_ms, stride):
                continue
            for i in range(len(neurons)):
                rows.append([fmt(step * dt_ms), str(i)] +
                            [fmt(cols[c][i, k]) for c in cols])
        write_csv(os.path.join(HERE, name + ".csv"), header, rows)
        write_csv(os.path.join(HERE, name + "_spikes.csv"), ["t_ms", "neuron"],
                  [[fmt(s * dt_ms), str(i)] for s, i in spikes])
        pv, pspk = python_run(model, method, dt_ms, dur, neurons)
        label = [labels[i] if labels else f"I={n['I']:g} mA"
                 for i, n in enumerate(neurons)]
        manifest["cases"].append({
            "name": name, "model": model, "method": method, "dt_ms": dt_ms,
            "duration_ms": dur, "full_ms": full_ms, "stride": stride,
            "trace": name + ".csv", "spikes": name + "_spikes.csv",
            "columns": header,
            "neurons": [],
        })
        for i, n in enumerate(neurons):
            sp = [s for s, j in spikes if j == i]
            check = compare(cols["V"], pv, spikes, pspk, i, dt_ms)
            summary.append((name, i, label[i], len(sp), len(sp) / (dur * 1e-3),
                            sp[0] * dt_ms if sp else None,
                            sum(1 for _, j in pspk if j == i)) + check)
            manifest["cases"][-1]["neurons"].append({
                "label": label[i], "params": full_params(model, n),
                "spikes": len(sp),
                # How far the independent plain-Python run agreed with Brian2
                # (null: over the whole run).
                "python_check": {"spike_mismatch_ms": check[0],
                                 "max_rel_dV": check[1],
                                 "rel_dV_above_1e-9_from_ms": check[2],
                                 "rel_dV_above_1e-6_from_ms": check[3]}})
        size = os.path.getsize(os.path.join(HERE, name + ".csv"))
        print(f"{name:24s} {len(rows):6d} rows {size:7d} B", flush=True)
    for (name, model, method, dt_ms, dur, cur, extra) in FI_CASES:
        neurons = [dict(extra, I=float(c)) for c in cur]
        _, _, spikes = brian_run(model, method, dt_ms, dur, neurons, record=False)
        counts = [sum(1 for _, j in spikes if j == i) for i in range(len(cur))]
        _, pspk = python_run(model, method, dt_ms, dur, neurons)
        pcounts = [sum(1 for _, j in pspk if j == i) for i in range(len(cur))]
        write_csv(os.path.join(HERE, name + ".csv"), ["I_mA", "spikes"],
                  [[fmt(c), str(n)] for c, n in zip(cur, counts)])
        manifest["fi"].append({
            "name": name, "file": name + ".csv", "model": model,
            "method": method, "dt_ms": dt_ms, "duration_ms": dur,
            "params": full_params(model, dict(extra, I=None))})
        print(f"{name:24s} counts={counts}  python {'same' if pcounts == counts else pcounts}")
    with open(os.path.join(HERE, "cases.json"), "w") as fh:
        json.dump(manifest, fh, indent=1)
        fh.write("\n")
    with open(os.path.join(HERE, "adex_params.json"), "w") as fh:
        json.dump({"source": "Naud et al. 2008, Biol. Cybern. 99:335, Table 1; "
                   "V_th = V_T + 5*Delta_T = -40 mV (the *_vcut0 cases use 0 mV); "
                   "V_init = E_L, w_init = 0",
                   "units": {"R": "ohm", "tau": "ms", "V_*": "mV", "delta_T": "mV",
                             "a": "S", "b": "mA", "tau_w": "ms", "I": "mA",
                             "w_init": "mA"},
                   "patterns": naud_params()}, fh, indent=1)
        fh.write("\n")
    with open(os.path.join(HERE, "izhikevich_params.json"), "w") as fh:
        json.dump({"source": "Izhikevich 2003, IEEE TNN 14:1569, Fig. 2; "
                   "V_th 30 mV, R 1 ohm, V_init -65 mV, u_init = b*V_init",
                   "units": {"a": "1/ms", "b": "1/ms", "c": "mV", "d": "mV/ms",
                             "I": "mA"},
                   "patterns": izh_params()}, fh, indent=1)
        fh.write("\n")
    print()
    print("spikes/rate/first: Brian2. py: spike count of the plain-Python "
          "re-implementation; mismatch: first ms where the spike steps differ; "
          "relmax: max |dV|/max(1,|V|) before it; >1e-9, >1e-6: first ms where "
          "the relative difference exceeds that.")
    print(f"{'case':22s} {'n':>2s} {'neuron':24s} {'spikes':>6s} {'rate_Hz':>7s} "
          f"{'first_ms':>8s} {'py':>5s} {'mismatch':>8s} {'relmax':>8s} "
          f"{'>1e-9':>6s} {'>1e-6':>6s}")
    for (name, i, label, n, rate, first, pn, bad, relmax, t9, t6) in summary:
        print(f"{name:22s} {i:2d} {label:24s} {n:6d} {rate:7.1f} "
              f"{opt(first, '{:.3f}'):>8s} {pn:5d} {opt(bad):>8s} "
              f"{relmax:8.1e} {opt(t9):>6s} {opt(t6):>6s}")
    if getattr(brian_run, "hh_expeuler_code", None):
        print("\nBrian2 exponential_euler update for HH:")
        print(brian_run.hh_expeuler_code)


if __name__ == "__main__":
    main()
