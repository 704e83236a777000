"""``POST /api/upload``: a file of posts read as ``mentalens store add`` reads one (store/files.py:
the CLI's reader, the posting time from the first time column the file has, epoch numbers as ISO
8601), so that the page can add them to a subject's timeline. Ids only from an id column: row
numbers would make a second file's rows look like the first's to the store.
"""
from __future__ import annotations

from ..io.inputs import FORMATS
from ..store.files import parse_posts
from .errors import ApiError

CONTENT_TYPES = {"text/csv": "csv", "application/csv": "csv", "text/tab-separated-values": "tsv",
                 "application/x-ndjson": "jsonl", "application/jsonl": "jsonl", "application/x-jsonlines": "jsonl",
                 "application/jsonlines": "jsonl", "application/ndjson": "jsonl", "text/plain": "txt"}
SOURCE = "the uploaded file"


def upload_format(fmt: str | None, content_type: str | None) -> str:
    """The file's format: ?format= when given, else its Content-Type."""
    if fmt:
        f = fmt.lower().lstrip(".")
        if f not in FORMATS:
            raise ApiError(422, f"unknown format {fmt!r}", f"use ?format= with one of: {', '.join(FORMATS)}")
        return f
    mime = (content_type or "").split(";", 1)[0].strip().lower()
    if mime in CONTENT_TYPES:
        return CONTENT_TYPES[mime]
    raise ApiError(415, f"cannot tell the file's format from its Content-Type ({mime or 'none'})",
                   f"add ?format= with one of: {', '.join(FORMATS)}, or send Content-Type: text/csv, "
                   "text/tab-separated-values, application/x-ndjson or text/plain")


def parse_upload(raw: bytes, fmt: str | None, content_type: str | None, text_column: str,
                 id_column: str | None) -> dict:
    f = upload_format(fmt, content_type)
    read = parse_posts(raw, f, text_column=text_column, id_column=id_column, source=SOURCE,
                       options=("?text_column=", "?id_column=", "a time column"))   # hints name the query
    notes = [f"{read.empty} empty rows were left out"] if read.empty else []
    notes += [f"{read.undecodable} rows held bytes that are not UTF-8; they were replaced with U+FFFD"
              ] if read.undecodable else []
    return {"posts": read.posts, "warnings": notes}
