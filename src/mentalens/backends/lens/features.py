"""Features of the lens backend, computed for a whole batch at once with numpy.

Two views of a text, both sums over its tokens, so every logit decomposes exactly into
per-token contributions:

- sparse: token n-grams (n = 1..nmax) hashed to 64-bit keys, kept if seen in >= min_df
  training texts; value (1 + log tf) * idf, L2-normalised per text;
- dense: the mean of the texts' static token embeddings (wordllama, 256-d), standardised.
  A linear head over it is stored folded into a per-token table (vocab x outputs).
"""
from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from .tokenize import Tokens

_M1 = np.uint64(0x9E3779B97F4A7C15)
_M2 = np.uint64(0xC2B2AE3D27D4EB4F)
_HIGH = np.uint64(1 << 63)


@dataclass(frozen=True)
class Grams:
    """Every n-gram occurrence of a batch: its key, its first token position, its order, its doc."""

    keys: np.ndarray      # uint64
    start: np.ndarray     # int64, index into Tokens.ids
    order: np.ndarray     # int64, n
    doc: np.ndarray       # int64


def grams(tokens: Tokens, nmax: int) -> Grams:
    ids = tokens.ids.astype(np.uint64)
    n_tok = len(ids)
    doc_of = np.repeat(np.arange(tokens.n_docs, dtype=np.int64), tokens.lengths())
    keys, starts, orders = [ids], [np.arange(n_tok, dtype=np.int64)], [np.ones(n_tok, dtype=np.int64)]
    h = ids.copy()
    with np.errstate(over="ignore"):
        for n in range(2, nmax + 1):
            if n_tok < n:
                break
            h = (h[:-1] * _M1) ^ (ids[n - 1:] + np.uint64(n) * _M2)
            start = np.arange(n_tok - n + 1, dtype=np.int64)
            same_doc = doc_of[start] == doc_of[start + n - 1]
            keys.append((h | _HIGH)[same_doc])
            starts.append(start[same_doc])
            orders.append(np.full(int(same_doc.sum()), n, dtype=np.int64))
    start = np.concatenate(starts)
    return Grams(keys=np.concatenate(keys), start=start, order=np.concatenate(orders), doc=doc_of[start])


@dataclass
class Vocabulary:
    keys: np.ndarray      # sorted uint64 [F]
    idf: np.ndarray       # float32 [F]

    @classmethod
    def fit(cls, tokens: Tokens, nmax: int, min_df: int) -> Vocabulary:
        g = grams(tokens, nmax)
        pairs = np.unique(np.stack([g.doc.astype(np.uint64), g.keys]), axis=1)   # (doc, key) once per doc
        keys, df = np.unique(pairs[1], return_counts=True)
        keep = df >= min_df
        idf = np.log((1.0 + tokens.n_docs) / (1.0 + df[keep])) + 1.0
        return cls(keys=keys[keep], idf=idf.astype(np.float32))

    def __len__(self) -> int:
        return len(self.keys)


@dataclass(frozen=True)
class Sparse:
    """CSR-like tf-idf rows: doc i has (cols, vals)[ptr[i]:ptr[i+1]]; ``occ`` maps occurrences."""

    ptr: np.ndarray
    cols: np.ndarray
    vals: np.ndarray       # float32
    n_docs: int
    n_features: int
    # per kept n-gram occurrence: its feature's position in (cols, vals), start token and order
    occ_entry: np.ndarray
    occ_start: np.ndarray
    occ_order: np.ndarray
    occ_tf: np.ndarray     # how often the occurrence's feature occurs in its doc

    def to_scipy(self):
        import scipy.sparse as sp

        return sp.csr_matrix((self.vals, self.cols, self.ptr), shape=(self.n_docs, self.n_features))


def tfidf(tokens: Tokens, vocab: Vocabulary, nmax: int) -> Sparse:
    g = grams(tokens, nmax)
    pos = np.searchsorted(vocab.keys, g.keys)
    pos[pos >= len(vocab.keys)] = 0
    hit = vocab.keys[pos] == g.keys if len(vocab.keys) else np.zeros(len(g.keys), bool)
    feat, doc = pos[hit].astype(np.int64), g.doc[hit]
    n_f = max(len(vocab.keys), 1)
    entry_key = doc * n_f + feat
    uniq, inverse, tf = np.unique(entry_key, return_inverse=True, return_counts=True)
    u_doc, u_feat = uniq // n_f, uniq % n_f
    vals = (1.0 + np.log(tf)) * vocab.idf[u_feat]
    norms = np.sqrt(np.bincount(u_doc, weights=vals * vals, minlength=tokens.n_docs))
    vals = (vals / np.where(norms > 0, norms, 1.0)[u_doc]).astype(np.float32)
    ptr = np.zeros(tokens.n_docs + 1, dtype=np.int64)
    np.cumsum(np.bincount(u_doc, minlength=tokens.n_docs), out=ptr[1:])
    return Sparse(ptr=ptr, cols=u_feat, vals=vals, n_docs=tokens.n_docs, n_features=len(vocab.keys),
                  occ_entry=inverse.reshape(-1), occ_start=g.start[hit], occ_order=g.order[hit],
                  occ_tf=tf[inverse.reshape(-1)])


def mean_embeddings(tokens: Tokens, table: np.ndarray, chunk: int = 1 << 16) -> np.ndarray:
    """Mean of ``table`` rows over each doc's tokens; zeros for a doc without tokens.

    Sums are taken ``chunk`` tokens at a time, so memory stays small for a whole corpus.
    """
    out = np.zeros((tokens.n_docs, table.shape[1]), dtype=np.float64)
    lengths = tokens.lengths()
    doc_of = np.repeat(np.arange(tokens.n_docs), lengths)
    for lo in range(0, len(tokens.ids), chunk):
        ids, docs = tokens.ids[lo:lo + chunk], doc_of[lo:lo + chunk]
        bounds = np.flatnonzero(np.diff(docs, prepend=-1))
        out[docs[bounds]] += np.add.reduceat(table[ids].astype(np.float64), bounds, axis=0)
    nonempty = lengths > 0
    out[nonempty] /= lengths[nonempty, None]
    return out


def sparse_logits(sp: Sparse, weights: np.ndarray) -> np.ndarray:
    """(n_docs, K) = tf-idf rows @ weights, without scipy."""
    out = np.zeros((sp.n_docs, weights.shape[1]), dtype=np.float64)
    if sp.cols.size:
        contrib = weights[sp.cols].astype(np.float64) * sp.vals[:, None]
        nonempty = np.diff(sp.ptr) > 0
        out[nonempty] = np.add.reduceat(contrib, sp.ptr[:-1][nonempty], axis=0)
    return out
