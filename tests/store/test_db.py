"""Opening the store's file: migrations, permissions, and encryption at rest (SQLCipher)."""
from __future__ import annotations

import importlib.util
import os
import sqlite3
import stat

import pytest
from store_files import file_bytes
from store_helpers import EMAIL, PHONE

from mentalens.errors import ExtraNotInstalledError, StoreError
from mentalens.store import Store
from mentalens.store import db as storedb

HAS_SQLCIPHER = importlib.util.find_spec("sqlcipher3") is not None
needs_sqlcipher = pytest.mark.skipif(not HAS_SQLCIPHER, reason="sqlcipher3 is not installed (pip install "
                                     "'mentalens[encrypt]'); encryption at rest cannot be tested")


def test_a_new_store_is_private_and_migrated(store_file):
    with Store.open(store_file) as s:
        version = storedb.schema_version(s.conn)
        tables = {r[0] for r in s.conn.execute("SELECT name FROM sqlite_master WHERE type = 'table'")}
        assert s.conn.execute("PRAGMA journal_mode").fetchone()[0] == "wal"
        assert s.conn.execute("PRAGMA foreign_keys").fetchone()[0] == 1
        assert s.conn.execute("PRAGMA secure_delete").fetchone()[0] == 1
        assert len(s._hmac_key) == 32
    assert version == storedb.migrations()[-1][0] >= 1
    assert {"schema_migrations", "meta", "subjects", "posts", "analyses", "alerts"} <= tables
    assert stat.S_IMODE(os.stat(store_file.parent).st_mode) == 0o700
    assert stat.S_IMODE(os.stat(store_file).st_mode) == 0o600


def test_migrations_are_recorded_once_and_kept_on_reopen(store_file):
    Store.open(store_file).close()
    with Store.open(store_file) as s:
        rows = s.conn.execute("SELECT version, name FROM schema_migrations").fetchall()
        key = s._hmac_key
    assert rows == [(n, name) for n, name, _ in storedb.migrations()]
    with Store.open(store_file) as s:
        assert s._hmac_key == key                      # the per-store hash key survives reopening


def test_migration_files_are_numbered_and_split_into_statements():
    found = storedb.migrations()
    assert [n for n, _, _ in found] == list(range(1, len(found) + 1))
    stmts = storedb.statements("-- a comment\nCREATE TABLE a (x TEXT DEFAULT ';');\nINSERT INTO a VALUES (1)\n")
    assert stmts == ["-- a comment\nCREATE TABLE a (x TEXT DEFAULT ';');", "INSERT INTO a VALUES (1)"]


def test_a_store_newer_than_the_code_is_refused(store_file):
    Store.open(store_file).close()
    with sqlite3.connect(store_file) as conn:
        conn.execute("INSERT INTO schema_migrations VALUES (999, '0999_future', '2030-01-01')")
    conn.close()
    with pytest.raises(StoreError, match="schema version 999, newer") as e:
        Store.open(store_file)
    assert "upgrade mentalens" in e.value.hint


def test_a_failed_migration_leaves_the_store_unchanged(store_file, monkeypatch):
    real = storedb.migrations()
    monkeypatch.setattr(storedb, "migrations", lambda: real + [(real[-1][0] + 1, "9999_bad",
                                                                 "CREATE TABLE extra (x);\nNOT SQL;")])
    with pytest.raises(StoreError, match="cannot update the store's schema"):
        Store.open(store_file)
    monkeypatch.undo()
    with Store.open(store_file) as s:
        assert "extra" not in {r[0] for r in s.conn.execute("SELECT name FROM sqlite_master")}
        assert storedb.schema_version(s.conn) == real[-1][0]


def test_other_files_are_not_taken_for_a_store(tmp_path):
    other = tmp_path / "other.db"
    with sqlite3.connect(other) as conn:
        conn.execute("CREATE TABLE mine (x)")
    conn.close()
    with pytest.raises(StoreError, match="not a mentalens store"):
        Store.open(other)
    junk = tmp_path / "junk.db"
    junk.write_bytes(b"SQLite format 3\x00" + b"\x01" * 200)
    with pytest.raises(StoreError, match="not a mentalens store"):
        Store.open(junk)
    with pytest.raises(StoreError, match="no store at"):
        Store.open(tmp_path / "missing.db", create=False)
    with pytest.raises(StoreError, match="is a folder"):
        Store.open(tmp_path)


# -- encryption at rest ------------------------------------------------------------------------

@needs_sqlcipher
def test_an_encrypted_store_holds_no_plaintext(store_file, fake):
    marker = "ZQX-PLAINTEXT-MARKER-77"
    with Store.open(store_file, key="correct horse") as s:
        assert s.encrypted
        s.add_posts("alice", [{"text": f"{marker} level=high {EMAIL} {PHONE}", "id": "a"}], fake)
        during = file_bytes(store_file)                # the file and its -wal while open
    after = store_file.read_bytes()
    for data in (during, after):
        assert marker.encode() not in data and b"alice" not in data and b"[email]" not in data
        assert not data.startswith(b"SQLite format 3\x00")
    with Store.open(store_file, key="correct horse") as s:
        assert s.timeline("alice")["points"][0]["text"].startswith(marker)


@needs_sqlcipher
def test_wrong_or_missing_key_is_a_clear_error(store_file, fake, monkeypatch, capfd):
    with Store.open(store_file, key="right") as s:
        s.add_posts("alice", [{"text": "x level=low"}], fake)
    with pytest.raises(StoreError, match="the key is wrong") as e:
        Store.open(store_file, key="wrong")
    assert "MENTALENS_STORE_KEY" in e.value.hint
    monkeypatch.delenv("MENTALENS_STORE_KEY", raising=False)
    with pytest.raises(StoreError, match="is encrypted .* no key was given") as e:
        Store.open(store_file)
    assert "MENTALENS_STORE_KEY" in e.value.hint
    monkeypatch.setenv("MENTALENS_STORE_KEY", "right")
    with Store.open(store_file) as s:                  # the key from the environment
        assert s.encrypted and s.subjects()[0]["posts"] == 1
    assert "ERROR" not in capfd.readouterr().err       # SQLCipher's own log lines stay quiet


@needs_sqlcipher
def test_a_key_for_a_plain_store_is_refused(store_file):
    Store.open(store_file).close()
    with pytest.raises(StoreError, match="is not encrypted, but a key was given"):
        Store.open(store_file, key="k")


def test_missing_sqlcipher_names_the_extra(store_file, monkeypatch):
    import builtins

    real_import = builtins.__import__

    def no_sqlcipher(name, *args, **kwargs):
        if name.startswith("sqlcipher3"):
            raise ImportError(name)
        return real_import(name, *args, **kwargs)

    monkeypatch.setattr(builtins, "__import__", no_sqlcipher)
    with pytest.raises(ExtraNotInstalledError) as e:
        Store.open(store_file, key="k")
    assert e.value.hint == "pip install 'mentalens[encrypt]'"
