"""From a backend's outputs to what a benchmark scores.

- **Predictions**: ``predict_proba`` then ``decide`` — the backend's own decision rule, the
  one users get. A row of NaN probabilities, or no decided label for a single-label task, is
  INVALID. (For a multi-label task an empty decision is a valid answer: no label applies.)
- **Label subset** (a benchmark with ``labels:``, e.g. T-SID uses four of mental_disorder's six
  labels): the distribution is restricted to the subset — other labels' probabilities set to
  0 and the rest renormalised — and the backend's ``decide`` runs on that. For any decision
  rule that is increasing in each label's probability (argmax of probabilities, or of log
  probabilities plus per-label offsets as lens does) this is the argmax of the decision
  scores among the subset. Should a backend still decide a label outside the subset, the
  subset's most probable label is taken. The per-sample record keeps the full distribution.
- **Pooled yes/no** (``pooled_yes_no: true``: IMHI MultiWD and Irf ask about one aspect per
  row): each row becomes a yes/no item — gold from the row's answer, predicted "yes" when the
  aspect is among the post's decided labels — and all rows of the set are scored as one
  binary problem (labels "no", "yes"). INVALID rows stay INVALID, never "no".
- **Single-label** tasks are scored directly on the task's labels.
"""
from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass, field

import numpy as np

from ..data.example import Example
from ..errors import DataError
from ..tasks import Benchmark, TaskSpec, get_task, label_groups
from .metrics import INVALID

INVALID_LABEL = "INVALID"
BATCH = 256


@dataclass
class Predictions:
    proba: np.ndarray                 # (n, K): the backend's distribution, the task's label order
    decided: list[list[str]]          # decided labels per example (after any subset restriction)
    invalid: np.ndarray               # (n,) bool


@dataclass
class Scored:
    method: str                       # single-label / label-subset / pooled-yes-no / multi-label
    labels: list[str]                 # the labels scored, in index order
    gold: np.ndarray                  # (n,) label index, or (n, L) bool for multi-label
    pred: np.ndarray                  # (n,) label index or INVALID (-1), or (n, L) bool for multi-label
    invalid: np.ndarray               # (n,) bool
    rows: list[dict] = field(default_factory=list)   # per-sample predictions


def restrict(proba: np.ndarray, labels: Sequence[str], subset: Sequence[str]) -> np.ndarray:
    """The distribution restricted to ``subset`` and renormalised; NaN rows stay NaN."""
    idx = [list(labels).index(lab) for lab in subset]
    out = np.zeros_like(proba, dtype=float)
    out[:, idx] = proba[:, idx]
    total = out.sum(axis=1, keepdims=True)
    flat = np.isfinite(total[:, 0]) & (total[:, 0] <= 0)
    out = np.divide(out, total, out=np.zeros_like(out), where=total > 0)
    out[np.ix_(flat, idx)] = 1.0 / len(idx)          # no mass on the subset: a uniform guess among it
    out[~np.isfinite(proba).all(axis=1)] = np.nan
    return out


def predict(backend, task: TaskSpec, texts: Sequence[str], subset: Sequence[str] | None = None,
            batch: int = BATCH) -> Predictions:
    """Probabilities and decisions for ``texts`` (each distinct text scored once)."""
    unique = list(dict.fromkeys(texts))
    parts = [np.asarray(backend.predict_proba(unique[i:i + batch], [task.id])[task.id], dtype=float)
             for i in range(0, len(unique), batch)]
    proba = np.vstack(parts) if parts else np.zeros((0, len(task.labels)))
    used = restrict(proba, task.label_ids, subset) if subset else proba
    decided = backend.decide(task.id, used)
    if subset:
        keep = set(subset)
        idx = [task.label_ids.index(lab) for lab in subset]
        decided = [d if set(d) <= keep else [subset[int(np.argmax(row[idx]))]] if np.isfinite(row).all() else []
                   for d, row in zip(decided, used)]
    invalid = ~np.isfinite(proba).all(axis=1)
    if not task.multilabel:
        invalid |= np.array([len(d) != 1 for d in decided], dtype=bool)
    where = {t: i for i, t in enumerate(unique)}
    rows = [where[t] for t in texts]
    return Predictions(proba[rows] if len(rows) else proba, [decided[i] for i in rows], invalid[rows])


