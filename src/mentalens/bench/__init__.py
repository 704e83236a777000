"""Benchmarks: commands that write results files with provenance, not timed tests.

- ``run_suite`` (runner.py): IMHI / MentaBench test sets from the task specs -> metrics with
  bootstrap intervals, per-sample predictions, provenance.
- ``write_results`` / ``render_markdown`` (report.py): the JSON and markdown files.
- ``run_speed`` (speed.py): lens against its peers on the same posts, one core each.
- ``run_chat`` (chat.py): the supportive chat's safety layer on red-team prompts and real dialogues.
"""
from __future__ import annotations

__all__ = ["render_markdown", "run_speed", "run_suite", "write_results"]


def __getattr__(name: str):
    if name == "run_suite":
        from .runner import run_suite

        return run_suite
    if name in ("render_markdown", "write_results"):
        from . import report

        return getattr(report, name)
    if name == "run_speed":
        from .speed import run_speed

        return run_speed
    raise AttributeError(f"module 'mentalens.bench' has no attribute {name!r}")
