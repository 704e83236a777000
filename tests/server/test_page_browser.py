"""The web page of `mentalens serve` in a real headless browser (Debian's chromium via Playwright).

The real server runs in a subprocess (tests/server/page_support.py) with the tiny test model, a
store in tmp and a token (MENTALENS_TOKEN turns auth on, also on loopback), so the page's token
field is exercised too. Every test checks that no request left 127.0.0.1 and that the console
holds no error (a CSP violation shows there). Screenshots go to test-artifacts/ (gitignored).
Skips when chromium or Playwright is missing, unless MENTALENS_REQUIRE_BROWSER=1.
"""
from __future__ import annotations

import csv

import pytest
from page_support import Watched, analyse, check_marks, serve

pytestmark = pytest.mark.enable_socket

TOKEN = "page-test-token-0123456789"
# the tiny model reads this as imminent (a first-person "tonight" cue) with evidence on both sides of
# the emoji (two code points, four UTF-16 units) and overlapping spans of several tasks
POST = ("🫶🏽 I want to die tonight, I can't see any reason to keep living. No one cares about me and I am "
        "only a burden to my family.")
POST_ZH = "我不想活了，没有人在乎我。"
TIMELINE = [  # (posted_at, text): calm, then low, then suicidal, ending imminent (an alert)
    ("2026-01-05T09:00:00Z", "Had a lovely walk by the river with my sister this morning. Mail me: sam@example.com"),
    ("2026-01-12T09:00:00Z", "Trying a new bread recipe today, the crust came out perfect."),
    ("2026-01-19T21:30:00Z", "I feel empty and sad every single day and nothing interests me anymore."),
    ("2026-01-26T22:00:00Z", "I cry most nights and can't find a reason to get up in the morning."),
    ("2026-02-02T23:10:00Z", "I want to die, I can't see any reason to keep living."),
    ("2026-02-09T23:40:00Z", "I want to die tonight, I can't see any reason to keep living."),
]
MAX_BODY = 60_000


@pytest.fixture(scope="module")
def served(browser, lens_model_dir, tmp_path_factory):
    """This module's own server (not conftest's shared one): a token, a small body limit, its own store."""
    with serve(lens_model_dir, tmp_path_factory.mktemp("page-home"), token=TOKEN,
               args=("--max-body", str(MAX_BODY))) as s:
        yield s


@pytest.fixture
def page(browser, served):
    context = browser.new_context(locale="en-US", viewport={"width": 1200, "height": 900})
    context.set_default_timeout(30_000)
    w = Watched(context.new_page())
    yield w
    context.close()


def open_page(w: Watched, served, token: str = TOKEN) -> None:
    p = w.page
    p.goto(served.url + "/")
    p.wait_for_selector("body[data-ready=yes]")
    assert p.is_visible("[data-testid=token-box]")           # auth is on: the page asks for the token
    assert p.get_attribute("#error", "data-status") == "input"
    p.fill("#token", token)
    p.click("#token-save")
    if token == TOKEN:
        p.wait_for_selector("#task-list input")
        assert p.is_hidden("#error")


def test_analyse_marks_every_evidence_span_and_shows_where_to_get_help(page, served):
    p = page.page
    open_page(page, served)
    notice = p.text_content("[data-testid=notice]")
    assert "not a diagnosis" in notice and "cannot contact anyone" in notice
    p.reload()                                           # the token is kept for this tab (sessionStorage)
    p.wait_for_selector("#task-list input")
    assert p.get_attribute("#lang-en", "aria-pressed") == "true"
    analyse(p, POST)
    status, got = served.api("/api/explain", {"text": POST, "tasks": None, "locale": "en_US", "lang": "auto"})
    assert status == 200
    result = got["result"]
    assert result["triage"]["level"] == "imminent"
    assert p.get_attribute("[data-testid=triage-badge]", "data-level") == "imminent"
    assert "IMMINENT" in p.text_content("[data-testid=triage-badge]")
    help_box = p.text_content("[data-testid=resources]")
    assert "988" in help_box and "741741" in help_box and "not a diagnosis" in help_box
    assert p.text_content("[data-testid=emergency] strong") == "911"
    reasons = p.eval_on_selector_all("[data-testid=reasons] li", "ls => ls.map(l => l.textContent)")
    assert reasons == result["triage"]["reasons"]

    marks = check_marks(p, POST, result)
    assert any(len(m["ev"].split()) > 1 for m in marks)          # overlapping spans share a piece
    assert any(m["start"] >= 2 for m in marks) and POST[1] == "\U0001f3fd"   # offsets past the emoji hold

    cards = p.eval_on_selector_all("[data-testid=task-result]", "cs => cs.map(c => c.dataset.task)")
    assert cards == list(result["tasks"])
    assert p.locator("[data-testid=rationale]").count() == sum(1 for tr in result["tasks"].values() if tr["rationale"])
    assert "thwarted belongingness" in p.text_content("[data-task=interpersonal_risk] [data-testid=decision]")
    page.shot("page-analyse-en.png")
    p.select_option("#evidence-filter", "depression")           # one task's evidence only
    assert p.locator("#marked-post mark.off").count() > 0
    page.assert_clean()


