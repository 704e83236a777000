"""The page's Talk tab in a real headless browser (Debian's chromium via Playwright), against the
real `mentalens serve` with the built-in models (the crisis protocol depends on them).

The disclosure is always on screen; a crisis message brings up the help panel, which stays through
"just kidding" and a benign follow-up; the person's words and the replies are text, never markup;
memory on keeps turns in the store and "End and delete" takes them off the disk again. No request
leaves 127.0.0.1 and the console holds no error. Screenshots go to test-artifacts/.
"""
from __future__ import annotations

import pytest
from page_support import Watched, serve

pytestmark = pytest.mark.enable_socket
MARKER = "heron-cobalt-8812"


@pytest.fixture(scope="module")
def served(browser, lens_model_dir, tmp_path_factory):
    with serve(lens_model_dir, tmp_path_factory.mktemp("chat-home"), args=("--model", "auto")) as s:
        yield s


@pytest.fixture
def page(browser, served):
    context = browser.new_context(locale="en-US", viewport={"width": 1100, "height": 900})
    context.set_default_timeout(30_000)
    w = Watched(context.new_page())
    yield w
    context.close()


def open_talk(w: Watched, served) -> None:
    p = w.page
    p.goto(served.url + "/")
    p.wait_for_selector("body[data-ready=yes]")
    p.click("#tab-talk")
    p.wait_for_selector("[data-testid=chat-assistant][data-kind=opening]")


def say(p, text: str) -> str:
    """Send ``text`` and wait for its reply; returns the reply's text."""
    before = p.locator("[data-testid=chat-assistant]").count()
    p.fill("#chat-input", text)
    p.click("#chat-send")
    p.wait_for_function("n => document.querySelectorAll('[data-testid=chat-assistant]').length > n && "
                        "document.getElementById('chat-log').getAttribute('aria-busy') === 'false'", arg=before)
    return p.locator("[data-testid=chat-assistant]").last.text_content()


def test_talk_tab_keeps_the_help_in_sight_after_a_crisis(page, served):
    p = page.page
    open_talk(page, served)
    disclosure = p.text_content("[data-testid=chat-disclosure]")
    assert "software" in disclosure and "cannot call anyone" in disclosure
    assert p.is_visible("[data-testid=chat-disclosure]") and p.is_hidden("[data-testid=chat-resources]")

    say(p, "I had a long day at work and I feel a bit tired.")
    assert p.is_hidden("[data-testid=chat-resources]")
    reply = say(p, "I want to kill myself tonight.")
    assert "988" in reply and "911" in reply
    assert p.get_attribute("[data-testid=chat-assistant] >> nth=-1", "data-crisis") == "true"
    assert p.is_visible("[data-testid=chat-resources]")
    panel = p.text_content("[data-testid=chat-resources]")
    assert "988" in panel and p.text_content("[data-testid=chat-emergency] strong") == "911"

    say(p, "just kidding")
    assert p.is_visible("[data-testid=chat-resources]")
    say(p, "What should I cook for dinner tonight?")
    assert p.is_visible("[data-testid=chat-resources]") and "988" in p.text_content("[data-testid=chat-resources]")
    assert p.is_visible("[data-testid=chat-disclosure]")

    trap = '<img src=x onerror="document.body.dataset.owned=1"> <b>bold</b>'
    say(p, trap)
    assert p.locator("[data-testid=chat-user]").last.text_content().endswith(trap)
    assert p.locator("#chat-log img, #chat-log b").count() == 0 and p.get_attribute("body", "data-owned") is None
    page.shot("page-talk-en.png")
    page.assert_clean()


def test_talk_tab_in_chinese(page, served):
    p = page.page
    p.goto(served.url + "/")
    p.wait_for_selector("body[data-ready=yes]")
    p.click("#lang-zh")
    p.select_option("#region", "CN")
    p.click("#tab-talk")
    p.wait_for_selector("[data-testid=chat-assistant][data-kind=opening]")
    assert p.text_content("#tab-talk") == "聊一聊"
    assert "软件" in p.text_content("[data-testid=chat-disclosure]")
    reply = say(p, "我不想活了，今晚就想结束自己的生命。")
    assert "12356" in reply and "120" in reply
    say(p, "开玩笑的")
    assert p.is_visible("[data-testid=chat-resources]")
    panel = p.text_content("[data-testid=chat-resources]")
    assert "12356" in panel and "现在就可以求助" in panel
    page.shot("page-talk-zh.png")
    page.assert_clean()


def test_memory_on_then_end_and_delete(page, served):
    p = page.page
    open_talk(page, served)
    p.check("#chat-memory")
    say(p, f"Please remember {MARKER} for me.")
    assert MARKER.encode() in _store_bytes(served)
    p.click("#chat-end")
    p.wait_for_function("() => document.getElementById('chat-status').textContent.includes('deleted')")
    assert p.locator("[data-testid=chat-user]").count() == 0
    assert MARKER.encode() not in _store_bytes(served)
    page.assert_clean()


def _store_bytes(served) -> bytes:
    return b"".join(f.read_bytes() for f in (served.store, served.store.with_name("store.db-wal")) if f.exists())
