"""Agreement of system explanations with human ones: ROUGE-L, embedding similarity, token F1.

Definitions, exactly:

- **words**: the lower-cased text's runs of word characters (Unicode ``\\w``), an apostrophe
  inside a word kept (``don't`` is one word); punctuation and whitespace are not words.
- **ROUGE-L F1** (Lin 2004, sentence level): with LCS the length of the longest common
  subsequence of the candidate's and the reference's words, P = LCS / |candidate|,
  R = LCS / |reference|, F1 = 2PR / (P + R); 0 when either side has no words.
- **embedding similarity**: the cosine of the mean static wordllama token embedding (the
  256-d table the lens backend is built on; tokens as lens tokenises, lower-cased) of the
  candidate and of the reference; 0 when either side has no tokens.
- **token F1** (against human spans): per row, overlap = the size of the multiset
  intersection of the candidate's and the reference's words; micro over rows:
  P = sum(overlap) / sum(|candidate|), R = sum(overlap) / sum(|reference|), F1 = 2PR / (P + R).
- **first sentence** (the baseline): the post up to and including the first ``.``, ``!`` or
  ``?`` that is followed by whitespace or the end, or up to the first line break, whichever
  comes first; the whole post when it has neither; surrounding whitespace stripped.
"""
from __future__ import annotations

import re
from collections import Counter
from collections.abc import Sequence
from functools import lru_cache

import numpy as np

# a Han character is a word of its own (ROUGE-L on characters for Chinese); other words as usual
_HAN = "\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff"
_WORD = re.compile(rf"[{_HAN}]|[^\W{_HAN}]+(?:['\u2019][^\W{_HAN}]+)*")
_FIRST = re.compile(r"[.!?]+(?=\s|$)|\n")


def words(text: str | None) -> list[str]:
    return _WORD.findall(text.lower()) if text else []


def lcs_length(a: Sequence[str], b: Sequence[str]) -> int:
    """Length of the longest common subsequence (bit-parallel, Hyyrö 2004: O(|a| |b| / word size))."""
    if not a or not b:
        return 0
    if len(a) < len(b):
        a, b = b, a
    masks: dict[str, int] = {}
    for i, tok in enumerate(b):            # the shorter side as the bit vector
        masks[tok] = masks.get(tok, 0) | (1 << i)
    full = (1 << len(b)) - 1
    v = full
    for tok in a:
        u = v & masks.get(tok, 0)
        v = ((v + u) | (v - u)) & full
    return len(b) - bin(v).count("1")


def rouge_l(candidate: str | None, reference: str | None) -> float:
    """Sentence-level ROUGE-L F1 over lower-cased words."""
    c, r = words(candidate), words(reference)
    lcs = lcs_length(c, r)
    if lcs == 0:
        return 0.0
    p, rec = lcs / len(c), lcs / len(r)
    return 2 * p * rec / (p + rec)


def token_overlap(candidate: str | None, reference: str | None) -> tuple[int, int, int]:
    """(overlap, |candidate|, |reference|) in words, the overlap a multiset intersection."""
    c, r = Counter(words(candidate)), Counter(words(reference))
    return sum((c & r).values()), sum(c.values()), sum(r.values())


def micro_f1(counts: np.ndarray) -> np.ndarray:
    """Micro F1 from summed (overlap, candidate, reference) counts, shape (..., 3) -> (...)."""
    counts = np.asarray(counts, dtype=float)
    tp, nc, nr = counts[..., 0], counts[..., 1], counts[..., 2]
    denom = nc + nr
    return np.divide(2 * tp, denom, out=np.zeros_like(denom), where=denom > 0)


def first_sentence(text: str) -> str:
    stripped = text.strip()
    m = _FIRST.search(stripped)
    return (stripped[:m.end()] if m else stripped).strip()


@lru_cache(maxsize=1)
def _embeddings() -> np.ndarray:
    from ..backends.lens.train import load_embeddings

    return load_embeddings().astype(np.float32)


def mean_embeddings(texts: Sequence[str]) -> np.ndarray:
    """(n, 256) mean static token embedding per text; a zero row for a text with no tokens."""
    from ..backends.lens import tokenize

    table = _embeddings()
    out = np.zeros((len(texts), table.shape[1]), dtype=np.float64)
    filled = [i for i, t in enumerate(texts) if t and t.strip()]
    if not filled:
        return out
    tok = tokenize.encode([texts[i] for i in filled])
    lengths = tok.lengths()
    has = lengths > 0
    if tok.ids.size:
        starts = tok.ptr[:-1][has]
        sums = np.add.reduceat(table[tok.ids].astype(np.float64), starts, axis=0)
        out[np.asarray(filled)[has]] = sums / lengths[has][:, None]
    return out


def embedding_similarity(candidates: Sequence[str | None], references: Sequence[str | None]) -> np.ndarray:
    """Cosine of mean static embeddings, row by row; 0 where either text has no tokens."""
    if len(candidates) != len(references):
        raise ValueError(f"got {len(candidates)} candidates for {len(references)} references")
    a = mean_embeddings([c or "" for c in candidates])
    b = mean_embeddings([r or "" for r in references])
    na, nb = np.linalg.norm(a, axis=1), np.linalg.norm(b, axis=1)
    denom = na * nb
    return np.divide((a * b).sum(axis=1), denom, out=np.zeros(len(a)), where=denom > 0)
