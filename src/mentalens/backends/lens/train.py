"""Fitting the lens backend: per-task class-balanced logistic heads over shared features,
calibrated on out-of-fold scores. Needs the "train" extra (scikit-learn, scipy).

Deterministic: the same examples, parameters and seed give the same weights (BLAS is held
to one thread while fitting; folds and solvers take the seed).
"""
from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass

import numpy as np

from ...chinese import tables_sha256 as chinese_tables_sha256
from ...data.example import Example
from ...errors import UsageError, require
from ...tasks import get_task, label_groups
from . import tokenize, zh
from .derive import group_matrix, tune
from .features import Vocabulary, mean_embeddings, tfidf
from .heads import Head
from .spelling import MIN_LETTERS, Speller
from .view import make_view


@dataclass(frozen=True)
class HeadParams:
    C: float = 1.0            # inverse L2 strength of the logistic head
    alpha: float = 0.05       # scale of the standardised embedding view against the tf-idf view
    max_iter: int = 3000
    rule: str = "balanced"    # decision rule (heads.Head): balanced / map / shift
    tune_on: str | None = None   # "shift": the source ("<dataset>:<split>") whose out-of-fold rows choose it
    metric: str = "weighted_f1"  # what "shift" and derived thresholds maximise: weighted_f1 / balanced_accuracy
    derive_from: str | None = None   # read this task off another task's head (derive.py)
    # weight of the rows of a source ("<dataset>:<split>"); unlisted sources weigh 1. Classes
    # are then balanced by their total weight.
    source_weights: Mapping[str, float] | None = None


@dataclass
class TaskData:
    """Rows of one task: indices into the unique-text list and targets."""

    rows: np.ndarray          # int64
    y: np.ndarray             # class index (single-label) or (n, L) 0/1 (multilabel)
    mask: np.ndarray | None   # multilabel: which cells are annotated
    sources: np.ndarray       # "<dataset>:<split>" of the example that gave each row its label


def load_embeddings() -> np.ndarray:
    from safetensors import safe_open

    with safe_open(str(tokenize.asset(tokenize.EMBEDDING_FILE)), framework="np") as fh:
        return fh.get_tensor(tokenize.EMBEDDING_KEY).astype(np.float64)


def by_task(examples: Sequence[Example], tasks: Sequence[str]) -> dict[str, list[Example]]:
    """The examples labelled for each task, in their order."""
    return {t: [e for e in examples if t in e.labels] for t in tasks}


def collect(task_examples: Mapping[str, Sequence[Example]]) -> tuple[list[str], dict[str, TaskData]]:
    """Unique texts in first-seen order, and per task the rows labelled for it.

    A text labelled twice for a task keeps its first label (single-label) or the first value
    seen per label (multilabel): list each task's examples in order of source priority.
    """
    index: dict[str, int] = {}
    out: dict[str, TaskData] = {}
    for t, examples in task_examples.items():
        spec = get_task(t)
        seen: dict[int, object] = {}
        origin: dict[int, str] = {}
        for ex in examples:
            i = index.setdefault(ex.text, len(index))
            value = ex.labels[t]
            origin.setdefault(i, f"{ex.source}:{ex.split}")
            if spec.multilabel:
                cell = seen.setdefault(i, {})
                for lab, present in dict(value).items():
                    cell.setdefault(lab, bool(present))
            else:
                seen.setdefault(i, value)
        if not seen:
            raise UsageError(f"no training example carries a label for task {t}",
                             hint="check the recipe's sources for this task")
        items = sorted(seen.items())
        rows = np.array([i for i, _ in items], dtype=np.int64)
        sources = np.array([origin[i] for i, _ in items])
        if spec.multilabel:
            labs = spec.label_ids
            y = np.array([[int(v.get(lab, False)) for lab in labs] for _, v in items])
            mask = np.array([[lab in v for lab in labs] for _, v in items])
            out[t] = TaskData(rows, y, mask, sources)
        else:
            out[t] = TaskData(rows, np.array([spec.label_ids.index(v) for _, v in items]), None, sources)
    return list(index), out


