"""``mentalens data list`` and ``mentalens data check`` on synthetic data."""
from __future__ import annotations

import json

from mentalens.cli.main import main


def test_data_list(synthetic_shared, capsys):
    assert main(["data", "list", "--data-dir", str(synthetic_shared), "--json"]) == 0
    out = json.loads(capsys.readouterr().out)
    rows = {(r["dataset"], r["split"]): r for r in out["datasets"]}
    assert rows[("imhi/swmh", "test")]["rows"] is None
    assert rows[("imhi/MultiWD", "val")]["rows"] == 120
    assert rows[("mentabench/cssrs", "all")]["tasks"] == ["suicide_risk", "suicide_risk_level"]
    assert main(["data", "list", "--data-dir", str(synthetic_shared)]) == 0
    table = capsys.readouterr().out
    assert "missing" in table and "imhi/DR" in table


def test_data_check_json(synthetic_shared, capsys):
    assert main(["data", "check", "--data-dir", str(synthetic_shared), "--json"]) == 0
    report = json.loads(capsys.readouterr().out)
    assert any(o["train"] == "cams:added" and o["test"] == "imhi/CAMS:test" for o in report["overlaps"])


def test_data_check_table_and_markdown(synthetic_shared, capsys):
    assert main(["data", "check", "--data-dir", str(synthetic_shared)]) == 0
    assert "cams:added" in capsys.readouterr().out
    assert main(["data", "check", "--data-dir", str(synthetic_shared), "--markdown"]) == 0
    assert capsys.readouterr().out.startswith("# Train/test overlap")


def test_data_commands_without_data_dir(monkeypatch, capsys):
    monkeypatch.delenv("MENTALENS_DATA", raising=False)
    assert main(["data", "list"]) == 1
    assert "no research data directory" in capsys.readouterr().err
