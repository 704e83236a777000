"""Run a benchmark suite: test sets from the task specs -> predictions -> metrics -> results dict.

    >>> from mentalens.bench import run_suite, write_results
    >>> results = run_suite("imhi", model="lens-en", data_dir="../shared/data")
    >>> write_results(results, "results")       # results/imhi/<model>-<version>.json and .md

Metrics are in percent (x100), as the published numbers they are compared with. Each set
reports the benchmark's own metric first, then weighted F1, macro F1, accuracy and balanced
accuracy (multi-label sets: micro, macro and weighted F1), each with a percentile bootstrap
interval; the INVALID count on its own; per-label counts; and every prediction by example id.
"""
from __future__ import annotations

import os
from collections import Counter
from pathlib import Path
from typing import Any

from ..config import data_dir as resolve_data_dir
from . import metrics as M
from .scoring import INVALID_LABEL, Scored, predict, score
from .suites import SPLIT_SEED, TestSet, collect_test_sets

SCHEMA = "mentalens-bench-results/1"
SINGLE_LABEL_METRICS = ("weighted_f1", "macro_f1", "accuracy", "balanced_accuracy")
MULTI_LABEL_METRICS = ("micro_f1", "macro_f1", "weighted_f1")


def resolve_model(model: Any, backend: str = "lens") -> tuple[Any, Path | None]:
    """(backend instance, model folder or None): a Backend, a model folder, or a built-in model name."""
    from ..api import model_path
    from ..backends.base import Backend
    from ..registry import backends

    if isinstance(model, Backend):
        return model, None
    path = model_path(model)
    return backends.get(backend).load(path), path


def run_suite(suite: str, model: Any = None, data_dir: str | os.PathLike | None = None, limit: int | None = None,
              seed: int = 0, *, variant: str = "complete", split_seed: int = SPLIT_SEED, backend: str = "lens",
              n_resamples: int = M.N_BOOTSTRAP, progress=None, explanations=None) -> dict[str, Any]:
    """Every benchmark of ``suite`` the data directory holds; the results with provenance.

    ``model``: a Backend instance, a model folder or a built-in name (default: the built-in
    model). ``limit``: the first N examples of each test set. ``seed``: the bootstrap's seed;
    ``split_seed``: the seed of MentaBench's splits (Menta's protocol uses 42).
    """
    from . import provenance

    root = resolve_data_dir(data_dir)
    model_obj, model_dir = resolve_model(model, backend)
    say = progress or (lambda msg: None)
    sets_out: list[dict[str, Any]] = []
    skipped: list[dict[str, Any]] = []
    files: list[Path] = []
    expl = None
    if explanations is not None:
        from .explanations import ExplanationRun

        expl = ExplanationRun(model_obj, root, explanations, seed, n_resamples, say, limit=limit)
    for ts in collect_test_sets(suite, root, variant=variant, split_seed=split_seed):
        if ts.skipped is None and ts.task.id not in model_obj.tasks:
            ts.skipped = f"model {model_obj.model_name} has no head for task {ts.task.id}"
        if ts.skipped is not None:
            skipped.append({**_identity(ts), "reason": ts.skipped})
            say(f"skipped {ts.key}: {ts.skipped}")
            continue
        files.extend(ts.files)
        examples = ts.examples[:limit] if limit is not None else ts.examples
        say(f"{ts.key}: {len(examples)} examples")
        preds = predict(model_obj, ts.task, [e.text for e in examples], ts.benchmark.labels)
        scored = score(ts.task, ts.benchmark, examples, preds)
        sets_out.append(_set_result(ts, scored, seed, n_resamples))
        if expl is not None:
            expl.add(ts, _identity(ts), examples, preds)
    block = expl.finish(files) if expl is not None else None
    tasks = [s["task"] for s in sets_out] + [s["task"] for s in skipped]
    config = {"suite": suite, "variant": variant, "limit": limit, "seed": seed, "split_seed": split_seed,
              "bootstrap": {"resamples": n_resamples, "confidence": M.CONFIDENCE, "method": "percentile, items resampled"}}
    prov = provenance.collect(backend=model_obj, model_path=model_dir, tasks=tasks, files=files, data_root=root,
                              seed=seed)
    out = {
        "schema": SCHEMA,
        "suite": suite,
        "units": "percent (x100), as the published numbers",
        "model": prov["model"],
        "config": config,
        "provenance": prov,
        "sets": sets_out,
        "skipped": skipped,
    }
    if block is not None:
        out["explanations"] = block
    return out


def _identity(ts: TestSet) -> dict[str, Any]:
    b = ts.benchmark
    return {"name": b.name, "variant": ts.variant, "task": ts.task.id, "task_version": ts.task.version,
            "dataset": b.dataset, "split": "all" if ts.variant in ("menta", "leakage-free") else b.split}


def metric_names(primary: str, multilabel: bool) -> list[str]:
    pool = MULTI_LABEL_METRICS if multilabel else SINGLE_LABEL_METRICS
    if primary == "label_f1" and not multilabel:
        pool = (primary, *pool)
    if primary not in pool:
        from ..errors import MentalensError

        raise MentalensError(f"metric {primary} does not apply to {'multi' if multilabel else 'single'}-label scoring",
                             hint=f"use one of {', '.join(pool)} in the benchmark's spec")
    return [primary, *(m for m in pool if m != primary)]


def _set_result(ts: TestSet, s: Scored, seed: int, n_resamples: int) -> dict[str, Any]:
    multilabel = s.method == "multi-label"
    names = metric_names(ts.benchmark.metric, multilabel)
    if multilabel:
        values = M.score_multilabel(s.gold, s.pred, s.invalid, names, n_resamples=n_resamples, seed=seed)
        gold_counts = {lab: int(s.gold[:, j].sum()) for j, lab in enumerate(s.labels)}
        pred_counts = {lab: int((s.pred[:, j] & ~s.invalid).sum()) for j, lab in enumerate(s.labels)}
    else:
        label = ts.benchmark.label
        values = M.score_single_label(s.gold, s.pred, len(s.labels), names, n_resamples=n_resamples, seed=seed,
                                      label=None if label is None else s.labels.index(label))
        g, p = Counter(s.gold.tolist()), Counter(s.pred.tolist())
        gold_counts = {lab: g.get(j, 0) for j, lab in enumerate(s.labels)}
        pred_counts = {lab: p.get(j, 0) for j, lab in enumerate(s.labels)}
    pred_counts[INVALID_LABEL] = int(s.invalid.sum())
    return {
        **_identity(ts),
        "scoring": s.method,
        "labels": s.labels,
        "metric": ts.benchmark.metric,
        "n": len(s.rows),
        "invalid": int(s.invalid.sum()),
        "metrics": {m: {"value": _pct(v), "ci_low": _pct(lo), "ci_high": _pct(hi)} for m, (v, lo, hi) in values.items()},
        "label_counts": {"gold": gold_counts, "predicted": pred_counts},
        "published": dict(ts.benchmark.published),
        "predictions": s.rows,
    }


def _pct(x: float) -> float | None:
    return None if x != x else round(100.0 * x, 2)
