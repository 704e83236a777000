"""``mentalens bench speed --backend llm --model X.gguf``: the numbers Menta's app shows, beside lens.

In one run, on the same posts, each in a fresh process pinned to the same CPU (speed.py's
worker): the language model's load time, time to first token, prefill and decode tokens/s,
per-post latency of label scoring (one task) and of free generation (an IMHI answer with
reasoning), and peak memory; then the built-in model's per-post latency and posts/s for all
its tasks. Ratios compare the two on the same machine in the same run.
"""
from __future__ import annotations

import statistics
import tempfile
import time
from pathlib import Path
from typing import Any

SCHEMA = "mentalens-bench-speed-llm/1"


def llm_job(job: dict, posts: list[str]) -> dict:
    """Worker side: measure one language model on ``posts`` (runs in speed_worker)."""
    from mentalens.backends.llm.model import LLMBackend
    from mentalens.backends.llm.prompts import questions
    from mentalens.backends.llm.runtime import TokenTimer
    from mentalens.tasks import get_task

    t0 = time.perf_counter()
    backend = LLMBackend.load(job["model"], n_threads=job.get("threads") or 1, n_ctx=job.get("n_ctx", 2048))
    load_s = time.perf_counter() - t0
    rt = backend.runtime
    tasks = job["tasks"]
    spec = get_task(tasks[0])
    backend.predict_proba(posts[:1], tasks)                      # warm-up
    score_ms, gen = [], []
    rt.timer = TokenTimer()
    for p in posts:
        t = time.perf_counter()
        backend.predict_proba([p], tasks)
        score_ms.append(1000.0 * (time.perf_counter() - t))
    prefill = rt.timer
    for p in posts:
        g = rt.generate(rt.render(questions(spec, p, backend.style)[0].instruction), None,
                        max_tokens=job["gen_tokens"])
        gen.append(g)
    decode = [(g.tokens - 1) / (g.total_s - g.ttft_s) for g in gen if g.tokens > 1 and g.total_s > g.ttft_s]
    med = statistics.median
    return {
        "model_file": str(job["model"]), "runtime": rt.name, "threads": job.get("threads") or 1,
        "load_s": round(load_s, 3), "posts": len(posts), "tasks_scored": tasks,
        "label_scoring": {"per_post_ms_p50": round(med(score_ms), 1), "per_post_ms_max": round(max(score_ms), 1),
                          "prefill_tokens": prefill.prefill_tokens,
                          "prefill_tokens_per_s": round(prefill.prefill_tokens / prefill.prefill_s, 1)
                          if prefill.prefill_s else None},
        "generation": {"max_new_tokens": job["gen_tokens"],
                       "prompt_tokens_p50": med([g.prompt_tokens for g in gen]),
                       "ttft_ms_p50": round(1000.0 * med([g.ttft_s for g in gen]), 1),
                       "prefill_tokens_per_s_p50": round(med([g.prompt_tokens / g.ttft_s for g in gen if g.ttft_s]), 1),
                       "decode_tokens_per_s_p50": round(med(decode), 2) if decode else None,
                       "new_tokens_p50": med([g.tokens for g in gen]),
                       "per_post_ms_p50": round(1000.0 * med([g.total_s for g in gen]), 1)},
    }


