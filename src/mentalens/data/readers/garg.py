"""The Garg lab's releases: Irf (interpersonal risk), MultiWD (wellness dimensions), CAMS (causes).

Labels come from the task specs' ``codes``: Irf's ``belong``/``burden`` and MultiWD's six
dimension columns are 0/1 cells of multi-label tasks; CAMS' cause is one code ("5" or "5.0").
Rows with an empty post are skipped (ids keep the file's row numbers); a row whose label cell
is empty is kept, with no label for that task.
"""
from __future__ import annotations

from pathlib import Path

from ..example import Example
from .common import make_example, nonempty_rows, read_table, require_columns
from .labels import coded_columns, coded_labels, sources_for

# CAMS ships two layouts: the original train/test files and the added data.
CAMS_LAYOUTS = (("selftext", "ANNOTATIONS", "Interpretations"), ("selftext", "cause", "inference"))


def read_irf(path: Path, *, dataset: str, split: str, variant: str = "complete") -> list[Example]:
    """Irf: ``text``, ``belong``, ``burden`` and the human explanation spans ``belong_exp``, ``burden_exp``.

    The spans go to ``meta["spans"]`` keyed by label id, where the annotators wrote one.
    """
    columns = coded_columns(dataset)
    what = f"{dataset} {split}"
    table = read_table(path)
    require_columns(table, ("text", *columns, *(f"{c}_exp" for c in columns)), what=what)
    label_of = {col: lab for spec, src in sources_for(dataset) if spec.multilabel
                for col, lab in (src.codes or {}).items()}
    out = []
    for row in nonempty_rows(table, "text", what):
        spans = {label_of[c]: row.values[f"{c}_exp"].strip() for c in columns if row.values[f"{c}_exp"].strip()}
        out.append(make_example(dataset, split, row, row.values["text"], coded_labels(dataset, row, path),
                                {"spans": spans} if spans else {}))
    return out


def read_multiwd(path: Path, *, dataset: str, split: str, variant: str = "complete") -> list[Example]:
    """MultiWD: ``text`` and one 0/1 column per wellness dimension."""
    what = f"{dataset} {split}"
    table = read_table(path)
    require_columns(table, ("text", *coded_columns(dataset)), what=what)
    return [make_example(dataset, split, row, row.values["text"], coded_labels(dataset, row, path))
            for row in nonempty_rows(table, "text", what)]


def read_cams(path: Path, *, dataset: str, split: str, variant: str = "complete") -> list[Example]:
    """CAMS: ``selftext``, the cause code and the annotators' inference (cue phrases) in ``meta``."""
    what = f"{dataset} {split}"
    table = read_table(path)
    _, label_col, inference_col = CAMS_LAYOUTS[require_columns(table, *CAMS_LAYOUTS, what=what)]
    out = []
    for row in nonempty_rows(table, "selftext", what):
        labels = coded_labels(dataset, row, path, value=row.values[label_col])
        inference = row.values[inference_col].strip()
        out.append(make_example(dataset, split, row, row.values["selftext"], labels,
                                {"inference": inference} if inference else {}))
    return out
