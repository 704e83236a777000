"""``mentalens explain`` and ``mentalens analyze --explain`` end to end, with the tiny model."""
from __future__ import annotations

import io
import json
import re
import sys

import pytest

from mentalens.io.explain_text import ExplainTextWriter

SUICIDAL = "I want to die, I can't see any reason to keep living."
CALM = "Had a lovely walk by the river with my sister this morning."


@pytest.fixture
def with_rationale(monkeypatch):
    """The pipeline, with a known rationale added when ``explain=True`` is asked for."""
    import mentalens.pipeline as pipeline

    real = pipeline.analyze_batch
    asked = []

    def fake(*args, explain=False, **kw):
        asked.append(explain)
        results = real(*args, explain=explain, **kw)
        for r in results:
            for tr in r.tasks.values():
                tr.rationale = f"RATIONALE for {tr.task}." if explain else None
        return results

    monkeypatch.setattr(pipeline, "analyze_batch", fake)
    return asked


def test_explain_a_text(cli):
    code, out, err = cli("explain", SUICIDAL, "--locale", "en_US")
    assert code == 0 and err == ""
    assert "triage: HIGH" in out or "triage: IMMINENT" in out
    assert "suicidal_ideation: yes (p = " in out and "evidence for:" in out
    assert "\u201cI want to die" in out or "want to die" in out
    assert "988" in out and "911" in out and "not a diagnosis" in out and "cannot contact anyone" in out


def test_every_evidence_quote_is_printed_with_its_weight(cli):
    _, doc, _ = cli("explain", SUICIDAL, "--format", "json", "--tasks", "suicidal_ideation")
    _, out, _ = cli("explain", SUICIDAL, "--tasks", "suicidal_ideation")
    (r,) = json.loads(doc)
    ev = r["tasks"]["suicidal_ideation"]["evidence"]
    assert ev and all(SUICIDAL[e["start"]:e["end"]] == e["text"] for e in ev)
    for e in ev:
        assert f"\u201c{e['text']}\u201d ({e['weight']:+.2f}".replace("-", "\u2212") in out


def test_rationale_is_asked_for_and_printed(cli, with_rationale):
    code, out, _ = cli("explain", SUICIDAL, "--tasks", "suicidal_ideation,depression")
    assert code == 0 and with_rationale == [True]
    assert "why: RATIONALE for suicidal_ideation." in out and "why: RATIONALE for depression." in out


def test_file_input_html_report(cli, tmp_path):
    src = tmp_path / "posts.jsonl"
    src.write_text("\n".join(json.dumps({"id": i, "text": t}) for i, t in
                             [("a", CALM), ("b", SUICIDAL), ("c", ""), ("d", "我想死 😔")]) + "\n", encoding="utf-8")
    dest = tmp_path / "report.html"
    code, out, err = cli("explain", "--input", str(src), "--html", str(dest), "--locale", "en_GB")
    assert code == 0 and out == ""                         # --html alone prints no text report
    assert f"wrote the report for 4 posts to {dest}" in err
    page = dest.read_text(encoding="utf-8")
    assert page.count('class="post"') == 4 and "Post a" in page and "Post d" in page
    assert 'data-level="high"' in page or 'data-level="imminent"' in page
    assert "116 123" in page and "<mark" in page
    assert "我想死 😔" in re.sub("<[^>]+>", "", page)         # the post, cut into highlighted pieces


def test_html_and_text_together(cli, tmp_path):
    dest = tmp_path / "r.html"
    code, out, err = cli("explain", CALM, "--html", str(dest), "--format", "text")
    assert code == 0 and "post 1  triage: NONE" in out and dest.is_file() and "wrote the report" in err


def test_json_format_carries_the_result_schema(cli):
    code, out, _ = cli("explain", "-", "--format", "json", stdin=SUICIDAL.encode())
    (r,) = json.loads(out)
    assert code == 0 and r["schema_version"] and r["triage"]["level"] in ("high", "imminent")
    assert all({"evidence", "symptoms", "rationale"} <= set(t) for t in r["tasks"].values())


