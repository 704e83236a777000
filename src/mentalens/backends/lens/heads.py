"""Output layout, calibration and decision rules of the lens backend's task heads.

Raw scores: binary tasks have one column (the log-odds of "yes"), multiclass and ordinal
tasks one column per label (softmax), multilabel tasks one column per label (independent
log-odds). Calibration maps raw scores to probabilities fitted on out-of-fold scores:
Platt scaling (a*z + b) for log-odds columns, temperature and per-label bias (z/T + c) for
softmax heads. The decision is the class-balanced rule the heads were trained for (Menta's
balanced-accuracy objective): raw log-odds > 0, or the argmax of the raw softmax scores —
expressed on the calibrated probabilities as thresholds / offsets so users can read it.
"""
from __future__ import annotations

from dataclasses import dataclass, field

import numpy as np


@dataclass
class Head:
    task: str
    kind: str                      # binary / multiclass / ordinal / multilabel
    labels: list[str]
    start: int                     # first column in the raw score matrix
    # calibration
    a: list[float] = field(default_factory=list)        # Platt slope per column (log-odds heads)
    b: list[float] = field(default_factory=list)        # Platt intercept per column
    temperature: float = 1.0                            # softmax heads
    bias: list[float] = field(default_factory=list)     # softmax heads: c per label
    # decision rule: "balanced" (raw log-odds > 0 / raw argmax: the class-balanced objective),
    # "map" (calibrated p >= 0.5 / calibrated argmax), "shift" (log-odds heads: raw log-odds
    # + shift > 0, the shift chosen on validation rows); written out on calibrated probabilities:
    rule: str = "balanced"
    shift: float = 0.0
    # derived heads (derive.py): no columns of their own; label j gathers source labels groups[j]
    source: str | None = None
    groups: list[list[int]] = field(default_factory=list)
    thresholds: list[float] = field(default_factory=list)   # log-odds heads: p >= threshold
    offsets: list[float] = field(default_factory=list)      # softmax heads: argmax(log p + offset)

    @property
    def softmax(self) -> bool:
        return self.kind in ("multiclass", "ordinal")

    @property
    def width(self) -> int:
        if self.source is not None:
            return 0
        return 1 if self.kind == "binary" else len(self.labels)

    @property
    def stop(self) -> int:
        return self.start + self.width

    def set_identity_calibration(self) -> None:
        if self.softmax:
            self.temperature, self.bias = 1.0, [0.0] * len(self.labels)
        else:
            self.a, self.b = [1.0] * self.width, [0.0] * self.width
        self._set_decision()

    def _set_decision(self) -> None:
        if self.source is not None:
            return                                  # derived heads: derive.tune sets the decision
        if self.rule not in ("balanced", "map", "shift") or (self.rule == "shift" and self.softmax):
            raise ValueError(f"task {self.task}: decision rule {self.rule!r} does not apply to a {self.kind} head")
        if self.softmax:
            self.offsets = [-c for c in self.bias] if self.rule == "balanced" else [0.0] * len(self.labels)
        elif self.rule == "map":
            self.thresholds = [0.5] * self.width
        else:  # raw log-odds + shift > 0  <=>  p >= sigmoid(b - a * shift)
            self.thresholds = [float(_sigmoid(np.float64(b - a * self.shift))) for a, b in zip(self.a, self.b)]

    def set_rule(self, rule: str, shift: float = 0.0) -> None:
        self.rule, self.shift = rule, float(shift)
        self._set_decision()

    def calibrate(self, z: np.ndarray) -> np.ndarray:
        """Probabilities (n, n_labels) from raw scores (n, width)."""
        if self.softmax:
            s = z / self.temperature + np.asarray(self.bias)
            s = s - s.max(axis=1, keepdims=True)
            e = np.exp(s)
            return e / e.sum(axis=1, keepdims=True)
        p = _sigmoid(z * np.asarray(self.a) + np.asarray(self.b))
        return np.concatenate([1.0 - p, p], axis=1) if self.kind == "binary" else p

    def logit_scale(self) -> np.ndarray:
        """Factor turning a raw-score contribution into calibrated log-odds, per column."""
        return np.full(self.width, 1.0 / self.temperature) if self.softmax else np.asarray(self.a)

    def decide(self, proba: np.ndarray) -> list[list[str]]:
        """Decided labels per row (vectorised); a row with NaN gets no label."""
        proba = np.asarray(proba, dtype=np.float64)
        valid = np.isfinite(proba).all(axis=1)
        labels = self.labels
        if self.softmax:
            with np.errstate(divide="ignore"):
                score = np.log(np.where(valid[:, None], np.maximum(proba, 1e-300), 1.0)) + np.asarray(self.offsets)
            best = score.argmax(axis=1).tolist()
            return [[labels[k]] if ok else [] for k, ok in zip(best, valid.tolist())]
        if self.kind == "binary":
            yes = (proba[:, 1] >= self.thresholds[0]).tolist()
            return [[labels[1] if y else labels[0]] if ok else [] for y, ok in zip(yes, valid.tolist())]
        present = proba >= np.asarray(self.thresholds)
        return [[lab for lab, on in zip(labels, row) if on] if ok else []
                for row, ok in zip(present.tolist(), valid.tolist())]

    # -- fitting the calibration on out-of-fold raw scores -------------------
    def fit_calibration(self, z: np.ndarray, y: np.ndarray, mask: np.ndarray | None = None,
                        weights: np.ndarray | None = None) -> None:
        """z: (n, width) out-of-fold raw scores; y: class index (softmax/binary) or 0/1 matrix
        (multilabel); weights: per row (the recipe's source weights), None for all ones."""
        if self.softmax:
            self.temperature, self.bias = _fit_temperature_bias(z, y.astype(int), len(self.labels), weights)
        else:
            ys = y.reshape(len(y), -1).astype(float)
            m = np.ones_like(ys, dtype=bool) if mask is None else mask.reshape(ys.shape)
            fits = [_fit_platt(z[m[:, j], j], ys[m[:, j], j], None if weights is None else weights[m[:, j]])
                    for j in range(self.width)]
            self.a, self.b = [f[0] for f in fits], [f[1] for f in fits]
        self._set_decision()

    def to_json(self) -> dict:
        return dict(self.__dict__)

    @classmethod
    def from_json(cls, d: dict) -> Head:
        return cls(**d)


