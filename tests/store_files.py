"""The bytes a store leaves on disk, for the tests that check what was (or was not) written."""
from __future__ import annotations


def file_bytes(path) -> bytes:
    """The bytes of the store's file and its -wal file (each when present)."""
    out = b""
    for suffix in ("", "-wal"):
        p = path.with_name(path.name + suffix)
        if p.exists():
            out += p.read_bytes()
    return out
