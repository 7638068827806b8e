"""Tests of the spikecs Python package against real runner outputs.

The runner is $SPIKECS_BINARY when set, else ``go run ./cmd/run``.
Run: python3 -m unittest discover -s python/tests -v
"""

import json
import os
import shutil
import sys
import tempfile
import unittest

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), ".."))

import numpy as np  # noqa: E402

import spikecs  # noqa: E402


class SpikecsTest(unittest.TestCase):
    @classmethod
    def setUpClass(cls):
        cls.tmp = tempfile.mkdtemp(prefix="spikecs-test-")
        # COBA, both formats, with some state recorded (two vars, 3 neurons).
        cls.coba = {}
        for fmt in ("csv", "npy"):
            out = os.path.join(cls.tmp, "coba-" + fmt)
            cls.coba[fmt] = spikecs.run(
                "coba", out=out, args=("-format", fmt, "-plots=false", "-duration", "200ms"),
                record__state='[{population: exc, vars: [V, spike], neurons: [0, 5, 7]}]')

    @classmethod
    def tearDownClass(cls):
        shutil.rmtree(cls.tmp)

    def test_spike_counts_equal_summary(self):
        for fmt, d in self.coba.items():
            with open(os.path.join(d.dir, "summary.json")) as f:
                summary = json.load(f)
            want = {p["name"]: p["spikes"] for p in summary["populations"]}
            self.assertEqual(d.spike_counts(), want, fmt)
            self.assertEqual(len(d.spikes), summary["spikes_total"], fmt)
            self.assertGreater(summary["spikes_total"], 0)
            self.assertTrue(np.all(np.diff(d.spikes["t_ms"].to_numpy()) >= 0), "spikes in time order")

    def test_state_arrays_are_T_by_N(self):
        steps = self.coba["npy"].summary["steps"]
        for fmt, d in self.coba.items():
            self.assertEqual(list(d.state), ["exc"], fmt)
            for var in ("V", "spike"):
                a = d.state["exc"][var]
                self.assertEqual(a.shape, (steps, 3), "%s %s: T x N" % (fmt, var))
                self.assertEqual(a.dtype, np.float64)
            self.assertEqual(list(d.neurons["exc"]), [0, 5, 7], fmt)
            self.assertEqual(d.times["exc"].shape, (steps,))
            self.assertAlmostEqual(d.times["exc"][1] - d.times["exc"][0], d.summary["dt_ms"])

    def test_csv_and_npy_hold_the_same_values(self):
        c, n = self.coba["csv"], self.coba["npy"]
        np.testing.assert_array_equal(c.state["exc"]["V"], n.state["exc"]["V"])
        # spikes.csv and state.csv print times with 12 significant digits
        np.testing.assert_allclose(c.times["exc"], n.times["exc"], rtol=0, atol=1e-9)
        for p in c.spike_trains:
            np.testing.assert_array_equal(c.spike_trains[p]["i"], n.spike_trains[p]["i"])
            np.testing.assert_allclose(c.spike_trains[p]["t"], n.spike_trains[p]["t"], rtol=0, atol=1e-9)

    def test_spikes_in_V_match_spike_flag(self):
        # A neuron's spike flag is 1 exactly at its spike times.
        d = self.coba["npy"]
        flag = d.state["exc"]["spike"]
        t = d.times["exc"]
        tr = d.spike_trains["exc"]
        for col, neuron in enumerate(d.neurons["exc"]):
            want = np.sort(tr["t"][tr["i"] == neuron])
            np.testing.assert_allclose(t[flag[:, col] == 1], want, atol=1e-9)

    def test_rates_and_weights(self):
        out = os.path.join(self.tmp, "rates")
        d = spikecs.run("coba", out=out, args=("-format", "npy", "-plots=false", "-duration", "50ms"),
                        record__rate="{populations: [exc], bin: 10 ms}")
        self.assertEqual(list(d.rates.columns), ["t_ms", "bin_ms", "population", "rate_hz"])
        self.assertEqual(len(d.rates), 5)
        want = d.summary["populations"][0]["rate_hz"]
        self.assertAlmostEqual(d.rates["rate_hz"].mean(), want, places=6)
        self.assertEqual(d.weights, {})

    def test_weights_of_learning_projections(self):
        loaded = {}
        for fmt in ("csv", "npy"):
            out = os.path.join(self.tmp, "stdp-" + fmt)
            d = spikecs.run("stdp-demo", out=out, args=("-format", fmt, "-plots=false", "-duration", "100ms"))
            self.assertEqual(list(d.weights), ["plastic"], fmt)
            w = d.weights["plastic"]
            self.assertEqual(list(w.columns), ["pre", "post", "weight_s"], fmt)
            self.assertEqual(len(w), 1000, "one row per synapse of 1000 inputs onto one neuron")
            loaded[fmt] = w
        np.testing.assert_array_equal(loaded["csv"]["weight_s"].to_numpy(), loaded["npy"]["weight_s"].to_numpy())

    def test_training_outputs(self):
        cases = (("eprop-sine", 3, None), ("eprop-evidence", 2, True))
        for name, iters, classification in cases:
            d = spikecs.run(name, out=os.path.join(self.tmp, name), args=("-plots=false",), iterations=iters)
            self.assertEqual(d.training["iterations"], iters, name)
            cols = ["iteration", "loss"] + (["accuracy"] if classification else [])
            self.assertEqual(list(d.loss.columns), cols, name)
            self.assertEqual(list(d.loss["iteration"]), list(range(1, iters + 1)), name)
            last = d.loss["loss"].to_numpy()[-100:]
            self.assertAlmostEqual(last.mean(), d.training["loss_last100_mean"], places=12, msg=name)
            n = d.matrices["w_rec"].shape[0]
            self.assertEqual(d.matrices["w_rec"].shape, (n, n), name)
            k = d.matrices["w_out"].shape[0]
            self.assertEqual(d.matrices["w_out"].shape, (k, n), name)
            self.assertEqual(d.matrices["feedback"].shape, (n, k), name)
            self.assertEqual(d.matrices["w_in"].shape[0], n, name)
            if classification:
                v = d.validation
                self.assertEqual(list(v.columns), ["iteration", "error", "trials", "confirmation"])
                self.assertGreater(len(v), 0)
                self.assertEqual(v["confirmation"].dtype, bool)
                self.assertAlmostEqual(1 - v["error"].iloc[-1], d.training["accuracy"], places=12)
            else:
                self.assertIsNone(d.validation, name)

    def test_foraging_outputs(self):
        d = spikecs.run("foraging", out=os.path.join(self.tmp, "foraging"), args=("-plots=false", "-seed", "2"))
        self.assertEqual(d.foraging["seed"], 2)
        self.assertGreater(d.foraging["brain_food_per_agent"], d.foraging["random_food_per_agent"])

    def test_run_reports_the_runner_error(self):
        with self.assertRaises(RuntimeError) as ctx:
            spikecs.run("coba", out=os.path.join(self.tmp, "bad"), populations__exc__size="-3")
        self.assertIn("size", str(ctx.exception))


if __name__ == "__main__":
    unittest.main()
