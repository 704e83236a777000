"""Evidence spans from the lens backend's exact per-token contributions.

A label's score (calibrated log-odds of the label against the others) is a sum over tokens:
the dense view contributes w_token[id] / n_tokens per token, each tf-idf n-gram occurrence
its share value * weight / tf, split evenly over its tokens. Tokens are grouped into words,
words into phrases (runs of same-signed words inside one sentence, at most
MAX_PHRASE_WORDS long); the phrases that add most to the label are its evidence, followed by
the strongest phrases against it (negative weight). Every span quotes the input exactly:
``text[start:end] == span.text``.

Everything is vectorised per text over all the labels asked for; the only Python loop per
span is building its Evidence object.
"""
from __future__ import annotations

import numpy as np
from pydantic import TypeAdapter

from ...schema import Evidence
from . import tokenize, zh

_EVIDENCE_LIST = TypeAdapter(list[Evidence])

MAX_PHRASE_WORDS = 8
MIN_WEIGHT = 0.02          # calibrated log-odds; smaller contributions are not evidence
AGAINST_K = 1              # phrases against the label, after the top_k for it
TRIM = 0.25                # edge words adding less than this share of a phrase's strongest word are cut


def directions(model) -> tuple[np.ndarray, list[tuple[str, str]]]:
    """(K, D) matrix turning raw score columns into one score per (task, label), and its index."""
    k = model.bias.shape[0]
    by_label: dict[tuple[str, str], np.ndarray] = {}
    for t, h in model.heads.items():
        if h.source is not None:
            continue
        scale = h.logit_scale()
        for j, lab in enumerate(h.labels):
            v = np.zeros(k)
            if h.kind == "binary":
                v[h.start] = (1.0 if j == 1 else -1.0) * scale[0]
            elif h.softmax:
                n = len(h.labels)
                v[h.start:h.stop] = -1.0 / (n - 1) * scale[0]
                v[h.start + j] = scale[0]
            else:
                v[h.start + j] = scale[j]
            by_label[(t, lab)] = v
    for t, h in model.heads.items():
        if h.source is None:
            continue
        # a derived label: the mean score of the source labels it gathers against the mean of the rest
        src = model.heads[h.source].labels
        for j, lab in enumerate(h.labels):
            inside = [by_label[(h.source, src[i])] for i in h.groups[j]]
            outside = [by_label[(h.source, src[i])] for i in range(len(src)) if i not in h.groups[j]]
            by_label[(t, lab)] = np.mean(inside, axis=0) - np.mean(outside, axis=0)
    index = list(by_label)
    return np.stack([by_label[key] for key in index], axis=1), index


def _tables(model):
    """Sparse and per-token weights projected on every (task, label) direction; built once."""
    cache = getattr(model, "_evidence_tables", None)
    if cache is None:
        d, index = directions(model)
        cache = ((model.w_sparse.astype(np.float64) @ d).astype(np.float32),
                 None if model.w_token is None else (model.w_token.astype(np.float64) @ d).astype(np.float32),
                 {key: i for i, key in enumerate(index)})
        model._evidence_tables = cache
    return cache


def explain_batch(model, texts: list[str], labels: list[dict[str, list[str]]], top_k: int,
                  features=None) -> list[dict[str, list[Evidence]]]:
    """Evidence per text and task for the given labels. ``features``: (tokens with offsets, tf-idf)."""
    tokens, read, sp = features if features is not None else model.features(texts)
    _, _, col = _tables(model)
    contrib = token_contributions(model, tokens, read, sp)         # (n_tokens, D), the whole batch
    words = (zh.Words if model.language == "zh" else Words)(texts, tokens)
    word_w = words.reduce(np.add, contrib)
    out = []
    for i, text in enumerate(texts):
        wanted = [(t, lab, col[(t, lab)]) for t, labs in labels[i].items() for lab in labs]
        lo, hi = int(words.ptr[i]), int(words.ptr[i + 1])
        result: dict[str, list[Evidence]] = {t: [] for t in labels[i]}
        if wanted and hi > lo:
            starts, ends = words.start[lo:hi].tolist(), words.end[lo:hi].tolist()
            w = word_w[lo:hi][:, [c for _, _, c in wanted]]
            spans, owner = [], []
            for (t, lab, _), picks in zip(wanted, _phrases(w, words.stop[lo:hi], top_k)):
                for a, b, v in picks:
                    s, e = starts[a], ends[b]
                    if e > s:
                        spans.append({"start": s, "end": e, "text": text[s:e], "weight": round(v, 4), "label": lab})
                        owner.append(t)
            for t, ev in zip(owner, _EVIDENCE_LIST.validate_python(spans)):   # one validation call per text
                result[t].append(ev)
        out.append(result)
    return out


