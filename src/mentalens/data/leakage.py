"""Train/test leakage control: every benchmark test set, and training data deduplicated against them.

``known_test_sets`` gathers every test set the project knows; ``deduplicate`` removes each
training example that is an exact or near duplicate (data/neardup.py) of any of their posts
and returns a ``LeakageReport`` saying which training sets held how many test posts. The
report is saved next to trained models: the overlap is reported, never silent.
"""
from __future__ import annotations

import logging
import os
from collections.abc import Mapping, Sequence

from ..config import data_dir as _resolve_data_dir
from ..tasks import all_tasks, get_task
from . import load_dataset
from .catalog import CATALOG, entry
from .example import Example
from .neardup import MIN_SHARED, SHINGLE, THRESHOLD, find_duplicates
from .report import LeakageReport, Overlap, TrainSet
from .splits import leakage_free_split, menta_split

__all__ = ["LeakageReport", "Overlap", "TestSets", "deduplicate", "known_test_sets", "overlap_report",
           "training_sets"]

log = logging.getLogger("mentalens.data")


class TestSets(dict):
    """Test set key ("imhi/DR:test") -> examples; ``notes`` says which known sets were skipped and why."""

    __test__ = False  # not a pytest class

    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.notes: list[str] = []


def known_test_sets(data_dir: str | os.PathLike | None = None) -> TestSets:
    """Every benchmark test set the project knows, keyed "<dataset>:<split>".

    - every split released as a test set (IMHI's test files; irf, multiwd and cams test);
    - every ``benchmarks`` entry of every task spec;
    - for MentaBench's whole files, the Menta test split of every task the file labels
      ("mentabench/depseverity:menta-test[depression_severity]"), each by ``menta_split`` on
      that task's own label, and, for files with sister tasks, the leakage-free test split
      ("mentabench/cssrs:leakage-free-test").

    A set whose file is absent (imhi/swmh in this copy) is skipped with a note in ``.notes``.
    """
    root = _resolve_data_dir(data_dir)
    out = TestSets()
    wanted: list[tuple[str, str]] = [(e.name, s) for e in CATALOG.values() for s in e.test_splits]
    for spec in all_tasks():
        for b in spec.benchmarks:
            if not entry(b.dataset).whole_file and (b.dataset, b.split) not in wanted:
                wanted.append((b.dataset, b.split))
    for name, split in wanted:
        if _present(name, split, root, out.notes):
            out[f"{name}:{split}"] = load_dataset(name, split, root)
    for e in CATALOG.values():
        if not e.whole_file or not _present(e.name, "all", root, out.notes):
            continue
        examples = load_dataset(e.name, "all", root)
        tasks = [t for t in _tasks_of(e.name) if not get_task(t).multilabel]
        for task in tasks:
            out[f"{e.name}:menta-test[{task}]"] = menta_split(examples, task)["test"]
        if len(tasks) > 1:
            out[f"{e.name}:leakage-free-test"] = leakage_free_split(examples, tasks)["test"]
    return out


def training_sets(data_dir: str | os.PathLike | None = None) -> tuple[list[Example], list[str]]:
    """Every training-capable split (every split that is not a known test set), and notes on missing files."""
    root = _resolve_data_dir(data_dir)
    notes: list[str] = []
    examples: list[Example] = []
    for e in CATALOG.values():
        for split in e.files:
            if split not in e.test_splits and _present(e.name, split, root, notes):
                examples.extend(load_dataset(e.name, split, root))
    return examples, notes


def deduplicate(train: Sequence[Example], tests: Mapping[str, Sequence[Example]]
                ) -> tuple[list[Example], LeakageReport]:
    """``train`` without every example that duplicates (exactly or nearly) a post of any test set.

    Returns the kept examples in their order and the report: per (training source:split,
    test set) pair the exact and near counts, the test posts found and the removed ids.
    """
    test_doc: dict[str, int] = {}
    doc_sets: list[set[str]] = []
    sizes: dict[str, int] = {}
    for key, examples in tests.items():
        texts = {e.text for e in examples}
        sizes[key] = len(texts)
        for text in texts:
            j = test_doc.setdefault(text, len(test_doc))
            if j == len(doc_sets):
                doc_sets.append(set())
            doc_sets[j].add(key)
    train_doc: dict[str, int] = {}
    members: list[list[int]] = []
    for i, e in enumerate(train):
        d = train_doc.setdefault(e.text, len(train_doc))
        if d == len(members):
            members.append([])
        members[d].append(i)

    m = find_duplicates(list(train_doc), list(test_doc))
    kinds: dict[tuple[str, str], dict[int, bool]] = {}     # pair -> train index -> exact?
    found: dict[tuple[str, str], set[int]] = {}            # pair -> test docs found
    for d, j, exact in zip(m.train.tolist(), m.test.tolist(), m.exact.tolist()):
        for key in doc_sets[j]:
            for i in members[d]:
                pair = (_set_name(train[i]), key)
                hit = kinds.setdefault(pair, {})
                hit[i] = hit.get(i, False) or exact
                found.setdefault(pair, set()).add(j)
    removed = {i for hit in kinds.values() for i in hit}
    kept = [e for i, e in enumerate(train) if i not in removed]

    overlaps = [
        Overlap(train=pair[0], test=pair[1], exact=sum(hit.values()), near=sum(not x for x in hit.values()),
                test_posts=len(found[pair]), test_size=sizes[pair[1]],
                same_dataset=pair[0].split(":")[0] == pair[1].split(":")[0],
                removed_ids=sorted((train[i].id for i in hit), key=_id_order))
        for pair, hit in sorted(kinds.items())
    ]
    per_set: dict[str, list[int]] = {}
    for i, e in enumerate(train):
        counts = per_set.setdefault(_set_name(e), [0, 0])
        counts[0] += 1
        counts[1] += i in removed
    report = LeakageReport(
        method=f"exact: same normalized token sequence (NFKC, lower case, word tokens); near: shared "
        f"{SHINGLE}-word shingles cover >= {THRESHOLD:g} of the shorter text's shingles and number >= {MIN_SHARED}",
        shingle=SHINGLE, threshold=THRESHOLD, min_shared=MIN_SHARED, train_examples=len(train), removed=len(removed), kept=len(kept),
        train_sets=[TrainSet(name=k, examples=v[0], removed=v[1]) for k, v in per_set.items()],
        test_sets=sizes, overlaps=overlaps, notes=list(getattr(tests, "notes", [])),
    )
    return kept, report


def overlap_report(data_dir: str | os.PathLike | None = None) -> LeakageReport:
    """Load every training-capable split, deduplicate it against every known test set, report."""
    train, notes = training_sets(data_dir)
    tests = known_test_sets(data_dir)
    _, report = deduplicate(train, tests)
    report.notes = [*tests.notes, *(n for n in notes if n not in tests.notes)]
    return report


def _present(name: str, split: str, root, notes: list[str]) -> bool:
    path = root / entry(name).path(split)
    if path.is_file():
        return True
    note = f"{name}:{split} skipped: file missing (<data dir>/{entry(name).path(split)})"
    if note not in notes:
        notes.append(note)
        log.warning(note)
    return False


def _tasks_of(dataset: str) -> list[str]:
    from .readers.labels import tasks_for

    return tasks_for(dataset)


def _set_name(e: Example) -> str:
    return f"{e.source}:{e.split}"


def _id_order(example_id: str) -> tuple[str, int]:
    head, _, tail = example_id.rpartition("/")
    return (head, int(tail)) if tail.isdigit() else (example_id, -1)
