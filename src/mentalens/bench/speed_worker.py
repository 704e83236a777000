"""One speed measurement in a fresh process pinned to one core: ``python -m mentalens.bench.speed_worker JOB.json``.

speed.py starts one of these per measurement with OMP/MKL/OPENBLAS/RAYON_NUM_THREADS=1 and
the process pinned to one CPU (os.sched_setaffinity, before any numerical library loads).
The job file names the kind of measurement and where the posts are; the result is printed
as one JSON line after RESULT_MARK. Kinds:

- ``lens_scores``: backend.predict_proba (all tasks) + decide, in batches; then single-post latency.
- ``lens_full``: ``mentalens.load(model).analyze(texts)`` (evidence, triage, Results); then latency.
- ``cold``: import mentalens, load the model, analyse one post (the parent times this from
  spawn), then analyse every post and report the peak resident memory.
- ``tfidf``: TF-IDF (word 1-2-grams) + logistic regression, fitted here, timed on the posts.
- ``roberta``: a roberta-base-shaped RobertaForSequenceClassification, random weights.
- ``llm``: a language model's load time, TTFT, prefill/decode tokens/s, latency (speed_llm.py).
"""
from __future__ import annotations

import json
import os
import sys
import time

RESULT_MARK = "MENTALENS-SPEED-RESULT "
WARMUP = 16


def _pin(cpu: int | None) -> None:
    if cpu is not None and hasattr(os, "sched_setaffinity"):
        os.sched_setaffinity(0, {cpu})


def _rss_mb() -> float:
    """Peak resident memory of this process in MiB: VmHWM where /proc has it.

    Not ru_maxrss: on Linux that survives fork and exec, so a child started by a big parent
    reports at least the parent's resident size. VmHWM belongs to the process's own memory map.
    """
    try:
        with open("/proc/self/status", encoding="ascii") as fh:
            for line in fh:
                if line.startswith("VmHWM:"):
                    return int(line.split()[1]) / 1024.0          # kB
    except OSError:
        pass
    import resource

    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    return peak / (1024.0 * 1024.0) if sys.platform == "darwin" else peak / 1024.0   # bytes on macOS, KiB elsewhere


def _batches(items: list, size: int):
    for i in range(0, len(items), size):
        yield items[i:i + size]


def _latency(call, posts: list[str], n: int) -> dict:
    times = []
    for i in range(n):
        text = posts[i % len(posts)]
        t = time.perf_counter()
        call(text)
        times.append(time.perf_counter() - t)
    times.sort()
    pick = lambda q: 1000.0 * times[min(len(times) - 1, int(round(q * (len(times) - 1))))]  # noqa: E731
    return {"calls": n, "p50_ms": round(pick(0.50), 3), "p95_ms": round(pick(0.95), 3),
            "mean_ms": round(1000.0 * sum(times) / len(times), 3)}


def _throughput(call, posts: list[str], batch: int) -> dict:
    call(posts[:WARMUP])
    t = time.perf_counter()
    for chunk in _batches(posts, batch):
        call(chunk)
    seconds = time.perf_counter() - t
    return {"posts": len(posts), "batch": batch, "seconds": round(seconds, 4), "posts_per_s": round(len(posts) / seconds, 1)}


def _backend(job: dict):
    from mentalens.registry import backends

    return backends.get(job.get("backend", "lens")).load(job["model"])


def _scores_call(backend):
    tasks = list(backend.tasks)

    def call(texts):
        texts = [texts] if isinstance(texts, str) else texts
        proba = backend.predict_proba(texts, tasks)
        return {t: backend.decide(t, proba[t]) for t in tasks}
    return call


def _full_call(job: dict):
    import importlib

    importlib.import_module("mentalens.pipeline")   # ImportError: not written yet
    import mentalens

    analyzer = mentalens.load(job["model"], backend=job.get("backend", "lens"))
    return analyzer.analyze


def lens_scores(job: dict, posts: list[str]) -> dict:
    call = _scores_call(_backend(job))
    out = _throughput(call, posts, job["batch"])
    out["latency"] = _latency(call, posts, job["latency_calls"])
    return out


def lens_full(job: dict, posts: list[str]) -> dict:
    try:
        call = _full_call(job)
    except ImportError as exc:
        return {"unavailable": f"mentalens.pipeline is not importable ({exc})"}
    out = _throughput(call, posts, job["batch"])
    out["latency"] = _latency(call, posts, job["latency_calls"])
    return out


