"""A bounded pipe from the store's export (a worker thread writing a file object) to a streamed
HTTP response, so an export of any size is sent while it is written.

Why not a temporary file: an encrypted store's export would then sit in plain text on disk.
At most ``depth`` chunks of 64 KiB wait in memory; a slow client slows the writer down, a client
that goes away stops it (its next write raises), and a writer nobody reads gives up after
``stall`` seconds, so the store's one thread is never stuck.
"""
from __future__ import annotations

import asyncio
import io
import queue
import threading
import time

CHUNK = 64 * 1024


class ClientGone(OSError):
    """The response is no longer being read."""


class _End:
    def __init__(self, error: BaseException | None = None) -> None:
        self.error = error


class _Raw(io.RawIOBase):
    def __init__(self, pipe: Pipe) -> None:
        self.pipe, self.position = pipe, 0

    def writable(self) -> bool:
        return True

    def write(self, b) -> int:
        data = bytes(b)
        if data:
            self.pipe.put(data)
            self.position += len(data)
        return len(data)

    def tell(self) -> int:          # pyarrow asks where it is; the pipe only moves forward
        return self.position


class Pipe:
    def __init__(self, depth: int = 8, stall: float = 120.0) -> None:
        self.queue: queue.Queue = queue.Queue(maxsize=depth)
        self.cancelled = threading.Event()
        self.stall = stall

    def writer(self) -> io.BufferedWriter:
        return io.BufferedWriter(_Raw(self), buffer_size=CHUNK)

    def put(self, item) -> None:
        """Called from the writing thread; blocks while the reader is behind."""
        deadline = time.monotonic() + self.stall
        while not self.cancelled.is_set():
            try:
                self.queue.put(item, timeout=0.25)
                return
            except queue.Full:
                if time.monotonic() > deadline:
                    self.cancelled.set()
        raise ClientGone("the export is no longer being read")

    def finish_from(self, future) -> None:
        """A done-callback of the writing job: tells the reader it ended, and how."""
        error = None if future.cancelled() else future.exception()
        try:
            self.put(_End(error))
        except ClientGone:
            pass

    def get(self):
        """Called from a reader thread: the next chunk, or _End."""
        while not self.cancelled.is_set():
            try:
                return self.queue.get(timeout=0.25)
            except queue.Empty:
                continue
        return _End(ClientGone("cancelled"))

    async def chunks(self, head):
        """The response body: ``head`` (from first_chunk) and every chunk after it."""
        try:
            item = head
            while not isinstance(item, _End):
                yield item
                item = await asyncio.to_thread(self.get)
            if item.error is not None:
                raise item.error
        finally:
            self.cancelled.set()


async def first_chunk(pipe: Pipe):
    """Wait for the export's first bytes, so that an error before them is answered with its own
    status instead of a broken download."""
    item = await asyncio.to_thread(pipe.get)
    if isinstance(item, _End) and item.error is not None:
        pipe.cancelled.set()
        raise item.error
    return item
