"""Reading research CSV/TSV files: strict UTF-8, checked columns, errors that say where.

Every problem a user can hit reading a file is a DataError naming the file, the row (the
0-based data row, as in Example ids, and the line it starts on) and, for column problems,
the columns expected and found. Text is never re-encoded or repaired: mojibake that the
authors shipped is kept as it is.
"""
from __future__ import annotations

import csv
import io
import logging
import sys
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from ...errors import DataError
from ..example import Example, LabelValue

log = logging.getLogger("mentalens.data")

# Posts (and C-SSRS users' post lists) can be far longer than csv's default 128 KiB field.
csv.field_size_limit(min(sys.maxsize, 2**31 - 1))

DATA_HINT = "check that --data-dir or $MENTALENS_DATA points at the folder holding MANIFEST.md"


@dataclass(frozen=True, slots=True)
class Row:
    index: int               # 0-based data row in file order (the header is not a row)
    line: int                # 1-based line of the file the row starts on
    values: dict[str, str]   # column name -> cell

    def where(self, path: Path) -> str:
        return f"{path}, row {self.index} (line {self.line})"


@dataclass(frozen=True, slots=True)
class Table:
    path: Path
    header: list[str]
    rows: list[Row]


UTF8_HINT = ("the project reads research files as UTF-8 only, so that no text is silently changed; "
             "convert the file, e.g. `iconv -f GBK -t UTF-8` or `iconv -f LATIN1 -t UTF-8`, "
             "or restore the original from its source (see MANIFEST.md)")


def read_text(path: Path, *, encoding: str = "UTF-8", hint: str = UTF8_HINT) -> str:
    """The file's text, decoded strictly (a leading byte-order mark is dropped). Research files
    are UTF-8; a file released in another encoding (SOS-HL-1K's GBK files) names it and says
    in ``hint`` what to do when the bytes do not decode."""
    if not path.is_file():
        raise DataError(f"file missing: {path}", hint=DATA_HINT)
    data = path.read_bytes()
    try:
        text = data.decode(encoding)
    except UnicodeDecodeError as exc:
        line = data.count(b"\n", 0, exc.start) + 1
        column = exc.start - (data.rfind(b"\n", 0, exc.start) + 1) + 1
        bad = " ".join(f"0x{b:02x}" for b in data[exc.start:exc.end])
        raise DataError(
            f"{path} is not valid {encoding}: byte {bad} at byte offset {exc.start} "
            f"(line {line}, byte {column} of the line): {exc.reason}",
            hint=hint,
        ) from None
    return text[1:] if text.startswith("\ufeff") else text


def read_table(path: Path, *, delimiter: str = ",") -> Table:
    """Every row of a delimited file with a header row. Blank lines are skipped."""
    text = read_text(path)
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter)
    try:
        header = next(reader, None)
        if not header:
            raise DataError(f"{path} is empty: no header row",
                            hint=f"restore the file from its source (see MANIFEST.md); {DATA_HINT}")
        rows: list[Row] = []
        line = reader.line_num + 1
        for record in reader:
            if not record:          # a blank line
                line = reader.line_num + 1
                continue
            if len(record) != len(header):
                raise DataError(
                    f"{path}, row {len(rows)} (line {line}) has {len(record)} fields; "
                    f"the header has {len(header)} ({_names(header)})",
                    hint="the file is not well-formed CSV (an unescaped quote or a stray delimiter?); "
                    "restore it from its source or re-export it with every field quoted",
                )
            rows.append(Row(len(rows), line, dict(zip(header, record))))
            line = reader.line_num + 1
    except csv.Error as exc:
        raise DataError(f"{path}, line {reader.line_num}: malformed CSV: {exc}",
                        hint="restore the file from its source or re-export it with every field quoted") from None
    return Table(path, header, rows)


def require_columns(table: Table, *alternatives: Sequence[str], what: str) -> int:
    """The index of the first column set the table has; DataError listing expected vs found if none."""
    found = set(table.header)
    for i, columns in enumerate(alternatives):
        if set(columns) <= found:
            return i
    expected = " or ".join(f"[{_names(cols)}]" for cols in alternatives)
    missing = sorted(set(alternatives[0]) - found)
    raise DataError(
        f"{table.path} does not have the columns of {what}: expected {expected}; "
        f"found [{_names(table.header)}] (missing {_names(missing)})",
        hint=f"is this the right file for {what}? Restore it from its source (see MANIFEST.md); "
        "column names are matched exactly, case included",
    )


def _names(columns: Sequence[str]) -> str:
    return ", ".join(repr(c) for c in columns)


def nonempty_rows(table: Table, column: str, what: str) -> list[Row]:
    """Rows whose ``column`` holds text. Rows with an empty post are skipped, and said so in the log;
    the Example ids keep the file's row numbers, so ids stay stable."""
    rows = [row for row in table.rows if row.values[column].strip()]
    if len(rows) < len(table.rows):
        skipped = [row.index for row in table.rows if not row.values[column].strip()]
        log.warning("%s: skipped %d row(s) of %s with an empty post: %s", what, len(skipped), table.path, skipped)
    return rows


def make_example(dataset: str, split: str, row: Row, text: str, labels: Mapping[str, LabelValue],
                 meta: Mapping[str, Any] | None = None, explanation: str | None = None) -> Example:
    """An Example with the id "<dataset>/<split>/<row number>"; surrounding blanks of the text dropped."""
    return Example(id=f"{dataset}/{split}/{row.index}", text=text.strip(), labels=labels,
                   explanation=explanation, source=dataset, split=split, meta=dict(meta or {}))
