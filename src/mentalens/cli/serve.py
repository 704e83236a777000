"""``mentalens serve``: the local REST server and its web page.

    mentalens serve                          # http://127.0.0.1:8765/, this machine only
    mentalens serve --host 0.0.0.0 --allow-host myhost.lan   # other machines; a token is required

Binding beyond loopback turns the bearer token on (so does setting $MENTALENS_TOKEN, on any
address): $MENTALENS_TOKEN, else a random token made on first start and kept (mode 0600) in the
mentalens home folder; it is printed that once. /api/health answers without it, so that the
page can tell it must ask for one.
The access log says method, path, status and time, never a body, a query or a post.
"""
from __future__ import annotations

import sys

import typer

HELP = ("Run the local REST server and its web page (screening signals, not a diagnosis; nothing leaves "
        "this machine). Binds to 127.0.0.1 unless told otherwise; any other address needs a token.")


def register(app: typer.Typer) -> None:
    @app.command("serve", help=HELP)
    def serve_cmd(
        host: str = typer.Option("127.0.0.1", "--host", help="address to bind; anything but loopback turns "
                                 "the bearer token on"),
        port: int = typer.Option(8765, "--port", help="TCP port"),
        model: str = typer.Option(None, "--model", "-m", show_default=False,
                                  help="a model folder or built-in name (default: $MENTALENS_MODEL, else the "
                                  "built-in English and Chinese models)"),
        store: str = typer.Option(None, "--store", show_default=False,
                                  help="the store's database file (default: $MENTALENS_STORE, else store.db in "
                                  "the mentalens home folder)"),
        encrypt: bool = typer.Option(False, "--encrypt", help="the store is encrypted: its passphrase comes from "
                                     "$MENTALENS_STORE_KEY, else is asked for"),
        allow_host: list[str] = typer.Option([], "--allow-host", show_default=False,
                                             help="another name this server may be reached by (repeatable)"),
        max_body: int = typer.Option(1024 * 1024, "--max-body", help="largest request body, bytes"),
        max_batch: int = typer.Option(256, "--max-batch", help="most posts in one request"),
        workers_queue: int = typer.Option(64, "--workers-queue", help="requests that may wait for a worker; "
                                          "beyond that the server answers 503 (busy)"),
        workers: int = typer.Option(None, "--workers", show_default=False,
                                    help="analysis threads (default: the usable CPUs, at most 4)"),
        log_level: str = typer.Option("info", "--log-level", help="critical, error, warning, info or debug"),
    ) -> None:
        run(host=host, port=port, model=model, store=store, encrypt=encrypt, allow_host=allow_host,
            max_body=max_body, max_batch=max_batch, workers_queue=workers_queue, workers=workers,
            log_level=log_level)


def run(*, host, port, model, store, encrypt, allow_host, max_body, max_batch, workers_queue, workers,
        log_level) -> None:
    import os

    from ..config import ENV_TOKEN
    from ..errors import UsageError, require
    from ..server.settings import Settings, host_name, is_loopback, is_unspecified, server_token

    require("fastapi", "server", "mentalens serve")
    uvicorn = require("uvicorn", "server", "mentalens serve")
    levels = ("critical", "error", "warning", "info", "debug")
    if log_level.lower() not in levels:
        raise UsageError(f"unknown --log-level {log_level!r}", hint=f"use one of: {', '.join(levels)}")
    for flag, value, low in (("--port", port, 0), ("--max-body", max_body, 1), ("--max-batch", max_batch, 1),
                             ("--workers-queue", workers_queue, 0), ("--workers", workers, 1)):
        if value is not None and value < low:
            raise UsageError(f"{flag} must be at least {low} (got {value})", hint=f"omit {flag} for the default")
    if port > 65535:
        raise UsageError(f"--port must be at most 65535 (got {port})", hint="e.g. --port 8765")
    token = source = None
    created = False
    if not is_loopback(host) or os.environ.get(ENV_TOKEN, "").strip():
        token, source, created = server_token()
    extra = {"workers": workers} if workers else {}
    settings = Settings(host=host, port=port, model=model, store=store, store_key=_store_key(encrypt, store),
                        allowed_hosts=tuple(allow_host), token=token, max_body=max_body, max_batch=max_batch,
                        queue=workers_queue, **extra)
    _logging(log_level)
    from ..server.app import create_app

    app = create_app(settings)
    shown = "127.0.0.1" if is_unspecified(host) else host_name(host)
    say = sys.stderr.write
    say(f"mentalens: serving http://{shown}:{port}/" + (" (on every interface of this machine)"
                                                       if is_unspecified(host) else "") + "; Ctrl+C stops\n")
    if token is not None:
        if created:
            say(f"mentalens: clients must send 'Authorization: Bearer {token}'\n"
                f"mentalens: this token was made now and is kept in {source} (only you can read it)\n")
        else:
            say(f"mentalens: clients must send the bearer token kept in {source}\n")
    uvicorn.run(app, host=host, port=port, access_log=False, log_level=log_level.lower(), server_header=False,
                proxy_headers=False, log_config=None)


def _store_key(encrypt: bool, store: str | None) -> str | None:
    """--encrypt: the passphrase asked as `mentalens store` asks it (None when $MENTALENS_STORE_KEY
    holds it: the store reads that itself)."""
    from ..config import store_path
    from .store import _key

    return _key(encrypt, store_path(store).exists())


def _logging(level: str) -> None:
    """One plain stderr log for mentalens and uvicorn (uvicorn's own config is not loaded)."""
    import logging

    handler = logging.StreamHandler(sys.stderr)
    handler.setFormatter(logging.Formatter("%(asctime)s %(levelname)s %(name)s: %(message)s"))
    for name in ("mentalens", "uvicorn"):
        logger = logging.getLogger(name)
        logger.handlers[:] = [handler]
        logger.setLevel(level.upper())
        logger.propagate = False