def token_contributions(model, tokens, read, sp) -> np.ndarray:
    """(n_tokens, D): each token's exact contribution to every (task, label) score, for a batch.

    Units the model reads (view.py) carry the contributions to the tokens they came from;
    tokens it does not read (someone else's words, idioms, URLs) contribute nothing."""
    ws, wt, _ = _tables(model)
    out = np.zeros((len(tokens.ids), ws.shape[1]), dtype=np.float32)
    shared = len(np.unique(read.pos)) < len(read.pos)   # a repaired word can read as more units than tokens
    if wt is not None:                                  # the dense view (English models)
        dense = read.dense_tokens()
        n_dense = dense.lengths()
        doc_of = np.repeat(np.arange(read.n_docs), n_dense)
        _scatter_add(out, read.pos, wt[dense.ids] / np.maximum(n_dense[doc_of], 1)[:, None].astype(np.float32), shared)
    if sp.occ_entry.size:
        share = sp.vals[sp.occ_entry][:, None] * ws[sp.cols[sp.occ_entry]]
        share /= (sp.occ_tf * sp.occ_order)[:, None].astype(np.float32)
        for n in range(1, int(sp.occ_order.max()) + 1):
            sel = np.flatnonzero(sp.occ_order == n)
            for k in range(n):
                _scatter_add(out, read.pos[sp.occ_start[sel] + k], share[sel], shared)
    return out


def _scatter_add(out: np.ndarray, at: np.ndarray, values: np.ndarray, repeats: bool) -> None:
    """out[at] += values, also when ``at`` repeats an index (then slower)."""
    if repeats:
        np.add.at(out, at, values)
    else:
        out[at] += values


class Words:
    """The words of a batch: tokens grouped, with character spans, per-doc ranges and sentence ends.

    A word starts after whitespace, at a piece with a leading space marker, at punctuation or
    symbols (each its own word) and after them; byte-fallback pieces of one character stay
    together; whitespace-only tokens join the word that follows them (or the doc's last word).
    """

    def __init__(self, texts: list[str], tokens) -> None:
        flags = tokenize.token_flags()
        ids, offsets, ptr = tokens.ids, tokens.offsets, tokens.ptr
        n = len(ids)
        blank, lead, wordish = flags["blank"][ids], flags["lead"][ids], flags["wordish"][ids]
        doc_of = np.repeat(np.arange(tokens.n_docs), tokens.lengths())
        same_doc = np.zeros(n, bool)
        same_doc[1:] = doc_of[1:] == doc_of[:-1]
        prev = lambda a, fill: np.concatenate([[fill], a[:-1]]) if n else a  # noqa: E731
        same_char = same_doc & (offsets[:, 0] == prev(offsets[:, 0], -1)) & (offsets[:, 1] == prev(offsets[:, 1], -1))
        after_blank = ~same_doc | prev(blank, True)
        after_word = same_doc & prev(wordish, False)
        starts = ~blank & ~same_char & (after_blank | lead | ~wordish | ~after_word)
        latest = np.cumsum(starts) - 1                                     # the word a token is in or after
        n_before = np.concatenate([[0], np.cumsum(starts)])[ptr]          # words before each doc
        self.ptr = n_before                                                # words of doc i: ptr[i]:ptr[i+1]
        # whitespace tokens join the next word of their doc, else the doc's last word
        word_of = np.clip(latest + blank, n_before[doc_of], np.maximum(n_before[doc_of + 1] - 1, n_before[doc_of]))
        # tokens of docs without a word (only whitespace) are left out of the grouping
        keep = n_before[doc_of] < n_before[doc_of + 1]
        self.grouped = np.flatnonzero(keep)                                # token indices that belong to words
        self.first = np.flatnonzero(np.diff(word_of[self.grouped], prepend=-1))   # into grouped
        # character spans: from the word's first visible piece (a leading space marker is one space)
        visible = np.flatnonzero(starts)
        start = offsets[visible, 0].copy()
        start += lead[visible] & _is_space_at(texts, doc_of[visible], start)
        self.start = start
        self.end = np.maximum(self.reduce(np.maximum, np.where(blank, 0, offsets[:, 1])), start)
        stop = flags["stop"][ids]
        word_stop = self.reduce(np.maximum, (stop & ~blank).astype(np.int8)).astype(bool)
        line = np.flatnonzero(stop & blank & keep)
        before = latest[line]                                              # a line break ends the word before it
        word_stop[before[before >= n_before[doc_of[line]]]] = True
        self.stop = word_stop                                              # the word ends a sentence

    def reduce(self, ufunc, per_token: np.ndarray) -> np.ndarray:
        """Per word: ``ufunc`` over its tokens (e.g. np.add for contributions)."""
        if not self.first.size:
            return per_token[:0]
        return ufunc.reduceat(per_token[self.grouped], self.first, axis=0)


