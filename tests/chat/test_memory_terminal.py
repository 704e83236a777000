"""Memory in the terminal chat, driven in a pty (chat_pty.py): off by default (no store file made,
nothing in the home folder); on with --memory or /memory on (the turns are in the store); /forget
deletes them, and a unique marker is then absent from the database file and its write-ahead log;
an encrypted store when a key is given."""
from __future__ import annotations

import re

import pytest
from chat_pty import ChatPty
from store_files import file_bytes

from mentalens.chat.memory import ChatMemory

pytestmark = pytest.mark.slow
PROMPT = "you › "
MARKER = "pangolin-violet-4410"


@pytest.fixture
def chat(tmp_path):
    opened: list[ChatPty] = []

    def start(*args: str, **env: str) -> ChatPty:
        c = ChatPty("--locale", "en_US", *args, env={"MENTALENS_HOME": str(tmp_path / "home"), "HOME": str(tmp_path),
                                                     "XDG_DATA_HOME": str(tmp_path / "xdg"), **env})
        opened.append(c)
        c.wait_for(re.escape(PROMPT) + "$")
        return c

    yield start
    for c in opened:
        c.close()


def test_memory_is_off_by_default(chat, tmp_path):
    db = tmp_path / "store.db"
    c = chat("--store", str(db))
    assert "Memory is off" in c.screen
    c.turn(f"my note is {MARKER}", PROMPT)
    c.type("/quit")
    assert c.exit_code() == 0
    assert not db.exists() and not (tmp_path / "home").exists() and not (tmp_path / "xdg").exists()


def test_memory_on_keeps_turns_and_forget_scrubs_them(chat, tmp_path):
    db = tmp_path / "notes" / "store.db"
    c = chat("--memory", "--store", str(db))
    assert "Memory is on" in c.screen and str(db) in c.screen.replace("\n", "")
    c.turn(f"my note is {MARKER}", PROMPT)
    with ChatMemory.open(db, create=False) as m:                # read while the chat holds the store open
        [session] = m.sessions()
        turns = m.transcript(session["session"])
    assert [t["role"] for t in turns] == ["assistant", "user", "assistant"]      # the opening, then the turn
    assert turns[1]["content"] == f"my note is {MARKER}" and MARKER.encode() in file_bytes(db)

    shown = c.turn("/forget", PROMPT)
    assert "Deleted this conversation from the store (3 turns)" in " ".join(shown.split())
    assert MARKER.encode() not in file_bytes(db)
    c.turn(f"after forgetting: {MARKER}", PROMPT)                 # memory is off after /forget
    c.type("/quit")
    assert c.exit_code() == 0
    assert MARKER.encode() not in file_bytes(db)
    with ChatMemory.open(db, create=False) as m:
        assert m.sessions() == []


def test_memory_on_and_off_during_the_talk(chat, tmp_path):
    db = tmp_path / "store.db"
    c = chat("--store", str(db))
    c.turn("before memory", PROMPT)
    assert "Memory is on" in c.turn("/memory on", PROMPT)
    c.turn(f"kept {MARKER}", PROMPT)
    assert "Memory is off" in c.turn("/memory off", PROMPT)
    c.turn("not kept", PROMPT)
    c.type("/quit")
    assert c.exit_code() == 0
    with ChatMemory.open(db, create=False) as m:
        [session] = m.sessions()
        said = [t["content"] for t in m.transcript(session["session"]) if t["role"] == "user"]
    assert said == [f"kept {MARKER}"]


def test_an_encrypted_store_with_a_key(chat, tmp_path):
    pytest.importorskip("sqlcipher3", reason="sqlcipher3 is not installed (the encrypt extra)")
    db = tmp_path / "secret.db"
    c = chat("--memory", "--encrypt", "--store", str(db), MENTALENS_STORE_KEY="correct horse battery")
    assert "kept, encrypted," in " ".join(c.screen.split())
    c.turn(f"my note is {MARKER}", PROMPT)
    data = file_bytes(db)
    assert not data.startswith(b"SQLite format 3") and MARKER.encode() not in data
    with ChatMemory.open(db, key="correct horse battery", create=False) as m:
        assert any(MARKER in t["content"] for s in m.sessions() for t in m.transcript(s["session"]))
    c.turn("/forget", PROMPT)
    c.type("/quit")
    assert c.exit_code() == 0
    with ChatMemory.open(db, key="correct horse battery", create=False) as m:
        assert m.sessions() == []


def test_a_store_that_cannot_open_is_said_and_the_talk_goes_on(chat, tmp_path):
    c = chat("--store", str(tmp_path))                            # a folder, not a store file
    shown = " ".join(c.turn("/memory on", PROMPT).split())
    assert "error" in shown and "is a folder" in shown and "Traceback" not in shown
    assert "mentalens › " in c.turn("I still want to talk.", PROMPT)
    c.type("/quit")
    assert c.exit_code() == 0
