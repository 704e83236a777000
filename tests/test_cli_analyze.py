"""``mentalens analyze`` and ``mentalens models`` end to end, through the real entry point."""
from __future__ import annotations

import csv
import io
import json
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from mentalens.cli.main import main

SUICIDAL = "I want to die, I can't see any reason to keep living."
CALM = "Had a lovely walk by the river with my sister this morning."


def write(tmp_path, name, data):
    p = tmp_path / name
    p.write_bytes(data if isinstance(data, bytes) else data.encode("utf-8"))
    return str(p)


def test_text_argument_as_a_table(cli):
    code, out, _ = cli("analyze", SUICIDAL, "--locale", "en_US")
    assert code == 0
    assert "triage: HIGH" in out or "triage: IMMINENT" in out
    assert "988" in out and "911" in out and "not a diagnosis" in out
    assert "suicidal_ideation" in out and "yes" in out


def test_unknown_locale_table_names_no_number(cli):
    code, out, _ = cli("analyze", SUICIDAL, "--locale", "de_DE")
    assert code == 0 and "local emergency services" in out and "988" not in out


@pytest.mark.parametrize("fmt", ["json", "jsonl", "csv", "table"])
def test_every_format_from_a_file_keeps_every_row_in_order(cli, tmp_path, fmt):
    rows = [CALM, "", SUICIDAL, "   ", "bad \udcff".encode("utf-8", "surrogateescape").decode("utf-8", "replace"),
            "nul \x00 here"]
    lines = "\n".join(json.dumps({"id": f"r{i}", "text": t}) for i, t in enumerate(rows))
    src = write(tmp_path, "posts.jsonl", lines + "\n")
    code, out, _ = cli("analyze", "--input", src, "--id-column", "id", "--format", fmt, "--locale", "en_GB")
    assert code == 0
    ids = [f"r{i}" for i in range(len(rows))]
    if fmt == "json":
        assert [d["id"] for d in json.loads(out)] == ids
    elif fmt == "jsonl":
        assert [json.loads(x)["id"] for x in out.splitlines()] == ids
    elif fmt == "csv":
        assert [r["id"] for r in csv.DictReader(io.StringIO(out))] == ids
    else:
        assert [f"post {i}" in out for i in ids] == [True] * len(ids)
        assert out.index("post r0") < out.index("post r5")


def test_csv_input_with_custom_columns_and_output_file(cli, tmp_path):
    src = write(tmp_path, "in.csv", f'post_id,body\n7,"{CALM}"\n8,"{SUICIDAL}"\n')
    dest = tmp_path / "out.csv"
    code, out, err = cli("analyze", "--input", src, "--text-column", "body", "--id-column", "post_id",
                         "--format", "csv", "--output", str(dest), "--tasks", "suicidal_ideation,depression")
    assert code == 0 and out == "" and "wrote 2 results" in err
    rows = list(csv.DictReader(dest.open(encoding="utf-8")))
    assert [r["id"] for r in rows] == ["7", "8"]
    assert [r["suicidal_ideation"] for r in rows] == ["no", "yes"]
    assert "mental_disorder" not in rows[0]


def test_invalid_utf8_file_rows_carry_a_warning(cli, tmp_path):
    src = write(tmp_path, "in.txt", b"fine post\nbroken \xff\xfe post\n")
    code, out, _ = cli("analyze", "--input", src, "--format", "jsonl")
    first, second = (json.loads(x) for x in out.splitlines())
    assert code == 0 and not any("UTF-8" in w for w in first["warnings"])
    assert any("UTF-8" in w for w in second["warnings"])


def test_stdin(cli):
    code, out, _ = cli("analyze", "--format", "json", stdin=SUICIDAL.encode())
    assert code == 0 and json.loads(out)[0]["tasks"]["suicidal_ideation"]["label"] == "yes"
    code, out, _ = cli("analyze", "-", "--format", "jsonl", stdin=CALM.encode())
    assert code == 0 and json.loads(out)["chars"] == len(CALM)


def test_stdin_as_a_file(cli):
    code, out, _ = cli("analyze", "--input", "-", "--input-format", "txt", "--format", "jsonl",
                       stdin=f"{CALM}\n\n{SUICIDAL}\n".encode())
    assert code == 0 and [json.loads(x)["chars"] for x in out.splitlines()] == [len(CALM), 0, len(SUICIDAL)]


def test_no_evidence_and_top_k(cli):
    _, out, _ = cli("analyze", SUICIDAL, "--format", "json", "--no-evidence")
    assert all(not t["evidence"] for t in json.loads(out)[0]["tasks"].values())
    _, out, _ = cli("analyze", SUICIDAL, "--format", "json", "--top-k", "1")
    assert all(sum(e["weight"] > 0 for e in t["evidence"]) <= 1 for t in json.loads(out)[0]["tasks"].values())


