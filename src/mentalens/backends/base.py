"""The Backend contract. Every backend passes tests/backends/contract.py.

A backend maps texts to calibrated per-task label probabilities, and decides labels from
them. Probabilities are numpy arrays of shape (n_texts, n_labels), columns in the TaskSpec's
label order. Single-label tasks: rows sum to 1. Multi-label tasks: each column is the
independent probability that the label applies.
"""
from __future__ import annotations

from abc import ABC, abstractmethod
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

import numpy as np

from ..data.example import Example
from ..schema import Evidence


@dataclass(frozen=True)
class Capabilities:
    trainable: bool = False
    evidence_spans: bool = False     # explain() returns spans that measurably move the score
    rationales: bool = False         # generates prose explanations itself
    needs_gpu: bool = False


class Backend(ABC):
    name: str = "backend"
    capabilities: Capabilities = Capabilities()

    # -- identity -----------------------------------------------------------
    @property
    @abstractmethod
    def model_name(self) -> str: ...

    @property
    @abstractmethod
    def model_version(self) -> str: ...

    @property
    @abstractmethod
    def tasks(self) -> list[str]:
        """Task ids this backend can score, in a stable order."""

    # -- the estimator verbs ------------------------------------------------
    def fit(self, examples: Sequence[Example], tasks: Sequence[str]) -> Backend:
        raise NotImplementedError(f"backend {self.name!r} is not trainable")

    @abstractmethod
    def predict_proba(self, texts: Sequence[str], tasks: Sequence[str] | None = None) -> dict[str, np.ndarray]:
        """Calibrated probabilities per task. A row of NaN marks an INVALID output."""

    @abstractmethod
    def decide(self, task: str, proba: np.ndarray) -> list[list[str]]:
        """Decided labels per row: one label for single-label tasks, any number for multilabel."""

    def explain(self, texts: Sequence[str], labels: Sequence[dict[str, list[str]]],
                top_k: int = 5) -> list[dict[str, list[Evidence]]]:
        """Evidence spans for the given decided labels of each text (``evidence_spans`` capability)."""
        raise NotImplementedError(f"backend {self.name!r} does not give evidence spans")

    @abstractmethod
    def save(self, path: str | Path) -> None: ...

    @classmethod
    @abstractmethod
    def load(cls, path: str | Path) -> Backend: ...