def run_speed_llm(model: Any, data_dir=None, n_posts: int | None = None, *, posts: list[str] | None = None,
                  tasks: tuple[str, ...] = ("stress",), gen_tokens: int = 64, threads: int = 1,
                  cpu: int | None = None, latency_calls: int = 100, timeout: float = 600.0,
                  progress=None) -> dict[str, Any]:
    """Measure a language model and the built-in model on the same posts; the results dict."""
    import json

    from ..api import model_path
    from ..config import DEFAULT_MODEL
    from . import provenance
    from .speed import _cpu, _root, measure, speed_posts

    say = progress or (lambda msg: None)
    path = model_path(model)
    if posts is None:
        posts, source = speed_posts(data_dir, n_posts or 8)
    else:
        source = {"source": f"{len(posts)} posts given by the caller"}
    posts = posts[: n_posts or 8]
    cpu = _cpu(cpu)
    lens_path = model_path(DEFAULT_MODEL)
    with tempfile.TemporaryDirectory(prefix="mentalens-speed-llm-") as tmp:
        work = Path(tmp)
        (work / "posts.json").write_text(json.dumps(posts), encoding="utf-8")
        base = {"posts_file": str(work / "posts.json"), "cpu": cpu if threads == 1 else None}
        say(f"llm {path.name}: {len(posts)} posts, label scoring ({', '.join(tasks)}) and generation "
            f"({gen_tokens} new tokens), {threads} thread(s)")
        llm = measure({**base, "kind": "llm", "model": str(path), "tasks": list(tasks), "gen_tokens": gen_tokens,
                       "threads": threads}, work, timeout)
        say(f"built-in {lens_path.name}, all tasks, same posts, CPU {cpu}")
        lens = measure({**base, "cpu": cpu, "kind": "lens_scores", "model": str(lens_path), "backend": "lens",
                        "batch": 256, "latency_calls": latency_calls}, work, timeout)
    for r in (llm, lens):
        r.pop("spawn_monotonic", None)
    from types import SimpleNamespace

    who = SimpleNamespace(model_name=f"llm:{path.name}", model_version="0", name="llm", tasks=list(tasks))
    prov = provenance.collect(backend=who, model_path=path, tasks=list(tasks), files=[],
                              data_root=_root(data_dir), seed=0)
    prov["model"]["file_bytes"] = path.stat().st_size if path.is_file() else None
    return {"schema": SCHEMA, "suite": "speed-llm", "model": prov["model"], "provenance": prov,
            "posts": {**source, "n": len(posts)}, "config": {"cpu": cpu, "threads": threads, "tasks": list(tasks),
                                                            "gen_tokens": gen_tokens},
            "llm": llm, "lens": lens, "ratios": _ratios(llm, lens)}


def _ratios(llm: dict, lens: dict) -> dict[str, float]:
    a = (llm.get("label_scoring") or {}).get("per_post_ms_p50")
    g = (llm.get("generation") or {}).get("per_post_ms_p50")
    b = (lens.get("latency") or {}).get("p50_ms")
    out = {}
    if a and b:
        out["llm label scoring (1 task) / lens (all tasks), per-post latency"] = float(f"{a / b:.4g}")
    if g and b:
        out["llm generation / lens (all tasks), per-post latency"] = float(f"{g / b:.4g}")
    return out


def render_markdown(r: dict[str, Any]) -> str:
    llm, lens = r["llm"], r["lens"]
    lines = [f"# mentalens bench speed --backend llm: {r['model']['name']}", "",
             f"- posts: {r['posts']['n']} ({r['posts'].get('source', '')}); CPU {r['config']['cpu']}, "
             f"{r['config']['threads']} thread(s); machine: {r['provenance'].get('machine', {})}", ""]
    if "error" in llm:
        lines += [f"The language model could not be measured: {llm['error']}", ""]
    else:
        ls, g = llm["label_scoring"], llm["generation"]
        lines += ["| measure | value |", "|---|---|",
                  f"| load time, s | {llm['load_s']} |",
                  f"| time to first token, ms (p50, {g['prompt_tokens_p50']}-token prompt) | {g['ttft_ms_p50']} |",
                  f"| prefill, tokens/s (p50) | {g['prefill_tokens_per_s_p50']} |",
                  f"| decode, tokens/s (p50) | {g['decode_tokens_per_s_p50']} |",
                  f"| per-post latency, label scoring ({', '.join(llm['tasks_scored'])}), ms p50 | "
                  f"{ls['per_post_ms_p50']} |",
                  f"| per-post latency, generation ({g['max_new_tokens']} new tokens max), ms p50 | "
                  f"{g['per_post_ms_p50']} |",
                  f"| peak memory, MB | {llm.get('max_rss_mb')} |", ""]
    if "error" in lens:
        lines += [f"The built-in model could not be measured: {lens['error']}", ""]
    else:
        lines += [f"Built-in model, same posts and CPU, all {len(lens.get('tasks') or []) or 'its'} tasks: per-post "
                  f"latency p50 {lens['latency']['p50_ms']} ms over {lens['latency']['calls']} single-post calls, "
                  f"peak memory {lens.get('max_rss_mb')} MB (`mentalens bench speed` measures its throughput "
                  "on thousands of posts).", ""]
    for k, v in r["ratios"].items():
        lines.append(f"- {k}: {v:g}x")
    return "\n".join(lines) + "\n"
