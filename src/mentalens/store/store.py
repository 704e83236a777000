"""The private store: analyses of a subject's posts over time, on this machine only.

Storing anything is opt-in; what is stored is redacted first (redact.py) and the raw text only
with ``keep_raw``. Posts are analysed and written a batch at a time, each batch in one
transaction: a crash (even kill -9) leaves every committed batch whole, and running the same
input again skips what is stored (the same caller id; else the same keyed hash of posted_at and
text) without analysing it again, so an interrupted run resumes. One Store may be shared by
threads (a lock serialises its use); other processes may read while one writes (WAL).
"""
from __future__ import annotations

import datetime as dt
import hashlib
import hmac
import json
import os
import threading
import time
from contextlib import contextmanager
from pathlib import Path
from typing import BinaryIO

from ..config import store_path
from ..errors import StoreError, StoreInputError, UnknownSubjectError
from . import alerts as _alerts
from . import db
from .redact import no_surrogates, redact
from .results import redact_result, risk_index, scores


class Store:
    """Open with ``Store.open()``; use as a context manager or call ``close()``."""

    def __init__(self, conn, path: Path, *, encrypted: bool, rules: dict) -> None:
        self.conn, self.path, self.encrypted, self.rules = conn, path, encrypted, rules
        self._lock = threading.RLock()
        self._hmac_key = bytes(conn.execute("SELECT value FROM meta WHERE key = 'hmac_key'").fetchone()[0])

    @classmethod
    def open(cls, path: str | os.PathLike | None = None, *, key: str | None = None, create: bool = True,
             rules: str | os.PathLike | dict | None = None) -> Store:
        """The store at ``path`` (default: config.store_path()), encrypted iff a key is given
        (``key``, else $MENTALENS_STORE_KEY). ``rules``: alert rules laid over alerts.yaml."""
        resolved = store_path(path)
        loaded = _alerts.load_rules(rules)
        key = db.resolve_key(key)
        return cls(db.connect(resolved, key, create=create), resolved, encrypted=key is not None, rules=loaded)

    def __enter__(self) -> Store:
        return self

    def __exit__(self, *exc) -> None:
        self.close()

    def close(self) -> None:
        with self._lock:
            if self.conn is not None:
                self.conn.close()
                self.conn = None

    # -- writing ----------------------------------------------------------------------------------

    def add_posts(self, subject: str, posts: list[dict], analyzer, *, tasks=None, locale: str | None = None,
                  keep_raw: bool = False, batch_size: int = 64, progress=None) -> dict:
        """Analyse and store ``posts`` ({"text", "id"?, "posted_at"?}) for ``subject``.
        ``progress(done, total)`` is called after each committed batch. Returns
        {"added", "skipped", "alerts": [alerts raised by this call]}."""
        subject = _check_subject(subject)
        if batch_size < 1:
            raise StoreInputError(f"batch_size must be 1 or more, not {batch_size}", hint="e.g. --batch-size 64")
        rows = [self._prepare(i, p) for i, p in enumerate(posts)]
        with self._lock:
            todo = self._new_rows(subject, rows)
        added, raised = 0, []
        for start in range(0, len(todo), batch_size):
            batch = todo[start:start + batch_size]
            results = analyzer.analyze([r["text"] for r in batch], tasks, locale=locale)   # readers go on meanwhile
            with self._lock, self._write():
                sid = self._subject_id(subject, create=True)
                new_ids = {pid for r, res in zip(batch, results)
                           if (pid := self._insert(sid, r, res, keep_raw)) is not None}
                for alert in _alerts.evaluate(self.conn, sid, new_ids, self.rules):
                    raised.append({"subject": subject, **alert})
            added += len(new_ids)
            if progress is not None:
                progress(start + len(batch), len(todo))
        return {"added": added, "skipped": len(rows) - added, "alerts": raised}

    def _prepare(self, index: int, post: dict) -> dict:
        if not isinstance(post, dict) or not isinstance(post.get("text"), str):
            raise StoreInputError(f"post {index + 1}: a post is a mapping with a 'text' string",
                             hint='e.g. {"text": "...", "id": "p1", "posted_at": "2024-05-01T09:30:00Z"}')
        pid = post.get("id")
        pid = None if pid is None or pid == "" else no_surrogates(str(pid))
        when, ts = _parse_time(post.get("posted_at"), index, pid)
        given = when if when is not None else ""
        digest = hmac.new(self._hmac_key, f"{given}\x1f{post['text']}".encode("utf-8", "surrogatepass"),
                          hashlib.sha256).hexdigest()
        return {"text": post["text"], "id": pid, "posted_at": when, "ts": ts, "hash": digest,
                "key": pid if pid is not None else digest[:16]}

    def _new_rows(self, subject: str, rows: list[dict]) -> list[dict]:
        """The rows not stored yet (nor repeated earlier in ``rows``)."""
        sid = self._subject_id(subject, create=False)
        seen: set[tuple[str, str]] = set()
        todo = []
        for r in rows:
            mark = ("id", r["id"]) if r["id"] is not None else ("hash", r["hash"])
            if mark in seen:
                continue
            seen.add(mark)
            if sid is not None:
                sql = ("SELECT 1 FROM posts WHERE subject_id = ? AND post_key = ?" if r["id"] is not None else
                       "SELECT 1 FROM posts WHERE subject_id = ? AND key_given = 0 AND text_hash = ?")
                if self.conn.execute(sql, (sid, mark[1])).fetchone():
                    continue
            todo.append(r)
        return todo

    def _insert(self, sid: int, row: dict, result, keep_raw: bool) -> int | None:
        raw = no_surrogates(row["text"])
        text, spans = redact(raw)
        now = db.now()
        posted_at = row["posted_at"] or now
        ts = row["ts"] if row["ts"] is not None else time.time()
        cur = self.conn.execute(
            "INSERT OR IGNORE INTO posts (subject_id, post_key, key_given, posted_at, posted_ts, time_given, text, "
            "raw_text, text_hash, created_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
            (sid, row["key"], int(row["id"] is not None), posted_at, ts, int(row["posted_at"] is not None), text,
             raw if keep_raw else None, row["hash"], now))
        if cur.rowcount != 1:
            return None                        # stored meanwhile by another writer
        post_id = cur.lastrowid
        stored = redact_result(result, raw, text, spans, post_id=row["key"])
        self.conn.execute(
            "INSERT INTO analyses (post_id, model_name, model_version, backend, schema_version, level, risk, "
            "scores, result, created_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
            (post_id, stored.model.name, stored.model.version, stored.model.backend, stored.schema_version,
             stored.triage.level, risk_index(stored.triage.level), json.dumps(scores(stored)),
             stored.model_dump_json(), now))
        return post_id

    def _subject_id(self, subject: str, *, create: bool) -> int | None:
        row = self.conn.execute("SELECT id FROM subjects WHERE name = ?", (subject,)).fetchone()
        if row is not None or not create:
            return None if row is None else row[0]
        return self.conn.execute("INSERT INTO subjects (name, created_at) VALUES (?, ?)", (subject, db.now())).lastrowid

    def _write(self):
        return _Transaction(self.conn)

    def delete_subject(self, subject: str) -> int:
        """Delete a subject with its posts, analyses and alerts; returns the posts deleted. The
        text is then gone from the file and its write-ahead log: rows are zeroed (secure_delete),
        the log is checkpointed and truncated, and the file rebuilt (VACUUM)."""
        with self._lock:
            sid = self._require_subject(subject)
            with self._write():
                n = self.conn.execute("SELECT count(*) FROM posts WHERE subject_id = ?", (sid,)).fetchone()[0]
                self.conn.execute("DELETE FROM subjects WHERE id = ?", (sid,))
            self.scrub()
            return n

    @contextmanager
    def transaction(self):
        """The store's lock and one write transaction (BEGIN IMMEDIATE ... COMMIT, rolled back on an
        error), yielding the connection: for the tables that other parts keep here (chat/memory.py)."""
        with self._lock, self._write():
            yield self.conn

    @contextmanager
    def reading(self):
        """The store's lock, yielding the connection, for reads."""
        with self._lock:
            yield self.conn

    def scrub(self) -> None:
        """After a delete: the deleted text gone from the file and its write-ahead log (the rows are
        zeroed by secure_delete; the log is checkpointed and truncated, the file rebuilt by VACUUM)."""
        with self._lock:
            self._checkpoint()
            self.conn.execute("VACUUM")
            self._checkpoint()

    def _checkpoint(self) -> None:
        for _ in range(100):
            busy = self.conn.execute("PRAGMA wal_checkpoint(TRUNCATE)").fetchone()[0]
            if not busy:
                return
            time.sleep(0.05)
        raise StoreError("the data was deleted, but another program has the store open, so the deleted text "
                         "may stay in its write-ahead log (the -wal file) until that program closes it",
                         hint="close the other programs using the store (e.g. mentalens serve); SQLite clears the "
                         "log when the last one closes")

    # -- reading ----------------------------------------------------------------------------------

    def _require_subject(self, subject: str) -> int:
        sid = self._subject_id(_check_subject(subject), create=False)
        if sid is None:
            raise UnknownSubjectError(f"no subject {subject!r} in the store",
                                      hint="see the subjects with mentalens store list")
        return sid

    def subjects(self) -> list[dict]:
        from .views import subjects

        with self._lock:
            return subjects(self.conn)

    def timeline(self, subject: str) -> dict:
        from .views import timeline

        with self._lock:
            return timeline(self.conn, self._require_subject(subject), subject, self.rules)

    def export(self, fmt: str, out: BinaryIO | str | os.PathLike, subject: str | None = None) -> int:
        """Write the stored analyses as csv, jsonl or parquet to ``out`` (a binary stream or a
        path); returns the rows written. Only redacted text is exported."""
        from .export import export

        with self._lock:
            sid = self._require_subject(subject) if subject is not None else None
            return export(self.conn, fmt, out, sid)


