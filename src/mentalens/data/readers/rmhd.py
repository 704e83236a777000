"""Reddit Mental Health Dataset (Low et al. 2020), as shipped in construct-tracker's wheel.

Columns ``subreddit, date, text``. Labels are distant: the community a post was written in,
mapped to tasks by the specs' ``codes`` (a subreddit missing from a task's codes gives no
label for that task, e.g. r/bpd has no mental_disorder label). Subreddit names are
normalised: "reddit depression" and "r/depression" become "depression".
"""
from __future__ import annotations

from pathlib import Path

from ..example import Example
from .common import make_example, nonempty_rows, read_table, require_columns
from .labels import coded_labels


def normalize_subreddit(raw: str) -> str:
    name = raw.strip()
    if name.lower().startswith("reddit "):
        name = name[len("reddit "):].strip()
    if name.lower().startswith("r/"):
        name = name[2:]
    return name


def read(path: Path, *, dataset: str, split: str, variant: str = "complete") -> list[Example]:
    what = f"{dataset} {split}"
    table = read_table(path)
    require_columns(table, ("subreddit", "date", "text"), what=what)
    out = []
    for row in nonempty_rows(table, "text", what):
        subreddit = normalize_subreddit(row.values["subreddit"])
        meta = {"subreddit": subreddit, "date": row.values["date"].strip() or None}
        out.append(make_example(dataset, split, row, row.values["text"],
                                coded_labels(dataset, row, path, value=subreddit), meta))
    return out
