"""Writing Results: json, jsonl, csv (formula-safe), table."""
from __future__ import annotations

import csv
import io
import json

import pytest

from mentalens.io.outputs import OUTPUT_FORMATS, safe_cell, to_json, writer
from mentalens.io.table import visible
from mentalens.schema import Result

TEXTS = ["I want to die, I can't see any reason to keep living.", "", "=HYPERLINK(\"x\") [bold]markup[/bold]",
         "surrogate \ud800 here, I want to die", "nul\x00 and bell\x07"]


@pytest.fixture(scope="module")
def results(analyzer):
    return analyzer.analyze(TEXTS, locale="en_US", ids=["a", "b", "c", "d", "e"])


def render(fmt, results, tasks, **kw):
    buf = io.StringIO()
    w = writer(fmt, buf, tasks, **kw)
    w.write(results[:2])
    w.write(results[2:])
    w.close()
    return buf.getvalue()


def test_jsonl_round_trips(results, analyzer):
    lines = render("jsonl", results, analyzer.backend.tasks).splitlines()
    assert len(lines) == len(results)
    back = [Result.model_validate_json(line) for line in lines]
    assert [b.model_dump() for b in back[:3]] == [r.model_dump() for r in results[:3]]
    assert [r.id for r in back] == ["a", "b", "c", "d", "e"]


def test_json_is_one_document(results, analyzer):
    doc = json.loads(render("json", results, analyzer.backend.tasks))
    assert isinstance(doc, list) and [d["id"] for d in doc] == ["a", "b", "c", "d", "e"]
    assert json.loads(render("json", [], [])) == []


def test_lone_surrogate_becomes_one_replacement_character(results):
    back = Result.model_validate_json(to_json(results[3]))
    assert back.chars == len(TEXTS[3])
    text = TEXTS[3].replace("\ud800", "\ufffd")
    for tr in back.tasks.values():
        for e in tr.evidence:
            assert text[e.start:e.end] == e.text


def test_csv_one_row_per_input_with_flat_task_columns(results, analyzer):
    tasks = analyzer.backend.tasks
    rows = list(csv.DictReader(io.StringIO(render("csv", results, tasks))))
    assert [r["id"] for r in rows] == ["a", "b", "c", "d", "e"]
    for t in tasks:
        assert {t, f"{t}_probability", f"{t}_evidence"} <= set(rows[0])
    assert rows[0]["suicidal_ideation"] == "yes" and 0.5 < float(rows[0]["suicidal_ideation_probability"]) <= 1
    assert rows[0]["triage_level"] in ("high", "imminent") and "988" in rows[0]["crisis_resources"]
    assert rows[1]["triage_level"] == "none" and rows[1]["warnings"]
    assert "\ud800" not in "".join(rows[3].values())


@pytest.mark.parametrize("cell, safe", [
    ("=1+1", "'=1+1"), ("+1", "'+1"), ("-2", "'-2"), ("@SUM(A1)", "'@SUM(A1)"), ("\tx", "'\tx"), ("\rx", "'\rx"),
    ("fine", "fine"), ("", ""), (None, ""), (3, "3"), ("a=b", "a=b"),
])
def test_formula_injection_is_neutralised(cell, safe):
    assert safe_cell(cell) == safe


def test_csv_cells_from_posts_are_neutralised(analyzer):
    (r,) = analyzer.analyze(["=cmd|' /C calc'!A0"], ids=["=id"])
    out = render("csv", [r], analyzer.backend.tasks)
    row = next(csv.DictReader(io.StringIO(out)))
    assert row["id"] == "'=id"
    assert not any(v.startswith(("=", "+", "-", "@")) for v in row.values())


def test_table_shows_levels_help_and_is_markup_safe(results, analyzer):
    out = render("table", results, analyzer.backend.tasks, texts=TEXTS)
    assert "triage: HIGH" in out or "triage: IMMINENT" in out
    assert "988" in out and "not a diagnosis" in out
    assert "[bold]markup[/bold]" in out                              # shown, not interpreted
    assert "\\x00" in out and "\x00" not in out
    assert "\ud800" not in out


def test_visible():
    assert visible("a\n\n b\x00\u200b") == "a b\\x00\\u200b"


def test_formats_constant():
    assert OUTPUT_FORMATS == ("table", "json", "jsonl", "csv")
