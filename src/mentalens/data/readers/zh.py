"""The Chinese sets of MentalGLM's tasks (zh/ in MANIFEST.md), in their released formats.

- SocialCD-3K: UTF-8 TSV with a header, one 0/1 column per cognitive distortion, ``内容``.
- SOS-HL-1K: ``id, label, comment`` TSV files named ``*_LLM.csv`` (label 1 = high risk), and
  the ``*_BERT.tsv`` variant: GBK-encoded, no header, one-hot ``high, low`` then the post.
- SOS-1K / SOS-4K: ``comment, myLabel`` (urgency 0-10), SOS-4K also ``explain``: a Chinese
  rationale, kept as the Example's explanation.

Labels come from the task specs' codes. SOS-HL-1K, SOS-1K and SOS-4K share posts: the
leakage control deduplicates them like every other set.
"""
from __future__ import annotations

import csv
import io
from pathlib import Path

from ...errors import DataError
from ..example import Example
from .common import Row, Table, make_example, nonempty_rows, read_table, read_text, require_columns
from .labels import coded_columns, coded_labels


def read_socialcd(path: Path, *, dataset: str, split: str, variant: str = "complete") -> list[Example]:
    what = f"{dataset} {split}"
    table = read_table(path, delimiter="\t")
    require_columns(table, ("内容", *coded_columns(dataset)), what=what)
    return [make_example(dataset, split, row, row.values["内容"], coded_labels(dataset, row, path))
            for row in nonempty_rows(table, "内容", what)]


def read_sos_hl(path: Path, *, dataset: str, split: str, variant: str = "complete") -> list[Example]:
    what = f"{dataset} {split}"
    table = _read_gbk_one_hot(path) if variant == "bert" else read_table(path, delimiter="\t")
    require_columns(table, ("label", "comment"), what=what)
    return [make_example(dataset, split, row, row.values["comment"],
                         coded_labels(dataset, row, path, value=row.values["label"]))
            for row in nonempty_rows(table, "comment", what)]


def read_urgency(path: Path, *, dataset: str, split: str, variant: str = "complete") -> list[Example]:
    what = f"{dataset} {split}"
    table = read_table(path, delimiter="\t")
    layout = require_columns(table, ("comment", "myLabel", "explain"), ("comment", "myLabel"), what=what)
    out = []
    for row in nonempty_rows(table, "comment", what):
        labels = coded_labels(dataset, row, path, value=row.values["myLabel"])
        if not labels:
            raise DataError(f"{row.where(path)}: urgency {row.values['myLabel']!r} is not a whole number 0-10",
                            hint="restore the file from its source (see MANIFEST.md)")
        explanation = row.values["explain"].strip() if layout == 0 else ""
        out.append(make_example(dataset, split, row, row.values["comment"], labels, explanation=explanation or None))
    return out


def _read_gbk_one_hot(path: Path) -> Table:
    """The ``*_BERT.tsv`` files: GBK, no header, ``high<TAB>low<TAB>post`` one-hot; as a Table with
    the columns of the ``*_LLM.csv`` files (``label`` 1 = high)."""
    text = read_text(path, encoding="GBK",
                     hint="the SOS-HL-1K *_BERT.tsv files are GBK-encoded as released; restore the original "
                     "(see MANIFEST.md), or read the UTF-8 *_LLM.csv files (the default variant)")
    rows: list[Row] = []
    reader = csv.reader(io.StringIO(text, newline=""), delimiter="\t")
    for record in reader:
        if not record:
            continue
        where = f"{path}, row {len(rows)} (line {reader.line_num})"
        if len(record) != 3 or sorted(c.strip() for c in record[:2]) != ["0", "1"]:
            raise DataError(f"{where}: expected 'high<TAB>low<TAB>post' with a one-hot 0/1 pair, got "
                            f"{len(record)} field(s) starting {record[:2]!r}",
                            hint="restore the file from its source (see MANIFEST.md)")
        rows.append(Row(len(rows), reader.line_num, {"label": record[0].strip(), "comment": record[2]}))
    return Table(path, ["label", "comment"], rows)
