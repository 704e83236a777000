"""The four CSVs behind MentaBench's six tasks (Menta; xxue752-nz/MentaBenchCode).

Each file is one whole data set (split "all"); Menta splits it 72/8/20 (see data/splits.py).

- Dreaddit: ``text``, ``label`` (0/1 stress), plus subreddit and post id in ``meta``.
- DepSeverity: ``text``, ``label`` (minimum / mild / moderate / severe): labels both
  ``depression`` and ``depression_severity`` through their codes.
- SDCNL: text = title + blank line + selftext, stripped (Menta's choice); ``is_suicide``.
- C-SSRS: one row per user; ``Post`` is a stringified Python list of the user's posts, read
  with ast.literal_eval (never eval). Text = the posts joined by a blank line.

Truncated C-SSRS rows: 28 users' ``Post`` cells stop at 32,759 characters (a spreadsheet's
cell limit) in the middle of a post, so the list does not parse. Policy: such a row is kept
(Menta's splits need all 500 users) with every complete post and the cut-off start of the
last one, and ``meta["truncated"] = True``. A cell that is not a list of strings for any other
reason is a DataError.
"""
from __future__ import annotations

import ast
from pathlib import Path

from ...errors import DataError
from ..example import Example
from .common import Row, make_example, nonempty_rows, read_table, require_columns
from .labels import coded_labels

_DREADDIT_META = ("subreddit", "post_id", "sentence_range")


def read_dreaddit(path: Path, *, dataset: str, split: str, variant: str = "complete") -> list[Example]:
    what = f"{dataset} {split}"
    table = read_table(path)
    require_columns(table, ("text", "label", *_DREADDIT_META), what=what)
    return [make_example(dataset, split, row, row.values["text"],
                         coded_labels(dataset, row, path, value=row.values["label"]),
                         {k: row.values[k] for k in _DREADDIT_META})
            for row in nonempty_rows(table, "text", what)]


def read_depseverity(path: Path, *, dataset: str, split: str, variant: str = "complete") -> list[Example]:
    what = f"{dataset} {split}"
    table = read_table(path)
    require_columns(table, ("text", "label"), what=what)
    return [make_example(dataset, split, row, row.values["text"],
                         coded_labels(dataset, row, path, value=row.values["label"]))
            for row in nonempty_rows(table, "text", what)]


def read_sdcnl(path: Path, *, dataset: str, split: str, variant: str = "complete") -> list[Example]:
    what = f"{dataset} {split}"
    table = read_table(path)
    require_columns(table, ("title", "selftext", "is_suicide"), what=what)
    out = []
    for row in table.rows:
        text = (row.values["title"] + "\n\n" + row.values["selftext"]).strip()
        if text:
            out.append(make_example(dataset, split, row, text,
                                    coded_labels(dataset, row, path, value=row.values["is_suicide"])))
    return out


def read_cssrs(path: Path, *, dataset: str, split: str, variant: str = "complete") -> list[Example]:
    what = f"{dataset} {split}"
    table = read_table(path)
    require_columns(table, ("User", "Post", "Label"), what=what)
    out = []
    for row in nonempty_rows(table, "Post", what):
        posts, truncated = parse_posts(row.values["Post"], row, path)
        meta: dict[str, object] = {"user": row.values["User"].strip(), "posts": posts}
        if truncated:
            meta["truncated"] = True
        out.append(make_example(dataset, split, row, "\n\n".join(posts),
                                coded_labels(dataset, row, path, value=row.values["Label"]), meta))
    return out


def parse_posts(cell: str, row: Row, path: Path) -> tuple[list[str], bool]:
    """The list of posts in a C-SSRS ``Post`` cell, and whether the cell was cut off."""
    cell = cell.strip()
    value = _literal(cell)
    if value is not None:
        return value, False
    if cell.startswith("[") and not cell.endswith("]"):
        # Cut off mid-list: close the open string (dropping a dangling escape) and the list.
        for cut in range(len(cell), max(0, len(cell) - 4), -1):
            for closer in ("']", '"]', "]"):
                value = _literal(cell[:cut] + closer)
                if value is not None:
                    return value, True
    raise DataError(
        f"{row.where(path)}: the Post cell is not a Python list of strings (it starts {cell[:40]!r})",
        hint="each C-SSRS row holds one user's posts as \"['post one', 'post two']\"; "
        "restore the file from its source (see MANIFEST.md)",
    )


def _literal(cell: str) -> list[str] | None:
    try:
        value = ast.literal_eval(cell)
    except (ValueError, SyntaxError, TypeError, MemoryError, RecursionError):
        return None
    if isinstance(value, list) and all(isinstance(v, str) for v in value):
        return value
    return None
