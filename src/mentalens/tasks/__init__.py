"""The task registry: every task's TaskSpec, loaded from ``specs/*.yaml``."""
from __future__ import annotations

from functools import lru_cache
from pathlib import Path

import yaml

from ..errors import MentalensError, UnknownNameError
from .spec import Benchmark, LabelSpec, Source, TaskSpec, normalize_answer

SPEC_DIR = Path(__file__).resolve().parent / "specs"

__all__ = ["Benchmark", "LabelSpec", "Source", "TaskSpec", "all_tasks", "get_task", "label_groups",
           "resolve_tasks", "task_ids", "normalize_answer"]

# libyaml's safe loader when present (10x faster: cold start), else the pure-Python one
_LOADER = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


@lru_cache(maxsize=1)
def _load() -> dict[str, TaskSpec]:
    specs: dict[str, TaskSpec] = {}
    for path in sorted(SPEC_DIR.glob("*.yaml")):
        try:
            spec = TaskSpec.model_validate(yaml.load(path.read_text(encoding="utf-8"), Loader=_LOADER))
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


def label_groups(target: TaskSpec, source: TaskSpec) -> list[list[int]]:
    """For each label of ``target``, the indices of the ``source`` labels it gathers.

    Read off the two specs' ``codes`` on the datasets they share: a raw value mapped to a
    source label and a target label puts the one into the other's group. Every source label
    must land in exactly one group.
    """
    from ..errors import UsageError

    mapping: dict[str, str] = {}
    for ts in target.sources:
        ss = source.source(ts.dataset)
        if not (ts.codes and ss and ss.codes):
            continue
        for raw, target_label in ts.codes.items():
            source_label = ss.codes.get(raw)
            if source_label is not None and mapping.setdefault(source_label, target_label) != target_label:
                raise UsageError(f"cannot group {source.id} into {target.id}: {source_label!r} maps to two labels",
                                 hint="the two task specs' codes disagree on a shared dataset")
    if set(mapping) != set(source.label_ids):
        raise UsageError(f"cannot group {source.id} into {target.id}: the specs share no dataset whose codes map "
                         f"every {source.id} label", hint="group only tasks labelled from the same raw codes")
    return [[i for i, lab in enumerate(source.label_ids) if mapping[lab] == t] for t in target.label_ids]
