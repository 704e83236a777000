"""Real servers for the server tests: ``mentalens serve`` in a subprocess (server_proc.py),
spoken to over HTTP.

Each server gets its own MENTALENS_HOME, store and log file in tmp, and the tiny test model;
the fixture waits for /api/health and stops the process afterwards. The main loopback server is
shared by the whole session (starting one takes a second or two).
"""
from __future__ import annotations

import os

import pytest
from browser_fixture import FLAGS, find_browser
from server_proc import Server, start_server

pytest.importorskip("httpx")
pytest.importorskip("fastapi")
pytest.importorskip("uvicorn")


@pytest.fixture(scope="session")
def server(tmp_path_factory, lens_model_dir):
    """The loopback server most tests talk to (debug logging, so the log check sees everything)."""
    s = start_server(tmp_path_factory.mktemp("server"), lens_model_dir, "--log-level", "debug")
    yield s
    s.stop()


@pytest.fixture
def api(server):
    with server.client() as c:
        yield c


@pytest.fixture
def launch(tmp_path, lens_model_dir):
    """Start extra servers for one test; each is stopped afterwards."""
    started: list[Server] = []

    def go(*args: str, name: str = "extra", **kw) -> Server:
        s = start_server(tmp_path / name, lens_model_dir, *args, **kw)
        started.append(s)
        return s

    yield go
    for s in started:
        s.stop()


# the browser tests' Debian chromium (tests/browser_fixture.py), one per test module
def _playwright():
    try:
        from playwright.sync_api import sync_playwright
    except ImportError:
        why = "Playwright is not installed (pip install -e '.[dev]'; never `playwright install`)"
        if os.environ.get("MENTALENS_REQUIRE_BROWSER") == "1":
            pytest.fail(f"MENTALENS_REQUIRE_BROWSER=1 but {why}")
        pytest.skip(why)
    return sync_playwright


@pytest.fixture(scope="module")
def browser():
    """Debian's chromium driven by Playwright; skipped (failed under MENTALENS_REQUIRE_BROWSER=1) without Playwright."""
    path = find_browser()
    with _playwright()() as p:
        b = p.chromium.launch(executable_path=path, args=FLAGS)
        yield b
        b.close()
