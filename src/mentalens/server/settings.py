"""The server's settings, built once by ``mentalens serve`` (or a test) and handed to create_app.

Why a frozen dataclass and not globals: the app, its middleware and its pools read the same
values, and a test can start a second app with other limits in the same process.
Auth is on exactly when ``token`` is set; the CLI sets it for every non-loopback bind.
"""
from __future__ import annotations

import ipaddress
import os
import secrets
from dataclasses import dataclass, field
from pathlib import Path

MIB = 1024 * 1024
LOOPBACK_NAMES = ("127.0.0.1", "localhost", "[::1]")
TOKEN_FILE = "server-token"


def _default_workers() -> int:
    try:
        usable = len(os.sched_getaffinity(0))
    except (AttributeError, OSError):
        usable = os.cpu_count() or 1
    return max(1, min(4, usable))


@dataclass(frozen=True)
class Settings:
    host: str = "127.0.0.1"
    port: int = 8765
    model: str | None = None               # None: $MENTALENS_MODEL, else the built-in models
    backend: str = "lens"
    store: str | None = None               # None: $MENTALENS_STORE, else home_dir()/store.db
    store_key: str | None = field(default=None, repr=False)   # a passphrase: the store is encrypted
    allowed_hosts: tuple[str, ...] = ()
    token: str | None = field(default=None, repr=False)       # set: /api/* needs "Bearer <token>"
    max_body: int = MIB
    max_batch: int = 256
    workers: int = field(default_factory=_default_workers)    # analysis threads
    queue: int = 64                        # requests allowed to wait for a thread; more -> 503
    retry_after: int = 1                   # seconds, in the Retry-After of a 503

    @property
    def auth(self) -> bool:
        return self.token is not None

    def host_names(self) -> list[str]:
        """The names this server answers to: loopback names, the bind host (the machine's name when
        bound to every interface) and --allow-host names, lower case."""
        names = set(LOOPBACK_NAMES)
        for raw in (self.host, *self.allowed_hosts):
            name = host_name(raw)
            if name and not is_unspecified(raw):
                names.add(name)
        if is_unspecified(self.host):
            import socket

            names.add(socket.gethostname().lower())
        return sorted(names)

    def expected_hosts(self) -> frozenset[str]:
        """Every Host header value accepted: each name bare and with the port. A browser sends the
        name it was pointed at, so another site's page resolving to this machine (DNS rebinding)
        is refused."""
        names = self.host_names()
        return frozenset([*names, *(f"{n}:{self.port}" for n in names)])


def host_name(raw: str) -> str:
    """A host as it appears in a Host header: lower case, IPv6 addresses in brackets."""
    raw = (raw or "").strip().lower()
    bare = raw.strip("[]")
    try:
        if ipaddress.ip_address(bare).version == 6:
            return f"[{bare}]"
    except ValueError:
        pass
    return raw


def is_unspecified(host: str) -> bool:
    """0.0.0.0, :: or empty: every interface of the machine."""
    bare = (host or "").strip().strip("[]")
    if not bare:
        return True
    try:
        return ipaddress.ip_address(bare).is_unspecified
    except ValueError:
        return False


def is_loopback(host: str) -> bool:
    bare = (host or "").strip().strip("[]").lower()
    if bare == "localhost":
        return True
    try:
        return ipaddress.ip_address(bare).is_loopback
    except ValueError:
        return False


def token_file() -> Path:
    from ..config import home_dir

    return home_dir() / TOKEN_FILE


def server_token() -> tuple[str, str, bool]:
    """(token, where it comes from, whether it was made just now): $MENTALENS_TOKEN, else the
    token file in home_dir(), else a new random token written there (mode 0600, folder 0700)."""
    from ..config import ENV_TOKEN
    from ..errors import UsageError

    env = os.environ.get(ENV_TOKEN, "").strip()
    if env:
        return env, f"${ENV_TOKEN}", False
    path = token_file()
    try:
        if path.is_file():
            saved = path.read_text(encoding="utf-8").strip()
            if saved:
                return saved, str(path), False
        path.parent.mkdir(parents=True, exist_ok=True, mode=0o700)
        token = secrets.token_urlsafe(32)
        fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
        with os.fdopen(fd, "w", encoding="utf-8") as f:
            f.write(token + "\n")
        os.chmod(path, 0o600)
    except OSError as exc:
        raise UsageError(f"cannot keep the server token in {path}: {exc.strerror or exc}",
                         hint=f"set {ENV_TOKEN} to a long random string, or make {path.parent} writable") from None
    return token, str(path), True
