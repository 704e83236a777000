"""Faithfulness of evidence spans, ERASER style (DeYoung et al. 2020), beside random spans.

For one decision — a text, the label explained and its probability under the backend:

- comprehensiveness = p(label | text) - p(label | text with the evidence removed); higher is better;
- sufficiency = p(label | text) - p(label | the evidence alone, joined by spaces); lower is better.

The same two numbers for RANDOM spans of the same size (below) tell what any deletion of that
much text does; a faithful explainer's comprehensiveness is far above the random one.

Definitions, exactly:

- **evidence**: the top-k spans the backend's ``explain`` returns for the label (the call the
  pipeline makes): those with positive weight (supporting the label), strongest first. A
  decision of a label's *absence* (a multi-label aspect decided "no") is explained by the
  spans with negative weight (against the label) and scored with p = 1 - p(label).
  Spans that do not quote the text exactly are dropped.
- **removal**: the evidence's character ranges (overlaps merged) are deleted from the original
  text; where the pieces on both sides of a cut are not whitespace, one space is put between
  them so that no two words are glued together.
- **evidence alone**: the spans' texts in text order, joined by one space.
- **random spans of the same size**: words are maximal runs of non-whitespace characters.
  The evidence covers some words, forming k runs of consecutive words with lengths
  L1..Lk; a random draw places k runs of the same lengths at uniformly random, non-overlapping
  word positions of the text (each run's character range spans its words and the blanks
  between them). The random numbers are the mean over ``draws`` draws; each decision's draws
  come from its own generator seeded with (seed, crc32 of its key), so a row gets the same
  draws however the rows are batched or limited.
- A decision without evidence has nothing to measure: ``has_evidence`` is False and the
  summaries leave it out.

Everything is scored in batches: all variant texts of all decisions go through one batched
``proba`` call sequence (distinct texts scored once).
"""
from __future__ import annotations

import re
import zlib
from collections.abc import Callable, Sequence
from dataclasses import dataclass

import numpy as np

WORD = re.compile(r"\S+")
Span = tuple[int, int]
ProbaFn = Callable[[list[str]], np.ndarray]       # texts -> (n, K) probabilities in the task's label order


@dataclass(frozen=True)
class Decision:
    text: str
    label: str                  # the task's label, or the aspect of a multi-label task
    against: bool = False       # the decision is the label's absence: evidence against it, p = 1 - p(label)
    key: str = ""               # seeds this decision's random draws (e.g. the row id)


@dataclass
class Erasure:
    """Per decision probabilities of the explained label (n,) and, for random spans, (n, draws)."""

    p: np.ndarray
    p_removed: np.ndarray
    p_only: np.ndarray
    p_removed_random: np.ndarray
    p_only_random: np.ndarray
    words: np.ndarray           # words the evidence covers
    has_evidence: np.ndarray    # bool

    @property
    def comprehensiveness(self) -> np.ndarray:
        return self.p - self.p_removed

    @property
    def sufficiency(self) -> np.ndarray:
        return self.p - self.p_only

    @property
    def random_comprehensiveness(self) -> np.ndarray:
        return self.p - self.p_removed_random.mean(axis=1)

    @property
    def random_sufficiency(self) -> np.ndarray:
        return self.p - self.p_only_random.mean(axis=1)


def evidence_spans(backend, task: str, decisions: Sequence[Decision], top_k: int = 3,
                   batch: int = 256) -> list[list[Span]]:
    """The top-k evidence spans of each decision (text order), as (start, end) character offsets."""
    out: list[list[Span]] = []
    for lo in range(0, len(decisions), batch):
        chunk = decisions[lo:lo + batch]
        texts = [d.text for d in chunk]
        found = backend.explain(texts, [{task: [d.label]} for d in chunk], top_k=top_k)
        for d, ev in zip(chunk, found):
            picked = [e for e in ev.get(task, ())
                      if e.label == d.label and (e.weight < 0 if d.against else e.weight > 0)
                      and 0 <= e.start < e.end <= len(d.text) and d.text[e.start:e.end] == e.text]
            picked.sort(key=lambda e: -abs(e.weight))
            out.append(sorted((e.start, e.end) for e in picked[:top_k]))
    return out


def merge(spans: Sequence[Span]) -> list[Span]:
    out: list[list[int]] = []
    for s, e in sorted(spans):
        if out and s <= out[-1][1]:
            out[-1][1] = max(out[-1][1], e)
        else:
            out.append([s, e])
    return [(s, e) for s, e in out]


