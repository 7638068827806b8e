"""Load and run spikecs simulations from Python.

``load(dir)`` reads an output directory of the spikecs runner (csv or npy
outputs) into numpy arrays and pandas frames; ``run(scenario, ...)`` runs
the runner as a subprocess and loads what it wrote. Units are the
runner's: times in ms, rates in Hz, weights in S, V in mV.
"""

from ._load import Run, load
from ._run import run

__all__ = ["Run", "load", "run"]