def fit_lens(model, task_examples: Mapping[str, Sequence[Example]], *,
             params: Mapping[str, HeadParams] | None = None, folds: int = 5, seed: int = 0,
             log=None) -> None:
    require("sklearn", "train", "training the lens backend")
    import scipy.sparse as sp
    from threadpoolctl import threadpool_limits

    params = dict(params or {})
    say = log or (lambda msg: None)
    tasks = list(task_examples)
    texts, data = collect(task_examples)
    say(f"{len(texts)} unique training texts for {len(tasks)} tasks")
    chinese = model.language == "zh"
    if chinese:      # characters, no spelling repair, no dense view (zh.py)
        tokens = zh.encode(texts)
        model.speller = None
        read = zh.make_view(texts, tokens)
    else:
        tokens = tokenize.encode(texts, offsets=True)
        model.speller = Speller.learn(texts)
        say(f"spelling: {len(model.speller.words)} known words of {MIN_LETTERS}+ letters")
        read = make_view(texts, tokens, model.speller)
    vocab = Vocabulary.fit(read, model.nmax, model.min_df)
    say(f"vocabulary: {len(vocab)} token n-grams (n <= {model.nmax}, min_df {model.min_df})")
    x_sparse = tfidf(read, vocab, model.nmax).to_scipy()
    emb = np.zeros((0, 0)) if chinese else load_embeddings()
    dense = np.zeros((len(texts), 0)) if chinese else mean_embeddings(read.dense_tokens(), emb)
    mu, sd = dense.mean(axis=0), dense.std(axis=0) + 1e-6
    dense_std = (dense - mu) / sd

    derived = {t: params[t].derive_from for t in tasks if t in params and params[t].derive_from}
    for t, src in derived.items():
        if src not in tasks or src in derived:
            raise UsageError(f"task {t} is derived from {src!r}, which is not a trained task of this recipe",
                             hint="derive from a task the recipe trains directly")
    heads: dict[str, Head] = {}
    start = 0
    for t in tasks:
        spec = get_task(t)
        h = Head(task=t, kind=spec.kind, labels=spec.label_ids, start=start, source=derived.get(t))
        if h.source:
            h.groups = label_groups(spec, get_task(h.source))
        heads[t] = h
        start = h.stop
    n_out, n_feat = start, len(vocab)
    w_sparse = np.zeros((n_feat, n_out))
    w_dense = np.zeros((emb.shape[1], n_out))
    bias = np.zeros(n_out)

    oof_proba: dict[str, dict[int, np.ndarray]] = {}
    with threadpool_limits(limits=1):
        for t in tasks:
            h, d, p = heads[t], data[t], params.get(t, HeadParams())
            if h.source:
                continue
            x = x_sparse[d.rows] if chinese else \
                sp.hstack([x_sparse[d.rows], sp.csr_matrix(dense_std[d.rows] * p.alpha)], format="csr")
            w = None
            if p.source_weights:
                w = np.array([p.source_weights.get(src, 1.0) for src in d.sources.tolist()])
            columns, proba = _fit_task(h, x, d, p, folds, seed, w)
            if proba is not None:
                oof_proba[t] = dict(zip(d.rows.tolist(), proba))
            for j, (coef, intercept) in enumerate(columns):
                col = h.start + j
                w_sparse[:, col] = coef[:n_feat]
                w_dense[:, col] = coef[n_feat:] * p.alpha / sd
                bias[col] = intercept - float(np.dot(coef[n_feat:] * p.alpha / sd, mu))
            say(f"{t}: {len(d.rows)} texts, calibrated (T/a = {h.temperature if h.softmax else h.a})")
        for t, src in derived.items():
            h, d, p = heads[t], data[t], params[t]
            keep = [k for k, r in enumerate(d.rows.tolist()) if r in oof_proba[src]]
            g = group_matrix(h, len(heads[src].labels))
            proba = np.array([oof_proba[src][r] for r in d.rows[keep].tolist()]) @ g
            tune(h, proba, d.y[keep], METRICS[p.metric])
            say(f"{t}: derived from {src} (groups {h.groups}), decision {h.rule} {h.thresholds or h.offsets}")

    # stored as float16 (weights) and float32 (bias): round now, so a fitted model scores
    # exactly as the same model saved and loaded again
    model.vocab = vocab
    model.w_sparse = w_sparse.astype(np.float16).astype(np.float32)
    model.w_token = None if chinese else (emb @ w_dense).astype(np.float16).astype(np.float32)
    model.bias = bias.astype(np.float32).astype(np.float64)
    model.heads = heads
    if chinese:
        model.meta.setdefault("provenance", {})["zh_tables_sha256"] = chinese_tables_sha256()
        return
    model.meta.setdefault("assets", {tokenize.TOKENIZER_FILE: tokenize.sha256(tokenize.asset(tokenize.TOKENIZER_FILE))})
    model.meta.setdefault("provenance", {})["embeddings_sha256"] = tokenize.sha256(tokenize.asset(tokenize.EMBEDDING_FILE))


