"""Classification metrics with bootstrap confidence intervals. Pure numpy.

Single-label scoring works on a confusion matrix ``C`` of shape (K, K + 1): rows are gold
labels, columns predicted labels, and the last column counts INVALID predictions (a backend
row of NaN, or no decided label). An INVALID prediction is wrong: it lowers the recall of
its gold label and the accuracy, and it is never a prediction of any label (so it is never
read as "no"). Definitions follow scikit-learn's, with ``zero_division=0``:

- accuracy: correct / n (INVALID counts in n);
- balanced accuracy: mean recall over the labels that occur in the gold data;
- weighted F1: per-label F1 weighted by gold support;
- macro F1: unweighted mean F1 over the labels that occur in the gold data or the
  predictions (scikit-learn's default label set); INVALID is not a label;
- F1 of one label (``f1_of``).

Multi-label scoring (``micro_f1``) counts cells: an INVALID row has every cell wrong (each
present label a false negative, each absent one a false positive).

Every function accepts a stack of matrices (..., K, K + 1) so that the bootstrap computes
all resamples at once. Bootstrap: items are resampled with replacement (1,000 times by
default, fixed seed); the interval is the percentile interval.
"""
from __future__ import annotations

from collections.abc import Callable

import numpy as np

INVALID = -1
N_BOOTSTRAP = 1000
CONFIDENCE = 0.95


def confusion(gold: np.ndarray, pred: np.ndarray, k: int) -> np.ndarray:
    """(K, K + 1) counts; ``pred`` == INVALID (-1) goes to the last column."""
    gold, pred = np.asarray(gold, dtype=np.int64), np.asarray(pred, dtype=np.int64)
    _check(gold, pred, k)
    cells = gold * (k + 1) + np.where(pred == INVALID, k, pred)
    return np.bincount(cells, minlength=k * (k + 1)).reshape(k, k + 1)


def _check(gold: np.ndarray, pred: np.ndarray, k: int) -> None:
    if gold.shape != pred.shape or gold.ndim != 1:
        raise ValueError(f"gold and pred must be 1-d of one length; got {gold.shape} and {pred.shape}")
    if gold.size and (gold.min() < 0 or gold.max() >= k):
        raise ValueError(f"gold labels must lie in 0..{k - 1}")
    if pred.size and (pred.min() < INVALID or pred.max() >= k):
        raise ValueError(f"predicted labels must lie in 0..{k - 1} or be INVALID ({INVALID})")


def _div(a: np.ndarray, b: np.ndarray) -> np.ndarray:
    a, b = np.asarray(a, dtype=float), np.asarray(b, dtype=float)
    return np.divide(a, b, out=np.zeros(np.broadcast(a, b).shape), where=b > 0)


def _parts(c: np.ndarray) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """(true positives, gold support, predicted count) per label; each (..., K)."""
    c = np.asarray(c, dtype=float)
    tp = np.diagonal(c[..., :, :-1], axis1=-2, axis2=-1)
    return tp, c.sum(axis=-1), c[..., :, :-1].sum(axis=-2)


def per_label_f1(c: np.ndarray) -> np.ndarray:
    tp, support, predicted = _parts(c)
    precision, recall = _div(tp, predicted), _div(tp, support)
    return _div(2 * precision * recall, precision + recall)


def accuracy(c: np.ndarray) -> np.ndarray:
    tp, support, _ = _parts(c)
    return _div(tp.sum(axis=-1), support.sum(axis=-1))


def balanced_accuracy(c: np.ndarray) -> np.ndarray:
    tp, support, _ = _parts(c)
    present = support > 0
    return _div((_div(tp, support) * present).sum(axis=-1), present.sum(axis=-1))


def weighted_f1(c: np.ndarray) -> np.ndarray:
    _, support, _ = _parts(c)
    return _div((per_label_f1(c) * support).sum(axis=-1), support.sum(axis=-1))


def macro_f1(c: np.ndarray) -> np.ndarray:
    _, support, predicted = _parts(c)
    seen = (support > 0) | (predicted > 0)
    return _div((per_label_f1(c) * seen).sum(axis=-1), seen.sum(axis=-1))


