"""The example posts that ship with the package (written for mentalens, not from any data set)."""
from __future__ import annotations

import json

from mentalens.config import EXAMPLES_DIR
from mentalens.io.inputs import read_file

POSTS = EXAMPLES_DIR / "posts.jsonl"


def test_examples_are_well_formed():
    rows = [json.loads(line) for line in POSTS.read_text(encoding="utf-8").splitlines()]
    assert 10 <= len(rows) <= 16
    assert all(set(r) == {"id", "text"} and r["text"].strip() for r in rows)
    assert len({r["id"] for r in rows}) == len(rows)


def test_make_run_command_works_on_the_examples(lens_model_dir, capsys):
    from mentalens.cli.main import main

    code = main(["analyze", "--input", str(POSTS), "--format", "table", "--locale", "en_US",
                 "--model", str(lens_model_dir)])
    out = capsys.readouterr().out
    assert code == 0
    assert all(f"post {i}" in out for i in read_file(POSTS, id_column="id").ids)


def test_make_run_shows_chinese_and_code_mixed_posts_with_the_built_in_models(capsys):
    from mentalens.cli.main import main

    code = main(["analyze", "--input", str(POSTS), "--format", "jsonl", "--locale", "en_US"])
    results = {r["id"]: r for r in map(json.loads, capsys.readouterr().out.splitlines())}
    assert code == 0
    assert results["ex13-zh-work-stress"]["language"] == "zh"
    assert "high_suicide_risk" in results["ex14-zh-trad-hopeless"]["tasks"]       # traditional characters
    assert {"stress", "cognitive_distortion"} <= set(results["ex15-mixed"]["tasks"])
    assert "high_suicide_risk" not in results["ex01-everyday"]["tasks"]
