"""The HTML report in a real headless browser (Debian's chromium): the DOM it builds holds every
highlight with its exact quoted text, the triage badges and the crisis resources.

Skips when no chromium is found, unless MENTALENS_REQUIRE_BROWSER=1 (set by .ci/run), where a
missing browser fails. A screenshot and the page are kept in test-artifacts/ (gitignored).
"""
from __future__ import annotations

import os
import shutil
import subprocess
from pathlib import Path

import pytest
from browser_fixture import ARTIFACTS, FLAGS, find_browser
from report_posts import CHINESE, EMOJI, OVERLAP, read, three_posts

from mentalens.explain.html import CSP, render_report


def chromium(browser: str, profile: Path, *args: str) -> subprocess.CompletedProcess:
    env = {**os.environ, "HOME": str(profile.parent)}
    return subprocess.run([browser, *FLAGS, f"--user-data-dir={profile}", *args], capture_output=True,
                          text=True, encoding="utf-8", errors="replace", timeout=120, env=env)


@pytest.fixture(scope="module")
def rendered(tmp_path_factory):
    browser = find_browser()
    tmp = tmp_path_factory.mktemp("browser")
    texts, results = three_posts()
    page = tmp / "report.html"
    page.write_text(render_report(texts, results, title="mentalens browser test"), encoding="utf-8")
    done = chromium(browser, tmp / "profile", "--dump-dom", page.as_uri())
    assert done.returncode == 0, done.stderr[-2000:]
    assert "<html" in done.stdout, done.stderr[-2000:]
    return browser, tmp, page, texts, results, done.stdout


def test_the_browser_dom_holds_every_highlight_exactly(rendered):
    _, _, _, texts, results, dom_html = rendered
    dom = read(dom_html)
    spans = dom.span_texts()
    expected = {}
    for p, r in enumerate(results):
        k = 0
        for tr in r.tasks.values():
            for e in tr.evidence:
                expected[f"p{p}-e{k}"] = e.text
                k += 1
    assert spans == expected
    for m in dom.marks:
        post = int(m.ids[0].split("-")[0][1:])
        assert m.text == texts[post][m.start:m.end]
    # the overlap of two tasks' spans is one piece carrying both, the Chinese and emoji quotes survive
    assert any(m.text == "feel like a burden" and len(m.ids) == 2 for m in dom.marks)
    assert {"家人的负担", "觉得自己是"} <= {m.text for m in dom.marks}
    assert "friends 🫶🏽 keep me going 👩\u200d💻" in spans.values()
    assert dom.post_texts == [OVERLAP, CHINESE, EMOJI]        # markup in a post stays text
    assert "b" not in dom.tags and "script" not in dom.tags


def test_the_browser_dom_holds_the_triage_and_resources(rendered):
    _, _, _, _, _, dom_html = rendered
    dom = read(dom_html)
    assert dom.levels == ["high", "moderate", "none"]
    assert "triage: HIGH" in dom_html and "triage: MODERATE" in dom_html
    assert len(dom.resources) == 2
    assert "988" in dom.resources[0] and "911" in dom.resources[0]
    assert "12356" in dom.resources[1]
    assert dom.csp == [CSP] and "not a diagnosis" in dom_html
    assert dom.post_langs == ["en", "zh", "en"]


def test_a_screenshot_of_the_report(rendered):
    browser, tmp, page, *_ = rendered
    ARTIFACTS.mkdir(exist_ok=True)
    shot = ARTIFACTS / "explain-report.png"
    shot.unlink(missing_ok=True)
    done = chromium(browser, tmp / "profile-shot", "--hide-scrollbars", "--window-size=1200,2600",
                    f"--screenshot={shot}", page.as_uri())
    assert done.returncode == 0, done.stderr[-2000:]
    assert shot.is_file() and shot.read_bytes()[:8] == b"\x89PNG\r\n\x1a\n" and shot.stat().st_size > 10_000
    shutil.copy(page, ARTIFACTS / "explain-report.html")
