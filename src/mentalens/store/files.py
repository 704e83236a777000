"""Posts for the store from a file (.csv, .tsv, .jsonl, .txt): text, id and posted_at per row.

The file is read by io.inputs (the reader of ``mentalens analyze``, with its checks and messages);
the time column is read the same way, by reading the file again with that column as the "text".
A row's id is kept only when the file has an id column (``--id-column``, else "id"): row numbers
would make a second file's rows look like the first's, so without ids a post is recognised by its
keyed hash (posted_at and text). Empty rows are left out (and counted).
"""
from __future__ import annotations

import datetime as _dt
import re
import sys
from dataclasses import dataclass, field
from pathlib import Path

from ..errors import UsageError
from ..io import inputs as rd

TIME_COLUMNS = ("posted_at", "date", "time", "timestamp", "created_at", "created_utc")
_EPOCH = re.compile(r"\d{9,13}(\.\d+)?")          # seconds (or milliseconds) since 1970, as Reddit dumps write


@dataclass
class PostsFile:
    posts: list[dict]
    empty: int = 0                                  # empty rows left out
    undecodable: int = 0                            # rows with bytes that were not UTF-8
    time_column: str | None = None
    notes: list[str] = field(default_factory=list)


def read_posts(path: str, *, fmt: str | None = None, text_column: str = "text", id_column: str | None = None,
               time_column: str | None = None) -> PostsFile:
    """Read ``path`` ("-": stdin, with ``fmt``)."""
    if str(path) == "-":
        if fmt is None:
            raise UsageError("--input - reads stdin, whose format cannot be told from a file name",
                             hint=f"add --input-format ({', '.join(rd.FORMATS)})")
        return parse_posts(sys.stdin.buffer.read(), rd.detect_format("-", fmt), text_column=text_column,
                           id_column=id_column, time_column=time_column, source="stdin")
    rd.read_file(path, text_column=text_column, id_column=id_column, fmt=fmt)     # its checks and messages
    p = Path(path).expanduser()
    return parse_posts(p.read_bytes(), rd.detect_format(p, fmt), text_column=text_column, id_column=id_column,
                       time_column=time_column, source=str(p))


def parse_posts(raw: bytes, fmt: str, *, text_column: str = "text", id_column: str | None = None,
                time_column: str | None = None, source: str = "input", options: tuple[str, str, str] = (
                    "--text-column", "--id-column", "--time-column")) -> PostsFile:
    """Posts ({"text", "id", "posted_at"}) from the bytes of a file of format ``fmt``. ``options``:
    how the hints name the text, id and time columns (the CLI's options; the server's query names)."""
    text_option, id_option, time_option = options
    inputs = rd.parse(raw, fmt, text_column=text_column, id_column=id_column, source=source,
                      text_option=text_option, id_option=id_option)
    ids = inputs.ids if id_column is not None or _has(inputs, fmt, rd.DEFAULT_ID, text_column) else None
    if time_column is not None and fmt == "txt":
        raise UsageError(f"{time_option} needs a .csv, .tsv or .jsonl file; a .txt file has no columns",
                         hint=f"leave {time_option} out, or give the posts as CSV/JSONL with a time column")
    column = time_column or next((c for c in TIME_COLUMNS if _has(inputs, fmt, c, text_column)), None)
    times = None
    if column is not None:
        times = rd.parse(raw, fmt, text_column=column, source=source, text_option=time_option).texts
    out = PostsFile(posts=[], time_column=column)
    for i, text in enumerate(inputs.texts):
        if inputs.warnings[i] and any("UTF-8" in w for w in inputs.warnings[i]):
            out.undecodable += 1
        if not text.strip():
            out.empty += 1
            continue
        when = iso(times[i]) if times is not None and i < len(times) else ""
        out.posts.append({"text": text, "id": ids[i] if ids is not None else None, "posted_at": when or None})
    return out


def _has(inputs, fmt: str, column: str, text_column: str) -> bool:
    """Whether the file has ``column`` (other than the text column), from the parse already done."""
    return column != text_column and rd.has_field(inputs, column, fmt)


def iso(value: str) -> str:
    """A time as written, but epoch seconds (or milliseconds) as ISO 8601 UTC; "" when empty."""
    value = value.strip().strip('"')
    if _EPOCH.fullmatch(value):
        seconds = float(value) / (1000 if float(value) > 1e11 else 1)
        return _dt.datetime.fromtimestamp(seconds, _dt.timezone.utc).isoformat().replace("+00:00", "Z")
    return value
