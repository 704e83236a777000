"""Derived heads: a task read off another task's head by grouping its labels.

suicide_risk (no / yes) is the C-SSRS level head's probability of "supportive" against the
rest: the five-level head learns the finer structure from the same 500 users, and the binary
answer follows from it. The grouping is not typed anywhere: it comes from joining the two
task specs' label codes on the dataset they share (a raw label maps to one label of each).
The decision threshold is chosen on out-of-fold probabilities, maximising the task's metric.
The grouping itself is ``mentalens.tasks.label_groups``.
"""
from __future__ import annotations

import numpy as np

from .heads import Head


def group_matrix(head: Head, n_source_labels: int) -> np.ndarray:
    g = np.zeros((n_source_labels, len(head.labels)))
    for j, members in enumerate(head.groups):
        g[members, j] = 1.0
    return g


THRESHOLDS = np.round(np.arange(0.02, 0.99, 0.01), 2)


def tune(head: Head, proba: np.ndarray, y: np.ndarray, metric) -> None:
    """Binary derived head: the threshold on p(yes) that maximises ``metric(y, pred)`` on
    out-of-fold probabilities (ties: the threshold nearest 0.5). Multiclass: argmax."""
    if head.kind != "binary":
        head.rule, head.offsets = "map", [0.0] * len(head.labels)
        return
    best = max(THRESHOLDS, key=lambda t: (metric(y, (proba[:, 1] >= t).astype(int)), -abs(t - 0.5)))
    head.rule, head.thresholds = "tuned", [float(best)]
