"""How the lens backend reads Chinese: characters for the model, words for the evidence.

- Tokens: every Han character is a token; a run of Latin letters or digits (code-mixed posts)
  is one token; any other visible character (punctuation, emoji) is one token; whitespace is
  none. Text is read through ``chinese.simplify`` (traditional and variant characters become
  simplified, full-width ASCII half-width) and lower-cased, one character for one, so the
  same post in simplified or traditional characters gives the same tokens and every offset
  indexes the caller's string. A token's id is its (simplified) character's code point, or
  for a Latin run a 56-bit hash of it with bit 56 set; the features are n-grams of these ids
  (characters and character pairs cover most Chinese words).
- The view (what the model reads): URLs and @handles are not read, and neither is death,
  suicide or self-harm wording that is not the writer's own present risk: negated (我没有想死),
  someone else's (我朋友说她不想活了), past, hypothetical, or an idiom (笑死, 累死了, 死机),
  as the explanation layer's symptom statuses (explain/symptoms.py) find them.
- Words (for evidence spans): jieba's segmentation of the simplified text, so a span is a
  word or a phrase of words, never half a word.
"""
from __future__ import annotations

import hashlib
import re
from functools import lru_cache

import numpy as np

from ...chinese import simplify
from .tokenize import Tokens, clean
from .view import View

VIEW_VERSION = 1
MENTION_TASKS = ("high_suicide_risk", "suicide_urgency")
_TOKEN = re.compile(r"[a-z0-9]+(?:'[a-z]+)*|\S", re.UNICODE)
_NOT_READ = re.compile(r"https?://\S+|www\.\S+|@[\w\u4e00-\u9fff\-]{1,30}", re.IGNORECASE)
_STOP = frozenset("。！？!?\n；;…")
_WORD_BIT = 1 << 56


@lru_cache(maxsize=65536)
def _word_id(word: str) -> int:
    return int.from_bytes(hashlib.blake2b(word.encode("utf-8"), digest_size=7).digest(), "big") | _WORD_BIT


def normalise(text: str) -> str:
    """What the tokens are read from: simplified, half-width, lower case; same length as ``text``."""
    low = simplify(clean(text))
    lowered = low.lower()
    return lowered if len(lowered) == len(low) else "".join(c.lower() if len(c.lower()) == 1 else c for c in low)


def encode(texts: list[str], *, offsets: bool = True) -> Tokens:
    ids: list[int] = []
    offs: list[int] = []
    ptr = [0]
    for text in texts:
        for m in _TOKEN.finditer(normalise(text)):
            piece = m.group(0)
            ids.append(ord(piece) if len(piece) == 1 else _word_id(piece))
            offs.extend(m.span())
        ptr.append(len(ids))
    return Tokens(ids=np.array(ids, dtype=np.int64), ptr=np.array(ptr, dtype=np.int64),
                  offsets=np.array(offs, dtype=np.int64).reshape(-1, 2) if offsets else None)


def not_the_writers(text: str) -> list[tuple[int, int]]:
    """Character ranges of risk wording in ``text`` that is not the writer's own present risk."""
    from ...explain.symptoms import find_symptoms, symptom_info

    out = list(_idioms(text))
    for m in find_symptoms(text, list(MENTION_TASKS)):
        if symptom_info(m.symptom).risk and m.status != "present":
            out.append((m.start, m.end))
    return out


def _idioms(text: str) -> list[tuple[int, int]]:
    from ...explain import scope

    finder = getattr(scope, "idiom_spans", None)
    return finder(text) if finder is not None else []


def make_view(texts: list[str], tokens: Tokens) -> View:
    keep = np.ones(len(tokens.ids), bool)
    for i, text in enumerate(texts):
        ranges = not_the_writers(text) + [m.span() for m in _NOT_READ.finditer(text)]
        if not ranges:
            continue
        lo, hi = int(tokens.ptr[i]), int(tokens.ptr[i + 1])
        starts, ends = tokens.offsets[lo:hi, 0], tokens.offsets[lo:hi, 1]
        for s, e in ranges:
            keep[np.flatnonzero((starts < e) & (ends > s)) + lo] = False
    pos = np.flatnonzero(keep)
    doc_of = np.repeat(np.arange(tokens.n_docs), tokens.lengths())
    ptr = np.zeros(tokens.n_docs + 1, dtype=np.int64)
    np.cumsum(np.bincount(doc_of[pos], minlength=tokens.n_docs), out=ptr[1:])
    return View(ids=tokens.ids[pos], pos=pos, ptr=ptr)


@lru_cache(maxsize=1)
def _jieba():
    import logging

    import jieba

    jieba.setLogLevel(logging.WARNING)     # it logs its dictionary loading otherwise
    tok = jieba.Tokenizer()
    tok.initialize()
    return tok


class Words:
    """The words of a batch for evidence spans (same interface as evidence.Words): tokens
    grouped by jieba's segmentation; a sentence ends at 。！？；… or a line break."""

    def __init__(self, texts: list[str], tokens: Tokens) -> None:
        seg = _jieba()
        n = len(tokens.ids)
        word_of = np.zeros(n, dtype=np.int64)
        starts: list[int] = []
        ends: list[int] = []
        stops: list[bool] = []
        ptr = [0]
        for i, text in enumerate(texts):
            lo, hi = int(tokens.ptr[i]), int(tokens.ptr[i + 1])
            if hi > lo:
                # word boundaries (character offsets) from jieba over the simplified text
                bounds, at = set(), 0
                for w in seg.cut(normalise(text), HMM=True):
                    bounds.add(at)
                    at += len(w)
                for k in range(lo, hi):
                    s, e = (int(x) for x in tokens.offsets[k])
                    if k == lo or s in bounds:
                        starts.append(s)
                        ends.append(e)
                        stops.append(text[s] in _STOP)
                    else:
                        ends[-1] = e
                    word_of[k] = len(starts) - 1
            ptr.append(len(starts))
        self.ptr = np.array(ptr, dtype=np.int64)
        self.start = np.array(starts, dtype=np.int64)
        self.end = np.array(ends, dtype=np.int64)
        self.stop = np.array(stops, dtype=bool)
        self.grouped = np.arange(n)
        self.first = np.flatnonzero(np.diff(word_of, prepend=-1)) if n else np.zeros(0, dtype=np.int64)

    def reduce(self, ufunc, per_token: np.ndarray) -> np.ndarray:
        if not self.first.size:
            return per_token[:0]
        return ufunc.reduceat(per_token[self.grouped], self.first, axis=0)
