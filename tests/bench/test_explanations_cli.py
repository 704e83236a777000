"""``mentalens bench imhi --explanations`` end to end on the synthetic IMHI tree (tests/bench/conftest.py),
and the Irf human-span table on made-up posts (tests/lens_fixture.py) with their own spans."""
from __future__ import annotations

import csv
import json

import pytest

from mentalens.bench.explanations import ExplainOptions, irf_spans
from mentalens.cli.main import main
from mentalens.data import load_dataset


def _run(bench_data, tiny_model, out, *extra):
    return main(["bench", "imhi", "--model", str(tiny_model), "--data-dir", str(bench_data), "--limit", "9",
                 "--out", str(out), *extra])


@pytest.fixture(scope="module")
def with_explanations(bench_data, tiny_model, tmp_path_factory):
    out = tmp_path_factory.mktemp("expl")
    assert _run(bench_data, tiny_model, out, "--explanations") == 0
    path = out / "imhi" / "lens-tiny-0.0.1.json"
    return json.loads(path.read_text(encoding="utf-8")), path, (out / "imhi" / "lens-tiny-0.0.1.md").read_text()


def test_explanations_block(with_explanations):
    results, _, _ = with_explanations
    block = results["explanations"]
    assert block["config"]["top_k"] == 3 and block["config"]["random_draws"] == 3 and block["config"]["bart"] is None
    sets = {s["name"]: s for s in block["sets"]}
    assert set(sets) == {"DR", "t-sid", "MultiWD"}
    dr = sets["DR"]
    f = dr["faithfulness"]
    assert f["decisions"] == 9 and 0 < f["n"] <= 9 and f["invalid_left_out"] == 0
    for key in ("comprehensiveness", "random_comprehensiveness", "sufficiency", "random_sufficiency"):
        m = f[key]
        assert m["ci_low"] <= m["value"] <= m["ci_high"] and -100 <= m["value"] <= 100
    assert f["comprehensiveness"]["value"] > f["random_comprehensiveness"]["value"]     # the cue words matter
    wd = sets["MultiWD"]
    assert wd["faithfulness"]["decisions"] == 9 and set(wd["faithfulness"]["by_decision"]) == {"present", "absent"}
    assert set(wd["rows"]["decision"]) <= {"present", "absent"} and len(wd["rows"]["decision"]) == 9
    a = dr["agreement"]
    assert a["n"] == 9 and a["rationale"]["available"] in (True, False)
    for cand in ("evidence", "first_sentence"):
        assert 0 <= a[cand]["rouge_l"]["value"] <= 100 and -100 <= a[cand]["embedding"]["value"] <= 100
    assert "rouge_l_minus_baseline" in a["evidence"]
    rows = dr["rows"]                                   # one list per column, aligned
    assert all(len(col) == 9 for col in rows.values())
    assert rows["id"][0] == "imhi/DR/test/0" and set(rows) >= {"rouge_l.evidence", "embedding.first_sentence", "p"}
    spans = [tuple(map(int, x.split(":"))) for x in rows["spans"][0].split()]
    assert spans and all(0 <= s < e for s, e in spans) and rows["words"][0] >= len(spans)
    assert all(c <= p + 1e-9 and s <= p + 1e-9 for c, s, p in               # p(label | anything) >= 0
               zip(rows["comprehensiveness"], rows["sufficiency"], rows["p"]))
    assert block["irf_spans"]["skipped"].startswith("file missing")


def test_provenance_unchanged_and_no_post_text(with_explanations, bench_data, tiny_model, tmp_path):
    results, path, _ = with_explanations
    assert _run(bench_data, tiny_model, tmp_path) == 0                  # without the flag: as before
    plain = json.loads((tmp_path / "imhi" / "lens-tiny-0.0.1.json").read_text(encoding="utf-8"))
    assert "explanations" not in plain
    assert set(plain["provenance"]) == set(results["provenance"])
    assert plain["provenance"]["data_files_sha256"] == results["provenance"]["data_files_sha256"]
    assert [s["metrics"] for s in plain["sets"]] == [s["metrics"] for s in results["sets"]]
    raw = path.read_text(encoding="utf-8")
    for name in ("DR", "t-sid", "MultiWD"):
        for e in load_dataset(f"imhi/{name}", "test", bench_data)[:9]:
            assert e.text not in raw and e.text[:40] not in raw
            assert e.explanation not in raw


def test_markdown_sections(with_explanations):
    _, _, md = with_explanations
    assert "## imhi: faithfulness of the evidence (ERASER)" in md
    assert "| DR | 9 (" in md and "MultiWD: decided present" in md
    assert "## imhi: agreement with the gold explanations" in md and "first sentence" in md
    assert "## Irf: evidence against the human explanation spans" in md and "Skipped: file missing" in md


