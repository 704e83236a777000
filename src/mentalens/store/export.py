"""Exporting the store: one row per stored post, as CSV, JSONL or Parquet.

Columns: subject, post_id, posted_at, text (always the redacted text, also when the raw text was
kept), level, risk (0 none .. 4 imminent), score_<task> per task (the probability of the task's
risk-side answer), model_name, model_version, alerts (the rules that fired on the post). JSONL
carries the scores as a "scores" object and the alerts as a list. CSV cells go through
io.outputs.safe_cell, so a cell starting with = + - @ cannot run as a spreadsheet formula. A file
written here is created readable by this user only (0600).
"""
from __future__ import annotations

import io
import json
import os
import re
from contextlib import contextmanager

from ..errors import ExtraNotInstalledError, StoreError
from .views import _LATEST

FORMATS = ("csv", "jsonl", "parquet")
_SURROGATE = re.compile("[\ud800-\udfff]")


def export(conn, fmt: str, out, subject_id: int | None = None) -> int:
    fmt = (fmt or "").lower()
    if fmt not in FORMATS:
        raise StoreError(f"unknown export format {fmt!r}", hint=f"use one of: {', '.join(FORMATS)}")
    pa = _pyarrow() if fmt == "parquet" else None
    rows = _rows(conn, subject_id)
    tasks = sorted({t for r in rows for t in r["scores"]})
    with _binary(out) as stream:
        if fmt == "csv":
            _csv(stream, rows, tasks)
        elif fmt == "jsonl":
            for r in rows:
                stream.write((_clean(json.dumps(r, ensure_ascii=False)) + "\n").encode("utf-8"))
        else:
            _parquet(pa, stream, rows, tasks)
    return len(rows)


def _rows(conn, subject_id: int | None) -> list[dict]:
    where, args = ("WHERE p.subject_id = ?", (subject_id,)) if subject_id is not None else ("", ())
    cur = conn.execute(
        "SELECT s.name, p.post_key, p.posted_at, p.text, a.level, a.risk, a.scores, a.model_name, a.model_version, "
        "(SELECT group_concat(rule, ';') FROM alerts WHERE post_id = p.id) "
        f"FROM posts p JOIN subjects s ON s.id = p.subject_id {_LATEST} {where} "
        "ORDER BY s.name, p.posted_ts, p.id", args)
    return [{"subject": r[0], "post_id": r[1], "posted_at": r[2], "text": r[3], "level": r[4], "risk": r[5],
             "scores": json.loads(r[6]), "model_name": r[7], "model_version": r[8],
             "alerts": sorted(r[9].split(";")) if r[9] else []} for r in cur]


def _flat(r: dict, tasks: list[str]) -> list:
    return [r["subject"], r["post_id"], r["posted_at"], r["text"], r["level"], r["risk"],
            *[r["scores"].get(t) for t in tasks], r["model_name"], r["model_version"], "; ".join(r["alerts"])]


def _columns(tasks: list[str]) -> list[str]:
    return ["subject", "post_id", "posted_at", "text", "level", "risk", *[f"score_{t}" for t in tasks],
            "model_name", "model_version", "alerts"]


def _csv(stream, rows: list[dict], tasks: list[str]) -> None:
    import csv

    from ..io.outputs import safe_cell

    text = io.TextIOWrapper(stream, encoding="utf-8", newline="", write_through=True)
    try:
        w = csv.writer(text)
        w.writerow(_columns(tasks))
        for r in rows:
            w.writerow([safe_cell(v) for v in _flat(r, tasks)])
        text.flush()
    finally:
        text.detach()                     # the caller's stream stays open


def _parquet(pa, stream, rows: list[dict], tasks: list[str]) -> None:
    import pyarrow.parquet as pq

    names = _columns(tasks)
    types = [pa.string()] * 5 + [pa.int8()] + [pa.float64()] * len(tasks) + [pa.string()] * 3
    columns = list(zip(*[_flat(r, tasks) for r in rows])) if rows else [[] for _ in names]
    arrays = [pa.array([_clean(v) if isinstance(v, str) else v for v in col], type=t)
              for col, t in zip(columns, types)]
    pq.write_table(pa.Table.from_arrays(arrays, schema=pa.schema(list(zip(names, types)))), stream)


def _pyarrow():
    try:
        import pyarrow
        import pyarrow.parquet  # noqa: F401
    except ImportError:
        raise ExtraNotInstalledError("pyarrow", "store", "exporting Parquet (csv and jsonl need nothing more)") from None
    return pyarrow


def _clean(text: str) -> str:
    return _SURROGATE.sub("\ufffd", text)


@contextmanager
def _binary(out):
    """``out`` as a binary stream: a path is created 0600 (and closed after); a stream is used as it is."""
    if isinstance(out, (str, os.PathLike)):
        path = os.fspath(out)
        if os.path.isdir(path):
            raise StoreError(f"{path} is a folder", hint="give a file path for the export")
        try:
            fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
        except OSError as exc:
            raise StoreError(f"cannot write {path}: {exc.strerror or exc}",
                             hint="check that the folder exists and is writable") from None
        with os.fdopen(fd, "wb") as stream:
            yield stream
    else:
        yield out
