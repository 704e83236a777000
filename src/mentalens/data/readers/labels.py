"""From raw labels in a file to task labels, by the task specs and nothing else.

For a dataset, the tasks it labels are the specs whose ``sources`` name it. A source with
``codes`` maps raw values to label ids (single-label tasks: the raw label; multi-label tasks:
a raw column whose 0/1 cell says whether the label is present). A raw value missing from
``codes`` means the row has no label for that task. Sources without ``codes`` (IMHI) are
matched by the labels' phrasings (see readers/imhi.py).
"""
from __future__ import annotations

import re
from collections.abc import Mapping

from ...errors import DataError
from ...tasks import Source, TaskSpec, all_tasks, normalize_answer
from ..example import LabelValue
from .common import Row

_INTEGRAL = re.compile(r"^[+-]?\d+\.0*$")
_TRUE = {"1", "true", "yes"}
_FALSE = {"0", "false", "no"}


def sources_for(dataset: str) -> list[tuple[TaskSpec, Source]]:
    """(task, source) for every task spec whose sources list ``dataset``."""
    return [(spec, src) for spec in all_tasks() for src in spec.sources if src.dataset == dataset]


def tasks_for(dataset: str) -> list[str]:
    """Tasks a dataset labels: those listing it as a source or as a benchmark."""
    out: list[str] = []
    for spec in all_tasks():
        if any(s.dataset == dataset for s in spec.sources) or any(b.dataset == dataset for b in spec.benchmarks):
            out.append(spec.id)
    return out


def clean_raw(raw: str) -> str:
    """A raw label as the codes spell it: stripped; "5.0" read as "5"."""
    raw = raw.strip()
    if _INTEGRAL.match(raw):
        raw = str(int(float(raw)))
    return raw


def lookup(codes: Mapping[str, str], raw: str) -> str | None:
    """The label id for a raw value: exact match first, then a unique case-insensitive one."""
    raw = clean_raw(raw)
    if raw in codes:
        return codes[raw]
    folded = [k for k in codes if k.casefold() == raw.casefold()]
    return codes[folded[0]] if len(folded) == 1 else None


def coded_columns(dataset: str) -> list[str]:
    """Raw columns that multi-label tasks of ``dataset`` read (the keys of their codes)."""
    return [col for spec, src in sources_for(dataset) if spec.multilabel for col in (src.codes or {})]


def coded_labels(dataset: str, row: Row, path, *, value: str | None = None) -> dict[str, LabelValue]:
    """Labels of one row for every coded task of ``dataset``.

    ``value`` is the row's raw label for single-label tasks; multi-label tasks read their
    columns from the row.
    """
    labels: dict[str, LabelValue] = {}
    for spec, src in sources_for(dataset):
        if src.codes is None:
            continue
        if spec.multilabel:
            present: dict[str, bool] = {}
            for column, label_id in src.codes.items():
                cell = clean_raw(row.values.get(column, "")).lower()
                if cell == "":
                    continue
                if cell not in _TRUE | _FALSE:
                    raise DataError(
                        f"{row.where(path)}: column {column!r} holds {row.values[column]!r}; expected 0 or 1",
                        hint="restore the file from its source (see MANIFEST.md)",
                    )
                present[label_id] = cell in _TRUE
            if present:
                labels[spec.id] = present
        elif value is not None:
            label = lookup(src.codes, value)
            if label is not None:
                labels[spec.id] = label
    return labels


def imhi_task(dataset: str) -> TaskSpec:
    """The one task an IMHI dataset labels (matched by phrasings: its source has no codes)."""
    found = [spec for spec in all_tasks()
             if any(s.dataset == dataset and s.codes is None for s in spec.sources)
             or (spec.source(dataset) is None and any(b.dataset == dataset for b in spec.benchmarks))]
    if len(found) != 1:  # a broken package spec, not a user error
        raise DataError(f"{dataset} must be labelled by exactly one task spec; found {[s.id for s in found]}",
                        hint="fix the sources of the task specs in mentalens/tasks/specs/")
    return found[0]


def yes_no(answer: str) -> bool | None:
    """A yes/no answer by the rule of TaskSpec.match_phrasing: the head is "yes"/"no" or starts with "yes,"/"no,"."""
    head = normalize_answer(answer)
    for word, value in (("yes", True), ("no", False)):
        if head == word or head.startswith(word + ","):
            return value
    return None


def aspect_of(spec: TaskSpec, question: str) -> str | None:
    """The label of a multi-label task a yes/no question asks about: the one whose phrasing it names."""
    q = question.lower()
    hits = {lab.id for lab in spec.labels
            for p in [lab.id.replace("_", " "), *lab.phrasings]
            if re.search(rf"(?<!\w){re.escape(p)}(?!\w)", q)}
    return hits.pop() if len(hits) == 1 else None
