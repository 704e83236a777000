"""Opening the store's SQLite file, plain (the standard library's sqlite3) or encrypted (SQLCipher
through sqlcipher3), and bringing its schema up to date with the numbered migrations.

Why the settings: WAL lets readers (the server's timeline) run while a batch is written and keeps
every committed batch whole after a crash; foreign keys make deleting a subject take its posts,
analyses and alerts with it; secure_delete overwrites deleted rows with zeros instead of leaving
them in free pages. The folder is created 0700 and the file 0600 (SQLite gives its -wal and -shm
files the database's mode): what people wrote about themselves is readable by this user only.
"""
from __future__ import annotations

import datetime as dt
import os
import sqlite3
from pathlib import Path

from ..config import ENV_STORE_KEY
from ..errors import ExtraNotInstalledError, StoreError

SQLITE_MAGIC = b"SQLite format 3\x00"
MIGRATIONS_DIR = Path(__file__).resolve().parent / "migrations"
BUSY_TIMEOUT_MS = 10_000
KEY_HINT = f"set {ENV_STORE_KEY} to the store's passphrase, or pass --encrypt to type it"


def now() -> str:
    """The current time, UTC, ISO 8601 (what created_at columns hold)."""
    return dt.datetime.now(dt.timezone.utc).strftime("%Y-%m-%dT%H:%M:%SZ")


def resolve_key(key: str | None) -> str | None:
    """The passphrase: ``key``, else $MENTALENS_STORE_KEY; None (or empty) means a plain store."""
    if key is None:
        key = os.environ.get(ENV_STORE_KEY) or None
    if key is not None and (not isinstance(key, str) or not key or "\x00" in key):
        raise StoreError("the store's key must be a non-empty passphrase", hint=KEY_HINT)
    return key


def connect(path: Path, key: str | None, *, create: bool = True):
    """An open, migrated connection to the store at ``path`` (autocommit mode: every write
    transaction is explicit, see Store._write)."""
    path = Path(path)
    module = _module(key)                       # before anything is created: sqlcipher3 may be missing
    if path.is_dir():
        raise StoreError(f"the store path {path} is a folder", hint="give a file path, e.g. --store ~/notes/store.db")
    if not path.exists():
        if not create:
            raise StoreError(f"no store at {path}", hint="add posts first (mentalens store add --subject S --input "
                             "FILE), or point --store / $MENTALENS_STORE at the store")
        _make_private_file(path)
    _check_header(path, key)
    try:
        conn = module.connect(str(path), isolation_level=None, timeout=BUSY_TIMEOUT_MS / 1000,
                              check_same_thread=False)
    except module.Error as exc:
        raise StoreError(f"cannot open the store at {path}: {exc}", hint="check the path and its permissions") from None
    try:
        if key is not None:
            conn.execute("PRAGMA cipher_log_level = NONE")      # a wrong key is our message, not a log line
            conn.execute("PRAGMA key = '" + key.replace("'", "''") + "'")
        try:
            conn.execute("SELECT count(*) FROM sqlite_master").fetchone()
        except module.DatabaseError:
            if key is not None:
                raise StoreError(f"cannot open the encrypted store at {path}: the key is wrong (or the file is "
                                 "damaged)", hint=KEY_HINT) from None
            raise StoreError(f"{path} is not a mentalens store (not a readable SQLite file)",
                             hint="point --store / $MENTALENS_STORE at the store's file") from None
        conn.execute(f"PRAGMA busy_timeout = {BUSY_TIMEOUT_MS}")
        conn.execute("PRAGMA journal_mode = WAL").fetchone()
        conn.execute("PRAGMA foreign_keys = ON")
        conn.execute("PRAGMA secure_delete = ON")
        migrate(conn, path)
    except BaseException:
        conn.close()
        raise
    return conn


def _module(key: str | None):
    if key is None:
        return sqlite3
    try:
        from sqlcipher3 import dbapi2
    except ImportError:
        raise ExtraNotInstalledError("sqlcipher3", "encrypt", "an encrypted store") from None
    return dbapi2


def _make_private_file(path: Path) -> None:
    """Create the missing folders (0700 each) and an empty database file (0600)."""
    missing = [p for p in [path.parent, *path.parent.parents] if not p.exists()]
    for folder in reversed(missing):
        try:
            folder.mkdir(mode=0o700)
            os.chmod(folder, 0o700)                 # mkdir's mode is masked by the umask
        except FileExistsError:
            pass
        except OSError as exc:
            raise StoreError(f"cannot create the folder {folder}: {exc.strerror or exc}",
                             hint="choose another place with --store or $MENTALENS_STORE") from None
    try:
        fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
        os.close(fd)
        os.chmod(path, 0o600)
    except FileExistsError:
        pass
    except OSError as exc:
        raise StoreError(f"cannot create the store {path}: {exc.strerror or exc}",
                         hint="choose another place with --store or $MENTALENS_STORE") from None