def _is_space_at(texts: list[str], docs: np.ndarray, chars: np.ndarray) -> np.ndarray:
    """Whether texts[docs[k]][chars[k]] is a plain space, for every k."""
    lengths = np.fromiter((len(t) for t in texts), dtype=np.int64, count=len(texts))
    base = np.concatenate([[0], np.cumsum(lengths)])
    codes = np.frombuffer("".join(texts).encode("utf-32-le", "surrogatepass"), dtype=np.uint32)
    where = base[docs] + chars
    inside = chars < lengths[docs]
    out = np.zeros(len(chars), bool)
    out[inside] = codes[where[inside]] == 32
    return out


def _phrases(w: np.ndarray, stop: np.ndarray, top_k: int) -> list[list[tuple[int, int, float]]]:
    """Per column of ``w`` (words x labels): the top phrases for and against, as (first word,
    last word, weight); ``stop``: the word ends a sentence (phrases do not cross sentences)."""
    n, d = w.shape
    rows = np.arange(n)[:, None]
    positive = w > 0
    brk = np.zeros((n, d), bool)
    brk[0] = True
    brk[1:] = (positive[1:] != positive[:-1]) | stop[:-1, None]
    run_start = np.maximum.accumulate(np.where(brk, rows, 0), axis=0)
    brk |= (rows - run_start) % MAX_PHRASE_WORDS == 0
    seg = np.cumsum(brk, axis=0) - 1                      # segment number within each column
    n_seg = seg[-1] + 1
    base = np.concatenate([[0], np.cumsum(n_seg)[:-1]])
    gid = (seg + base).T.ravel()                          # column-major: segments of column 0 first
    sums = np.bincount(gid, weights=w.T.ravel(), minlength=int(n_seg.sum()))
    col_of, first_word = np.nonzero(brk.T)                # same column-major order as the segment ids
    last_word = np.empty_like(first_word)
    last_word[:-1] = first_word[1:] - 1
    new_col = np.ones(len(col_of), bool)
    new_col[:-1] = col_of[1:] != col_of[:-1]
    last_word[new_col] = n - 1
    # rank segments within their column, for (descending) and against (ascending)
    n_total = len(sums)
    key = col_of * 1e9                                     # |sums| is far below 1e9
    pro_order = np.argsort(key - sums, kind="stable")
    con_order = np.argsort(key + sums, kind="stable")
    rank = np.arange(n_total) - base[col_of[pro_order]]
    pick_pro = pro_order[(rank < top_k) & (sums[pro_order] > MIN_WEIGHT)]
    pick_con = con_order[(rank < AGAINST_K) & (sums[con_order] < -MIN_WEIGHT)]
    out: list[list[tuple[int, int, float]]] = [[] for _ in range(d)]
    picks = np.concatenate([pick_pro, pick_con])
    for c, a, b in zip(col_of[picks].tolist(), first_word[picks].tolist(), last_word[picks].tolist()):
        out[c].append(_trim(w[a:b + 1, c], a))
    return out


def _trim(weights: np.ndarray, first: int) -> tuple[int, int, float]:
    """A phrase without its weak edge words: words at either end that add less than
    TRIM of the phrase's strongest word are left out; the weight is the kept words' sum."""
    strength = np.abs(weights)
    keep = np.flatnonzero(strength >= TRIM * strength.max())
    a, b = int(keep[0]), int(keep[-1])
    return first + a, first + b, float(weights[a:b + 1].sum())
