"""The real ``mentalens serve`` in a subprocess, for the server tests (conftest.py) and the page's
browser test (page_support.py).

``start_server`` runs it through mentalens.server.launch (``python -m mentalens serve`` -> uvicorn
-> FastAPI app, the launcher ``mentalens bench serve`` uses too) on a free loopback port, with its
own MENTALENS_HOME, store and log file under ``root`` and the given model, and returns once
/api/health answers 200. ``Server`` talks to it: an httpx client, a urllib ``api()`` helper that
sends the token (when there is one), its log and its memory use; ``stop()`` ends it.
"""
from __future__ import annotations

import json
import os
import urllib.error
import urllib.request
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from mentalens.errors import MentalensError
from mentalens.server.launch import Launched, free_port, launch

if TYPE_CHECKING:
    import httpx

START_TIMEOUT = 90.0
__all__ = ["Server", "free_port", "start_server"]


@dataclass
class Server(Launched):
    home: Path = Path()
    store: Path = Path()
    token: str | None = None

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

    def rss_kb(self, field: str = "VmRSS") -> int:
        for line in Path(f"/proc/{self.proc.pid}/status").read_text().splitlines():
            if line.startswith(field + ":"):
                return int(line.split()[1])
        raise AssertionError(f"no {field} for the server process")


def start_server(root: Path, model: Path, *args: str, env: dict | None = None, host: str = "127.0.0.1",
                 token: str | None = None) -> Server:
    """``mentalens serve --host HOST --port (free) --store ROOT/store.db ARGS``, answering /api/health.

    MENTALENS_* variables of this process are not passed on; ``env`` adds to (or overrides) the
    server's environment, ``token`` is its MENTALENS_TOKEN (auth on, also on loopback)."""
    root.mkdir(parents=True, exist_ok=True)
    home, store, log = root / "home", root / "store.db", root / "server.log"
    environ = {k: v for k, v in os.environ.items() if not k.startswith("MENTALENS_")}
    environ.update(MENTALENS_HOME=str(home), MENTALENS_MODEL=str(model), HOME=str(root),
                   XDG_DATA_HOME=str(root / "xdg"), PYTHONUNBUFFERED="1", **(env or {}))
    if token:
        environ["MENTALENS_TOKEN"] = token
    try:
        up = launch(["--store", str(store), *args], log=log, env=environ, host=host, timeout=START_TIMEOUT)
    except MentalensError as exc:
        raise AssertionError(str(exc)) from None
    return Server(up.proc, up.port, up.log, up.host, home=home, store=store, token=token)
