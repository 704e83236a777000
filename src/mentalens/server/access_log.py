"""The access log: method, path, status and duration of each request — nothing else.

uvicorn's own access log is off (it prints the query string). Here the query is dropped and a
subject's name in the path is masked, because both can name a person; bodies are never seen.
"""
from __future__ import annotations

import logging
import re
import time

log = logging.getLogger("mentalens.server.access")
_SUBJECT = re.compile(r"^/api/subjects/[^/]+")


def shown_path(path: str) -> str:
    return _SUBJECT.sub("/api/subjects/<subject>", path)


class AccessLogMiddleware:
    def __init__(self, app) -> None:
        self.app = app

    async def __call__(self, scope, receive, send) -> None:
        if scope["type"] != "http" or not log.isEnabledFor(logging.INFO):
            await self.app(scope, receive, send)
            return
        start, status = time.perf_counter(), None

        async def watching_send(message) -> None:
            nonlocal status
            if message["type"] == "http.response.start":
                status = message["status"]
            await send(message)

        try:
            await self.app(scope, receive, watching_send)
        finally:
            ms = (time.perf_counter() - start) * 1000
            log.info("%s %s %s %.1f ms", scope.get("method"), shown_path(scope.get("path", "")),
                     status if status is not None else "-", ms)
