"""``mentalens train --recipe NAME``: data -> leakage control -> fit -> model folder.

The folder holds config.json + weights.safetensors (the model), leakage.json (every
training post removed as a duplicate of a test post), training.json (what trained each
task, with data file hashes) and the recipe itself. The model card is written by
``mentalens.modelcard`` from these and the benchmark results.
"""
from __future__ import annotations

import dataclasses
import json
import os
from collections import Counter
from collections.abc import Callable
from pathlib import Path

from .data import dataset_path, load_dataset
from .data.example import Example
from .hashing import sha256_file
from .recipes import Recipe, get_recipe, load_recipe


def resolve_recipe(name_or_path: str) -> Recipe:
    path = Path(name_or_path)
    if path.suffix in (".yaml", ".yml") and path.is_file():
        return load_recipe(path)
    return get_recipe(name_or_path)


def training_data(recipe: Recipe, data_dir, log: Callable[[str], None] = lambda m: None):
    """Per task its training examples (known test posts removed), the leakage report, file hashes."""
    from .data.leakage import deduplicate, known_test_sets

    refs: list[str] = []
    for t in recipe.tasks.values():
        refs.extend(r for r in t.refs if r not in refs)
    loaded: dict[str, list[Example]] = {}
    files: dict[str, str] = {}
    for ref in refs:
        name, split = ref.split(":")
        loaded[ref] = load_dataset(name, split, data_dir)
        files[ref] = sha256_file(dataset_path(name, split, data_dir))
    log(f"loaded {sum(map(len, loaded.values()))} examples from {len(refs)} training sources")
    tests = known_test_sets(data_dir)
    union = [e for ref in refs for e in loaded[ref]]
    kept, report = deduplicate(union, tests)
    kept_ids = {e.id for e in kept}
    log(f"leakage control: removed {report.removed} of {report.train_examples} training examples "
        f"that duplicate posts of {len(tests)} known test sets")
    per_task: dict[str, list[Example]] = {}
    for task, tr in recipe.tasks.items():
        rows = []
        for ref in tr.refs:
            for e in loaded[ref]:
                if e.id in kept_ids and task in e.labels:
                    rows.append(dataclasses.replace(e, labels={task: e.labels[task]}))
        per_task[task] = rows
    return per_task, report, files


def train_recipe(name_or_path: str, data_dir, out_dir: str | os.PathLike,
                 log: Callable[[str], None] = lambda m: None) -> Path:
    from .backends.lens.model import LensBackend
    from .backends.lens.train import HeadParams

    recipe = resolve_recipe(name_or_path)
    per_task, report, files = training_data(recipe, data_dir, log)
    model = LensBackend(nmax=recipe.nmax, min_df=recipe.min_df, name=recipe.name, version=recipe.version,
                        language=recipe.language)
    params = {t: HeadParams(C=r.C, alpha=r.alpha, rule=r.decision, tune_on=r.tune_on, metric=r.metric,
                            derive_from=r.derive_from, source_weights=r.weights or None)
              for t, r in recipe.tasks.items()}
    model.meta["recipe"] = recipe.name
    from .backends.lens.train import fit_lens

    fit_lens(model, per_task, params=params, folds=recipe.folds, seed=recipe.seed, log=log)
    out = Path(out_dir)
    model.save(out)
    (out / "leakage.json").write_text(report.model_dump_json(indent=2) + "\n", encoding="utf-8")
    summary = {
        "recipe": recipe.model_dump(mode="json"),
        "environment": numeric_environment(),
        "data_files_sha256": files,
        "tasks": {t: _label_counts(t, rows) for t, rows in per_task.items()},
    }
    (out / "training.json").write_text(json.dumps(summary, indent=2, sort_keys=True) + "\n", encoding="utf-8")
    return out


def _label_counts(task: str, rows: list[Example]) -> dict:
    counts: Counter = Counter()
    for e in rows:
        v = e.labels[task]
        if isinstance(v, str):
            counts[v] += 1
        else:
            for lab, present in v.items():
                counts[f"{lab}={'yes' if present else 'no'}"] += 1
    sources = Counter(f"{e.source}:{e.split}" for e in rows)
    return {"examples": len(rows), "labels": dict(sorted(counts.items())), "sources": dict(sorted(sources.items()))}


def numeric_environment() -> dict[str, str]:
    """The versions that decide the weights' last bits: the same recipe, data and seed give
    byte-identical weights under the same versions (tests/training/test_builtin_reproduces.py)."""
    import platform
    from importlib.metadata import PackageNotFoundError, version

    env = {"python": platform.python_version()}
    for pkg in ("numpy", "scipy", "scikit-learn"):
        try:
            env[pkg] = version(pkg)
        except PackageNotFoundError:
            env[pkg] = "not installed"
    return env
