"""Chat memory (chat/memory.py) over the store: turns kept in order, sessions listed, and a deleted
conversation gone from the database file and its write-ahead log; encrypted when the store is;
`mentalens chat --list-memory / --forget / --forget-all`."""
from __future__ import annotations

import json
import sqlite3

import pytest
from store_files import file_bytes

from mentalens.chat.memory import ChatMemory
from mentalens.errors import StoreInputError

MARKER = "zebra-quartz-7319"


@pytest.fixture
def db(tmp_path):
    return tmp_path / "private" / "store.db"


def test_turns_are_kept_in_order_and_listed(db):
    with ChatMemory.open(db) as m:
        m.save_turn("s1", "user", "I had a rough day", "low")
        m.save_turn("s1", "assistant", "That sounds hard.", "low")
        m.save_turn("s2", "user", "hello", "none")
        m.save_turn("s1", "user", "I want to die", "imminent")
        assert [(t["role"], t["content"], t["level"]) for t in m.transcript("s1")] == [
            ("user", "I had a rough day", "low"), ("assistant", "That sounds hard.", "low"),
            ("user", "I want to die", "imminent")]
        rows = {r["session"]: r for r in m.sessions()}
        assert rows["s1"]["turns"] == 3 and rows["s1"]["highest_level"] == "imminent"
        assert rows["s2"]["turns"] == 1 and rows["s2"]["highest_level"] == "none"
        assert rows["s1"]["started"].endswith("Z") and m.transcript("nope") == []
    assert oct(db.stat().st_mode & 0o777) == "0o600"


@pytest.mark.parametrize("call", [
    lambda m: m.save_turn("", "user", "x"), lambda m: m.save_turn("s", "system", "x"),
    lambda m: m.save_turn("s", "user", None), lambda m: m.save_turn("s", "user", "x", "severe"),
    lambda m: m.save_turn("s" * 201, "user", "x"), lambda m: m.delete(None)])
def test_bad_turns_are_refused(db, call):
    with ChatMemory.open(db) as m, pytest.raises(StoreInputError):
        call(m)


def test_surrogates_typed_at_a_terminal_are_kept_safely(db):
    with ChatMemory.open(db) as m:
        m.save_turn("s", "user", "bad \udcff byte")
        assert m.transcript("s")[0]["content"] == "bad \ufffd byte"


def test_delete_leaves_no_trace_in_the_file_or_the_wal(db):
    with ChatMemory.open(db) as m:
        m.save_turn("keep", "user", "a calm note about bread")
        m.save_turn("gone", "user", f"my secret is {MARKER}", "high")
        m.save_turn("gone", "assistant", f"you said {MARKER}")
        assert MARKER.encode() in file_bytes(db)                 # it was really written
        assert m.delete("gone") == 2
        assert m.delete("gone") == 0                             # twice: nothing more to delete
        assert MARKER.encode() not in file_bytes(db)             # while the store is still open
        assert [r["session"] for r in m.sessions()] == ["keep"]
    assert MARKER.encode() not in file_bytes(db) and b"calm note about bread" in file_bytes(db)


def test_delete_all(db):
    with ChatMemory.open(db) as m:
        for i in range(3):
            m.save_turn(f"s{i}", "user", f"{MARKER} {i}")
        assert m.delete_all() == 3 and m.sessions() == []
    assert MARKER.encode() not in file_bytes(db)


def test_deleting_a_subject_keeps_the_conversations_and_the_reverse(db):
    from mentalens.store import Store

    with Store.open(db) as store:
        memory = ChatMemory(store)                   # over an open store: closing the memory keeps it open
        memory.save_turn("s", "user", "hello")
        memory.close()
        assert store.conn is not None and store.subjects() == []
        assert ChatMemory(store).transcript("s")[0]["content"] == "hello"
    conn = sqlite3.connect(db)
    try:
        assert conn.execute("SELECT max(version) FROM schema_migrations").fetchone()[0] >= 2
    finally:
        conn.close()


def test_an_encrypted_store_keeps_the_conversation_encrypted(db):
    pytest.importorskip("sqlcipher3", reason="sqlcipher3 is not installed (the encrypt extra)")
    with ChatMemory.open(db, key="correct horse") as m:
        m.save_turn("s", "user", f"note {MARKER}")
        assert m.store.encrypted
        data = file_bytes(db)
        assert not data.startswith(b"SQLite format 3") and MARKER.encode() not in data
    with ChatMemory.open(db, key="correct horse") as m:
        assert m.transcript("s")[0]["content"] == f"note {MARKER}"
        assert m.delete("s") == 1


# -- the command line ------------------------------------------------------------------------

def run_cli(capsys, *args):
    from mentalens.cli.main import main

    code = main(list(args))
    out, err = capsys.readouterr()
    assert "Traceback" not in out + err
    return code, out, err


def test_cli_lists_and_forgets_kept_conversations(db, capsys):
    with ChatMemory.open(db) as m:
        m.save_turn("first-talk", "user", f"hi {MARKER}", "none")
        m.save_turn("second-talk", "user", "hello", "high")
    code, out, _ = run_cli(capsys, "chat", "--list-memory", "--store", str(db), "--format", "json")
    rows = json.loads(out)
    assert code == 0 and [r["session"] for r in rows] == ["first-talk", "second-talk"]
    code, out, _ = run_cli(capsys, "chat", "--list-memory", "--store", str(db), "--locale", "zh_CN")
    assert code == 0 and "first-talk" in out and "保存在存储中的对话" in out and "高" in out
    code, _, err = run_cli(capsys, "chat", "--forget", "first-talk", "--store", str(db))
    assert code == 0 and "deleted conversation first-talk (1 turn)" in err
    assert MARKER.encode() not in file_bytes(db)
    code, _, err = run_cli(capsys, "chat", "--forget", "first-talk", "--store", str(db))
    assert code == 0 and "nothing deleted" in err
    code, _, err = run_cli(capsys, "chat", "--forget-all", "--store", str(db))   # no terminal to confirm at
    assert code == 2 and "--yes" in err
    code, _, err = run_cli(capsys, "chat", "--forget-all", "--yes", "--store", str(db))
    assert code == 0 and "deleted 1 conversation" in err
    code, out, _ = run_cli(capsys, "chat", "--list-memory", "--store", str(db))
    assert code == 0 and "holds no conversations" in out


def test_cli_on_a_missing_store_creates_nothing(tmp_path, capsys):
    db = tmp_path / "none.db"
    code, out, _ = run_cli(capsys, "chat", "--list-memory", "--store", str(db))
    assert code == 0 and "holds no conversations" in out
    code, _, err = run_cli(capsys, "chat", "--forget-all", "-y", "--store", str(db))
    assert code == 0 and "nothing deleted" in err and not db.exists()
    code, _, err = run_cli(capsys, "chat", "--list-memory", "--forget-all", "--store", str(db))
    assert code != 0 and "one at a time" in err