def f1_of(c: np.ndarray, label: int) -> np.ndarray:
    """F1 of one label (e.g. the high-risk class)."""
    return per_label_f1(c)[..., label]


SINGLE_LABEL: dict[str, Callable[[np.ndarray], np.ndarray]] = {
    "weighted_f1": weighted_f1, "macro_f1": macro_f1, "accuracy": accuracy, "balanced_accuracy": balanced_accuracy,
}


# -- multi-label -------------------------------------------------------------------------------
def multilabel_counts(gold: np.ndarray, pred: np.ndarray, invalid: np.ndarray | None = None) -> np.ndarray:
    """Per row and label (n, L, 3): true positive, false positive, false negative (0/1).

    ``gold`` and ``pred`` are (n, L) booleans; rows flagged ``invalid`` have every cell wrong.
    """
    gold, pred = np.asarray(gold, dtype=bool), np.asarray(pred, dtype=bool)
    if gold.shape != pred.shape or gold.ndim != 2:
        raise ValueError(f"gold and pred must be (n, labels) of one shape; got {gold.shape} and {pred.shape}")
    if invalid is not None:
        pred = np.where(np.asarray(invalid, dtype=bool)[:, None], ~gold, pred)
    return np.stack([gold & pred, ~gold & pred, gold & ~pred], axis=-1).astype(np.int64)


def micro_f1(counts: np.ndarray) -> np.ndarray:
    """Micro F1 from summed (..., L, 3) counts."""
    tp, fp, fn = (counts[..., j].sum(axis=-1) for j in range(3))
    return _div(2 * tp, 2 * tp + fp + fn)


def label_f1_multilabel(counts: np.ndarray) -> np.ndarray:
    tp, fp, fn = counts[..., 0], counts[..., 1], counts[..., 2]
    return _div(2 * tp, 2 * tp + fp + fn)


def macro_f1_multilabel(counts: np.ndarray) -> np.ndarray:
    return label_f1_multilabel(counts).mean(axis=-1)


def weighted_f1_multilabel(counts: np.ndarray) -> np.ndarray:
    support = counts[..., 0] + counts[..., 2]
    return _div((label_f1_multilabel(counts) * support).sum(axis=-1), support.sum(axis=-1))


MULTI_LABEL: dict[str, Callable[[np.ndarray], np.ndarray]] = {
    "micro_f1": micro_f1, "macro_f1": macro_f1_multilabel, "weighted_f1": weighted_f1_multilabel,
}


# -- bootstrap ---------------------------------------------------------------------------------
def bootstrap(items: np.ndarray, stats: dict[str, Callable[[np.ndarray], np.ndarray]], *,
              n_resamples: int = N_BOOTSTRAP, seed: int = 0, confidence: float = CONFIDENCE,
              chunk: int = 100) -> dict[str, tuple[float, float, float]]:
    """Point estimate and percentile interval of each statistic: name -> (value, low, high).

    ``items`` holds one count array per item (n, ...); a statistic maps summed counts
    (..., same trailing shape) to a number. Resampling draws n items with replacement.
    """
    items = np.asarray(items, dtype=np.int64)
    n = len(items)
    total = items.sum(axis=0)
    out: dict[str, tuple[float, float, float]] = {}
    if n == 0:
        return {name: (float("nan"),) * 3 for name in stats}
    flat = items.reshape(n, -1).astype(float)
    rng = np.random.default_rng(seed)
    draws: dict[str, list[np.ndarray]] = {name: [] for name in stats}
    for start in range(0, n_resamples, chunk):
        b = min(chunk, n_resamples - start)
        idx = rng.integers(0, n, size=(b, n))
        weights = np.bincount((idx + n * np.arange(b)[:, None]).ravel(), minlength=b * n).reshape(b, n)
        sums = (weights.astype(float) @ flat).round().reshape((b, *items.shape[1:]))
        for name, fn in stats.items():
            draws[name].append(np.asarray(fn(sums), dtype=float))
    tail = (1.0 - confidence) / 2 * 100
    for name, fn in stats.items():
        values = np.concatenate(draws[name])
        low, high = np.nanpercentile(values, [tail, 100 - tail]) if np.isfinite(values).any() else (np.nan, np.nan)
        out[name] = (float(fn(total)), float(low), float(high))
    return out


