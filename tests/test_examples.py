"""The example posts that ship with the package (written for mentalens, not from any data set)."""
from __future__ import annotations

import json

from mentalens.config import EXAMPLES_DIR
from mentalens.io.inputs import read_file

POSTS = EXAMPLES_DIR / "posts.jsonl"


def test_examples_are_well_formed():
    rows = [json.loads(line) for line in POSTS.read_text(encoding="utf-8").splitlines()]
    assert 10 <= len(rows) <= 14
    assert all(set(r) == {"id", "text"} and r["text"].strip() for r in rows)
    assert len({r["id"] for r in rows}) == len(rows)


def test_make_run_command_works_on_the_examples(lens_model_dir, capsys):
    from mentalens.cli.main import main

    code = main(["analyze", "--input", str(POSTS), "--format", "table", "--locale", "en_US",
                 "--model", str(lens_model_dir)])
    out = capsys.readouterr().out
    assert code == 0
    assert all(f"post {i}" in out for i in read_file(POSTS, id_column="id").ids)