def probabilities(task: TaskSpec, row: np.ndarray) -> dict[str, float | None]:
    return {lab: (round(float(p), 6) if math.isfinite(p) else None) for lab, p in zip(task.label_ids, row)}


def score(task: TaskSpec, bench: Benchmark, examples: Sequence[Example], pred: Predictions) -> Scored:
    if bench.pooled_yes_no:
        return pooled_yes_no(task, examples, pred)
    if task.multilabel:
        return multilabel(task, examples, pred)
    return single_label(task, bench, examples, pred)


def single_label(task: TaskSpec, bench: Benchmark, examples: Sequence[Example], pred: Predictions) -> Scored:
    if bench.as_task:
        task, pred = regroup(task, get_task(bench.as_task), pred)
    labels = list(bench.labels or task.label_ids)
    gold, out, rows = [], [], []
    for i, e in enumerate(examples):
        g = e.labels[task.id]
        if g not in labels:
            raise DataError(f"{e.id}: gold label {g!r} of task {task.id} is not among the labels benchmark "
                            f"{bench.suite}/{bench.name} scores ({', '.join(labels)})",
                            hint=f"fix the benchmark's labels in tasks/specs/{task.id}.yaml")
        p = INVALID if pred.invalid[i] else labels.index(pred.decided[i][0])
        gold.append(labels.index(g))
        out.append(p)
        rows.append({"id": e.id, "gold": g, "predicted": INVALID_LABEL if p == INVALID else labels[p],
                     "probabilities": probabilities(task, pred.proba[i])})
    method = "label-subset" if bench.labels else "single-label"
    return Scored(method, labels, np.array(gold, dtype=np.int64), np.array(out, dtype=np.int64),
                  pred.invalid.copy(), rows)


def regroup(source: TaskSpec, target: TaskSpec, pred: Predictions) -> tuple[TaskSpec, Predictions]:
    """Predictions of ``source`` read as ``target``'s labels (``Benchmark.as_task``): probabilities
    summed over each group, the decided label's group as the decision."""
    groups = label_groups(target, source)
    of = {source.label_ids[i]: target.label_ids[j] for j, members in enumerate(groups) for i in members}
    proba = np.stack([pred.proba[:, members].sum(axis=1) for members in groups], axis=1)
    decided = [[of[d[0]]] if len(d) == 1 else [] for d in pred.decided]
    return target, Predictions(proba, decided, pred.invalid.copy())


def pooled_yes_no(task: TaskSpec, examples: Sequence[Example], pred: Predictions) -> Scored:
    gold, out, invalid, rows = [], [], [], []
    for i, e in enumerate(examples):
        aspects = dict(e.labels[task.id])
        for aspect, present in aspects.items():
            bad = bool(pred.invalid[i])
            p = INVALID if bad else int(aspect in pred.decided[i])
            gold.append(int(bool(present)))
            out.append(p)
            invalid.append(bad)
            rows.append({"id": e.id if len(aspects) == 1 else f"{e.id}#{aspect}", "aspect": aspect,
                         "gold": "yes" if present else "no",
                         "predicted": INVALID_LABEL if bad else ("yes" if p else "no"),
                         "probabilities": probabilities(task, pred.proba[i])})
    return Scored("pooled-yes-no", ["no", "yes"], np.array(gold, dtype=np.int64), np.array(out, dtype=np.int64),
                  np.array(invalid, dtype=bool), rows)


def multilabel(task: TaskSpec, examples: Sequence[Example], pred: Predictions) -> Scored:
    labels = task.label_ids
    gold = np.zeros((len(examples), len(labels)), dtype=bool)
    out = np.zeros_like(gold)
    rows = []
    for i, e in enumerate(examples):
        value = dict(e.labels[task.id])
        if set(value) != set(labels):
            raise DataError(f"{e.id}: task {task.id} is annotated for {sorted(value)}, not for all its labels",
                            hint="score partly annotated rows as pooled yes/no (pooled_yes_no: true in the benchmark)")
        gold[i] = [bool(value[lab]) for lab in labels]
        out[i] = [lab in pred.decided[i] for lab in labels]
        rows.append({"id": e.id, "gold": [lab for lab in labels if value[lab]],
                     "predicted": INVALID_LABEL if pred.invalid[i] else list(pred.decided[i]),
                     "probabilities": probabilities(task, pred.proba[i])})
    return Scored("multi-label", list(labels), gold, out, pred.invalid.copy(), rows)
