"""``mentalens bench speed``: lens against its peers, in one run, on the same posts, one core each.

Every measurement runs in its own fresh process (speed_worker.py) pinned to one CPU with
OMP/MKL/OPENBLAS/RAYON_NUM_THREADS=1 (and torch.set_num_threads(1) for the transformer).
Posts: the IMHI test posts when the data directory is available, else the project's example
posts repeated to about 1,000 (said so in the results). Speed is reported as a ratio against
the peers measured in the same run, beside the absolute numbers and the machine.
"""
from __future__ import annotations

import json
import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

from ..errors import MentalensError
from .speed_worker import RESULT_MARK

SCHEMA = "mentalens-speed-results/1"
THREAD_VARS = ("OMP_NUM_THREADS", "MKL_NUM_THREADS", "OPENBLAS_NUM_THREADS", "RAYON_NUM_THREADS",
               "NUMEXPR_NUM_THREADS", "VECLIB_MAXIMUM_THREADS")
TORCH_HINT = "pip install 'mentalens[torch]'"
TARGETS = {"posts_per_s": 1000.0, "p50_ms": 10.0, "cold_start_s": 2.0, "peak_memory_mb": 500.0}


def _have(module: str) -> bool:
    import importlib.util

    return importlib.util.find_spec(module) is not None


def speed_posts(data_dir=None, n: int | None = None) -> tuple[list[str], dict[str, Any]]:
    """The posts to time, and where they come from."""
    from ..config import data_dir as resolve

    root = resolve(data_dir, required=False)
    if root is not None:
        posts = _imhi_test_posts(root)
        if posts:
            posts = posts[:n] if n else posts
            return posts, {"source": f"IMHI test posts (distinct, file order) from {root}", "files_root": str(root)}
    examples = example_posts()
    if not examples:
        raise MentalensError("no posts to time: no IMHI test files and no example posts in the package",
                             hint="pass --data-dir PATH (or set MENTALENS_DATA) to the research data folder")
    target = n or 1000
    posts = [examples[i % len(examples)] for i in range(target)]
    return posts, {"source": f"the project's {len(examples)} example posts repeated to {target}",
                   "note": "no research data directory: example posts were repeated; repeated posts are "
                           "timed as new ones (nothing is cached)"}


def _imhi_test_posts(root: Path) -> list[str]:
    from ..data import load_dataset
    from ..data.catalog import CATALOG

    seen: dict[str, None] = {}
    for e in CATALOG.values():
        if e.folder == "imhi" and "test" in e.files and (root / e.path("test")).is_file():
            for x in load_dataset(e.name, "test", root):
                seen.setdefault(x.text, None)
    return list(seen)


def example_posts() -> list[str]:
    """The example posts shipped with the package (examples/*.txt one per line, *.jsonl or *.csv "text")."""
    import csv

    from ..config import EXAMPLES_DIR

    posts: list[str] = []
    for path in sorted(EXAMPLES_DIR.glob("*")) if EXAMPLES_DIR.is_dir() else []:
        if path.suffix == ".txt":
            posts += [line.strip() for line in path.read_text(encoding="utf-8").splitlines() if line.strip()]
        elif path.suffix == ".jsonl":
            posts += [json.loads(line)["text"] for line in path.read_text(encoding="utf-8").splitlines()
                      if line.strip() and "text" in json.loads(line)]
        elif path.suffix == ".csv":
            with open(path, encoding="utf-8", newline="") as fh:
                posts += [r["text"] for r in csv.DictReader(fh) if r.get("text")]
    return posts


def _tfidf_training(data_dir, posts: list[str]) -> tuple[dict[str, list], str, Path | None]:
    """Training data for the TF-IDF peer: imhi/DR train (depression) if present, else synthetic labels."""
    from ..config import data_dir as resolve

    root = resolve(data_dir, required=False)
    if root is not None:
        from ..data import dataset_path, load_dataset

        path = dataset_path("imhi/DR", "train", root)
        if path.is_file():
            train = load_dataset("imhi/DR", "train", root)
            return ({"texts": [e.text for e in train], "labels": [e.labels["depression"] for e in train]},
                    f"depression: imhi/DR train ({len(train)} posts)", path)
    labels = [["no", "yes"][i % 2] for i in range(len(posts))]
    return {"texts": list(posts), "labels": labels}, "synthetic labels (alternating) on the timed posts", None


def _cpu(cpu: int | None) -> int | None:
    """The CPU to pin to: the one given, else the usable CPU that was idlest over half a second."""
    if cpu is not None or not hasattr(os, "sched_getaffinity"):
        return cpu
    usable = sorted(os.sched_getaffinity(0))
    try:
        first = _idle_ticks()
        time.sleep(0.5)
        second = _idle_ticks()
        return max(usable, key=lambda c: (second.get(c, 0) - first.get(c, 0), c))
    except (OSError, ValueError):
        return usable[-1]


