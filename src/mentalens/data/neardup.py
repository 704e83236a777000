"""Exact and near-duplicate detection between two collections of texts, vectorised with numpy.

- ``normalize``: NFKC, lower case, word tokens (``\\w+``; each Han character one token).
- exact duplicate: the same normalized token sequence (texts with no token never match).
- near duplicate: the hashed 5-word shingles the two texts share cover at least half of the
  shorter text's shingles (containment of the shorter in the longer >= 0.5). This catches a
  post with a few words edited and a post embedded in a longer one. Texts with fewer than 5
  tokens have no shingles and are matched exactly only.
- and the two texts share at least ``MIN_SHARED`` (5) shingles, i.e. some 9 words. Our addition
  to the containment rule: without it a short text matches every post that uses a common
  phrase ("has been stressing me out" made "christmas has been stressing me out" a near
  duplicate of "work has been stressing me out"; one 8-word tweet "i don't want to be alive
  anymore" matched 143 Reddit posts), which removes the very training posts that carry the
  signal and is not leakage. Short texts are therefore, in effect, matched exactly only.

Shingles are hashed to 64 bits from token ids (deterministic: no Python ``hash``), joined by
sorting and ``searchsorted`` over (hash, document) arrays and counted per document pair
with ``np.unique``, in chunks of training documents so memory stays bounded.
"""
from __future__ import annotations

import re
import unicodedata
from itertools import chain
from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np

SHINGLE = 5
THRESHOLD = 0.5
MIN_SHARED = 5
# a Han character is a token of its own (Chinese has no spaces: 5-character shingles)
_TOKEN = re.compile(r"[\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff]|[^\W\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff]+")
_MULT = np.uint64(0x9E3779B97F4A7C15)
_MIX = np.uint64(0xBF58476D1CE4E5B9)


def normalize(text: str) -> list[str]:
    """The word tokens of ``text`` after NFKC normalisation and lower-casing."""
    return _TOKEN.findall(unicodedata.normalize("NFKC", text).lower())


@dataclass(frozen=True)
class Matches:
    """Duplicate pairs: ``train[i]`` duplicates ``test[i]``; ``exact[i]`` tells exact from near."""

    train: np.ndarray          # int64 indices into the training texts
    test: np.ndarray           # int64 indices into the test texts
    exact: np.ndarray          # bool
    containment: np.ndarray    # float64; 1.0 for exact pairs


def find_duplicates(train: Sequence[str], test: Sequence[str], *, shingle: int = SHINGLE,
                    threshold: float = THRESHOLD, min_shared: int = MIN_SHARED,
                    chunk_pairs: int = 20_000_000) -> Matches:
    """Every (training text, test text) pair that is an exact or near duplicate."""
    tok_train = [normalize(t) for t in train]
    tok_test = [normalize(t) for t in test]
    ex_tr, ex_te = _exact(tok_train, tok_test)
    vocab: dict[str, int] = {}
    sh_train, size_train = _shingles(tok_train, vocab, shingle)
    sh_test, size_test = _shingles(tok_test, vocab, shingle)
    nr_tr, nr_te, nr_c = _near(sh_train, size_train, sh_test, size_test, threshold, min_shared, chunk_pairs)
    exact_keys = set(zip(ex_tr.tolist(), ex_te.tolist()))
    keep = np.array([(a, b) not in exact_keys for a, b in zip(nr_tr.tolist(), nr_te.tolist())], dtype=bool)
    nr_tr, nr_te, nr_c = nr_tr[keep], nr_te[keep], nr_c[keep]
    return Matches(
        train=np.concatenate([ex_tr, nr_tr]), test=np.concatenate([ex_te, nr_te]),
        exact=np.concatenate([np.ones(len(ex_tr), bool), np.zeros(len(nr_tr), bool)]),
        containment=np.concatenate([np.ones(len(ex_tr)), nr_c]),
    )


def _exact(tok_train: list[list[str]], tok_test: list[list[str]]) -> tuple[np.ndarray, np.ndarray]:
    by_key: dict[str, list[int]] = {}
    for j, toks in enumerate(tok_test):
        if toks:
            by_key.setdefault(" ".join(toks), []).append(j)
    pairs = [(i, j) for i, toks in enumerate(tok_train) if toks for j in by_key.get(" ".join(toks), ())]
    arr = np.array(pairs, dtype=np.int64).reshape(-1, 2)
    return arr[:, 0], arr[:, 1]


