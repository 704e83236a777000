"""Calibrate a language model's label probabilities on validation data.

For every task, the validation splits of the datasets its TaskSpec names (IMHI's val files,
Irf's val_data.csv, ...) give labelled posts; a per-task temperature is fitted on the answers'
log-probabilities (scoring.fit_temperature) and saved with the model in mentalens-llm.json.
Validation posts are never test posts; a task with no validation data keeps temperature 1
and is said so.
"""
from __future__ import annotations

import random
from collections.abc import Callable, Sequence
from pathlib import Path

from ...data.example import Example
from ...tasks import get_task


def validation_examples(tasks: Sequence[str], data_dir, limit: int | None = None, seed: int = 0,
                        log: Callable[[str], None] = lambda m: None) -> dict[str, list[Example]]:
    """Per task, up to ``limit`` labelled validation examples (a seeded sample of all its val files)."""
    from ...data import dataset_path, load_dataset
    from ...data.catalog import CATALOG

    out: dict[str, list[Example]] = {}
    for t in tasks:
        rows: list[Example] = []
        for src in get_task(t).sources:
            entry = CATALOG.get(src.dataset)
            if entry is None or "val" not in entry.files or not dataset_path(src.dataset, "val", data_dir).is_file():
                continue
            rows += [e for e in load_dataset(src.dataset, "val", data_dir) if e.labels.get(t) is not None]
        if limit is not None and len(rows) > limit:
            rows = random.Random(seed).sample(rows, limit)
        out[t] = rows
        log(f"{t}: {len(rows)} validation examples" if rows else f"{t}: no validation data; temperature stays 1")
    return out


def calibrate_model(model: str | Path, data_dir, out: str | Path, *, tasks: Sequence[str] | None = None,
                    limit: int | None = 200, log: Callable[[str], None] = lambda m: None) -> Path:
    """Fit the temperatures of ``model`` (a GGUF file or model folder) and write ``out``/mentalens-llm.json."""
    from .model import CONFIG, LLMBackend

    backend = LLMBackend.load(model, **({"tasks": list(tasks)} if tasks else {}))
    examples = validation_examples(backend.tasks, data_dir, limit, log=log)
    backend.calibrate({t: rows for t, rows in examples.items() if rows}, log=log)
    backend.save(out)
    return Path(out) / CONFIG