def test_options(bench_data, tiny_model, tmp_path, capsys):
    assert _run(bench_data, tiny_model, tmp_path, "--explanations", "--top-k", "1", "--random-draws", "2") == 0
    block = json.loads((tmp_path / "imhi" / "lens-tiny-0.0.1.json").read_text(encoding="utf-8"))["explanations"]
    assert block["config"]["top_k"] == 1 and block["config"]["random_draws"] == 2
    assert all(len(x.split()) <= 1 for s in block["sets"] for x in s["rows"]["spans"])
    capsys.readouterr()
    assert _run(bench_data, tiny_model, tmp_path, "--bart", str(tmp_path)) == 2
    assert "only apply with --explanations" in capsys.readouterr().err
    assert _run(bench_data, tiny_model, tmp_path, "--explanations", "--top-k", "0") == 2
    assert _run(bench_data, tiny_model, tmp_path, "--explanations", "--bart", str(tmp_path / "no-bart")) == 1
    assert f"no BART model at {(tmp_path / 'no-bart').resolve()}" in capsys.readouterr().err


@pytest.mark.slow
def test_cli_bartscore_with_a_tiny_random_bart(bench_data, tiny_model, tmp_path):
    pytest.importorskip("torch")
    pytest.importorskip("transformers")
    from bart_fixture import build_tiny_bart

    bart = build_tiny_bart(tmp_path / "tiny-bart")
    assert _run(bench_data, tiny_model, tmp_path / "res", "--explanations", "--bart", str(bart)) == 0
    folder = tmp_path / "res" / "imhi"
    block = json.loads((folder / "lens-tiny-0.0.1.json").read_text(encoding="utf-8"))["explanations"]
    assert block["config"]["bart"]["path"] == str(bart.resolve())
    assert "model.safetensors" in block["config"]["bart"]["files_sha256"]
    for s in block["sets"]:
        for cand in ("evidence", "first_sentence"):
            m = s["agreement"][cand]["bartscore"]
            assert m["value"] < 0 and m["ci_low"] <= m["value"] <= m["ci_high"]
        assert "bartscore_minus_baseline" in s["agreement"]["evidence"]
    assert "BARTScore (mean log-likelihood per token" in (folder / "lens-tiny-0.0.1.md").read_text(encoding="utf-8")


# -- Irf's human spans --------------------------------------------------------------------------
def _irf_rows():
    from lens_fixture import OPENERS, TAILS

    rows, spans = [], {1: ("nobody would even notice if I was gone", ""), 2: ("", "better off without me"),
                       3: ("No one cares about me", "only a burden to my family")}
    for cat, openers in OPENERS.items():
        if cat == "none":
            continue
        for i, opener in enumerate(openers):
            j = 1 + i % 3
            tail, tb, pb = TAILS[j]
            belong, burden = spans[j]
            rows.append([str(len(rows)), opener + tail, str(int(tb)), belong, str(int(pb)), burden])
    return rows


def test_irf_token_f1_evidence_beats_the_first_sentence(lens_model_dir, tmp_path):
    from mentalens.backends.lens.model import LensBackend

    (tmp_path / "irf").mkdir()
    with open(tmp_path / "irf" / "test_data.csv", "w", encoding="utf-8", newline="") as fh:
        w = csv.writer(fh)
        w.writerow(["Unnamed: 0", "text", "belong", "belong_exp", "burden", "burden_exp"])
        w.writerows(_irf_rows())
    backend = LensBackend.load(lens_model_dir)
    table, files = irf_spans(backend, tmp_path, ExplainOptions(top_k=3), seed=0, n_resamples=200)
    assert files == [tmp_path / "irf" / "test_data.csv"]
    tb, pb = table["constructs"]["thwarted_belongingness"], table["constructs"]["perceived_burdensomeness"]
    assert tb["n"] == 15 and pb["n"] == 10                # 20 posts, tails 1, 2, 3, 1 per condition
    for entry in (tb, pb):
        ours, base = entry["evidence"]["token_f1"], entry["first_sentence"]["token_f1"]
        assert ours["value"] > base["value"] and entry["evidence"]["token_f1_minus_baseline"]["ci_low"] > 0
        rows = entry["rows"]
        tp, nc, nr = sum(rows["evidence.overlap"]), sum(rows["evidence.words"]), sum(rows["human_words"])
        assert ours["value"] == pytest.approx(round(100 * 2 * tp / (nc + nr), 4))    # micro F1, by its definition
        assert all(isinstance(x, int) for x in rows["first_sentence.overlap"] + rows["first_sentence.words"])
        assert len(rows["id"]) == entry["n"] and rows["id"][0].startswith("irf/test/")
    limited, _ = irf_spans(backend, tmp_path, ExplainOptions(), seed=0, n_resamples=50, limit=3)
    assert sum(c["n"] for c in limited["constructs"].values()) <= 6
