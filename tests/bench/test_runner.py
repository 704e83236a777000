"""run_suite end to end on a synthetic data tree with a tiny real lens model."""
from __future__ import annotations

import json

import pytest

from mentalens.bench.report import main as report_main
from mentalens.bench.report import render_markdown, write_results
from mentalens.bench.runner import SCHEMA, run_suite
from mentalens.cli.main import main


@pytest.fixture(scope="module")
def imhi(bench_data, tiny_model):
    return run_suite("imhi", model=str(tiny_model), data_dir=bench_data, seed=0)


@pytest.fixture(scope="module")
def menta(bench_data, tiny_model):
    return run_suite("mentabench", model=str(tiny_model), data_dir=bench_data, seed=0)


def by_name(results, name, variant=None):
    found = [s for s in results["sets"] if s["name"] == name and (variant is None or s["variant"] == variant)]
    assert len(found) == 1, [s["name"] for s in results["sets"]]
    return found[0]


def test_imhi_sets_scoring_and_skips(imhi):
    assert imhi["schema"] == SCHEMA and imhi["suite"] == "imhi"
    assert {s["name"] for s in imhi["sets"]} == {"DR", "t-sid", "MultiWD"}
    skipped = {s["name"]: s["reason"] for s in imhi["skipped"]}
    assert "swmh" in skipped and "file missing" in skipped["swmh"]
    dr, tsid, wd = by_name(imhi, "DR"), by_name(imhi, "t-sid"), by_name(imhi, "MultiWD")
    assert dr["scoring"] == "single-label" and dr["labels"] == ["no", "yes"] and dr["n"] == 24
    assert tsid["scoring"] == "label-subset" and tsid["labels"] == ["none", "depression", "suicide_or_self_harm", "ptsd"]
    assert all(r["predicted"] in tsid["labels"] for r in tsid["predictions"])
    assert wd["scoring"] == "pooled-yes-no" and wd["labels"] == ["no", "yes"]
    assert wd["n"] == 3 * 8 and len({r["id"] for r in wd["predictions"]}) == 24      # 8 posts x 3 aspects


def test_metrics_intervals_counts_and_published(imhi):
    dr = by_name(imhi, "DR")
    assert list(dr["metrics"]) == ["weighted_f1", "macro_f1", "accuracy", "balanced_accuracy"]
    for m in dr["metrics"].values():
        assert 0 <= m["ci_low"] <= m["value"] <= m["ci_high"] <= 100
    assert dr["metrics"]["weighted_f1"]["value"] > 80        # the cue words are learnable
    assert dr["invalid"] == 0 and dr["label_counts"]["predicted"]["INVALID"] == 0
    assert sum(dr["label_counts"]["gold"].values()) == dr["n"]
    assert dr["published"]["MentaLLaMA-chat-13B"] == 85.68
    row = dr["predictions"][0]
    assert set(row) == {"id", "gold", "predicted", "probabilities"} and row["id"] == "imhi/DR/test/0"
    assert sum(row["probabilities"].values()) == pytest.approx(1.0, abs=1e-5)
    assert "text" not in json.dumps(dr["predictions"])        # ids, never posts


def test_provenance(imhi, tiny_model):
    p = imhi["provenance"]
    for key in ("date_utc", "command", "mentalens_version", "git", "python", "numpy", "machine", "model",
                "task_versions", "data_files_sha256", "seed"):
        assert key in p, key
    assert "commit" in p["git"] and "dirty" in p["git"]
    assert p["model"]["name"] == "lens-tiny" and len(p["model"]["files_sha256"]["weights.safetensors"]) == 64
    assert set(p["data_files_sha256"]) == {"imhi/test_data/test_complete/DR.csv",
                                           "imhi/test_data/test_complete/t-sid.csv",
                                           "imhi/test_data/test_complete/MultiWD.csv"}
    assert p["task_versions"]["mental_disorder"] == 1


def test_same_numbers_every_run_and_limit(bench_data, tiny_model, imhi):
    again = run_suite("imhi", model=str(tiny_model), data_dir=bench_data, seed=0)
    assert [s["metrics"] for s in again["sets"]] == [s["metrics"] for s in imhi["sets"]]
    short = run_suite("imhi", model=str(tiny_model), data_dir=bench_data, limit=5, n_resamples=50)
    assert {s["name"]: s["n"] for s in short["sets"]} == {"DR": 5, "t-sid": 5, "MultiWD": 5}
    assert short["config"]["limit"] == 5


def test_instruction_variant_scores_the_same_posts(bench_data, tiny_model, imhi):
    inst = run_suite("imhi", model=str(tiny_model), data_dir=bench_data, variant="instruction")
    assert all(s["variant"] == "instruction" for s in inst["sets"])
    assert [s["metrics"] for s in inst["sets"]] == [s["metrics"] for s in imhi["sets"]]