@pytest.mark.parametrize("args, stdin, message", [
    (("analyze", ""), None, "the text argument is empty"),
    (("analyze", "   "), None, "only whitespace"),
    (("analyze",), b"  \n", "stdin holds only whitespace"),
    (("analyze", "x", "--tasks", "depresion"), None, "did you mean 'depression'"),
    (("analyze", "x", "--tasks", "stress"), None, "does not score the task 'stress'"),
    (("analyze", "x", "--format", "xml"), None, "unknown output format"),
    (("analyze", "x", "--top-k", "-1"), None, "--top-k must be 0 or more"),
    (("analyze", "x", "--input", "posts.csv"), None, "not both"),
    (("analyze", "--input", "/nonexistent/posts.csv"), None, "no input file"),
    (("analyze", "x", "--model", "/nonexistent/model"), None, "no model"),
    (("analyze", "--input", "-"), b"x", "--input-format"),
])
def test_errors_are_clear_messages(cli, args, stdin, message):
    code, out, err = cli(*args, stdin=stdin)
    assert code != 0 and message in err and err.startswith("mentalens: error:")
    assert "how to fix:" in err


def test_csv_without_the_text_column_lists_the_columns(cli, tmp_path):
    src = write(tmp_path, "in.csv", "id,body\n1,hello\n")
    code, _, err = cli("analyze", "--input", src)
    assert code == 2 and "'id', 'body'" in err and "--text-column body" in err


def test_empty_file_is_a_note_not_a_crash(cli, tmp_path):
    code, out, err = cli("analyze", "--input", write(tmp_path, "in.csv", "text\n"), "--format", "json")
    assert code == 0 and json.loads(out) == [] and "holds no posts" in err


def test_output_to_a_folder_is_refused(cli, tmp_path):
    code, _, err = cli("analyze", CALM, "--output", str(tmp_path))
    assert code == 2 and "is a folder" in err


def test_nothing_to_analyse_on_a_terminal(cli, monkeypatch):
    class Tty(io.StringIO):
        def isatty(self):
            return True

    monkeypatch.setattr(sys, "stdin", Tty())
    code, _, err = cli("analyze")
    assert code == 2 and "nothing to analyse" in err


def test_models_lists_built_in_models(cli, lens_model_dir, tmp_path, monkeypatch):
    import mentalens.config

    models = tmp_path / "models"
    shutil.copytree(lens_model_dir, models / "lens-test")
    monkeypatch.setattr(mentalens.config, "MODELS_DIR", models)
    code, out, _ = cli("models")
    assert code == 0 and str(models) in out and "lens-test" in out and "0.0.1" in out
    code, out, _ = cli("models", "--json")
    doc = json.loads(out)
    assert doc["looked_in"] == str(models)
    assert "suicidal_ideation" in doc["models"][0]["tasks"] and doc["models"][0]["version"] == "0.0.1"


def test_models_when_none_is_installed(cli, tmp_path, monkeypatch):
    import mentalens.config

    monkeypatch.setattr(mentalens.config, "MODELS_DIR", tmp_path / "none")
    code, out, _ = cli("models")
    assert code == 0 and "none installed" in out and str(tmp_path / "none") in out


def _console_script() -> Path:
    return Path(sys.executable).with_name("mentalens")


@pytest.mark.skipif(not _console_script().exists(), reason="the mentalens console script is not installed")
def test_console_script_end_to_end(lens_model_dir, tmp_path):
    env = {"PATH": "/usr/bin:/bin", "HOME": str(tmp_path), "LANG": "C.UTF-8"}
    done = subprocess.run([str(_console_script()), "analyze", SUICIDAL, "--model", str(lens_model_dir),
                           "--format", "json", "--locale", "en_CA"], capture_output=True, text=True, env=env,
                          timeout=120)
    assert done.returncode == 0, done.stderr
    (r,) = json.loads(done.stdout)
    assert r["triage"]["resources"]["region"] == "Canada"
    bad = subprocess.run([str(_console_script()), "analyze", "x", "--model", str(lens_model_dir), "--tasks", "nope"],
                         capture_output=True, text=True, env=env, timeout=120)
    assert bad.returncode == 2 and "Traceback" not in bad.stderr and "unknown task 'nope'" in bad.stderr


def test_schema_command_prints_the_result_json_schema(capsys):
    import json


    assert main(["schema"]) == 0
    schema = json.loads(capsys.readouterr().out)
    assert schema["title"] == "Result" and "triage" in schema["properties"] and "tasks" in schema["properties"]
