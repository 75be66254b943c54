# Process Playground: makes Python's output line-buffered through a pipe, as it is in a terminal.
# Without it, output to a pipe waits in a block buffer until the program ends; and unbuffered
# output (PYTHONUNBUFFERED, set as a fallback) writes each print's text and its newline
# separately, so the lines of concurrent processes get mixed. Python imports this file at start
# because the playground puts its folder on PYTHONPATH; any other sitecustomize is then loaded.
import os
import sys

for _stream in (sys.stdout, sys.stderr):
    try:
        _stream.reconfigure(line_buffering=True, write_through=False)
    except Exception:
        pass

_here = os.path.dirname(os.path.abspath(__file__))
# Our folder stays on PYTHONPATH (children started with spawn or forkserver need it) but leaves
# sys.path, so the program sees the paths it would see anyway.
sys.path[:] = [p for p in sys.path if os.path.abspath(p or ".") != _here]


def _load_hidden_sitecustomize():
    """Runs the sitecustomize this file hides (a distribution's or a virtualenv's), if any."""
    import importlib.machinery
    import importlib.util

    spec = importlib.machinery.PathFinder.find_spec("sitecustomize", sys.path)
    if spec is not None and spec.loader is not None:
        spec.loader.exec_module(importlib.util.module_from_spec(spec))


try:
    _load_hidden_sitecustomize()
except Exception as _error:  # as Python itself reports a failing sitecustomize
    print(f"Error in sitecustomize: {_error!r}", file=sys.stderr)
