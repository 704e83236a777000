"""What every request shares: the settings, the analyzer (loaded once), the pools and the store.

Kept on ``app.state.mentalens`` rather than in module globals, so that two apps (a test's
second server, say) never share a model, a pool or a store connection.
"""
from __future__ import annotations

from dataclasses import dataclass

from fastapi import Request

from .errors import ApiError
from .pool import BoundedPool
from .settings import Settings
from .store_access import StoreAccess


@dataclass
class ServerState:
    settings: Settings
    analyzer: object                 # mentalens.api.Analyzer
    pool: BoundedPool                # analysis: settings.workers threads, settings.queue waiting
    store: StoreAccess

    def model_names(self) -> list[str]:
        b = self.analyzer.backend
        parts = getattr(b, "by_language", None)
        return [x.model_name for x in parts.values()] if parts else [b.model_name]

    def check_tasks(self, tasks: list[str] | None) -> list[str]:
        """The tasks to run, checked before any work is queued (422 on an unknown name)."""
        from ..pipeline import select_tasks

        return select_tasks(self.analyzer.backend, tasks)

    def check_batch(self, n: int) -> None:
        limit = self.settings.max_batch
        if n > limit:
            raise ApiError(413, f"{n} posts in one request; this server takes at most {limit}",
                           "split the posts into requests of at most that many, or start the server with a "
                           "larger --max-batch")

    def close(self) -> None:
        self.store.close()
        self.pool.shutdown()


def state(request: Request) -> ServerState:
    return request.app.state.mentalens
