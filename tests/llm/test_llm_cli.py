"""The llm backend through the command line, on both runtimes: a tiny random Llama as a
Hugging Face folder (transformers) and the same model exported to GGUF (llama.cpp)."""
from __future__ import annotations

import json

import pytest

pytest.importorskip("torch")
pytest.importorskip("llama_cpp")

TASKS = "depression,mental_disorder,interpersonal_risk"
POSTS = ["I can't sleep and my exams are next week.", "Had a calm day at the park with friends."]


OWN = [{"text": POSTS[0], "labels": {"stress": "yes", "depression": "no"}, "explanation": "Exams and no sleep."},
       {"text": POSTS[1], "labels": {"stress": "no", "interpersonal_risk": []}},
       {"text": "Everyone would be better off without me.",
        "labels": {"interpersonal_risk": ["perceived_burdensomeness"], "depression": "yes"}}]


@pytest.fixture(scope="module")
def models(tiny_llama_dir, tmp_path_factory):
    """The whole chain: the tiny random Llama fine-tuned with LoRA for a few steps on a few posts
    (`mentalens train --backend llm`), merged, exported to a Q8_0 GGUF; both runtimes then load it."""
    from typer.testing import CliRunner

    from mentalens.cli.main import app

    root = tmp_path_factory.mktemp("llm-cli")
    src = root / "own.jsonl"
    src.write_text("".join(json.dumps(r) + "\n" for r in OWN), encoding="utf-8")
    res = CliRunner().invoke(app, ["train", "--backend", "llm", "--base", str(tiny_llama_dir), "--examples", str(src),
                                   "--steps", "3", "--rank", "2", "--max-len", "256", "--gguf", "q8_0",
                                   "--out", str(root / "run"), "--quiet"])
    assert res.exit_code == 0, res.output
    return {"transformers": root / "run" / "merged", "llama.cpp": root / "run" / "model-q8_0.gguf"}


@pytest.mark.parametrize("runtime", ["transformers", "llama.cpp"])
def test_analyze_gives_the_same_schema_as_the_builtin_model(cli, models, runtime, tmp_path):
    src = tmp_path / "posts.jsonl"
    src.write_text("".join(json.dumps({"text": p}) + "\n" for p in POSTS), encoding="utf-8")
    code, out, err = cli("analyze", "--backend", "llm", "--model", str(models[runtime]), "--input", str(src),
                         "--tasks", TASKS, "--format", "jsonl", "--locale", "en_US")
    assert code == 0, err
    llm = [json.loads(x) for x in out.splitlines()]
    code, out, err = cli("analyze", "--input", str(src), "--tasks", TASKS,
                         "--format", "jsonl", "--locale", "en_US")
    lens = [json.loads(x) for x in out.splitlines()]
    assert len(llm) == len(lens) == 2
    for a, b in zip(llm, lens):
        assert a.keys() == b.keys() and a["tasks"].keys() == b["tasks"].keys()
        assert a["model"]["backend"] == "llm"
        for t in a["tasks"]:
            assert a["tasks"][t].keys() == b["tasks"][t].keys()
            assert a["tasks"][t]["status"] == "ok"
            assert sum(a["tasks"][t]["probabilities"].values()) == pytest.approx(1.0) or t == "interpersonal_risk"


def test_a_missing_model_says_where_it_looked(cli, tmp_path):
    code, _, err = cli("analyze", "--backend", "llm", "--model", str(tmp_path / "nope.gguf"), "a post")
    assert code != 0 and "nope.gguf" in err


@pytest.mark.data
@pytest.mark.parametrize("runtime", ["transformers", "llama.cpp"])
def test_bench_imhi_limit_runs_and_counts_invalid(cli, models, runtime, data_dir, tmp_path):
    code, out, err = cli("bench", "imhi", "--backend", "llm", "--model", str(models[runtime]), "--limit", "2",
                         "--data-dir", str(data_dir), "--out", str(tmp_path))
    assert code == 0, err
    (path,) = (tmp_path / "imhi").glob("*.json")
    res = json.loads(path.read_text(encoding="utf-8"))
    assert res["model"]["backend"] == "llm" and res["sets"]
    for s in res["sets"]:
        assert s["n"] == 2 and "invalid" in s
    code, _, err = cli("bench", "imhi", "--limit", "2", "--data-dir", str(data_dir), "--out", str(tmp_path / "lens"))
    assert code == 0, err
    (lens_path,) = (tmp_path / "lens" / "imhi").glob("*.json")
    lens = json.loads(lens_path.read_text(encoding="utf-8"))
    assert res.keys() == lens.keys()
    mine, theirs = ({s["name"]: s.keys() for s in r["sets"]} for r in (res, lens))
    assert set(theirs) <= set(mine) and all(mine[n] == theirs[n] for n in theirs)


def test_bench_speed_reports_device_metrics_beside_the_builtin_model(cli, tmp_path):
    from mentalens.backends.llm.random_gguf import write_random_gguf

    gguf = write_random_gguf("tiny", tmp_path / "tiny-q4_k_m.gguf", quant="q4_k_m")
    code, out, err = cli("bench", "speed", "--backend", "llm", "--model", str(gguf), "--posts", "2",
                         "--gen-tokens", "8", "--latency-calls", "5", "--out", str(tmp_path / "res"))
    assert code == 0, err
    (path,) = (tmp_path / "res" / "speed-llm").glob("*.json")
    res = json.loads(path.read_text(encoding="utf-8"))
    llm, lens = res["llm"], res["lens"]
    assert "error" not in llm and "error" not in lens, (llm, lens)
    assert llm["generation"]["ttft_ms_p50"] > 0 and llm["generation"]["decode_tokens_per_s_p50"] > 0
    assert llm["label_scoring"]["per_post_ms_p50"] > 0 and llm["max_rss_mb"] > 0
    assert lens["posts_per_s"] > 0 and res["ratios"]
    assert "time to first token" in out and "decode, tokens/s" in out


@pytest.mark.data
def test_calibrate_writes_a_config_that_loads_with_fitted_temperatures(cli, models, data_dir, tmp_path):
    code, out, err = cli("llm", "calibrate", "--model", str(models["llama.cpp"]), "--out", str(tmp_path / "cal"),
                         "--data-dir", str(data_dir), "--tasks", "stress,interpersonal_risk", "--limit", "6")
    assert code == 0, err
    cfg = json.loads((tmp_path / "cal" / "mentalens-llm.json").read_text(encoding="utf-8"))
    assert set(cfg["temperatures"]) == {"stress", "interpersonal_risk"}
    assert all(t > 0 for t in cfg["temperatures"].values())
    code, out, err = cli("analyze", "--backend", "llm", "--model", str(tmp_path / "cal"), "--tasks", "stress",
                         "--format", "json", "--locale", "en_US", "a post")
    assert code == 0, err
    assert json.loads(out)[0]["tasks"]["stress"]["status"] == "ok"