def _shingles(docs: list[list[str]], vocab: dict[str, int], k: int) -> tuple[tuple[np.ndarray, np.ndarray], np.ndarray]:
    """Unique (hash, doc) pairs sorted by doc then hash, and the number of distinct shingles per doc."""
    lengths = np.array([len(d) for d in docs], dtype=np.int64)
    flat = list(chain.from_iterable(docs))
    for w in dict.fromkeys(flat):          # C-speed loops: new words get the next ids
        if w not in vocab:
            vocab[w] = len(vocab)
    ids = np.fromiter(map(vocab.__getitem__, flat), dtype=np.uint64, count=len(flat))
    starts = np.concatenate([[0], np.cumsum(lengths)[:-1]]) if len(docs) else np.zeros(0, np.int64)
    n_sh = np.maximum(lengths - k + 1, 0)
    total = int(n_sh.sum())
    doc = np.repeat(np.arange(len(docs), dtype=np.int64), n_sh)
    offset = np.arange(total, dtype=np.int64) - np.repeat(np.cumsum(n_sh) - n_sh, n_sh)
    pos = np.repeat(starts, n_sh) + offset
    h = np.zeros(total, dtype=np.uint64)
    for j in range(k):
        x = (ids[pos + j] + np.uint64(1)) * _MIX
        h = (h ^ (x ^ (x >> np.uint64(31)))) * _MULT
    order = np.lexsort((h, doc))
    h, doc = h[order], doc[order]
    first = np.ones(total, dtype=bool)
    first[1:] = (h[1:] != h[:-1]) | (doc[1:] != doc[:-1])
    h, doc = h[first], doc[first]
    return (h, doc), np.bincount(doc, minlength=len(docs))


def _near(sh_train, size_train, sh_test, size_test, threshold: float, min_shared: int, chunk_pairs: int):
    rh, rd = sh_train
    th, td = sh_test
    empty = (np.zeros(0, np.int64), np.zeros(0, np.int64), np.zeros(0))
    if len(rh) == 0 or len(th) == 0:
        return empty
    order = np.argsort(th, kind="stable")
    th, td = th[order], td[order]
    # Look up each distinct training hash once, with sorted queries (cache-friendly).
    uh, inv = np.unique(rh, return_inverse=True)
    u_lo = np.searchsorted(th, uh, side="left")
    u_cnt = np.searchsorted(th, uh, side="right") - u_lo
    lo, cnt = u_lo[inv], u_cnt[inv]
    n_test = len(size_test)
    # Chunk at training-document boundaries so that every pair's count is complete in one chunk.
    per_doc = np.bincount(rd, weights=cnt, minlength=len(size_train))
    cum = np.cumsum(per_doc)
    out_tr, out_te, out_c = [], [], []
    doc_lo = 0
    while doc_lo < len(size_train):
        base = cum[doc_lo - 1] if doc_lo else 0.0
        doc_hi = max(int(np.searchsorted(cum, base + chunk_pairs, side="right")), doc_lo + 1)
        a, b = np.searchsorted(rd, [doc_lo, doc_hi])
        c = cnt[a:b]
        if c.sum():
            m = c > 0
            c, l_, d = c[m], lo[a:b][m], rd[a:b][m]
            rep_doc = np.repeat(d, c)
            idx = np.repeat(l_ - (np.cumsum(c) - c), c) + np.arange(int(c.sum()))
            keys, counts = np.unique(rep_doc * n_test + td[idx], return_counts=True)
            k_tr, k_te = keys // n_test, keys % n_test
            contain = counts / np.minimum(size_train[k_tr], size_test[k_te])
            hit = (contain >= threshold) & (counts >= min_shared)
            out_tr.append(k_tr[hit])
            out_te.append(k_te[hit])
            out_c.append(contain[hit])
        doc_lo = doc_hi
    if not out_tr:
        return empty
    return np.concatenate(out_tr), np.concatenate(out_te), np.concatenate(out_c)