def _idle_ticks() -> dict[int, int]:
    """Idle + iowait ticks per CPU from /proc/stat (Linux)."""
    out = {}
    for line in Path("/proc/stat").read_text(encoding="ascii").splitlines():
        name, *fields = line.split()
        if name.startswith("cpu") and name != "cpu":
            out[int(name[3:])] = int(fields[3]) + int(fields[4])
    return out


def _env() -> dict[str, str]:
    env = dict(os.environ)
    env.update({v: "1" for v in THREAD_VARS})
    env["TOKENIZERS_PARALLELISM"] = "false"
    return env


def measure(job: dict[str, Any], workdir: Path, timeout: float) -> dict[str, Any]:
    """Run one job in a fresh pinned process; returns its result (and ``wall_s`` from spawn to exit)."""
    path = workdir / f"job-{job['kind']}.json"
    path.write_text(json.dumps(job), encoding="utf-8")
    start = time.monotonic()
    try:  # the worker pins itself to job["cpu"] before it imports any numerical library
        done = subprocess.run([sys.executable, "-m", "mentalens.bench.speed_worker", str(path)], env=_env(),
                              capture_output=True, text=True, timeout=timeout)
    except subprocess.TimeoutExpired:
        return {"error": f"timed out after {timeout:g} s"}
    wall = time.monotonic() - start
    for line in reversed(done.stdout.splitlines()):
        if line.startswith(RESULT_MARK):
            result = json.loads(line[len(RESULT_MARK):])
            result["wall_s"] = round(wall, 3)
            result["spawn_monotonic"] = start
            return result
    tail = (done.stderr or done.stdout).strip().splitlines()[-5:]
    return {"error": f"worker exited with code {done.returncode}: " + " | ".join(tail)}


def run_speed(model: Any = None, data_dir=None, n_posts: int | None = None, *, backend: str = "lens",
              posts: list[str] | None = None, peers: tuple[str, ...] = ("tfidf", "roberta"), batch: int = 256,
              latency_calls: int = 200, cold_runs: int = 3, roberta_posts: int = 100, roberta_tokens: int = 256,
              cpu: int | None = None, timeout: float = 600.0, progress=None) -> dict[str, Any]:
    """Measure lens and its peers on the same posts; returns the results dict (see speed_report.py)."""
    from ..api import model_path
    from ..registry import backends
    from . import provenance

    say = progress or (lambda msg: None)
    path = model_path(model)
    model_obj = backends.get(backend).load(path)
    if posts is None:
        posts, source = speed_posts(data_dir, n_posts)
    else:
        source = {"source": f"{len(posts)} posts given by the caller"}
    cpu = _cpu(cpu)
    load = os.getloadavg()[0] if hasattr(os, "getloadavg") else None
    base = {"model": str(path), "backend": backend, "cpu": cpu, "batch": batch, "latency_calls": latency_calls}
    out: dict[str, Any] = {"lens": {}, "peers": {}}
    files = _imhi_test_files(_root(data_dir)) if "files_root" in source else []
    with tempfile.TemporaryDirectory(prefix="mentalens-speed-") as tmp:
        work = Path(tmp)
        posts_file = work / "posts.json"
        posts_file.write_text(json.dumps(posts), encoding="utf-8")
        base["posts_file"] = str(posts_file)
        say(f"lens, scores + labels, all {len(model_obj.tasks)} tasks: {len(posts)} posts on CPU {cpu}")
        out["lens"]["scores"] = measure({**base, "kind": "lens_scores"}, work, timeout)
        say("lens, full Results (evidence + triage)")
        out["lens"]["full"] = measure({**base, "kind": "lens_full"}, work, timeout)
        colds = []
        for i in range(cold_runs):
            say(f"cold start {i + 1}/{cold_runs}")
            r = measure({**base, "kind": "cold", "first_post": posts[0]}, work, timeout)
            if "first_done_monotonic" in r:
                r["cold_start_s"] = round(r.pop("first_done_monotonic") - r.pop("spawn_monotonic"), 3)
            colds.append(r)
        out["lens"]["cold"] = _cold_summary(colds)
        if "tfidf" in peers:
            if _have("sklearn"):
                train, note, train_path = _tfidf_training(data_dir, posts)
                files += [train_path] if train_path else []
                (work / "train.json").write_text(json.dumps(train), encoding="utf-8")
                say(f"peer: TF-IDF + logistic regression ({note})")
                r = measure({**base, "kind": "tfidf", "train_file": str(work / "train.json")}, work, timeout)
                out["peers"]["tfidf_logreg"] = {"trained_on": note, **r}
            else:
                out["peers"]["tfidf_logreg"] = {"skipped": "scikit-learn is not installed",
                                                "hint": "pip install 'mentalens[train]'"}
        if "roberta" in peers:
            if _have("torch") and _have("transformers"):
                say(f"peer: roberta-base-shaped classifier, {min(roberta_posts, len(posts))} posts")
                (work / "roberta.json").write_text(json.dumps(posts[:roberta_posts]), encoding="utf-8")
                r = measure({**base, "kind": "roberta", "posts_file": str(work / "roberta.json"),
                             "batch_sizes": [1, 16], "max_tokens": roberta_tokens}, work, timeout)
                out["peers"]["roberta_base_shape"] = r
            else:
                out["peers"]["roberta_base_shape"] = {"skipped": "torch and transformers are not installed",
                                                      "hint": TORCH_HINT}
    for r in [*out["lens"].values(), *out["peers"].values()]:
        r.pop("spawn_monotonic", None)
    prov = provenance.collect(backend=model_obj, model_path=path, tasks=model_obj.tasks,
                              files=files, data_root=_root(data_dir), seed=0)
    lengths = [len(p) for p in posts]
    return {
        "schema": SCHEMA, "suite": "speed", "model": prov["model"], "provenance": prov,
        "posts": {**source, "n": len(posts), "mean_chars": round(sum(lengths) / max(1, len(lengths)), 1)},
        "config": {"cpu": cpu, "load_average_1min_at_start": load, "threads": {v: "1" for v in THREAD_VARS}, "batch": batch,
                   "latency_calls": latency_calls, "cold_runs": cold_runs, "roberta_posts": roberta_posts,
                   "roberta_max_tokens": roberta_tokens},
        **out, "ratios": ratios(out), "targets": targets(out),
    }