def _check_header(path: Path, key: str | None) -> None:
    """A plain SQLite file starts with a known header; an encrypted one looks like noise. Telling
    them apart here gives a clear message for a key given to a plain store, and the reverse."""
    try:
        with open(path, "rb") as fh:
            head = fh.read(len(SQLITE_MAGIC))
    except OSError as exc:
        raise StoreError(f"cannot read the store {path}: {exc.strerror or exc}", hint="check its permissions") from None
    if not head:
        return                                    # new (empty): becomes plain or encrypted now
    if head == SQLITE_MAGIC and key is not None:
        raise StoreError(f"the store at {path} is not encrypted, but a key was given",
                         hint=f"open it without a key (unset {ENV_STORE_KEY}, leave out --encrypt), or use "
                         "another --store path for an encrypted store")
    if head != SQLITE_MAGIC and key is None:
        raise StoreError(f"the store at {path} is encrypted (or is not a SQLite file) and no key was given",
                         hint=KEY_HINT)


# -- migrations ---------------------------------------------------------------------------------

def migrations() -> list[tuple[int, str, str]]:
    """(number, name, sql) of every migration file, in order: NNNN_name.sql."""
    out = []
    for p in sorted(MIGRATIONS_DIR.glob("[0-9][0-9][0-9][0-9]_*.sql")):
        out.append((int(p.name[:4]), p.stem, p.read_text(encoding="utf-8")))
    return out


def statements(sql: str) -> list[str]:
    """A script split into whole statements (sqlite3.complete_statement decides where one ends),
    so each runs inside our own transaction: executescript would commit first."""
    out, buf = [], ""
    for line in sql.splitlines(keepends=True):
        buf += line
        if sqlite3.complete_statement(buf):
            out.append(buf.strip())
            buf = ""
    if any(ln.strip() and not ln.strip().startswith("--") for ln in buf.splitlines()):
        out.append(buf.strip())                   # a last statement without its semicolon
    return out


def migrate(conn, path: Path | str = "the store") -> int:
    """Apply the migrations this store lacks, each in one transaction recorded in
    schema_migrations. Returns the schema version. A store newer than this code is an error."""
    tables = {n for (n,) in conn.execute("SELECT name FROM sqlite_master WHERE type = 'table'")}
    if tables and "schema_migrations" not in tables:
        raise StoreError(f"{path} is a SQLite database, but not a mentalens store",
                         hint="point --store / $MENTALENS_STORE at a mentalens store, or at a new file")
    conn.execute("CREATE TABLE IF NOT EXISTS schema_migrations (version INTEGER PRIMARY KEY, "
                 "name TEXT NOT NULL, applied_at TEXT NOT NULL)")
    known = migrations()
    latest = known[-1][0] if known else 0
    _check_not_newer(conn, path, latest)
    done = _applied(conn)
    for number, name, sql in known:
        if number in done:
            continue
        conn.execute("BEGIN IMMEDIATE")           # one writer migrates; another waits, then sees it done
        try:
            if number not in _applied(conn):
                for stmt in statements(sql):
                    conn.execute(stmt)
                conn.execute("INSERT INTO schema_migrations (version, name, applied_at) VALUES (?, ?, ?)",
                             (number, name, now()))
            conn.execute("COMMIT")
        except Exception as exc:
            if conn.in_transaction:
                conn.execute("ROLLBACK")
            raise StoreError(f"cannot update the store's schema ({name}): {exc}",
                             hint="the store is unchanged; report this as a bug") from None
    return schema_version(conn)


def _applied(conn) -> set[int]:
    return {v for (v,) in conn.execute("SELECT version FROM schema_migrations")}


def _check_not_newer(conn, path, latest: int) -> None:
    have = schema_version(conn)
    if have > latest:
        raise StoreError(f"the store at {path} has schema version {have}, newer than this mentalens knows "
                         f"(up to {latest})", hint="upgrade mentalens (pip install -U mentalens) to open this store")


def schema_version(conn) -> int:
    row = conn.execute("SELECT max(version) FROM schema_migrations").fetchone()
    return int(row[0] or 0)
