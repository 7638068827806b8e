"""Reading an output directory of the spikecs runner."""

import glob
import json
import os
import re

import numpy as np
import pandas as pd


class Run(dict):
    """The outputs of one run, as a dict with attribute access.

    Keys:
      dir          the output directory
      summary      summary.json as a dict
      spikes       DataFrame t_ms (float64, ms), population (str), neuron
                   (int) with one row per spike of the recorded
                   populations, in time order
      spike_trains {population: {"t": times in ms, "i": neuron indices}}
      state        {key: {var: float64 array of shape T x N}}; key is the
                   population, or population_<k> when record.state names
                   it more than once (k: the entry's index)
      times        {key: float64 array of the T row times, ms}
      neurons      {key: int array of the N recorded neuron indices}
      rates        DataFrame t_ms, bin_ms, population, rate_hz
                   (record.rate), or None
      weights      {projection file base: DataFrame pre, post, weight_s}
                   for projections with learning

    Outputs of the training scenarios (eprop-sine, eprop-evidence) have
    instead of the keys above:
      training     summary.json's "training" object (iterations,
                   loss_last100_mean, accuracy, ...)
      loss         DataFrame iteration (int, from 1), loss and, for
                   classification, accuracy: loss.csv
      validation   DataFrame iteration, error, trials, confirmation
                   (bool): validation.csv, or None (regression)
      matrices     {"w_in": N x In, "w_rec": N x N, "w_out": K x N,
                    "feedback": N x K} float64 arrays of the trained
                   weights (the files' names without .npy)
    and those of the foraging world:
      foraging     summary.json's "foraging" object (food per agent,
                   ratio, ticks, ...)
    """

    def __getattr__(self, name):
        try:
            return self[name]
        except KeyError:
            raise AttributeError(name) from None

    def spike_counts(self):
        """Spikes per recorded population, as counted in the files."""
        return {p: len(tr["t"]) for p, tr in self["spike_trains"].items()}


def load(dir):
    """Read the runner's output directory ``dir`` (csv or npy outputs).

    The npy files are preferred when both formats are present; they hold
    the same values.
    """
    path = os.fspath(dir)
    with open(os.path.join(path, "summary.json")) as f:
        summary = json.load(f)
    r = Run(dir=path, summary=summary)
    files = set(summary.get("files") or os.listdir(path))
    if "training" in summary:
        return _training(r, path, files)
    if "foraging" in summary:
        r["foraging"] = summary["foraging"]
        return r
    pops = [p["name"] for p in summary["populations"]]
    if any(re.fullmatch(r"spikes_.+_[ti]\.npy", f) for f in files) or "spikes_t_ms.npy" in files:
        r["spike_trains"] = _spikes_npy(path, pops, files)
    elif "spikes.csv" in files:
        r["spike_trains"] = _spikes_csv(path)
    else:
        r["spike_trains"] = {}
    r["spikes"] = _spike_frame(r["spike_trains"])
    if summary.get("state_arrays"):
        r["state"], r["times"], r["neurons"] = _state_npy(path, summary["state_arrays"])
    elif "state.csv" in files:
        r["state"], r["times"], r["neurons"] = _state_csv(path)
    else:
        r["state"], r["times"], r["neurons"] = {}, {}, {}
    r["rates"] = _rates(path, files, summary)
    r["weights"] = _weights(path, files)
    return r


def _spikes_npy(path, pops, files):
    trains = {}
    for p in pops:
        t, i = "spikes_%s_t.npy" % p, "spikes_%s_i.npy" % p
        if t in files and i in files:
            trains[p] = {"t": np.load(os.path.join(path, t)), "i": np.load(os.path.join(path, i))}
    if trains or "spikes_t_ms.npy" not in files:
        return trains
    # Older outputs: the three long columns only.
    t = np.load(os.path.join(path, "spikes_t_ms.npy"))
    code = np.load(os.path.join(path, "spikes_population.npy"))
    n = np.load(os.path.join(path, "spikes_neuron.npy"))
    for k, p in enumerate(pops):
        sel = code == k
        if sel.any():
            trains[p] = {"t": t[sel], "i": n[sel]}
    return trains