def _fit_task(h: Head, x, d: TaskData, p: HeadParams, folds: int, seed: int, w: np.ndarray | None = None):
    """Fit the head's columns; calibrate on out-of-fold scores.

    Returns (coef, intercept) per column, and the calibrated out-of-fold probabilities of a
    single-label head (None for multilabel heads)."""
    if h.kind == "multilabel":
        columns, oof = [], np.zeros(d.y.shape)
        for j in range(len(h.labels)):
            m = d.mask[:, j]
            y = d.y[m, j]
            xs = x[np.flatnonzero(m)]
            wj = None if w is None else w[m]
            coef, icpt = _logreg(xs, y, p, seed, None, wj)
            columns.append((coef[0], float(icpt[0])))
            oof[m, j] = _oof(xs, y, p, folds, seed, None, wj)[:, 0]
        h.fit_calibration(oof, d.y, d.mask, w)
        _decide(h, p, oof, d.y, d.mask, d.sources)
        return columns, None
    n_labels = len(h.labels) if h.softmax else None
    coef, icpt = _logreg(x, d.y, p, seed, n_labels, w)
    z = _oof(x, d.y, p, folds, seed, n_labels, w)
    h.fit_calibration(z, d.y, None, w)
    _decide(h, p, z, d.y.reshape(-1, 1), None, d.sources)
    proba = h.calibrate(z)
    if h.kind == "binary":
        return [(coef[0], float(icpt[0]))], proba
    return [(coef[k], float(icpt[k])) for k in range(len(h.labels))], proba


SHIFTS = np.round(np.arange(-3.0, 3.01, 0.1), 2)


def _decide(h: Head, p: HeadParams, z: np.ndarray, y: np.ndarray, mask, sources: np.ndarray) -> None:
    """Set the head's decision rule; "shift" picks the shift of the raw log-odds that maximises
    the weighted F1 of the pooled yes/no cells of the ``tune_on`` rows' out-of-fold scores."""
    if p.rule != "shift":
        h.set_rule(p.rule)
        return
    if h.softmax:
        raise UsageError(f"task {h.task}: decision rule 'shift' applies to binary and multilabel tasks only",
                         hint="use 'balanced' or 'map' for multiclass tasks")
    rows = np.ones(len(z), bool) if p.tune_on is None else sources == p.tune_on
    if not rows.any():
        raise UsageError(f"task {h.task}: no training rows come from {p.tune_on!r} to tune the decision on",
                         hint="name a source listed in the task's `train`")
    cells = np.ones(z.shape, bool) if mask is None else mask.reshape(z.shape)
    cells &= rows[:, None]
    zs, ys = z[cells], y.reshape(z.shape)[cells]
    metric = METRICS[p.metric]
    best = max(SHIFTS, key=lambda s: (metric(ys, (zs + s > 0).astype(int)), -abs(s)))
    h.set_rule("shift", float(best))


