"""Debian's chromium for the browser tests (tests/explain/test_html_browser.py,
tests/server/test_page_browser.py): where it is, the flags it runs with, and where screenshots go.

A missing chromium skips the test with a reason, unless MENTALENS_REQUIRE_BROWSER=1 (set by
.ci/run), where it fails. Nothing is ever downloaded: no `playwright install`.
"""
from __future__ import annotations

import os
import shutil
from pathlib import Path

import pytest

ARTIFACTS = Path(__file__).resolve().parents[1] / "test-artifacts"
# The flags this machine's notes give for a closed network: no sandbox as root, no GPU, and no
# background connections (update checks, sync, QUIC) that a closed network refuses.
FLAGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
         "--disable-background-networking", "--disable-component-update", "--disable-sync",
         "--disable-dev-shm-usage"]


def find_browser() -> str:
    for name in ("chromium", "chromium-browser"):
        found = shutil.which(name)
        if found:
            return found
    if Path("/usr/bin/chromium").is_file():
        return "/usr/bin/chromium"
    why = "no chromium found on PATH or at /usr/bin/chromium (apt-get install --no-install-recommends chromium)"
    if os.environ.get("MENTALENS_REQUIRE_BROWSER") == "1":
        pytest.fail(f"MENTALENS_REQUIRE_BROWSER=1 but {why}")
    pytest.skip(why)