@pytest.mark.parametrize("args, message", [
    (("explain", "x", "--format", "csv"), "unknown output format 'csv' for explain"),
    (("explain", ""), "the text argument is empty"),
    (("explain", "x", "--input", "p.csv"), "mentalens explain --input posts.csv"),
    (("explain", "--input", "/nonexistent/posts.csv"), "no input file"),
    (("explain", "x", "--top-k", "-2"), "--top-k must be 0 or more"),
    (("explain", "x", "--tasks", "depresion"), "did you mean 'depression'"),
    (("explain", "x", "--html", "/nonexistent/dir/r.html"), "does not exist"),
])
def test_bad_input_is_a_clear_error(cli, args, message):
    code, out, err = cli(*args)
    assert code == 2 and message in err and err.startswith("mentalens: error:") and "how to fix:" in err


def test_html_to_a_folder_is_refused_before_any_work(cli, tmp_path):
    code, _, err = cli("explain", "x", "--html", str(tmp_path))
    assert code == 2 and "is a folder" in err


def test_nothing_to_explain_on_a_terminal(cli, monkeypatch):
    class Tty(io.StringIO):
        def isatty(self):
            return True

    monkeypatch.setattr(sys, "stdin", Tty())
    code, _, err = cli("explain")
    assert code == 2 and "nothing to analyse" in err and "mentalens explain" in err


def test_analyze_explain_shows_the_rationale_in_the_table(cli, with_rationale):
    code, out, _ = cli("analyze", SUICIDAL, "--explain", "--tasks", "suicidal_ideation")
    assert code == 0 and with_rationale == [True]
    assert "why (suicidal_ideation): RATIONALE for suicidal_ideation." in out
    code, out, _ = cli("analyze", SUICIDAL, "--tasks", "suicidal_ideation")
    assert with_rationale == [True, False] and "why (" not in out


@pytest.mark.parametrize("fmt", ["jsonl", "json", "csv"])
def test_analyze_explain_machine_formats(cli, with_rationale, fmt):
    code, out, _ = cli("analyze", SUICIDAL, "--explain", "--format", fmt)
    assert code == 0
    if fmt == "csv":
        assert "suicidal_ideation" in out.splitlines()[0]
        return
    r = json.loads(out)[0] if fmt == "json" else json.loads(out)
    assert r["tasks"]["suicidal_ideation"]["rationale"] == "RATIONALE for suicidal_ideation."
    assert "symptoms" in r["tasks"]["suicidal_ideation"]


def test_analyze_explain_with_the_real_pipeline(cli):
    code, out, _ = cli("analyze", SUICIDAL, "--explain", "--format", "jsonl")
    assert code == 0 and json.loads(out)["tasks"]


def test_text_writer_symptoms_and_no_rationale():
    from mentalens.schema import Evidence, ModelInfo, Result, Symptom, TaskResult, Triage

    text = "I'm not hopeless anymore but my friend said she wants to die"
    tr = TaskResult(task="depression", task_version=1, kind="binary", label="no", labels=["no"],
                    probabilities={"no": 0.7, "yes": 0.3},
                    evidence=[Evidence(start=4, end=24, text=text[4:24], weight=-0.5, label="no")],
                    symptoms=[Symptom(id="phq9.hopeless", name="feeling hopeless", start=8, end=16,
                                      text=text[8:16], status="negated"),
                              Symptom(id="cssrs.wish", name="wish to be dead", start=48, end=60,
                                      text=text[48:60], status="other_person")])
    r = Result(chars=len(text), tasks={"depression": tr}, triage=Triage(level="none"),
               model=ModelInfo(name="m", version="0", backend="b"))
    buf = io.StringIO()
    w = ExplainTextWriter(buf, ["depression"], texts=[text])
    w.write([r])
    w.close()
    out = buf.getvalue()
    assert "why:" not in out and "evidence against:" in out and "(\u22120.50, no)" in out
    assert "feeling hopeless: \u201chopeless\u201d (negated)" in out
    assert "wish to be dead: \u201cwants to die\u201d (someone else)" in out
