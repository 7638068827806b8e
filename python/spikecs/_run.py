"""Running the spikecs runner as a subprocess."""

import os
import shutil
import subprocess
import tempfile

from ._load import load


def _repo_root():
    return os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))


def run(scenario, out=None, binary=None, args=(), **overrides):
    """Run ``scenario`` (a built-in name or a .yaml path) and return load(out).

    out       output directory (default: a new temporary directory)
    binary    the runner (default: $SPIKECS_BINARY, else a ``run`` on
              PATH named spikecs-run, else ``go run ./cmd/run`` in this
              repository)
    args      further runner flags, e.g. ("-format", "npy", "-seed", "3")
    overrides scenario values as -set path=value; a path's dots may be
              written as double underscores:
              run("coba", duration="200ms", populations__exc__params__tau="12ms")
              ("duration", "seed" and "dt" may also be given this way).

    Raises RuntimeError with the runner's message when it fails.
    """
    if out is None:
        out = tempfile.mkdtemp(prefix="spikecs-")
        os.rmdir(out)  # the runner creates it
    out = os.path.abspath(os.fspath(out))
    scenario = os.fspath(scenario)
    if os.path.exists(scenario):  # a file, not a built-in name
        scenario = os.path.abspath(scenario)
    prog = _command(binary)
    cmd = prog + ["-quiet", "-out", out] + list(args)
    for key, value in overrides.items():
        cmd += ["-set", "%s=%s" % (key.replace("__", "."), value)]
    cmd.append(scenario)
    cwd = _repo_root() if prog[0] == "go" else None  # go run needs the module
    proc = subprocess.run(cmd, cwd=cwd, capture_output=True, text=True)
    if proc.returncode != 0:
        raise RuntimeError("spikecs run failed (exit %d): %s" % (proc.returncode, proc.stderr.strip()))
    return load(out)


def _env_binary():
    return os.environ.get("SPIKECS_BINARY")


def _command(binary):
    if binary:
        return [os.fspath(binary)]
    if _env_binary():
        return [_env_binary()]
    found = shutil.which("spikecs-run")
    if found:
        return [found]
    return ["go", "run", "./cmd/run"]