def _sigmoid(x: np.ndarray) -> np.ndarray:
    return 0.5 * (1.0 + np.tanh(0.5 * x))


def _fit_platt(z: np.ndarray, y: np.ndarray, weights: np.ndarray | None = None,
               steps: int = 200) -> tuple[float, float]:
    """Newton's method on the (weighted) log-loss of sigmoid(a*z + b), a kept positive; deterministic."""
    if len(z) == 0 or y.min() == y.max():
        return 1.0, 0.0
    r = np.ones(len(z)) if weights is None else weights
    # Platt's smoothed targets avoid infinite weights on separable data
    n_pos, n_neg = y.sum(), len(y) - y.sum()
    t = np.where(y > 0, (n_pos + 1) / (n_pos + 2), 1 / (n_neg + 2))
    a, b = 1.0, 0.0
    for _ in range(steps):
        p = _sigmoid(a * z + b)
        g = np.array([np.sum(r * (p - t) * z), np.sum(r * (p - t))])
        w = r * p * (1 - p) + 1e-12
        h = np.array([[np.sum(w * z * z), np.sum(w * z)], [np.sum(w * z), np.sum(w)]]) + 1e-9 * np.eye(2)
        step = np.linalg.solve(h, g)
        a, b = a - step[0], b - step[1]
        if np.abs(step).max() < 1e-10:
            break
    if not np.isfinite(a) or a <= 0:
        return 1.0, 0.0
    return float(a), float(b)


def _fit_temperature_bias(z: np.ndarray, y: np.ndarray, k: int, weights: np.ndarray | None = None,
                          steps: int = 500) -> tuple[float, list[float]]:
    """Minimise the (weighted) NLL of softmax(z/T + c) by gradient descent with a fixed schedule; deterministic."""
    if len(z) == 0:
        return 1.0, [0.0] * k
    r = (np.ones(len(z)) if weights is None else weights)[:, None] * len(z) / (
        len(z) if weights is None else float(np.sum(weights)))
    log_t, c = 0.0, np.zeros(k)
    onehot = np.eye(k)[y]
    lr = 0.5
    for _ in range(steps):
        t = np.exp(log_t)
        s = z / t + c
        s = s - s.max(axis=1, keepdims=True)
        p = np.exp(s)
        p /= p.sum(axis=1, keepdims=True)
        d = r * (p - onehot) / len(z)              # dNLL/ds
        grad_c = d.sum(axis=0)
        grad_log_t = float(np.sum(d * (-z / t)))
        c -= lr * grad_c
        log_t -= lr * grad_log_t
        c -= c.mean()
    return float(np.exp(log_t)), [float(x) for x in c]
