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

from ...schema import Evidence
from . import tokenize

MAX_PHRASE_WORDS = 8
MIN_WEIGHT = 0.02          # calibrated log-odds; smaller contributions are not evidence
AGAINST_K = 1              # phrases against the label, after the top_k for it


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
                 (model.w_token.astype(np.float64) @ d).astype(np.float32),
                 {key: i for i, key in enumerate(index)})
        model._evidence_tables = cache
    return cache


def explain_batch(model, texts: list[str], labels: list[dict[str, list[str]]], top_k: int,
                  features=None) -> list[dict[str, list[Evidence]]]:
    """Evidence per text and task for the given labels. ``features``: (tokens with offsets, tf-idf)."""
    tokens, sp = features if features is not None else model.features(texts)
    ws, wt, col = _tables(model)
    flags = tokenize.token_flags()
    by_pos = np.argsort(sp.occ_start, kind="stable")      # occurrences grouped by doc
    occ = (sp.occ_entry[by_pos], sp.occ_start[by_pos], sp.occ_order[by_pos], sp.occ_tf[by_pos])
    occ_ptr = np.searchsorted(occ[1], tokens.ptr)
    out = []
    for i, text in enumerate(texts):
        wanted = [(t, lab, col[(t, lab)]) for t, labs in labels[i].items() for lab in labs]
        lo, hi = int(tokens.ptr[i]), int(tokens.ptr[i + 1])
        if not wanted or not (~flags["blank"][tokens.ids[lo:hi]]).any():   # nothing but whitespace
            out.append({t: [] for t in labels[i]})
            continue
        cols = np.array([c for _, _, c in wanted])
        contrib = _token_contrib(tokens, sp, occ, ws, wt, cols, i, lo, hi, occ_ptr)
        first, starts, ends, sentence = _words(text, tokens.ids[lo:hi], tokens.offsets[lo:hi], flags)
        word_w = np.add.reduceat(contrib, first, axis=0)
        starts_l, ends_l = starts.tolist(), ends.tolist()
        result: dict[str, list[Evidence]] = {t: [] for t in labels[i]}
        for (t, lab, _), picks in zip(wanted, _phrases(word_w, sentence, top_k)):
            result[t].extend(Evidence(start=s, end=e, text=text[s:e], weight=round(w, 4), label=lab)
                             for s, e, w in ((starts_l[a], ends_l[b], w) for a, b, w in picks) if e > s)
        out.append(result)
    return out


def _token_contrib(tokens, sp, occ, ws, wt, cols, i, lo, hi, occ_ptr) -> np.ndarray:
    """(n_tokens of doc i, len(cols)) contributions to the selected directions."""
    n = hi - lo
    out = wt[tokens.ids[lo:hi]][:, cols].astype(np.float64) / n
    a, b = int(occ_ptr[i]), int(occ_ptr[i + 1])
    if b > a:
        entry, start, order, tf = (x[a:b] for x in occ)
        share = sp.vals[entry, None] * ws[sp.cols[entry]][:, cols]
        share /= (tf * order)[:, None]
        start = start - lo
        for n_ in range(1, int(order.max()) + 1):
            sel = order == n_
            for k in range(n_):                 # one n-gram of each order starts at a position: no clashes
                out[start[sel] + k] += share[sel]
    return out


def _words(text: str, ids: np.ndarray, offsets: np.ndarray, flags) -> tuple[np.ndarray, ...]:
    """Group tokens into words: (first token of each word, start char, end char, sentence id).

    A word starts after whitespace, at a piece with a leading space marker, at punctuation
    or symbols (each its own word) and after them; byte-fallback pieces of one character stay
    together; whitespace-only tokens join the word that follows them.
    """
    n = len(ids)
    blank, lead, wordish = flags["blank"][ids], flags["lead"][ids], flags["wordish"][ids]
    same_char = np.zeros(n, bool)
    same_char[1:] = (offsets[1:, 0] == offsets[:-1, 0]) & (offsets[1:, 1] == offsets[:-1, 1])
    prev_blank = np.zeros(n, bool)
    prev_blank[1:] = blank[:-1]
    prev_wordish = np.zeros(n, bool)
    prev_wordish[1:] = wordish[:-1]
    start = ~blank & ~same_char & (prev_blank | lead | ~wordish | ~prev_wordish)
    start[np.argmax(~blank)] = True                    # callers ensure a non-blank token exists
    group = np.cumsum(start) - 1
    group[blank] += 1                                  # whitespace joins the next word
    n_words = int(start.sum())
    group = np.clip(group, 0, max(n_words - 1, 0))
    first = np.flatnonzero(np.diff(group, prepend=-1))
    # character spans: from the word's first visible piece (a leading space marker is one space)
    visible = np.flatnonzero(start)
    s = offsets[visible, 0].copy()
    codes = np.frombuffer(text.encode("utf-32-le", "surrogatepass"), dtype=np.uint32)
    marked = lead[visible] & (s < len(codes))
    s[marked] += codes[s[marked]] == 32
    e = np.maximum.reduceat(offsets[:, 1], first)
    e = np.maximum(e, s)
    stop = flags["stop"][ids]
    ends_sentence = np.maximum.reduceat((stop & ~blank).astype(np.int8), first).astype(bool)
    breaks = group[stop & blank] - 1                   # a line break ends the word before it
    ends_sentence[breaks[breaks >= 0]] = True
    sentence = np.concatenate([[0], np.cumsum(ends_sentence[:-1])])
    return first, s, e, sentence


def _phrases(w: np.ndarray, sentence: np.ndarray, top_k: int) -> list[list[tuple[int, int, float]]]:
    """Per column of ``w`` (words x labels): the top phrases for and against, as (first word, last word, weight)."""
    n, d = w.shape
    rows = np.arange(n)[:, None]
    positive = w > 0
    brk = np.zeros((n, d), bool)
    brk[0] = True
    brk[1:] = (positive[1:] != positive[:-1]) | (sentence[1:] != sentence[:-1])[:, None]
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
    for c, a, b, w in zip(col_of[picks].tolist(), first_word[picks].tolist(), last_word[picks].tolist(),
                          sums[picks].tolist()):
        out[c].append((a, b, w))
    return out