def score_single_label(gold: np.ndarray, pred: np.ndarray, k: int, metrics: list[str], *,
                       n_resamples: int = N_BOOTSTRAP, seed: int = 0, confidence: float = CONFIDENCE,
                       label: int | None = None) -> dict[str, tuple[float, float, float]]:
    """Named single-label metrics with bootstrap intervals; INVALID (-1) predictions count as wrong.
    ``label``: the label index that "label_f1" scores."""
    gold, pred = np.asarray(gold, dtype=np.int64), np.asarray(pred, dtype=np.int64)
    _check(gold, pred, k)
    onehot = np.zeros((len(gold), k * (k + 1)), dtype=np.int64)
    onehot[np.arange(len(gold)), gold * (k + 1) + np.where(pred == INVALID, k, pred)] = 1
    items = onehot.reshape(len(gold), k, k + 1)
    if "label_f1" in metrics and label is None:
        raise ValueError("metric label_f1 needs the label it scores")
    stats = {m: (lambda c: f1_of(c, label)) if m == "label_f1" else SINGLE_LABEL[m] for m in metrics}
    return bootstrap(items, stats, n_resamples=n_resamples, seed=seed, confidence=confidence)


def score_multilabel(gold: np.ndarray, pred: np.ndarray, invalid: np.ndarray | None, metrics: list[str], *,
                     n_resamples: int = N_BOOTSTRAP, seed: int = 0, confidence: float = CONFIDENCE
                     ) -> dict[str, tuple[float, float, float]]:
    """Named multi-label metrics (micro / macro / weighted F1 over labels) with bootstrap intervals."""
    items = multilabel_counts(gold, pred, invalid)
    return bootstrap(items, {m: MULTI_LABEL[m] for m in metrics}, n_resamples=n_resamples, seed=seed,
                     confidence=confidence)


def bootstrap_values(values: np.ndarray, stat: Callable[[np.ndarray, int], np.ndarray], *,
                     n_resamples: int = N_BOOTSTRAP, seed: int = 0, confidence: float = CONFIDENCE,
                     chunk: int = 100) -> tuple[float, float, float]:
    """Point estimate and percentile interval of a statistic of real-valued per-item columns.

    ``values`` is (n, m); ``stat(sums, n)`` maps column sums (..., m) of n items to a number
    (e.g. ``sums[..., 0] / n`` for a mean, ``sums[..., 0] / sums[..., 1]`` for a ratio of means).
    Items are resampled with replacement, as in ``bootstrap``. Resamples where the statistic is NaN
    are left out; infinite values are kept (the interval's bound is then infinite).
    """
    values = np.asarray(values, dtype=float)
    n = len(values)
    if n == 0:
        return (float("nan"),) * 3
    values = values.reshape(n, -1)
    rng = np.random.default_rng(seed)
    draws = []
    for start in range(0, n_resamples, chunk):
        b = min(chunk, n_resamples - start)
        idx = rng.integers(0, n, size=(b, n))
        weights = np.bincount((idx + n * np.arange(b)[:, None]).ravel(), minlength=b * n).reshape(b, n)
        with np.errstate(divide="ignore", invalid="ignore"):
            draws.append(np.asarray(stat(weights.astype(float) @ values, n), dtype=float))
    with np.errstate(divide="ignore", invalid="ignore"):
        point = float(stat(values.sum(axis=0), n))
    found = np.concatenate(draws)
    found = found[~np.isnan(found)]
    if not found.size:
        return point, float("nan"), float("nan")
    tail = (1.0 - confidence) / 2 * 100
    # a statistic may be infinite in some resamples (a ratio whose denominator is <= 0): no interpolation then
    method = "linear" if np.isfinite(found).all() else "inverted_cdf"
    low, high = np.percentile(found, [tail, 100 - tail], method=method)
    return point, float(low), float(high)