def cold(job: dict, posts: list[str] | None) -> dict:
    path = "full Results (mentalens.load(model).analyze)"
    try:
        call = _full_call(job)
    except ImportError as exc:
        call, path = _scores_call(_backend(job)), f"scores + labels only: mentalens.pipeline is not importable ({exc})"
    call(job["first_post"])
    first_done = time.monotonic()
    if posts is None:
        posts = _read_posts(job["posts_file"])
    for chunk in _batches(posts, job["batch"]):
        call(chunk)
    return {"first_done_monotonic": first_done, "path": path, "posts": len(posts), "peak_rss_mb": round(_rss_mb(), 1)}


def tfidf(job: dict, posts: list[str]) -> dict:
    from sklearn.feature_extraction.text import TfidfVectorizer
    from sklearn.linear_model import LogisticRegression

    train = json.loads(open(job["train_file"], encoding="utf-8").read())
    t = time.perf_counter()
    vec = TfidfVectorizer(ngram_range=(1, 2), min_df=2, sublinear_tf=True)
    clf = LogisticRegression(max_iter=2000, class_weight="balanced")
    clf.fit(vec.fit_transform(train["texts"]), train["labels"])
    fit_s = time.perf_counter() - t

    def call(texts):
        return clf.predict_proba(vec.transform([texts] if isinstance(texts, str) else texts))
    out = _throughput(call, posts, job["batch"])
    out.update(fit_seconds=round(fit_s, 3), train_posts=len(train["texts"]), features=len(vec.vocabulary_))
    out["latency"] = _latency(call, posts, job["latency_calls"])
    return out


def roberta(job: dict, posts: list[str]) -> dict:
    import torch
    from transformers import RobertaConfig, RobertaForSequenceClassification

    torch.set_num_threads(1)
    torch.manual_seed(0)
    config = RobertaConfig(vocab_size=50265, hidden_size=768, num_hidden_layers=12, num_attention_heads=12,
                           intermediate_size=3072, max_position_embeddings=514, type_vocab_size=1, num_labels=2)
    model = RobertaForSequenceClassification(config).eval()
    from mentalens.backends.lens import tokenize

    max_len = job["max_tokens"]
    ids = [[0, *[i % config.vocab_size for i in tokenize.encode([p]).ids.tolist()][: max_len - 2], 2] for p in posts]
    out: dict = {"posts": len(posts), "max_tokens": max_len,
                 "mean_tokens": round(sum(map(len, ids)) / len(ids), 1),
                 "parameters": sum(p.numel() for p in model.parameters())}

    def run(group: list[list[int]]) -> None:
        width = max(map(len, group))
        x = torch.ones((len(group), width), dtype=torch.long)          # 1 = RoBERTa's padding id
        mask = torch.zeros((len(group), width), dtype=torch.long)
        for r, seq in enumerate(group):
            x[r, :len(seq)] = torch.tensor(seq)
            mask[r, :len(seq)] = 1
        model(input_ids=x, attention_mask=mask).logits.softmax(-1)

    with torch.no_grad():
        run(ids[:2])  # warm-up
        for size in job["batch_sizes"]:
            # batches of posts of similar length (sorted), so padding does not penalise the peer
            order = ids if size == 1 else sorted(ids, key=len)
            t = time.perf_counter()
            for chunk in _batches(order, size):
                run(chunk)
            seconds = time.perf_counter() - t
            out[f"batch_{size}"] = {"seconds": round(seconds, 3), "posts_per_s": round(len(ids) / seconds, 2)}
    return out


def _read_posts(path: str) -> list[str]:
    with open(path, encoding="utf-8") as fh:
        return json.load(fh)


def llm(job: dict, posts: list[str]) -> dict:
    from mentalens.bench.speed_llm import llm_job

    return llm_job(job, posts)


JOBS = {"lens_scores": lens_scores, "lens_full": lens_full, "tfidf": tfidf, "roberta": roberta, "llm": llm}


def main(argv: list[str]) -> int:
    job = json.loads(open(argv[0], encoding="utf-8").read())
    _pin(job.get("cpu"))
    if job["kind"] == "cold":
        result = cold(job, None)
    else:
        posts = _read_posts(job["posts_file"])
        result = JOBS[job["kind"]](job, posts)
    result.setdefault("max_rss_mb", round(_rss_mb(), 1))
    if hasattr(os, "sched_getaffinity"):
        result["cpus"] = sorted(os.sched_getaffinity(0))
    sys.stdout.write(RESULT_MARK + json.dumps(result) + "\n")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
