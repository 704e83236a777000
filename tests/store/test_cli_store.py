"""``mentalens store`` end to end through the real entry point, with the tiny test model."""
from __future__ import annotations

import csv
import importlib.util
import io
import json

import pytest
from store_files import file_bytes
from store_helpers import EMAIL, PHONE

from mentalens.cli.main import main

SUICIDAL = "I want to die, I can't see any reason to keep living."
CALM = "Had a lovely walk by the river with my sister this morning."
SAD = "I feel empty and sad every single day and nothing interests me anymore."
SECRETS = [EMAIL, PHONE, "013-4477", "jane.doe", "example.org"]


def write_posts(tmp_path, name="posts.csv"):
    rows = [("1", f"{CALM} Mail me: {EMAIL}", "2024-01-01"), ("2", f"{SAD} Call {PHONE}", "2024-01-02"),
            ("3", SUICIDAL, "2024-01-03T21:15:00+01:00"), ("4", "", "2024-01-04"),
            ("5", "=HYPERLINK(\"http://evil.example\",\"x\")", "2024-01-05")]
    buf = io.StringIO()
    w = csv.writer(buf)
    w.writerow(["id", "text", "date"])
    w.writerows(rows)
    path = tmp_path / name
    path.write_text(buf.getvalue(), encoding="utf-8")
    return path


def test_add_list_timeline_export_delete(cli, tmp_path):
    db = tmp_path / "s.db"
    src = write_posts(tmp_path)
    seen = ""
    code, out, err = cli("store", "add", "--subject", "alice", "--input", str(src), "--store", str(db))
    seen += out + err
    assert code == 0, err
    assert "stored 4 posts for subject alice" in out and "1 empty row was not stored" in err
    code, out, err = cli("store", "add", "-s", "alice", "-i", str(src), "--store", str(db))
    seen += out + err
    assert code == 0 and "stored 0 posts" in out and "4 posts were stored already" in err

    code, out, err = cli("store", "list", "--store", str(db), "--format", "json")
    assert code == 0 and json.loads(out)[0] | {"latest_level": None} == {
        "subject": "alice", "posts": 4, "first_at": "2024-01-01T00:00:00Z", "last_at": "2024-01-05T00:00:00Z",
        "latest_level": None, "alerts": 0}
    code, out, err = cli("store", "list", "--store", str(db))
    seen += out + err
    assert code == 0 and "alice" in out and "2024-01-05 00:00" in out

    code, out, err = cli("store", "timeline", "alice", "--store", str(db), "--format", "json")
    seen += out + err
    data = json.loads(out)
    assert [p["post_id"] for p in data["points"]] == ["1", "2", "3", "5"]
    assert data["points"][2]["posted_at"] == "2024-01-03T20:15:00Z"
    assert data["points"][2]["scores"]["suicidal_ideation"] > 0.5
    code, out, err = cli("store", "timeline", "alice", "--store", str(db))
    seen += out + err
    assert code == 0 and "[email]" in out and "not a diagnosis" in out

    for fmt in ("csv", "jsonl") + (("parquet",) if importlib.util.find_spec("pyarrow") else ()):
        dest = tmp_path / f"out.{fmt}"
        code, out, err = cli("store", "export", "--output", str(dest), "--store", str(db))
        seen += out + err
        assert code == 0 and f"wrote 4 rows to {dest}" in err
        assert [s for s in SECRETS if s.encode() in dest.read_bytes()] == []
    cells = [c for r in csv.reader(io.StringIO((tmp_path / "out.csv").read_text(encoding="utf-8"))) for c in r]
    assert not [c for c in cells if c[:1] in ("=", "+", "-", "@")]

    code, out, err = cli("store", "export", "-f", "jsonl", "-o", "-", "--subject", "alice", "--store", str(db))
    assert code == 0 and len(out.splitlines()) == 4

    assert [s for s in SECRETS if s in seen] == []
    assert [s for s in SECRETS if s.encode() in file_bytes(db)] == []

    code, out, err = cli("store", "delete", "alice", "--store", str(db))
    assert code == 2 and "pass --yes" in err               # no terminal to ask at
    code, out, err = cli("store", "delete", "alice", "--yes", "--store", str(db))
    assert code == 0 and "deleted subject alice and its 4 posts" in err
    code, out, err = cli("store", "list", "--store", str(db))
    assert code == 0 and "no subjects" in out


