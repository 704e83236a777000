"""``mentalens bench serve``: the REST server under concurrent load beside the library alone.

    mentalens bench serve [--model M] [--clients 20] [--duration 60] [--out results]

A file of its own (registered on the bench group by cli/bench.py) so that bench.py stays short.
"""
from __future__ import annotations

import typer


def register(bench_app: typer.Typer) -> None:
    @bench_app.command("serve", help="Start `mentalens serve` on loopback and load it with concurrent clients "
                                     "POSTing /api/analyze; measure requests/s, p50/p95/p99 latency and the "
                                     "status counts, beside the library's own single-thread posts/s in the same "
                                     "run. Writes OUT/server/load.json and load.md.")
    def bench_serve_cmd(
        model: str = typer.Option(None, "--model", help="model folder or built-in name; default: $MENTALENS_MODEL, "
                                  "else the built-in models (as `mentalens serve`)"),
        clients: int = typer.Option(20, "--clients", help="concurrent clients"),
        duration: float = typer.Option(60.0, "--duration", help="seconds of load"),
        peer_seconds: float = typer.Option(None, "--peer-seconds", show_default=False,
                                           help="seconds timing the library alone (default: the duration, at most 15)"),
        workers: int = typer.Option(None, "--workers", show_default=False, help="the server's analysis threads"),
        queue: int = typer.Option(64, "--workers-queue", help="the server's queue"),
        out: str = typer.Option("results", "--out", help="results folder; files go to OUT/server/load.json and .md"),
    ) -> None:
        from ..bench.load import run_load
        from ..bench.load_report import render_load_markdown, write_load
        from ..errors import UsageError, require

        require("httpx", "server", "mentalens bench serve")
        require("uvicorn", "server", "mentalens bench serve")
        for flag, value in (("--clients", clients), ("--duration", duration), ("--peer-seconds", peer_seconds),
                            ("--workers", workers)):
            if value is not None and value <= 0:
                raise UsageError(f"{flag} must be more than 0 (got {value})", hint=f"omit {flag} for the default")
        if queue < 0:
            raise UsageError(f"--workers-queue must be 0 or more (got {queue})", hint="e.g. --workers-queue 64")
        results = run_load(model, clients=clients, duration=duration, peer_seconds=peer_seconds, workers=workers,
                           queue=queue, progress=lambda m: typer.echo(m, err=True))
        paths = write_load(results, out)
        typer.echo(render_load_markdown(results), nl=False)
        for p in paths:
            typer.echo(f"wrote {p}", err=True)