def _root(data_dir) -> Path | None:
    from ..config import data_dir as resolve

    return resolve(data_dir, required=False)


def _imhi_test_files(root: Path | None) -> list[Path]:
    from ..data.catalog import CATALOG

    if root is None:
        return []
    paths = [root / e.path("test") for e in CATALOG.values() if e.folder == "imhi" and "test" in e.files]
    return [p for p in paths if p.is_file()]


def _cold_summary(runs: list[dict]) -> dict[str, Any]:
    ok = sorted(r["cold_start_s"] for r in runs if "cold_start_s" in r)
    mem = [r["peak_rss_mb"] for r in runs if "peak_rss_mb" in r]
    return {"runs": runs, "cold_start_s": ok[len(ok) // 2] if ok else None, "cold_start_first_s": (
        runs[0].get("cold_start_s") if runs else None), "peak_memory_mb": max(mem) if mem else None,
        "path": next((r["path"] for r in runs if "path" in r), None)}


def _pps(r: dict | None, key: str = "posts_per_s") -> float | None:
    return r.get(key) if isinstance(r, dict) and isinstance(r.get(key), (int, float)) else None


def ratios(out: dict[str, Any]) -> dict[str, float]:
    """lens posts/s divided by each peer's posts/s."""
    lens = {"lens scores": _pps(out["lens"].get("scores")), "lens full Results": _pps(out["lens"].get("full"))}
    rob = out["peers"].get("roberta_base_shape", {})
    peers = {"TF-IDF + LR": _pps(out["peers"].get("tfidf_logreg")),
             "roberta-base shape, batch 1": _pps(rob.get("batch_1")),
             "roberta-base shape, batch 16": _pps(rob.get("batch_16"))}
    return {f"{a} / {b}": float(f"{x / y:.4g}") for a, x in lens.items() for b, y in peers.items() if x and y}


def targets(out: dict[str, Any]) -> list[dict[str, Any]]:
    lens = out["lens"]
    rows = []
    for path in ("full", "scores"):
        r = lens.get(path) or {}
        rows.append(("posts_per_s", f"posts/s, all tasks, one core ({path})", _pps(r), ">="))
        rows.append(("p50_ms", f"single-post latency p50, ms ({path})", (r.get("latency") or {}).get("p50_ms"), "<="))
    cold = lens.get("cold") or {}
    rows.append(("cold_start_s", "cold start, s (median)", cold.get("cold_start_s"), "<="))
    rows.append(("peak_memory_mb", "peak memory, MB", cold.get("peak_memory_mb"), "<="))
    return [{"target": key, "what": what, "value": v, "goal": f"{op} {TARGETS[key]:g}",
             "met": None if v is None else (v >= TARGETS[key] if op == ">=" else v <= TARGETS[key])}
            for key, what, v, op in rows]