def test_time_column_and_bad_times(cli, tmp_path):
    db = tmp_path / "s.db"
    src = tmp_path / "posts.jsonl"
    src.write_text("\n".join(json.dumps(r) for r in [
        {"text": CALM, "when": "2024-02-01"}, {"text": SAD, "when": "2024-02-03"}]) + "\n", encoding="utf-8")
    code, out, err = cli("store", "add", "-s", "bob", "-i", str(src), "--time-column", "when", "--store", str(db))
    assert code == 0, err
    code, out, _ = cli("store", "timeline", "bob", "-f", "json", "--store", str(db))
    assert [p["posted_at"][:10] for p in json.loads(out)["points"]] == ["2024-02-01", "2024-02-03"]
    code, out, err = cli("store", "add", "-s", "bob", "-i", str(src), "--time-column", "nope", "--store", str(db))
    assert code != 0 and "no field 'nope'" in err and "--time-column" in err
    src.write_text(json.dumps({"text": CALM, "posted_at": "last tuesday"}) + "\n", encoding="utf-8")
    code, out, err = cli("store", "add", "-s", "bob", "-i", str(src), "--store", str(db))
    assert code != 0 and "post 1: posted_at 'last tuesday' is not an ISO 8601" in err


def test_unknown_subject_and_alert_file_errors(cli, tmp_path):
    db = tmp_path / "s.db"
    code, out, err = cli("store", "list", "--store", str(db))
    assert code == 1 and "no store at" in err
    src = write_posts(tmp_path)
    assert cli("store", "add", "-s", "a", "-i", str(src), "--store", str(db))[0] == 0
    code, out, err = cli("store", "timeline", "nobody", "--store", str(db))
    assert code == 1 and "no subject 'nobody'" in err
    bad = tmp_path / "rules.yaml"
    bad.write_text("version: 1\nrules:\n  sustained_rise: {windw: 2}\n", encoding="utf-8")
    code, out, err = cli("store", "add", "-s", "a", "-i", str(src), "--alerts", str(bad), "--store", str(db))
    assert code == 1 and "rules.sustained_rise.windw" in err


@pytest.mark.skipif(importlib.util.find_spec("sqlcipher3") is None, reason="sqlcipher3 is not installed "
                    "(pip install 'mentalens[encrypt]')")
def test_encrypted_store_from_the_command_line(lens_model_dir, tmp_path, monkeypatch, capfd):
    monkeypatch.setenv("MENTALENS_MODEL", str(lens_model_dir))
    db = tmp_path / "enc.db"
    src = write_posts(tmp_path)
    code = main(["store", "add", "-s", "alice", "-i", str(src), "--store", str(db), "--encrypt"])
    assert code == 2 and "there is no terminal" in capfd.readouterr().err
    monkeypatch.setenv("MENTALENS_STORE_KEY", "s3cret passphrase")
    assert main(["store", "add", "-s", "alice", "-i", str(src), "--store", str(db), "--encrypt"]) == 0
    capfd.readouterr()
    data = db.read_bytes()
    assert not data.startswith(b"SQLite format 3") and b"lovely walk" not in data
    monkeypatch.setenv("MENTALENS_STORE_KEY", "wrong")
    code = main(["store", "list", "--store", str(db), "--encrypt"])
    err = capfd.readouterr().err
    assert code == 1 and "the key is wrong" in err and "MENTALENS_STORE_KEY" in err
    assert "Traceback" not in err and "ERROR CORE" not in err
    monkeypatch.delenv("MENTALENS_STORE_KEY")
    code = main(["store", "list", "--store", str(db)])
    err = capfd.readouterr().err
    assert code == 1 and "is encrypted" in err and "Traceback" not in err
