"""The server's parts on their own: settings, the token file, the pool, the last-resort 500, a
missing page, and ``mentalens serve``'s argument checks (no server is started here)."""
from __future__ import annotations

import asyncio
import logging
import stat
import threading

import pytest

from mentalens.server.pool import BoundedPool, Overloaded
from mentalens.server.settings import Settings, is_loopback, is_unspecified, server_token


def test_loopback_and_expected_hosts():
    assert is_loopback("127.0.0.1") and is_loopback("::1") and is_loopback("[::1]") and is_loopback("localhost")
    assert not is_loopback("0.0.0.0") and not is_loopback("192.168.1.5") and not is_loopback("example.org")
    assert is_unspecified("0.0.0.0") and is_unspecified("::") and not is_unspecified("127.0.0.1")
    hosts = Settings(host="192.168.1.5", port=9000, allowed_hosts=("Box.LAN", "fe80::1")).expected_hosts()
    for h in ("127.0.0.1:9000", "localhost", "[::1]:9000", "192.168.1.5:9000", "box.lan:9000", "[fe80::1]:9000"):
        assert h in hosts
    assert "0.0.0.0:9000" not in Settings(host="0.0.0.0", port=9000).expected_hosts()
    assert "evil.example:9000" not in hosts


def test_token_is_made_once_and_private(tmp_path, monkeypatch):
    monkeypatch.setenv("MENTALENS_HOME", str(tmp_path / "home"))
    monkeypatch.delenv("MENTALENS_TOKEN", raising=False)
    token, where, created = server_token()
    assert created and len(token) >= 32 and where.endswith("server-token")
    assert stat.S_IMODE((tmp_path / "home" / "server-token").stat().st_mode) == 0o600
    assert stat.S_IMODE((tmp_path / "home").stat().st_mode) == 0o700
    assert server_token() == (token, where, False)
    monkeypatch.setenv("MENTALENS_TOKEN", "from-env")
    assert server_token() == ("from-env", "$MENTALENS_TOKEN", False)


def test_pool_refuses_past_its_limit():
    pool = BoundedPool("t", workers=1, queue=1)
    gate = threading.Event()

    async def go():
        first = asyncio.ensure_future(pool.run(gate.wait, 5))
        second = asyncio.ensure_future(pool.run(gate.wait, 5))
        await asyncio.sleep(0.05)
        with pytest.raises(Overloaded):
            await pool.run(gate.wait, 5)
        gate.set()
        await asyncio.gather(first, second)
        return await pool.run(lambda: "free again")

    assert asyncio.run(go()) == "free again"
    pool.shutdown()


@pytest.fixture
def client(analyzer):
    from fastapi.testclient import TestClient

    from mentalens.server.app import create_app

    app = create_app(Settings(), analyzer=analyzer)
    return app, TestClient(app, base_url="http://127.0.0.1:8765", raise_server_exceptions=False)


def test_a_bug_is_a_json_500_and_the_log_has_no_message(client, caplog):
    app, c = client

    secret = "secret " + "post text"

    @app.get("/api/boom")
    def boom():
        raise ValueError(secret)

    with caplog.at_level(logging.ERROR, logger="mentalens.server"):
        r = c.get("/api/boom")
    assert r.status_code == 500 and r.json()["error"] == "internal error (ValueError)"
    assert r.headers["content-security-policy"]
    assert "ValueError" in caplog.text and "test_units.py" in caplog.text and secret not in caplog.text


def test_a_missing_page_is_said_plainly(client, monkeypatch, tmp_path):
    import mentalens.server.app as app_module

    monkeypatch.setattr(app_module, "STATIC_DIR", tmp_path)
    _, c = client
    r = c.get("/")
    assert r.status_code == 404 and "web page is not installed" in r.json()["error"]


@pytest.mark.parametrize("args, words", [
    (["--log-level", "loud"], "unknown --log-level"),
    (["--port", "70000"], "--port must be at most 65535"),
    (["--max-body", "0"], "--max-body must be at least 1"),
    (["--workers", "0"], "--workers must be at least 1"),
])
def test_serve_checks_its_options(cli, args, words):
    code, _, err = cli("serve", *args)
    assert code == 2 and words in err


def test_serve_without_the_extra_says_how_to_install(cli, monkeypatch):
    import sys

    monkeypatch.setitem(sys.modules, "uvicorn", None)          # import uvicorn now raises ImportError
    code, _, err = cli("serve")
    assert code == 1 and "pip install 'mentalens[server]'" in err
