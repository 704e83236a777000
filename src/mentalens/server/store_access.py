"""The store as the server uses it: opened on first use, touched from one thread only.

Why one thread: a sqlite (or SQLCipher) connection belongs to the thread that opened it, and
the store's writes are serial anyway. Every store call goes through a bounded pool of one
worker (a full queue answers 503 like analysis does). Reading a store that does not exist
yet answers "empty" without creating it: a file appears only when posts are first added.
"""
from __future__ import annotations

import importlib.util
import logging
from pathlib import Path

from .pool import BoundedPool

log = logging.getLogger("mentalens.server")


class StoreAccess:
    def __init__(self, path: str | None, key: str | None, *, queue: int, retry_after: int = 1) -> None:
        from ..config import store_path

        self.path: Path = store_path(path)
        self.key = key
        self.pool = BoundedPool("store", 1, queue, retry_after)
        self._store = None

    @property
    def available(self) -> bool:
        """Whether this install has the store (the package is part of mentalens; this guards a trimmed one)."""
        return importlib.util.find_spec("mentalens.store") is not None

    def _open(self, create: bool):
        if self._store is None:
            if not create and not self.path.exists():
                return None
            from ..store import Store

            self._store = Store.open(self.path, key=self.key, create=create)
        return self._store

    def _job(self, fn, create: bool, missing):
        store = self._open(create)
        return missing if store is None else fn(store)

    async def call(self, fn, *, create: bool = False, missing=None):
        """``fn(store)`` on the store's thread; ``missing`` (when given) is returned, without creating
        a file, when no store exists yet."""
        return await self.pool.run(self._job, fn, create, missing)

    def submit(self, fn, *, missing=None):
        """Like ``call`` but returns the concurrent future (for an export that streams)."""
        return self.pool.submit(self._job, fn, False, missing)

    def close(self) -> None:
        if self._store is not None:
            try:
                self.pool.submit(self._store.close).result(timeout=30)
            except Exception as exc:                 # shutting down: say it, do not raise
                log.warning("closing the store failed: %s", type(exc).__name__)
        self.pool.shutdown()