def _weighted_f1(y: np.ndarray, pred: np.ndarray) -> float:
    total = 0.0
    for c in np.unique(y):
        tp = np.sum((pred == c) & (y == c))
        denom = np.sum(pred == c) + np.sum(y == c)
        total += np.sum(y == c) * (2 * tp / denom if denom else 0.0)
    return total / len(y)


def _balanced_accuracy(y: np.ndarray, pred: np.ndarray) -> float:
    return float(np.mean([np.mean(pred[y == c] == c) for c in np.unique(y)]))


def _micro_f1(y: np.ndarray, pred: np.ndarray) -> float:
    """F1 of the positive class of pooled 0/1 cells: micro-F1 of a multi-label task."""
    tp = np.sum((pred == 1) & (y == 1))
    denom = np.sum(pred == 1) + np.sum(y == 1)
    return float(2 * tp / denom) if denom else 0.0


METRICS = {"weighted_f1": _weighted_f1, "balanced_accuracy": _balanced_accuracy, "micro_f1": _micro_f1}


ABSENT = -30.0      # raw score of a label that no training example carries: never predicted


def _logreg(x, y: np.ndarray, p: HeadParams, seed: int, n_labels: int | None = None,
            w: np.ndarray | None = None):
    """Fit one logistic model, classes balanced (by count, or by total weight when rows carry
    weights). ``n_labels`` None: the log-odds form of a 0/1 problem (one row). Otherwise one
    row per label of a softmax head, whatever labels the data holds: a label with no example
    gets a zero row and a very low intercept."""
    from sklearn.linear_model import LogisticRegression

    classes = np.unique(y)
    if len(classes) < 2:
        raise UsageError(f"a head has training examples of one class only ({classes.tolist()})",
                         hint="add examples of the other labels for this task")
    if w is None:
        clf = LogisticRegression(C=p.C, class_weight="balanced", max_iter=p.max_iter, random_state=seed, tol=1e-5)
        clf.fit(x, y)
    else:
        total = np.array([w[y == c].sum() for c in classes])
        per_class = dict(zip(classes.tolist(), (w.sum() / (len(classes) * total)).tolist()))
        clf = LogisticRegression(C=p.C, max_iter=p.max_iter, random_state=seed, tol=1e-5)
        clf.fit(x, y, sample_weight=w * np.array([per_class[c] for c in y.tolist()]))
    if n_labels is None:
        return clf.coef_, clf.intercept_
    coef, icpt = np.zeros((n_labels, x.shape[1])), np.full(n_labels, ABSENT)
    if len(classes) == 2:      # scikit-learn's binary form: one row of log-odds for classes[1]
        coef[classes[1]], coef[classes[0]] = clf.coef_[0] / 2, -clf.coef_[0] / 2
        icpt[classes[1]], icpt[classes[0]] = clf.intercept_[0] / 2, -clf.intercept_[0] / 2
    else:
        coef[classes], icpt[classes] = clf.coef_, clf.intercept_
    return coef, icpt


def _oof(x, y: np.ndarray, p: HeadParams, folds: int, seed: int, n_labels: int | None = None,
         w: np.ndarray | None = None) -> np.ndarray:
    """Out-of-fold raw scores: (n, 1) log-odds of a 0/1 problem, or (n, n_labels) softmax scores."""
    from sklearn.model_selection import StratifiedKFold

    counts = np.unique(y, return_counts=True)[1]
    n_splits = max(2, min(folds, int(counts.min())))
    out = np.zeros((len(y), 1 if n_labels is None else n_labels))
    for tr, te in StratifiedKFold(n_splits=n_splits, shuffle=True, random_state=seed).split(np.zeros(len(y)), y):
        coef, icpt = _logreg(x[tr], y[tr], p, seed, n_labels, None if w is None else w[tr])
        out[te] = np.asarray(x[te] @ coef.T) + icpt
    return out
