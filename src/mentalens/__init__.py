"""mentalens: offline, explainable mental-health signal analysis of social-media text.

Screening signals, not diagnoses. Nothing leaves the machine.
"""
from __future__ import annotations

__version__ = "0.1.0"

__all__ = ["Analyzer", "Result", "__version__", "analyze", "load"]


def __getattr__(name: str):  # keep `import mentalens` light: load the API on first use
    if name in ("Analyzer", "analyze", "load"):
        from . import api

        return getattr(api, name)
    if name == "Result":
        from .schema import Result

        return Result
    raise AttributeError(f"module 'mentalens' has no attribute {name!r}")
