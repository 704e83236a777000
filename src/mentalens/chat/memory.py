"""Chat memory: conversations kept in the private store, only when the person turns memory on.

    from mentalens.chat.memory import ChatMemory
    with ChatMemory.open("store.db") as memory:          # or ChatMemory(store) over an open Store
        memory.save_turn("a1b2", "user", "hello", "none")
        memory.sessions(); memory.transcript("a1b2")
        memory.delete("a1b2"); memory.delete_all()

The tables are the store's (migration 0002_chat.sql), so the conversation is encrypted when the
store is. The text is kept as typed: it is the person's own conversation on their own machine.
Deleting removes the rows (zeroed by secure_delete), then scrubs the file and its write-ahead log
(Store.scrub: checkpoint, VACUUM, checkpoint) so that the words are gone from both.
"""
from __future__ import annotations

import os

from ..errors import StoreInputError
from ..schema import RISK_LEVELS

ROLES = ("user", "assistant")
MAX_SESSION_ID = 200


class ChatMemory:
    """Conversations over an open mentalens Store (``ChatMemory(store)``), or over one it opens
    itself (``ChatMemory.open(path, key=...)``, closed with ``close()`` or a with block)."""

    def __init__(self, store, *, owned: bool = False) -> None:
        self.store, self._owned = store, owned

    @classmethod
    def open(cls, path: str | os.PathLike | None = None, *, key: str | None = None,
             create: bool = True) -> ChatMemory:
        """The store at ``path`` (default: $MENTALENS_STORE, else the home folder's store.db),
        encrypted iff a key is given (``key``, else $MENTALENS_STORE_KEY)."""
        from ..store import Store

        return cls(Store.open(path, key=key, create=create), owned=True)

    def __enter__(self) -> ChatMemory:
        return self

    def __exit__(self, *exc) -> None:
        self.close()

    def close(self) -> None:
        if self._owned and self.store is not None:
            self.store.close()
        self.store = None

    # -- writing ----------------------------------------------------------------------------------

    def save_turn(self, session_id: str, role: str, text: str, level: str | None = None) -> None:
        """Add one turn (``role``: "user" or "assistant") to the conversation ``session_id``,
        starting the conversation when it is new."""
        from ..store import db
        from ..store.redact import no_surrogates

        key = _check_session(session_id)
        if role not in ROLES:
            raise StoreInputError(f"a chat turn's role is 'user' or 'assistant', not {role!r}")
        if not isinstance(text, str):
            raise StoreInputError("a chat turn's text is a string")
        if level is not None and level not in RISK_LEVELS:
            raise StoreInputError(f"unknown risk level {level!r}", hint=f"one of {', '.join(RISK_LEVELS)}")
        now = db.now()
        with self.store.transaction() as conn:
            row = conn.execute("SELECT id FROM chat_sessions WHERE session_key = ?", (key,)).fetchone()
            if row is None:
                sid = conn.execute("INSERT INTO chat_sessions (session_key, created_at, updated_at) VALUES (?, ?, ?)",
                                   (key, now, now)).lastrowid
            else:
                sid = row[0]
                conn.execute("UPDATE chat_sessions SET updated_at = ? WHERE id = ?", (now, sid))
            conn.execute("INSERT INTO chat_turns (session_id, role, text, level, created_at) VALUES (?, ?, ?, ?, ?)",
                         (sid, role, no_surrogates(text), level, now))

    def delete(self, session_id: str) -> int:
        """Delete one conversation for good; returns the turns deleted (0: there was none)."""
        key = _check_session(session_id)
        with self.store.transaction() as conn:
            row = conn.execute("SELECT id FROM chat_sessions WHERE session_key = ?", (key,)).fetchone()
            if row is None:
                return 0
            n = conn.execute("SELECT count(*) FROM chat_turns WHERE session_id = ?", (row[0],)).fetchone()[0]
            conn.execute("DELETE FROM chat_sessions WHERE id = ?", (row[0],))
        self.store.scrub()
        return n

    def delete_all(self) -> int:
        """Delete every stored conversation for good; returns how many there were."""
        with self.store.transaction() as conn:
            n = conn.execute("SELECT count(*) FROM chat_sessions").fetchone()[0]
            conn.execute("DELETE FROM chat_sessions")
        self.store.scrub()
        return n

    # -- reading ----------------------------------------------------------------------------------

    def sessions(self) -> list[dict]:
        """Every stored conversation, oldest first: {"session", "started", "last", "turns",
        "highest_level"} (times ISO 8601, UTC)."""
        with self.store.reading() as conn:
            rows = conn.execute(
                "SELECT s.id, s.session_key, s.created_at, s.updated_at, count(t.id) FROM chat_sessions s "
                "LEFT JOIN chat_turns t ON t.session_id = s.id GROUP BY s.id ORDER BY s.created_at, s.id").fetchall()
            levels: dict[int, set[str]] = {}
            for sid, level in conn.execute("SELECT DISTINCT session_id, level FROM chat_turns WHERE level IS NOT NULL"):
                levels.setdefault(sid, set()).add(level)
        return [{"session": key, "started": started, "last": last, "turns": n,
                 "highest_level": _highest(levels.get(sid, ()))} for sid, key, started, last, n in rows]

    def transcript(self, session_id: str) -> list[dict]:
        """The turns of one conversation in order: {"role", "content", "level", "at"}; [] when
        there is no such conversation."""
        key = _check_session(session_id)
        with self.store.reading() as conn:
            rows = conn.execute(
                "SELECT t.role, t.text, t.level, t.created_at FROM chat_turns t JOIN chat_sessions s "
                "ON s.id = t.session_id WHERE s.session_key = ? ORDER BY t.id", (key,)).fetchall()
        return [{"role": r, "content": text, "level": level, "at": at} for r, text, level, at in rows]


def _check_session(session_id) -> str:
    if not isinstance(session_id, str) or not session_id.strip() or len(session_id) > MAX_SESSION_ID:
        raise StoreInputError(f"a chat session id is a string of 1 to {MAX_SESSION_ID} characters, "
                              f"not {session_id!r}")
    return session_id.strip()


def _highest(levels) -> str | None:
    known = [x for x in levels if x in RISK_LEVELS]
    return max(known, key=RISK_LEVELS.index) if known else None
