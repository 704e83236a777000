"""The behavioural suite (CheckList style): minimum functionality, invariance and directional
cases, written for this project, run with ``mentalens bench behaviour``.

- suite.py: the case files (``<lang>/*.yaml``) and their validation;
- perturb.py: the seeded perturbations that make the invariance cases;
- runner.py: ``run_behaviour`` and the risk measure for directional pairs;
- report.py: the results files and the markdown table.
"""
from __future__ import annotations

__all__ = ["load_suite", "run_behaviour", "write_behaviour_results", "render_behaviour_markdown"]


def __getattr__(name: str):
    if name == "load_suite":
        from .suite import load_suite

        return load_suite
    if name == "run_behaviour":
        from .runner import run_behaviour

        return run_behaviour
    if name in ("write_behaviour_results", "render_behaviour_markdown"):
        from . import report

        return getattr(report, name)
    raise AttributeError(f"module 'mentalens.bench.behaviour' has no attribute {name!r}")
