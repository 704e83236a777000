"""Markdown for a ``bench speed`` results file (see speed.py for what each number means)."""
from __future__ import annotations

from typing import Any


def _v(x: Any, unit: str = "") -> str:
    if x is None:
        return "—"
    return f"{x:,.1f}{unit}" if isinstance(x, float) else f"{x}{unit}"


def ratio(x: float) -> str:
    """1,552× / 12.3× / 0.19×: enough digits to read a ratio below one."""
    return f"{x:,.0f}×" if x >= 100 else f"{x:.1f}×" if x >= 1 else f"{x:.2g}×"


def _status(r: dict | None) -> str | None:
    if not r:
        return "not run"
    for key in ("unavailable", "skipped", "error"):
        if key in r:
            return f"{key}: {r[key]}" + (f" ({r['hint']})" if r.get("hint") else "")
    return None


def render_speed_markdown(results: dict[str, Any]) -> str:
    m, p, posts, cfg = results["model"], results["provenance"], results["posts"], results["config"]
    mach = p["machine"]
    lens, peers = results["lens"], results["peers"]
    git = p.get("git") or {}
    lines = [
        f"# mentalens bench speed: {m['name']} {m['version']}", "",
        f"Machine: {mach['cpu']} ({mach['cpu_count']} CPUs, {mach['platform']}); Python {p['python']}, "
        f"numpy {p['numpy']}; mentalens {p['mentalens_version']}, commit {(git.get('commit') or 'unknown')[:12]}"
        f"{' (uncommitted changes)' if git.get('dirty') else ''}; {p['date_utc']}.",
        f"Posts: {posts['n']} ({posts['source']}; mean {posts['mean_chars']:,.0f} characters)."
        + (f" Note: {posts['note']}" if posts.get("note") else ""),
        f"Every measurement in a fresh process pinned to CPU {cfg['cpu']} with one thread "
        "(OMP/MKL/OPENBLAS/RAYON_NUM_THREADS=1, torch.set_num_threads(1)); "
        f"lens and TF-IDF in batches of {cfg['batch']}; latency over {cfg['latency_calls']} single-post calls."
        + (f" Load average at the start: {cfg['load_average_1min_at_start']:.2f} (other work on the machine "
           "slows every system alike; compare the ratios)." if cfg.get("load_average_1min_at_start") is not None
           else ""),
        "", "## Throughput on one core", "",
        "| system | posts/s | p50 ms | p95 ms | posts timed | note |", "|---|---|---|---|---|---|",
    ]

    def row(name: str, r: dict | None, pps: Any = None, note: str = "") -> None:
        status = _status(r)
        if status:
            lines.append(f"| {name} | — | — | — | — | {status} |")
            return
        lat = r.get("latency") or {}
        pps = r.get("posts_per_s") if pps is None else pps
        lines.append(f"| {name} | {_v(pps)} | {_v(lat.get('p50_ms'))} | {_v(lat.get('p95_ms'))} | "
                     f"{r.get('posts', '—')} | {note} |")

    n_tasks = len(m.get("tasks", []))
    row(f"lens, {n_tasks} tasks: scores + labels", lens.get("scores"), note="predict_proba + decide")
    row(f"lens, {n_tasks} tasks: full Results", lens.get("full"), note="analyze(): evidence, rationale, triage")
    tf = peers.get("tfidf_logreg")
    if tf is not None:
        row("TF-IDF (1-2-grams) + logistic regression, 1 task", tf, note=f"fitted in the run on {tf.get('trained_on', '?')}")
    rob = peers.get("roberta_base_shape")
    if rob is not None:
        if _status(rob):
            row("roberta-base-shaped classifier (MentalRoBERTa's shape)", rob)
        else:
            for size in (1, 16):
                b = rob.get(f"batch_{size}", {})
                lines.append(f"| roberta-base shape, batch {size} | {_v(b.get('posts_per_s'))} | — | — | "
                             f"{rob['posts']} | random weights (speed does not depend on them); {rob['mean_tokens']} "
                             f"tokens/post on average, at most {rob['max_tokens']}"
                             f"{'; posts sorted by length, padded to the longest of each batch' if size > 1 else ''} |")
    lines += ["", "## Ratios (lens posts/s ÷ peer posts/s, same run, same posts)", ""]
    lines += [f"- {k}: **{ratio(v)}**" for k, v in results["ratios"].items()] or ["- (no ratio: a side was not measured)"]
    cold = lens.get("cold") or {}
    lines += ["", "## Against the acceptance targets", "", "| measure | value | target | met |", "|---|---|---|---|"]
    for t in results["targets"]:
        met = "—" if t["met"] is None else ("yes" if t["met"] else "**no**")
        lines.append(f"| {t['what']} | {_v(t['value'])} | {t['goal']} | {met} |")
    lines += ["", f"Cold start: a fresh process that imports mentalens, loads the model and analyses one post "
              f"({cold.get('path') or '—'}), timed from spawn; median of {len(cold.get('runs', []))} runs "
              f"(first run {_v(cold.get('cold_start_first_s'))} s). Peak memory: the peak resident set (VmHWM) of that "
              "process after it analysed every post (not ru_maxrss, which on Linux also counts the pages of the "
              "process that started it).", ""]
    return "\n".join(lines)
