"""``mentalens serve`` in a child process on a free loopback port, ready when /api/health answers.

One launcher for whoever needs a real server beside itself: ``mentalens bench serve`` (bench/load.py)
and the server and browser tests (tests/server/server_proc.py). Standard library only, so that it
can run before the server extra's client (httpx) is imported.
"""
from __future__ import annotations

import os
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path

from ..errors import MentalensError


def free_port(host: str = "127.0.0.1") -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as s:
        s.bind((host, 0))
        return s.getsockname()[1]


@dataclass
class Launched:
    proc: subprocess.Popen
    port: int
    log: Path
    host: str = "127.0.0.1"

    @property
    def url(self) -> str:
        """Where to reach it: loopback when it binds every address."""
        host = "127.0.0.1" if self.host in ("0.0.0.0", "::", "") else self.host
        return f"http://{host}:{self.port}"

    def log_text(self) -> str:
        try:
            return self.log.read_text(encoding="utf-8", errors="replace")
        except OSError:
            return ""

    def healthy(self) -> bool:
        try:
            with urllib.request.urlopen(self.url + "/api/health", timeout=2) as res:
                return res.status == 200
        except (urllib.error.URLError, ConnectionError, TimeoutError, OSError):
            return False

    def stop(self) -> None:
        """SIGTERM, then SIGKILL after 15 s."""
        if self.proc.poll() is None:
            self.proc.terminate()
            try:
                self.proc.wait(timeout=15)
            except subprocess.TimeoutExpired:
                self.proc.kill()
                self.proc.wait(timeout=15)


def launch(args: Sequence[str], *, log: Path, env: Mapping[str, str] | None = None, host: str = "127.0.0.1",
           timeout: float = 120.0) -> Launched:
    """``python -m mentalens serve --host HOST --port (free) ARGS`` with stdout and stderr in ``log``
    and ``env`` as its whole environment (None: this process's). Returns once /api/health answers
    200; raises MentalensError (with the log's tail) when it exits first or does not answer in time."""
    port = free_port(host)
    with open(log, "wb") as sink:
        proc = subprocess.Popen([sys.executable, "-m", "mentalens", "serve", "--host", host, "--port", str(port),
                                 *args], stdout=sink, stderr=subprocess.STDOUT, stdin=subprocess.DEVNULL,
                                env=dict(os.environ if env is None else env))
    server = Launched(proc, port, log, host)
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if proc.poll() is not None:
            raise MentalensError(f"mentalens serve exited with code {proc.returncode}:\n{server.log_text()[-2000:]}",
                                 hint="run `mentalens serve` with the same options to see why")
        if server.healthy():
            return server
        time.sleep(0.1)
    server.stop()
    raise MentalensError(f"mentalens serve did not answer /api/health within {timeout:.0f} s:\n"
                         f"{server.log_text()[-2000:]}", hint="try `mentalens serve` by hand")