def _spikes_csv(path):
    df = pd.read_csv(os.path.join(path, "spikes.csv"), dtype={"population": str},
                     float_precision="round_trip")
    trains = {}
    for p, g in df.groupby("population", sort=False):
        trains[p] = {"t": g["t_ms"].to_numpy(np.float64), "i": g["neuron"].to_numpy(np.int64)}
    return trains


def _spike_frame(trains):
    parts = [pd.DataFrame({"t_ms": tr["t"], "population": p, "neuron": tr["i"].astype(np.int64)})
             for p, tr in trains.items()]
    if not parts:
        return pd.DataFrame({"t_ms": np.zeros(0), "population": np.array([], dtype=object),
                             "neuron": np.zeros(0, dtype=np.int64)})
    df = pd.concat(parts, ignore_index=True)
    return df.sort_values("t_ms", kind="stable", ignore_index=True)


def _state_npy(path, arrays):
    state, times, neurons = {}, {}, {}
    for a in arrays:
        key = os.path.basename(a["neurons"])[len("state_"):-len("_neurons.npy")]
        times[key] = np.load(os.path.join(path, a["times"]))
        neurons[key] = np.load(os.path.join(path, a["neurons"]))
        state[key] = {v: np.load(os.path.join(path, f)) for v, f in a["vars"].items()}
    return state, times, neurons


def _state_csv(path):
    df = pd.read_csv(os.path.join(path, "state.csv"), dtype={"population": str, "var": str},
                     float_precision="round_trip")  # the runner writes exact float64s
    state, times, neurons = {}, {}, {}
    for p, g in df.groupby("population", sort=False):
        wide = g.pivot_table(index="t_ms", columns=["var", "neuron"], values="value", aggfunc="first")
        cols = sorted(g["neuron"].unique(), key=list(g["neuron"].drop_duplicates()).index)
        times[p] = wide.index.to_numpy(np.float64)
        neurons[p] = np.asarray(cols, dtype=np.int64)
        state[p] = {v: wide[v].reindex(columns=cols).to_numpy(np.float64)
                    for v in g["var"].drop_duplicates()}
    return state, times, neurons


def _rates(path, files, summary):
    if "rates_hz.npy" in files:
        pops = summary["codes"]["population"]
        code = np.load(os.path.join(path, "rates_population.npy"))
        return pd.DataFrame({
            "t_ms": np.load(os.path.join(path, "rates_t_ms.npy")),
            "bin_ms": np.load(os.path.join(path, "rates_bin_ms.npy")),
            "population": [pops[c] for c in code],
            "rate_hz": np.load(os.path.join(path, "rates_hz.npy")),
        })
    if "rates.csv" in files:
        return pd.read_csv(os.path.join(path, "rates.csv"), dtype={"population": str})
    return None


def _weights(path, files):
    out = {}
    for f in sorted(files):
        m = re.fullmatch(r"(weights_.+)_pre\.npy", f)
        if m and m.group(1) + ".npy" in files:
            b = os.path.join(path, m.group(1))
            out[m.group(1)[len("weights_"):]] = pd.DataFrame({
                "pre": np.load(b + "_pre.npy"), "post": np.load(b + "_post.npy"),
                "weight_s": np.load(b + ".npy")})
    for f in sorted(files):
        m = re.fullmatch(r"weights_(.+)\.csv", f)
        if m and m.group(1) not in out:
            out[m.group(1)] = pd.read_csv(os.path.join(path, f), float_precision="round_trip")
    return out


# The weight files of a training scenario (cmd/run/eprop_files.go).
_MATRICES = ("w_in", "w_rec", "w_out", "feedback")


def _training(r, path, files):
    r["training"] = r["summary"]["training"]
    r["loss"] = pd.read_csv(os.path.join(path, "loss.csv"), float_precision="round_trip")
    if "validation.csv" in files:
        v = pd.read_csv(os.path.join(path, "validation.csv"), float_precision="round_trip")
        v["confirmation"] = v["confirmation"].astype(bool)
        r["validation"] = v
    else:
        r["validation"] = None
    r["matrices"] = {m: np.load(os.path.join(path, m + ".npy"))
                     for m in _MATRICES if m + ".npy" in files}
    return r