def _write_csv(path, rows) -> None:
    with path.open("w", newline="", encoding="utf-8") as f:
        w = csv.writer(f)
        w.writerow(["id", "posted_at", "text"])
        for i, (when, text) in enumerate(rows):
            w.writerow([f"p{i + 1}", when, text])


def _upload(p, path, subject: str) -> None:
    p.click("#tab-upload")
    p.set_input_files("#upload-file", str(path))
    p.fill("#upload-subject", subject)
    p.click("#upload-btn")
    p.wait_for_selector(f"[data-testid=timeline-subject][data-subject='{subject}']")


def test_upload_then_the_timeline_charts_risk_and_marks_the_alert(page, served, tmp_path):
    p = page.page
    open_page(page, served)
    posts = tmp_path / "posts.csv"
    _write_csv(posts, TIMELINE)
    _upload(p, posts, "page-test-sam")
    assert p.get_attribute("[data-testid=upload-counts]", "data-added") == str(len(TIMELINE))
    status, tl = served.api("/api/subjects/page-test-sam/timeline")
    assert status == 200 and [x["level"] for x in tl["points"]][-1] == "imminent" and tl["alerts"]

    assert p.is_visible("#panel-timeline") and p.is_visible("[data-testid=chart]")
    assert p.locator("[data-testid=chart-point]").count() == len(TIMELINE)
    markers = p.eval_on_selector_all("[data-testid=alert-marker]", "ms => ms.map(m => ({post: m.dataset.post, "
                                     "rules: m.dataset.rules, title: m.querySelector('title').textContent}))")
    assert [m["post"] for m in markers] == list(dict.fromkeys(a["post_id"] for a in tl["alerts"]))
    assert markers[-1]["post"] == tl["points"][-1]["post_id"]             # the imminent post raised one
    assert sorted(r for m in markers for r in m["rules"].split()) == sorted(a["rule"] for a in tl["alerts"])
    assert all(m["title"].startswith("Alert (") for m in markers)
    xs = p.eval_on_selector_all("[data-testid=chart-point]", "cs => cs.map(c => +c.getAttribute('cx'))")
    assert xs == sorted(xs) and len(set(xs)) == len(xs)     # x follows posted_at
    items = p.eval_on_selector_all("[data-testid=alerts-list] [data-testid=alert-item]",
                                   "ls => ls.map(l => l.dataset.rule)")
    assert items == [a["rule"] for a in tl["alerts"]]
    legend = p.text_content("[data-testid=chart-legend]")
    assert "risk level" in legend and "Suicidal ideation" in legend
    assert p.is_visible("[data-testid=subject-open][data-subject=page-test-sam]")
    cells = p.eval_on_selector_all(".posts td.post-cell", "cs => cs.map(c => c.textContent)")
    assert cells == [x["text"] for x in tl["points"]] and "sam@example.com" not in p.content()   # redacted copy
    page.shot("page-timeline-en.png")

    _upload(p, posts, "page-test-sam")                           # the same file again: nothing added twice
    assert p.get_attribute("[data-testid=upload-counts]", "data-skipped") == str(len(TIMELINE))
    assert p.get_attribute("[data-testid=upload-counts]", "data-added") == "0"

    p.click("[data-testid=delete-subject]")
    assert "cannot be undone" in p.text_content(".danger-zone")
    p.click("[data-testid=delete-confirm]")
    p.wait_for_selector("[data-testid=deleted]")
    assert served.api("/api/subjects/page-test-sam/timeline")[0] == 404
    page.assert_clean()


