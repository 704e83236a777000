"""Bounded worker pools: CPU-bound work leaves the event loop, and a full queue says so at once.

Why bounded: analysis is CPU-bound, so an unbounded queue only turns overload into ever longer
waits and growing memory. A semaphore counts the jobs running plus waiting; past ``workers +
queue`` a request is answered 503 with Retry-After straight away. The count drops when a job
really ends (not when its client gives up), so a burst of abandoned requests cannot pile up
work behind the limit.
"""
from __future__ import annotations

import asyncio
import threading
from concurrent.futures import ThreadPoolExecutor


class Overloaded(Exception):
    """Every worker is busy and the queue is full."""

    def __init__(self, name: str, retry_after: int) -> None:
        super().__init__(f"the server is busy ({name}): every worker is working and the queue is full")
        self.retry_after = retry_after


class BoundedPool:
    def __init__(self, name: str, workers: int, queue: int, retry_after: int = 1) -> None:
        if workers < 1 or queue < 0:
            raise ValueError("a pool needs at least one worker and a queue of 0 or more")
        self.name, self.workers, self.limit, self.retry_after = name, workers, workers + queue, retry_after
        self._slots = threading.BoundedSemaphore(self.limit)
        self._executor = ThreadPoolExecutor(max_workers=workers, thread_name_prefix=f"mentalens-{name}")

    async def run(self, fn, /, *args, **kwargs):
        """Run ``fn(*args, **kwargs)`` on a worker thread; raise Overloaded when no slot is free."""
        return await asyncio.wrap_future(self.submit(fn, *args, **kwargs))

    def submit(self, fn, /, *args, **kwargs):
        """Queue ``fn`` and return its concurrent future (for work that streams its output)."""
        if not self._slots.acquire(blocking=False):
            raise Overloaded(self.name, self.retry_after)
        try:
            future = self._executor.submit(fn, *args, **kwargs)
        except BaseException:
            self._slots.release()
            raise
        future.add_done_callback(lambda _: self._slots.release())
        return future

    def shutdown(self) -> None:
        self._executor.shutdown(wait=False, cancel_futures=True)