def test_mentabench_variants(menta):
    names = [(s["name"], s["variant"]) for s in menta["sets"]]
    assert names == [("depression", "menta"), ("depression", "leakage-free"),
                     ("depression_severity", "menta"), ("depression_severity", "leakage-free")]
    assert all(s["metric"] == "balanced_accuracy" and list(s["metrics"])[0] == "balanced_accuracy"
               for s in menta["sets"])
    assert all(s["n"] == 12 for s in menta["sets"])           # 20% of 60
    ids = {(s["name"], s["variant"]): [r["id"] for r in s["predictions"]] for s in menta["sets"]}
    assert ids["depression", "leakage-free"] == ids["depression_severity", "leakage-free"]
    assert menta["config"]["split_seed"] == 42
    assert {s["name"] for s in menta["skipped"]} == {"stress", "suicidal_ideation", "suicide_risk", "suicide_risk_level"}


def test_model_without_the_task_is_skipped(bench_data, tiny_model):
    from mentalens.backends.lens.model import LensBackend

    backend = LensBackend.load(tiny_model)
    del backend.heads["depression"]
    results = run_suite("imhi", model=backend, data_dir=bench_data, n_resamples=20)
    assert "DR" not in {s["name"] for s in results["sets"]}
    assert any(s["name"] == "DR" and "no head" in s["reason"] for s in results["skipped"])
    assert results["model"]["files_sha256"] == {}


def test_results_files_and_markdown(imhi, tmp_path):
    json_path, md_path = write_results(imhi, tmp_path)
    assert json_path == tmp_path / "imhi" / "lens-tiny-0.0.1.json" and md_path.suffix == ".md"
    loaded = json.loads(json_path.read_text(encoding="utf-8"))
    assert loaded["provenance"]["model"]["files_sha256"] and loaded["sets"][0]["predictions"]
    md = md_path.read_text(encoding="utf-8")
    assert "| test set | variant | metric | ours [95% CI] | ChatGPT zero-shot | MentaLLaMA-chat-13B |" in md
    assert "| DR | complete | weighted F1 |" in md and "85.68" in md
    assert "## imhi: all metrics" in md and "pooled-yes-no" in md and "swmh" in md
    assert md == render_markdown(loaded)                       # tables regenerate from the JSON alone


def test_report_module_renders_a_results_file(imhi, tmp_path, capsys):
    json_path, md_path = write_results(imhi, tmp_path)
    assert report_main([str(json_path)]) == 0
    assert capsys.readouterr().out == md_path.read_text(encoding="utf-8")


def test_cli_bench_imhi(bench_data, tiny_model, tmp_path, capsys):
    code = main(["bench", "imhi", "--model", str(tiny_model), "--data-dir", str(bench_data), "--limit", "6",
                 "--out", str(tmp_path / "res")])
    out, err = capsys.readouterr()
    assert code == 0, err
    assert "| DR | complete | weighted F1 |" in out
    assert "wrote " in err and (tmp_path / "res" / "imhi" / "lens-tiny-0.0.1.json").is_file()


def test_cli_bench_mentabench(bench_data, tiny_model, tmp_path, capsys):
    code = main(["bench", "mentabench", "--model", str(tiny_model), "--data-dir", str(bench_data),
                 "--out", str(tmp_path)])
    out, err = capsys.readouterr()
    assert code == 0, err
    assert "| depression | leakage-free | balanced accuracy |" in out
    assert (tmp_path / "mentabench" / "lens-tiny-0.0.1.md").is_file()


def test_cli_needs_a_data_directory(tiny_model, tmp_path, capsys, monkeypatch):
    monkeypatch.delenv("MENTALENS_DATA", raising=False)
    code = main(["bench", "imhi", "--model", str(tiny_model), "--out", str(tmp_path)])
    err = capsys.readouterr().err
    assert code == 1 and "no research data directory" in err and "--data-dir" in err


def test_cli_bad_options(bench_data, tiny_model, tmp_path, capsys):
    assert main(["bench", "imhi", "--data-dir", str(bench_data), "--variant", "chat"]) == 2
    assert "--variant must be complete or instruction" in capsys.readouterr().err
    assert main(["bench", "imhi", "--data-dir", str(bench_data), "--limit", "0"]) == 2
    code = main(["bench", "imhi", "--model", str(tmp_path / "nope"), "--data-dir", str(bench_data)])
    assert code == 1 and "no model" in capsys.readouterr().err


def test_instruction_results_get_their_own_file(bench_data, tiny_model, tmp_path):
    inst = run_suite("imhi", model=str(tiny_model), data_dir=bench_data, variant="instruction", n_resamples=10)
    json_path, _ = write_results(inst, tmp_path)
    assert json_path.name == "lens-tiny-0.0.1-instruction.json"
