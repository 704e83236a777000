"""Support for the web page's browser test (test_page_browser.py).

``serve``: the real ``mentalens serve`` in a subprocess (server_proc.py: CLI -> uvicorn -> FastAPI
app) on a free loopback port, with the tiny test model, a store and a home folder in tmp;
``Server.api`` calls the same API the page calls (urllib, no browser).
``Watched``: a Playwright page whose requests and console errors are recorded. ``analyse`` and
``check_marks``: drive the Analyse tab and check its <mark>s against a Result.
"""
from __future__ import annotations

import re
from contextlib import contextmanager
from pathlib import Path
from urllib.parse import urlsplit

from browser_fixture import ARTIFACTS
from server_proc import start_server

ALLOWED_FAILURES = re.compile(r"Failed to load resource: the server responded with a status of (\d{3})")


@contextmanager
def serve(model_dir: Path, root: Path, *, token: str | None = None, args: tuple[str, ...] = ()):
    """Start the server (its home, store and log under ``root``); yield a server_proc.Server; stop
    it (SIGTERM, then SIGKILL) on the way out."""
    server = start_server(root, model_dir, "--log-level", "warning", *args, token=token,
                          env={"LANG": "C.UTF-8", "LC_ALL": "C.UTF-8"})
    try:
        yield server
    finally:
        server.stop()


class Watched:
    """A page with every request URL and every console error recorded."""

    def __init__(self, page) -> None:
        self.page, self.urls, self.errors = page, [], []
        page.on("request", lambda r: self.urls.append(r.url))
        page.on("console", lambda m: self.errors.append(m.text) if m.type == "error" else None)
        page.on("pageerror", lambda e: self.errors.append(f"uncaught: {e}"))

    def assert_clean(self, allowed_statuses: tuple[int, ...] = ()) -> None:
        away = [u for u in self.urls if not u.startswith("data:") and urlsplit(u).hostname != "127.0.0.1"]
        assert away == [], f"requests left 127.0.0.1: {away}"
        unexpected = []
        for e in self.errors:
            m = ALLOWED_FAILURES.match(e)
            if not (m and int(m.group(1)) in allowed_statuses):
                unexpected.append(e)
        assert unexpected == [], f"console errors: {unexpected}"

    def shot(self, name: str) -> None:
        ARTIFACTS.mkdir(exist_ok=True)
        path = ARTIFACTS / name
        self.page.screenshot(path=str(path), full_page=True)
        assert path.stat().st_size > 10_000


def analyse(p, text: str) -> None:
    """Analyse ``text`` in the page and wait until its result is the one shown. (Predicates are
    functions, never expression strings: the page's CSP refuses eval, which a string needs.)"""
    p.fill("#post-text", text)
    p.click("#analyse-btn")
    p.wait_for_function("t => { const m = document.getElementById('marked-post'); "
                        "return m !== null && m.textContent === t && !document.getElementById('result')"
                        ".hasAttribute('aria-busy'); }", arg=text)


def check_marks(p, text: str, result: dict) -> list[dict]:
    """Every <mark> quotes the post at its code-point offsets; together they cover exactly the
    Result's evidence spans; each span's text is the concatenation of the marks inside it."""
    marks = p.eval_on_selector_all("#marked-post mark", "ms => ms.map(m => ({text: m.textContent, "
                                   "start: +m.dataset.start, end: +m.dataset.end, ev: m.dataset.ev}))")
    shown = p.text_content("#marked-post")
    assert shown == text, f"the marked post reads {shown!r}"
    skipped = p.get_attribute("#marked-post", "data-skipped")
    assert skipped == "0", f"{skipped} evidence spans not drawn"
    spans = [e for tr in result["tasks"].values() for e in tr["evidence"]]
    assert marks and spans, f"{len(marks)} marks for {len(spans)} evidence spans"
    for m in marks:
        assert m["text"] == text[m["start"]:m["end"]], f"mark {m} does not quote the post at its offsets"
    covered = {i for m in marks for i in range(m["start"], m["end"])}
    wanted = {i for e in spans for i in range(e["start"], e["end"])}
    assert covered == wanted, f"marked code points {sorted(covered ^ wanted)} differ from the evidence"
    for e in spans:
        inside = "".join(m["text"] for m in marks if e["start"] <= m["start"] and m["end"] <= e["end"])
        assert inside == e["text"] == text[e["start"]:e["end"]], f"span {e} reads {inside!r} in the marks"
    return marks