def test_the_chinese_ui(page, served, tmp_path):
    p = page.page
    open_page(page, served)
    analyse(p, POST)
    assert "帖子" not in p.text_content("[data-testid=reasons]")
    p.click("#lang-zh")                                  # the result shown is asked for again, in Chinese
    p.wait_for_function("() => document.querySelector('[data-testid=reasons]').textContent.includes('帖子')")
    assert "拨打或发短信至 988" in p.text_content("[data-testid=resources]")    # zh_US: US lines, in Chinese
    assert p.get_attribute("html", "lang") == "zh-Hans"
    assert p.text_content("#tab-analyse") == "分析一条帖子"
    notice = p.text_content("[data-testid=notice]")
    assert "不是诊断" in notice and "无法联系任何人" in notice
    assert "抑郁" in p.text_content("#task-list")
    p.select_option("#region", "CN")
    analyse(p, POST_ZH)
    status, got = served.api("/api/explain", {"text": POST_ZH, "tasks": None, "locale": "zh_CN", "lang": "auto"})
    assert status == 200
    result = got["result"]
    level = result["triage"]["level"]
    assert level in ("moderate", "high", "imminent")
    assert p.get_attribute("[data-testid=triage-badge]", "data-level") == level
    assert "风险等级" in p.text_content("[data-testid=triage-badge]")
    assert "12356" in p.text_content("[data-testid=resources]") and "中国大陆" in p.text_content(".resources h3")
    assert "帖子" in p.text_content("[data-testid=reasons]")
    check_marks(p, POST_ZH, result)
    page.shot("page-analyse-zh.png")

    posts = tmp_path / "posts.csv"
    _write_csv(posts, TIMELINE)
    _upload(p, posts, "page-test-zh")
    assert p.text_content("[data-testid=timeline-subject]") == "时间线：page-test-zh"
    assert "风险等级" in p.text_content("[data-testid=chart-legend]")
    assert "紧急" in p.text_content("[data-testid=chart]")
    assert p.locator("[data-testid=alert-marker]").count() >= 1
    page.shot("page-timeline-zh.png")
    page.assert_clean()


def test_errors_are_shown_with_the_servers_words(page, served, tmp_path):
    p = page.page
    open_page(page, served, token="not-the-token")
    p.wait_for_selector("#error[data-status='401']")
    assert "401" in p.text_content("#error") and "token" in p.text_content("[data-testid=error-detail]")
    p.fill("#token", TOKEN)
    p.click("#token-save")
    p.wait_for_selector("#task-list input")
    assert p.is_hidden("#error")

    big = tmp_path / "big.csv"
    _write_csv(big, [("2026-01-01T00:00:00Z", "x" * 1000)] * (MAX_BODY // 1000 + 5))
    p.click("#tab-upload")
    p.set_input_files("#upload-file", str(big))
    p.fill("#upload-subject", "page-test-big")
    p.click("#upload-btn")
    p.wait_for_selector("#error[data-status='413']")
    assert "413" in p.text_content("#error") and "--max-body" in p.text_content("#error")

    wrong = tmp_path / "wrong.csv"
    wrong.write_text("body\nhello\n", encoding="utf-8")
    p.set_input_files("#upload-file", str(wrong))
    p.click("#upload-btn")
    p.wait_for_selector("#error[data-status='422']")
    assert "422" in p.text_content("#error") and "'body'" in p.text_content("#error")
    page.shot("page-error-en.png")
    p.fill("#upload-column", "body")                              # name the column: it goes through
    p.click("#upload-btn")
    p.wait_for_selector("[data-testid=timeline-subject][data-subject='page-test-big']")
    assert p.is_hidden("#error")
    page.assert_clean(allowed_statuses=(401, 413, 422))
