"""The private store: a subject's posts and their analyses over time, in one SQLite file on this
machine (optionally encrypted with SQLCipher), with alerts when the screening levels call for a
person to look. Personal data (e-mails, phone numbers, handles, URLs) is redacted before anything
is written.

    from mentalens.store import Store
    with Store.open("notes.db") as store:
        store.add_posts("alice", [{"text": "...", "posted_at": "2024-05-01"}], mentalens.load())
        store.timeline("alice")
"""
from __future__ import annotations

from ..errors import StoreError
from .redact import redact
from .store import Store

__all__ = ["Store", "StoreError", "redact"]
