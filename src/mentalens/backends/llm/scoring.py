"""Labels from a language model without reading free text.

- **Label scoring** (Menta's approach): the log-probability of every answer's canonical
  phrasing after the prompt; a softmax over the answers gives the distribution, divided by
  a per-task temperature fitted on validation data when there is some (``calibrate``).
- **Grammar**: generation constrained so the output begins with exactly one answer; the
  answer is the alternative the constrained decoder took. An output that never completed an
  answer (it ran out of tokens, or the runtime failed) is INVALID: a row of NaN.
"""
from __future__ import annotations

import math
from collections.abc import Sequence

import numpy as np

from ...tasks import TaskSpec
from .prompts import Question, questions, target
from .runtime import Runtime

DECODES = ("score", "grammar")


def option_logprobs(runtime: Runtime, q: Question) -> np.ndarray:
    """Log-probability of each option of ``q`` (its canonical phrasing and the full stop)."""
    prompt = runtime.render(q.instruction)
    pre = runtime.answer_prefix()
    return np.asarray(runtime.continuation_logprobs(prompt, [pre + target(o) for o in q.options]), dtype=np.float64)


def softmax(logits: np.ndarray, temperature: float = 1.0) -> np.ndarray:
    z = np.asarray(logits, dtype=np.float64) / max(float(temperature), 1e-6)
    z = z - z.max()
    e = np.exp(z)
    return e / e.sum()


def task_logits(runtime: Runtime, spec: TaskSpec, text: str, style: str = "imhi") -> np.ndarray:
    """Single-label: one row of option log-probabilities. Multi-label: per label, the log-odds
    of yes against no (log P(yes) - log P(no))."""
    qs = questions(spec, text, style)
    if spec.multilabel:
        return np.array([float(np.subtract(*option_logprobs(runtime, q)[::-1])) for q in qs])
    return option_logprobs(runtime, qs[0])


def to_proba(spec: TaskSpec, logits: np.ndarray, temperature: float = 1.0) -> np.ndarray:
    return _proba(logits, temperature, spec.multilabel)


def _proba(logits, temperature: float, multilabel: bool) -> np.ndarray:
    """Multi-label: a sigmoid per label of its yes/no log-odds; single-label: a softmax."""
    if multilabel:
        t = max(float(temperature), 1e-6)
        return 1.0 / (1.0 + np.exp(-np.asarray(logits, dtype=np.float64) / t))
    return softmax(logits, temperature)


def grammar_answer(runtime: Runtime, spec: TaskSpec, text: str, style: str = "imhi",
                   max_tokens: int = 16) -> np.ndarray:
    """One-hot rows from constrained generation (NaN when no answer was completed). Generation
    gives no distribution over the answers; use label scoring for probabilities."""
    qs = questions(spec, text, style)
    out = np.full(len(spec.labels), np.nan)
    for k, q in enumerate(qs):
        options = [runtime.answer_prefix() + o for o in q.options]
        gen = runtime.generate(runtime.render(q.instruction), options, max_tokens=max_tokens)
        if gen.answer is None:
            return np.full(len(spec.labels), np.nan)
        picked = options.index(gen.answer)
        if spec.multilabel:
            out[k] = float(picked == 1)
        else:
            out = np.eye(len(spec.labels))[picked]
    return out


def fit_temperature(logits: Sequence[np.ndarray], gold: Sequence[int | Sequence[int]], multilabel: bool) -> float:
    """The temperature minimising the negative log-likelihood of the gold labels (grid, then
    golden-section refinement); 1.0 when there is nothing to fit."""
    if not len(logits):
        return 1.0

    def nll(t: float) -> float:
        total = 0.0
        for z, y in zip(logits, gold):
            p = _proba(z, t, multilabel)
            if multilabel:
                yy = np.asarray(y, dtype=np.float64)
                total -= float(np.sum(yy * np.log(p + 1e-12) + (1 - yy) * np.log(1 - p + 1e-12)))
            else:
                total -= math.log(p[int(y)] + 1e-12)
        return total

    grid = np.exp(np.linspace(math.log(0.05), math.log(20.0), 41))
    best = min(grid, key=nll)
    lo, hi = best / 1.2, best * 1.2
    g = (math.sqrt(5) - 1) / 2
    for _ in range(30):
        a, b = hi - g * (hi - lo), lo + g * (hi - lo)
        lo, hi = (lo, b) if nll(a) < nll(b) else (a, hi)
    return float((lo + hi) / 2)