def remove_spans(text: str, spans: Sequence[Span]) -> str:
    """``text`` with the character ranges deleted; one space where a cut would glue two words."""
    pieces, at = [], 0
    for s, e in merge(spans):
        pieces.append(text[at:s])
        at = e
    pieces.append(text[at:])
    out = pieces[0]
    for piece in pieces[1:]:
        if out and piece and not out[-1].isspace() and not piece[0].isspace():
            out += " "
        out += piece
    return out


def keep_spans(text: str, spans: Sequence[Span]) -> str:
    """Only the spans' texts, in text order, joined by one space."""
    return " ".join(text[s:e] for s, e in merge(spans))


def words_of(text: str) -> list[Span]:
    return [m.span() for m in WORD.finditer(text)]


def word_runs(words: Sequence[Span], spans: Sequence[Span]) -> list[int]:
    """Lengths of the runs of consecutive words that the spans touch, in text order."""
    if not spans or not words:
        return []
    merged = merge(spans)
    starts = np.array([w[0] for w in words])
    ends = np.array([w[1] for w in words])
    covered = np.zeros(len(words), bool)
    for s, e in merged:
        covered |= (starts < e) & (ends > s)
    runs, n = [], 0
    for c in covered.tolist():
        if c:
            n += 1
        elif n:
            runs.append(n)
            n = 0
    return runs + ([n] if n else [])


def random_spans(words: Sequence[Span], runs: Sequence[int], rng: np.random.Generator) -> list[Span]:
    """Runs of the given word counts at uniformly random non-overlapping positions; character spans."""
    k, free = len(runs), len(words) - sum(runs)
    if k == 0 or free < 0:
        return []
    order = rng.permutation(k)
    gaps = np.sort(rng.choice(free + k, size=k, replace=False))
    out, used = [], 0
    for j, g in enumerate(gaps.tolist()):
        first = g - j + used                      # words before this run: g - j free ones, `used` in runs
        length = runs[int(order[j])]
        out.append((words[first][0], words[first + length - 1][1]))
        used += length
    return out


def erasure(proba: ProbaFn, label_ids: Sequence[str], decisions: Sequence[Decision], spans: Sequence[Sequence[Span]],
            *, draws: int = 3, seed: int = 0, batch: int = 256) -> Erasure:
    """Probabilities of each decision's label on the text, without the evidence, with it alone, and
    the same for ``draws`` random span sets of the same size (module docstring)."""
    if len(spans) != len(decisions):
        raise ValueError(f"got {len(spans)} span lists for {len(decisions)} decisions")
    if draws < 1:
        raise ValueError(f"draws must be >= 1, not {draws}")
    n = len(decisions)
    texts: dict[str, int] = {}
    where = np.zeros((n, 3 + 2 * draws), dtype=np.int64)   # text, removed, only, removed_r..., only_r...
    words_n = np.zeros(n, dtype=np.int64)

    def slot(t: str) -> int:
        return texts.setdefault(t, len(texts))

    for i, (d, sp) in enumerate(zip(decisions, spans)):
        words = words_of(d.text)
        runs = word_runs(words, sp)
        words_n[i] = sum(runs)
        rng = np.random.default_rng([seed, zlib.crc32((d.key or str(i)).encode("utf-8"))])
        row = [slot(d.text), slot(remove_spans(d.text, sp)), slot(keep_spans(d.text, sp))]
        rand = [random_spans(words, runs, rng) for _ in range(draws)]
        row += [slot(remove_spans(d.text, r)) for r in rand] + [slot(keep_spans(d.text, r)) for r in rand]
        where[i] = row
    unique = list(texts)
    parts = [np.asarray(proba(unique[lo:lo + batch]), dtype=np.float64) for lo in range(0, len(unique), batch)]
    table = np.vstack(parts) if parts else np.zeros((0, len(label_ids)))
    col = np.array([list(label_ids).index(d.label) for d in decisions], dtype=np.int64)
    p = table[where, col[:, None]]                               # (n, 3 + 2 draws)
    against = np.array([d.against for d in decisions], dtype=bool)
    p = np.where(against[:, None], 1.0 - p, p)
    return Erasure(p=p[:, 0], p_removed=p[:, 1], p_only=p[:, 2], p_removed_random=p[:, 3:3 + draws],
                   p_only_random=p[:, 3 + draws:], words=words_n,
                   has_evidence=np.array([len(s) > 0 for s in spans], dtype=bool))
