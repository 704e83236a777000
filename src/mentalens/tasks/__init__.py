"""The task registry: every task's TaskSpec, loaded from ``specs/*.yaml``."""
from __future__ import annotations

from functools import lru_cache
from pathlib import Path

import yaml

from ..errors import MentalensError, UnknownNameError
from .spec import Benchmark, LabelSpec, Source, TaskSpec, normalize_answer

SPEC_DIR = Path(__file__).resolve().parent / "specs"

__all__ = ["Benchmark", "LabelSpec", "Source", "TaskSpec", "all_tasks", "get_task", "resolve_tasks",
           "task_ids", "normalize_answer"]


@lru_cache(maxsize=1)
def _load() -> dict[str, TaskSpec]:
    specs: dict[str, TaskSpec] = {}
    for path in sorted(SPEC_DIR.glob("*.yaml")):
        try:
            spec = TaskSpec.model_validate(yaml.safe_load(path.read_text(encoding="utf-8")))
        except Exception as exc:  # a broken package file is a bug; say which file
            raise MentalensError(f"task spec {path.name} is invalid: {exc}") from exc
        if spec.id != path.stem:
            raise MentalensError(f"task spec {path.name} declares id {spec.id!r}; the file must be {spec.id}.yaml")
        specs[spec.id] = spec
    return specs


def all_tasks() -> list[TaskSpec]:
    return list(_load().values())


def task_ids() -> list[str]:
    return list(_load())


def get_task(task_id: str) -> TaskSpec:
    specs = _load()
    if task_id not in specs:
        raise UnknownNameError("task", task_id, specs)
    return specs[task_id]


def resolve_tasks(names: str | list[str] | None, available: list[str] | None = None) -> list[str]:
    """Task ids from a comma-separated string or list; None means all ``available`` (or all)."""
    pool = available if available is not None else task_ids()
    if names is None or names == "" or names == []:
        return list(pool)
    if isinstance(names, str):
        names = [n.strip() for n in names.split(",") if n.strip()]
    out: list[str] = []
    for n in names:
        if n == "all":
            out.extend(t for t in pool if t not in out)
            continue
        if n not in pool:
            raise UnknownNameError("task", n, pool)
        if n not in out:
            out.append(n)
    return out
