"""``mentalens bench serve``: the REST server under load, beside the library on its own, in one run.

A real server (``mentalens serve`` in a subprocess, loopback, its own temporary home) takes C
concurrent clients POSTing /api/analyze for D seconds, each post a different one of the
project's example posts. The peer is the library itself in this process: Analyzer.analyze on
the same posts, one at a time, one thread. The ratio server/library says what HTTP, JSON and
the worker pool cost or gain; the status counts show that load gives 200s (or 503s), never 5xx.
Clients and server share the machine (its CPUs are in the provenance), so the numbers are for
this machine only.
"""
from __future__ import annotations

import asyncio
import os
import tempfile
import time
from collections import Counter
from contextlib import contextmanager
from pathlib import Path
from typing import Any

from ..errors import MentalensError

SCHEMA = "mentalens-load-results/1"


def _percentiles(ms: list[float]) -> dict[str, float | None]:
    import numpy as np

    if not ms:
        return {"p50": None, "p95": None, "p99": None, "mean": None, "max": None}
    a = np.asarray(ms)
    return {"p50": round(float(np.percentile(a, 50)), 3), "p95": round(float(np.percentile(a, 95)), 3),
            "p99": round(float(np.percentile(a, 99)), 3), "mean": round(float(a.mean()), 3),
            "max": round(float(a.max()), 3)}


def library_peer(analyzer, posts: list[str], seconds: float) -> dict[str, Any]:
    """Analyzer.analyze on one post at a time for ``seconds`` (after one untimed call)."""
    analyzer.analyze(posts[0])
    lat, n, start = [], 0, time.perf_counter()
    while time.perf_counter() - start < seconds:
        t = time.perf_counter()
        analyzer.analyze(posts[n % len(posts)])
        lat.append((time.perf_counter() - t) * 1000)
        n += 1
    elapsed = time.perf_counter() - start
    return {"posts": n, "elapsed_s": round(elapsed, 3), "posts_per_s": round(n / elapsed, 2),
            "latency_ms": _percentiles(lat)}


def _proc_stat(pid: int) -> dict[str, float]:
    """CPU seconds and peak memory of a process, from /proc (Linux; empty elsewhere)."""
    out: dict[str, float] = {}
    try:
        fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
        out["cpu_s"] = round((int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK"), 2)
        for line in Path(f"/proc/{pid}/status").read_text().splitlines():
            if line.startswith("VmHWM:"):
                out["peak_rss_mb"] = round(int(line.split()[1]) / 1024, 1)
    except (OSError, ValueError, IndexError):
        pass
    return out


@contextmanager
def running_server(model: str | None, *, workers: int | None, queue: int, backend: str = "lens"):
    """``mentalens serve`` on a free loopback port with a temporary home; yields (url, pid)."""
    from ..server.launch import launch

    if backend != "lens":
        raise MentalensError("bench serve times the lens backend only", hint="leave --backend out")
    with tempfile.TemporaryDirectory(prefix="mentalens-load-") as tmp:
        args = ["--log-level", "warning", "--workers-queue", str(queue), "--store", str(Path(tmp) / "store.db")]
        args += ["--model", str(model)] if model else []
        args += ["--workers", str(workers)] if workers else []
        env = {**os.environ, "MENTALENS_HOME": str(Path(tmp) / "home")}
        env.pop("MENTALENS_TOKEN", None)
        server = launch(args, log=Path(tmp) / "server.log", env=env)
        try:
            yield server.url, server.proc.pid
        finally:
            server.stop()


async def hammer(url: str, posts: list[str], clients: int, seconds: float, warmup: int = 10) -> dict[str, Any]:
    """``clients`` concurrent loops POSTing /api/analyze until ``seconds`` have passed."""
    import httpx

    limits = httpx.Limits(max_connections=clients, max_keepalive_connections=clients)
    async with httpx.AsyncClient(base_url=url, limits=limits, timeout=60) as c:
        for i in range(warmup):
            await c.post("/api/analyze", json={"text": posts[i % len(posts)]})
        statuses: Counter = Counter()
        lat: list[float] = []
        start = time.perf_counter()
        stop = start + seconds

        async def one_client(k: int) -> None:
            n = k
            while time.perf_counter() < stop:
                t = time.perf_counter()
                try:
                    r = await c.post("/api/analyze", json={"text": posts[n % len(posts)]})
                    statuses[str(r.status_code)] += 1
                    if r.status_code == 200:
                        lat.append((time.perf_counter() - t) * 1000)
                except httpx.HTTPError as exc:
                    statuses[f"error:{type(exc).__name__}"] += 1
                n += clients

        await asyncio.gather(*(one_client(k) for k in range(clients)))
        elapsed = time.perf_counter() - start
    total = sum(statuses.values())
    return {"requests": total, "elapsed_s": round(elapsed, 3), "throughput_rps": round(total / elapsed, 2),
            "ok_rps": round(statuses.get("200", 0) / elapsed, 2), "latency_ms": _percentiles(lat),
            "status_counts": dict(sorted(statuses.items())),
            "errors_5xx": sum(v for k, v in statuses.items() if k.startswith("5")),
            "transport_errors": sum(v for k, v in statuses.items() if k.startswith("error:"))}


def run_load(model: str | None = None, *, clients: int = 20, duration: float = 60.0, peer_seconds: float | None = None,
             workers: int | None = None, queue: int = 64, progress=None) -> dict[str, Any]:
    """Measure the server under load and the library alone; returns the results dict."""
    from ..api import load
    from .provenance import for_analyzer
    from .speed import example_posts

    say = progress or (lambda msg: None)
    posts = example_posts()
    if not posts:
        raise MentalensError("no example posts in the package to send", hint="reinstall mentalens")
    analyzer = load(model)
    peer_seconds = peer_seconds if peer_seconds is not None else min(duration, 15.0)
    say(f"library alone: Analyzer.analyze, one post at a time, {peer_seconds:g} s")
    peer = library_peer(analyzer, posts, peer_seconds)
    load_avg = round(os.getloadavg()[0], 2) if hasattr(os, "getloadavg") else None
    with running_server(model, workers=workers, queue=queue) as (url, pid):
        say(f"server: {clients} clients POSTing /api/analyze for {duration:g} s")
        server = asyncio.run(hammer(url, posts, clients, duration))
        server.update(_proc_stat(pid))
    ratio = round(server["ok_rps"] / peer["posts_per_s"], 3) if peer["posts_per_s"] else None
    return {"schema": SCHEMA, "suite": "load", **for_analyzer(analyzer, model),
            "posts": {"source": f"the project's {len(posts)} example posts, in turn", "n": len(posts)},
            "config": {"endpoint": "POST /api/analyze", "clients": clients, "duration_s": duration,
                       "peer_seconds": peer_seconds, "workers": workers or "default (usable CPUs, at most 4)",
                       "queue": queue, "load_average_1min_at_start": load_avg,
                       "client": "one Python process (asyncio + httpx) on the same machine as the server"},
            "server": server, "library": peer, "ratio_server_to_library": ratio,
            "checks": {"no_5xx": server["errors_5xx"] == 0, "no_transport_errors": server["transport_errors"] == 0}}

