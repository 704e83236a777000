"""The real ``mentalens serve`` in a subprocess, for the server tests (conftest.py) and the page's
browser test (page_support.py).

``start_server`` runs it as a user would (``python -m mentalens serve`` -> uvicorn -> FastAPI
app) on a free loopback port, with its own MENTALENS_HOME, store and log file under ``root``
and the given model, and returns once /api/health answers 200. ``Server`` talks to it: an httpx
client, a urllib ``api()`` helper that sends the token (when there is one), its log and its
memory use; ``stop()`` ends it (SIGTERM, then SIGKILL).
"""
from __future__ import annotations

import json
import os
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    import httpx

START_TIMEOUT = 90.0


def free_port() -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@dataclass
class Server:
    proc: subprocess.Popen
    port: int
    home: Path
    store: Path
    log: Path
    token: str | None = None

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.port}"

    def client(self, **kw) -> httpx.Client:
        import httpx

        return httpx.Client(base_url=self.url, timeout=30, **kw)

    def api(self, path: str, body: object = None, *, method: str | None = None) -> tuple[int, object]:
        """(status, decoded JSON) of one API call (urllib), with the token when there is one."""
        data = None if body is None else json.dumps(body).encode("utf-8")
        req = urllib.request.Request(self.url + path, data=data, method=method or ("POST" if data else "GET"))
        if data is not None:
            req.add_header("Content-Type", "application/json")
        if self.token:
            req.add_header("Authorization", f"Bearer {self.token}")
        try:
            with urllib.request.urlopen(req, timeout=60) as res:
                return res.status, json.loads(res.read() or b"null")
        except urllib.error.HTTPError as err:
            return err.code, json.loads(err.read() or b"null")

    def log_text(self) -> str:
        try:
            return self.log.read_text(encoding="utf-8", errors="replace")
        except OSError:
            return ""

    def rss_kb(self, field: str = "VmRSS") -> int:
        for line in Path(f"/proc/{self.proc.pid}/status").read_text().splitlines():
            if line.startswith(field + ":"):
                return int(line.split()[1])
        raise AssertionError(f"no {field} for the server process")

    def healthy(self) -> bool:
        try:
            with urllib.request.urlopen(self.url + "/api/health", timeout=2) as res:
                return res.status == 200
        except (urllib.error.URLError, ConnectionError, TimeoutError, OSError):
            return False

    def stop(self) -> None:
        if self.proc.poll() is None:
            self.proc.terminate()
            try:
                self.proc.wait(timeout=15)
            except subprocess.TimeoutExpired:
                self.proc.kill()
                self.proc.wait(timeout=15)


def start_server(root: Path, model: Path, *args: str, env: dict | None = None, host: str = "127.0.0.1",
                 token: str | None = None) -> Server:
    """``mentalens serve --host HOST --port (free) --store ROOT/store.db ARGS``, answering /api/health.

    MENTALENS_* variables of this process are not passed on; ``env`` adds to (or overrides) the
    server's environment, ``token`` is its MENTALENS_TOKEN (auth on, also on loopback)."""
    root.mkdir(parents=True, exist_ok=True)
    port = free_port()
    home, store, log = root / "home", root / "store.db", root / "server.log"
    environ = {k: v for k, v in os.environ.items() if not k.startswith("MENTALENS_")}
    environ.update(MENTALENS_HOME=str(home), MENTALENS_MODEL=str(model), HOME=str(root),
                   XDG_DATA_HOME=str(root / "xdg"), PYTHONUNBUFFERED="1", **(env or {}))
    if token:
        environ["MENTALENS_TOKEN"] = token
    with open(log, "wb") as out:
        proc = subprocess.Popen([sys.executable, "-m", "mentalens", "serve", "--host", host, "--port", str(port),
                                 "--store", str(store), *args],
                                stdout=out, stderr=subprocess.STDOUT, stdin=subprocess.DEVNULL, env=environ)
    server = Server(proc, port, home, store, log, token)
    deadline = time.monotonic() + START_TIMEOUT
    while time.monotonic() < deadline:
        if proc.poll() is not None:
            raise AssertionError(f"mentalens serve exited with {proc.returncode}:\n{server.log_text()}")
        if server.healthy():
            return server
        time.sleep(0.1)
    server.stop()
    raise AssertionError(f"mentalens serve did not answer /api/health in {START_TIMEOUT:.0f} s:\n{server.log_text()}")