class _Transaction:
    """BEGIN IMMEDIATE ... COMMIT, rolled back on any error (or interrupt)."""

    def __init__(self, conn) -> None:
        self.conn = conn

    def __enter__(self):
        self.conn.execute("BEGIN IMMEDIATE")

    def __exit__(self, exc_type, *exc) -> None:
        if exc_type is None:
            self.conn.execute("COMMIT")
        elif self.conn.in_transaction:
            self.conn.execute("ROLLBACK")


def _check_subject(subject) -> str:
    if not isinstance(subject, str) or not subject.strip() or len(subject) > 200:
        raise StoreInputError(f"a subject is a name of 1 to 200 characters, not {subject!r}",
                         hint="e.g. --subject alice or --subject participant-017")
    return no_surrogates(subject.strip())


def _parse_time(value, index: int, pid: str | None) -> tuple[str | None, float | None]:
    """An ISO 8601 date or date-time as (UTC ISO string, seconds since the epoch); a time without
    an offset is taken as UTC. None for a missing time."""
    if value is None or (isinstance(value, str) and not value.strip()):
        return None, None
    try:
        raw = str(value).strip()
        raw = raw[:-1] + "+00:00" if raw[-1:] in ("Z", "z") else raw      # Python 3.10 reads no "Z"
        when = value if isinstance(value, (dt.datetime, dt.date)) else dt.datetime.fromisoformat(raw)
    except ValueError:
        row = f"post {index + 1}" + (f" (id {pid!r})" if pid is not None else "")
        raise StoreInputError(f"{row}: posted_at {value!r} is not an ISO 8601 date or time",
                         hint="write times like 2024-05-01, 2024-05-01T09:30:00 or 2024-05-01T09:30:00+08:00") from None
    if not isinstance(when, dt.datetime):
        when = dt.datetime(when.year, when.month, when.day)
    when = when.replace(tzinfo=dt.timezone.utc) if when.tzinfo is None else when.astimezone(dt.timezone.utc)
    text = when.strftime("%Y-%m-%dT%H:%M:%S") + (f".{when.microsecond:06d}" if when.microsecond else "") + "Z"
    return text, when.timestamp()
