"""``mentalens bench serve`` in a short run (2 clients, 2 s): a real server, the files it writes."""
from __future__ import annotations

import json

import pytest

pytestmark = [pytest.mark.enable_socket, pytest.mark.slow]


def test_short_load_run_writes_results(cli, tmp_path, lens_model_dir, monkeypatch):
    monkeypatch.setenv("MENTALENS_HOME", str(tmp_path / "home"))
    code, out, err = cli("bench", "serve", "--model", str(lens_model_dir), "--clients", "2", "--duration", "2",
                         "--peer-seconds", "1", "--out", str(tmp_path / "results"))
    assert code == 0, err
    data = json.loads((tmp_path / "results" / "server" / "load.json").read_text())
    s, lib = data["server"], data["library"]
    assert data["schema"] == "mentalens-load-results/1" and data["model"]["name"] == "lens-test"
    assert s["requests"] > 0 and s["status_counts"].get("200") == s["requests"] and s["errors_5xx"] == 0
    assert s["throughput_rps"] > 0 and s["latency_ms"]["p50"] <= s["latency_ms"]["p95"] <= s["latency_ms"]["p99"]
    assert lib["posts_per_s"] > 0 and data["ratio_server_to_library"] > 0 and data["checks"]["no_5xx"]
    prov = data["provenance"]
    assert prov["machine"]["cpu_count"] and prov["model"]["files_sha256"] and prov["git"]
    assert data["config"]["clients"] == 2 and data["config"]["duration_s"] == 2
    md = (tmp_path / "results" / "server" / "load.md").read_text()
    assert "server, 2 clients" in md and "library alone" in md and "0 5xx" in md
    assert "server, 2 clients" in out and "wrote" in err
    assert not (tmp_path / "home").exists()             # the bench server used a home of its own


def test_bench_serve_checks_its_options(cli):
    code, _, err = cli("bench", "serve", "--clients", "0")
    assert code == 2 and "--clients must be more than 0" in err
