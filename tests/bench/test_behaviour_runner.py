"""The behavioural runner: the risk measure, the checks, a run on the tiny model, and the CLI."""
from __future__ import annotations

import json

import pytest

from mentalens.bench.behaviour.report import main as report_main
from mentalens.bench.behaviour.runner import SCHEMA, SIGNAL_MARGIN, TARGETS, Reading, evaluate, is_lower, run_behaviour
from mentalens.bench.behaviour.suite import Case, Expect, MultiCheck, load_suite
from mentalens.cli.main import main


def R(level, s=None, **labels):
    return Reading(level=level, signal=s, labels={t: (None if v is None else tuple(v)) for t, v in labels.items()})


# -- the risk measure ----------------------------------------------------------------------

def test_a_strictly_lower_level_is_lower_whatever_the_score():
    assert is_lower(R("moderate", 0.99), R("high", 0.10))
    assert is_lower(R("high", 0.99), R("imminent", 0.99))
    assert not is_lower(R("high", 0.10), R("moderate", 0.99))


def test_same_level_below_high_needs_the_margin():
    assert is_lower(R("moderate", 0.50), R("moderate", 0.50 + SIGNAL_MARGIN))
    assert not is_lower(R("moderate", 0.50), R("moderate", 0.55))
    assert is_lower(R("none", 0.0), R("none", 0.2))


def test_no_tie_break_in_the_crisis_band_or_without_a_score():
    assert not is_lower(R("high", 0.05), R("high", 0.99))
    assert not is_lower(R("imminent", 0.05), R("imminent", 0.99))
    assert not is_lower(R("low"), R("low"))
    assert not is_lower(R("low", 0.1), R("low"))


# -- the checks ----------------------------------------------------------------------------

def case(expect: Expect, base: str | None = None, category: str = "mft") -> Case:
    return Case(id="c", category=category, text="t", expect=expect, file="f.yaml", base=base)


def test_task_checks_single_and_multi_label():
    e = Expect(tasks={"depression": "yes", "interpersonal_risk": MultiCheck(includes=("perceived_burdensomeness",),
                                                                            excludes=("thwarted_belongingness",))})
    ok = R("low", depression=["yes"], interpersonal_risk=["perceived_burdensomeness"])
    assert evaluate(case(e), ok, None) == ("pass", [])
    bad = R("low", depression=["no"], interpersonal_risk=["perceived_burdensomeness", "thwarted_belongingness"])
    status, problems = evaluate(case(e), bad, None)
    assert status == "fail" and problems == [
        "depression = no", "interpersonal_risk = perceived_burdensomeness, thwarted_belongingness"]
    assert evaluate(case(Expect(tasks={"depression_severity": ("moderate", "severe")})),
                    R("low", depression_severity=["severe"]), None)[0] == "pass"


def test_invalid_output_fails_and_a_missing_task_is_skipped():
    assert evaluate(case(Expect(tasks={"depression": "no"})), R("none", depression=None), None) == (
        "fail", ["depression: INVALID"])
    assert evaluate(case(Expect(tasks={"stress_cause": "work"})), R("none", depression=["no"]), None) == (
        "skipped", [])


def test_level_bounds_and_directions():
    assert evaluate(case(Expect(min_level="high")), R("moderate", 0.5), None)[0] == "fail"
    assert evaluate(case(Expect(min_level="high")), R("imminent", 0.9), None)[0] == "pass"
    assert evaluate(case(Expect(max_level="low")), R("moderate", 0.5), None)[0] == "fail"
    lower = case(Expect(lower_than_base=True), base="b")
    assert evaluate(lower, R("low", 0.2), R("high", 0.9))[0] == "pass"
    status, problems = evaluate(lower, R("high", 0.2), R("high", 0.9))
    assert status == "fail" and "not lower than the base's high (s=0.90)" in problems[0]


def test_invariance_compares_labels_and_level_with_the_base():
    same = case(Expect(same_as_base=("depression", "stress_cause")), base="b", category="inv_typo")
    base = R("low", 0.1, depression=["yes"])
    assert evaluate(same, R("low", 0.3, depression=["yes"]), base) == ("pass", [])
    status, problems = evaluate(same, R("moderate", 0.3, depression=["no"]), base)
    assert status == "fail" and problems == ["depression: yes -> no", "level: low -> moderate"]


# -- a run on the tiny model ---------------------------------------------------------------

@pytest.fixture(scope="module")
def results(analyzer):
    return run_behaviour(analyzer, "en")


def test_run_is_well_formed(results):
    suite = load_suite("en")
    assert results["schema"] == SCHEMA and results["suite"] == "behaviour" and results["lang"] == "en"
    rows = {r["category"]: r for r in results["categories"]}
    assert "invariance" in rows and "crisis" in rows and "mft" in rows
    per_cat = {}
    for c in suite.cases:
        per_cat[c.category] = per_cat.get(c.category, 0) + 1
    for cat, n in per_cat.items():
        r = rows[cat]
        assert r["cases"] + r["skipped"] == n
        assert r["failure_rate"] is None or r["failure_rate"] == pytest.approx(r["failures"] / r["cases"], abs=1e-4)
        assert r["target"] == TARGETS.get(cat)
    inv = rows["invariance"]
    assert inv["cases"] == sum(rows[c]["cases"] for c in rows if c.startswith("inv_"))
    assert len(results["failures"]) == sum(r["failures"] for c, r in rows.items() if c != "invariance")
    assert len(results["cases"]) == len(suite.cases)
    for f in results["failures"]:
        assert {"id", "category", "expected", "got", "text"} <= set(f) and f["got"]
    # the tiny model has four tasks: MFT cases of the other eight are skipped, not passed
    assert set(results["mft_by_task"]) == {"depression", "suicidal_ideation", "mental_disorder", "interpersonal_risk"}
    assert rows["mft"]["skipped"] > 0
    prov = results["provenance"]
    assert prov["model"]["name"] == "lens-test" and len(prov["data_files_sha256"]) == len(results["config"]["files"])
    json.dumps(results, allow_nan=False)


def test_run_is_deterministic(analyzer, results):
    again = run_behaviour(analyzer, "en")
    assert again["categories"] == results["categories"] and again["failures"] == results["failures"]


# -- the command ---------------------------------------------------------------------------

def test_cli_writes_results_and_prints_the_table(lens_model_dir, tmp_path, capsys):
    code = main(["bench", "behaviour", "--model", str(lens_model_dir), "--out", str(tmp_path)])
    out, err = capsys.readouterr()
    assert code == 0, err
    assert "| category | cases | failures | failure rate | target | meets |" in out
    assert "| crisis |" in out and "0 failures" in out and "<= 10%" in out
    files = sorted(p.name for p in (tmp_path / "behaviour").iterdir())
    assert files == ["lens-test-0.0.1.json", "lens-test-0.0.1.md"]
    data = json.loads((tmp_path / "behaviour" / files[0]).read_text(encoding="utf-8"))
    md = (tmp_path / "behaviour" / files[1]).read_text(encoding="utf-8")
    assert data["suite"] == "behaviour" and "## Failures" in md and "wrote" in err
    assert report_main([str(tmp_path / "behaviour" / files[0])]) == 0
    assert capsys.readouterr().out == md


def test_cli_unknown_language(lens_model_dir, tmp_path, capsys):
    code = main(["bench", "behaviour", "--model", str(lens_model_dir), "--lang", "xx", "--out", str(tmp_path)])
    assert code == 2 and "no behavioural cases for language 'xx'" in capsys.readouterr().err
