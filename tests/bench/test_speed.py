"""``bench speed`` in a reduced form: few posts, few calls; peers skipped or tiny."""
from __future__ import annotations

import json

import pytest

from mentalens.bench.report import render_markdown, write_results
from mentalens.bench.speed import TARGETS, ratios, run_speed, speed_posts, targets
from mentalens.cli.main import main

POSTS = [f"made up post number {i} about sleep, work and friends" for i in range(30)]


def test_ratios_and_targets_from_numbers():
    out = {"lens": {"scores": {"posts_per_s": 2000.0, "latency": {"p50_ms": 0.5}},
                    "full": {"unavailable": "not written yet"},
                    "cold": {"cold_start_s": 2.5, "peak_memory_mb": 120.0}},
           "peers": {"tfidf_logreg": {"posts_per_s": 1000.0},
                     "roberta_base_shape": {"batch_1": {"posts_per_s": 8.0}, "batch_16": {"posts_per_s": 10.0}}}}
    assert ratios(out) == {"lens scores / TF-IDF + LR": 2.0, "lens scores / roberta-base shape, batch 1": 250.0,
                           "lens scores / roberta-base shape, batch 16": 200.0}
    met = {(t["target"], t["what"].split("(")[-1]): t["met"] for t in targets(out)}
    assert met["posts_per_s", "scores)"] is True and met["posts_per_s", "full)"] is None
    cold = [t for t in targets(out) if t["target"] == "cold_start_s"][0]
    assert cold["met"] is False and cold["goal"] == f"<= {TARGETS['cold_start_s']:g}"


def test_posts_from_the_imhi_test_files(bench_data):
    posts, source = speed_posts(bench_data)
    assert len(posts) == len(set(posts)) == 24 + 24 + 8          # distinct posts of DR, t-sid, MultiWD
    assert "IMHI test posts" in source["source"]
    assert len(speed_posts(bench_data, 10)[0]) == 10


def test_posts_without_data_are_the_example_posts_repeated(monkeypatch):
    from mentalens.bench.speed import example_posts

    monkeypatch.delenv("MENTALENS_DATA", raising=False)
    examples = example_posts()
    if not examples:
        pytest.skip("the package has no example posts yet")
    posts, source = speed_posts(None)
    assert len(posts) == 1000 and set(posts) == set(examples)
    assert "repeated" in source["note"]


@pytest.mark.slow
def test_run_speed_reduced(tiny_model, tmp_path, monkeypatch):
    monkeypatch.delenv("MENTALENS_DATA", raising=False)      # hermetic: the peer trains on synthetic labels
    results = run_speed(str(tiny_model), posts=POSTS, peers=("tfidf",), latency_calls=10, cold_runs=1)
    lens = results["lens"]
    assert lens["scores"]["posts"] == 30 and lens["scores"]["posts_per_s"] > 0
    assert lens["scores"]["latency"]["calls"] == 10 and lens["scores"]["cpus"] == [results["config"]["cpu"]]
    assert "posts_per_s" in lens["full"] or "unavailable" in lens["full"]
    assert lens["cold"]["cold_start_s"] > 0 and lens["cold"]["peak_memory_mb"] > 0
    tf = results["peers"]["tfidf_logreg"]
    assert tf["posts_per_s"] > 0 and tf["trained_on"].startswith("synthetic labels")
    assert "roberta_base_shape" not in results["peers"]
    assert any(k.startswith("lens scores / TF-IDF") for k in results["ratios"])
    assert results["provenance"]["machine"]["cpu_count"] >= 1
    json_path, md_path = write_results(results, tmp_path)
    assert json_path == tmp_path / "speed" / "lens-tiny-0.0.1.json"
    md = md_path.read_text(encoding="utf-8")
    assert "## Ratios" in md and "## Against the acceptance targets" in md and ">= 1000" in md
    assert md == render_markdown(json.loads(json_path.read_text(encoding="utf-8")))


def test_missing_torch_is_reported_as_skipped(tiny_model, monkeypatch, tmp_path):
    import mentalens.bench.speed as speed

    monkeypatch.delenv("MENTALENS_DATA", raising=False)
    monkeypatch.setattr(speed, "_have", lambda module: module not in ("torch", "transformers"))
    results = run_speed(str(tiny_model), posts=POSTS[:5], peers=("roberta",), latency_calls=2, cold_runs=1)
    rob = results["peers"]["roberta_base_shape"]
    assert rob["hint"] == "pip install 'mentalens[torch]'" and "skipped" in rob
    _, md_path = write_results(results, tmp_path)
    assert "pip install 'mentalens[torch]'" in md_path.read_text(encoding="utf-8")


@pytest.mark.slow
def test_roberta_peer_tiny(tiny_model):
    pytest.importorskip("torch")
    pytest.importorskip("transformers")
    results = run_speed(str(tiny_model), posts=POSTS[:4], peers=("roberta",), latency_calls=2, cold_runs=1,
                        roberta_posts=4, roberta_tokens=32)
    rob = results["peers"]["roberta_base_shape"]
    assert "error" not in rob, rob
    assert rob["batch_1"]["posts_per_s"] > 0 and rob["batch_16"]["posts_per_s"] > 0
    assert rob["parameters"] > 100_000_000 and rob["max_tokens"] == 32 and rob["mean_tokens"] <= 32
    assert "lens scores / roberta-base shape, batch 1" in results["ratios"]


@pytest.mark.slow
def test_cli_bench_speed(tiny_model, bench_data, tmp_path, capsys):
    code = main(["bench", "speed", "--model", str(tiny_model), "--data-dir", str(bench_data), "--posts", "12",
                 "--no-peers", "--cold-runs", "1", "--latency-calls", "5", "--out", str(tmp_path)])
    out, err = capsys.readouterr()
    assert code == 0, err
    assert "## Throughput on one core" in out and "IMHI test posts" in out
    assert (tmp_path / "speed" / "lens-tiny-0.0.1.json").is_file()
    assert main(["bench", "speed", "--model", str(tiny_model), "--posts", "0"]) == 2
