"""The test sets of a benchmark suite, read from the task specs' ``benchmarks`` entries only.

A benchmark names a dataset and a split. A dataset released with its own test file (IMHI)
gives one test set, in the chosen file variant ("complete" or "instruction"). A dataset
released as one whole file (MentaBench's four CSVs: ``whole_file`` in the catalog) gives
two test sets, by the two protocols of data/splits.py:

- "menta": the test split of ``menta_split(examples, task, seed)`` — Menta's protocol, each
  task split on its own label, so sister tasks of one file get different test posts;
- "leakage-free": the test split of ``leakage_free_split(examples, sisters, seed)`` — one
  split shared by the file's sister tasks (the single-label tasks that the file labels, the
  same set data/leakage.py keeps out of training).

A benchmark whose file is absent is skipped with the reason.
"""
from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from ..data import dataset_path, load_dataset
from ..data.catalog import entry
from ..data.example import Example
from ..errors import UnknownNameError, require
from ..tasks import Benchmark, TaskSpec, all_tasks, get_task

SPLIT_SEED = 42          # Menta's seed
WHOLE_FILE_VARIANTS = ("menta", "leakage-free")


@dataclass
class TestSet:
    __test__ = False  # not a pytest class

    task: TaskSpec
    benchmark: Benchmark
    variant: str                              # complete / instruction / menta / leakage-free
    examples: list[Example] = field(default_factory=list)
    files: list[Path] = field(default_factory=list)
    skipped: str | None = None                # the reason, when the set cannot be run

    @property
    def key(self) -> str:
        return f"{self.benchmark.suite}/{self.benchmark.name}[{self.variant}]"


def suites() -> list[str]:
    return sorted({b.suite for spec in all_tasks() for b in spec.benchmarks})


def benchmarks(suite: str) -> list[tuple[TaskSpec, Benchmark]]:
    found = [(spec, b) for spec in all_tasks() for b in spec.benchmarks if b.suite == suite]
    if not found:
        raise UnknownNameError("benchmark suite", suite, suites())
    return found


def sister_tasks(dataset: str) -> list[str]:
    """The single-label tasks a whole file labels; they share the leakage-free split."""
    from ..data.readers.labels import tasks_for

    return [t for t in tasks_for(dataset) if not get_task(t).multilabel]


def _missing(path: Path, root: Path) -> str:
    """Name a missing file relative to the data directory, so reports do not depend on where it lives."""
    try:
        return f"file missing: <data dir>/{path.relative_to(root).as_posix()}"
    except ValueError:
        return f"file missing: {path}"


def collect_test_sets(suite: str, root: Path, *, variant: str = "complete",
                      split_seed: int = SPLIT_SEED) -> list[TestSet]:
    """Every test set of ``suite`` in spec order, loaded (or marked skipped with the reason)."""
    files: dict[tuple[str, str, str], list[Example]] = {}
    shared: dict[str, list[Example]] = {}
    out: list[TestSet] = []

    def load(name: str, split: str, var: str) -> list[Example]:
        if (name, split, var) not in files:
            files[name, split, var] = load_dataset(name, split, root, variant=var)
        return files[name, split, var]

    for spec, b in benchmarks(suite):
        e = entry(b.dataset)
        if e.whole_file:
            path = dataset_path(b.dataset, "all", root)
            if not path.is_file():
                out.extend(TestSet(spec, b, v, skipped=_missing(path, root)) for v in WHOLE_FILE_VARIANTS)
                continue
            require("sklearn", "train", "MentaBench's stratified splits")
            from ..data.splits import leakage_free_split, menta_split

            examples = load(b.dataset, "all", "complete")
            if b.dataset not in shared:
                shared[b.dataset] = leakage_free_split(examples, sister_tasks(b.dataset), split_seed)["test"]
            gold = b.as_task or spec.id          # the task whose labels are scored
            out.append(TestSet(spec, b, "menta", menta_split(examples, gold, split_seed)["test"], [path]))
            out.append(TestSet(spec, b, "leakage-free", [x for x in shared[b.dataset] if gold in x.labels], [path]))
            continue
        if variant != "complete" and variant not in e.variants:
            out.append(TestSet(spec, b, variant, skipped=f"dataset {b.dataset} has no {variant!r} variant"))
            continue
        path = dataset_path(b.dataset, b.split, root, variant=variant)
        if not path.is_file():
            out.append(TestSet(spec, b, variant, skipped=_missing(path, root)))
            continue
        examples = [x for x in load(b.dataset, b.split, variant) if (b.as_task or spec.id) in x.labels]
        out.append(TestSet(spec, b, variant, examples, [path]))
    return out
