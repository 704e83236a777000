"""The HTML report: exact highlights, overlaps, escaping, offline page, odd results."""
from __future__ import annotations

import re
import time

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from report_posts import CHINESE, EMOJI, OVERLAP, read, result, span, symptom, task, three_posts

from mentalens.errors import UsageError
from mentalens.explain.html import CSP, _clean, render_report
from mentalens.schema import Evidence, Triage


def check_exact(texts, results, page):
    """Every piece quotes its post at its offsets; every span is the join of its pieces."""
    dom = read(page)
    for m in dom.marks:
        post = int(m.ids[0].split("-")[0][1:])
        assert all(i.startswith(f"p{post}-") for i in m.ids)
        assert m.text == _clean(texts[post][m.start:m.end])
    spans = dom.span_texts()
    for p, r in enumerate(results):
        k = 0
        for tr in r.tasks.values():
            for e in tr.evidence:
                if 0 <= e.start < e.end <= len(texts[p]) and texts[p][e.start:e.end] == e.text:
                    assert spans[f"p{p}-e{k}"] == _clean(e.text)
                    k += 1
        assert sum(i.startswith(f"p{p}-") for i in spans) == k
    assert dom.post_texts == [_clean(t) for t in texts]
    return dom


def test_three_posts_highlight_every_span_exactly():
    texts, results = three_posts()
    page = render_report(texts, results)
    dom = check_exact(texts, results, page)
    assert len(dom.span_texts()) == sum(len(tr.evidence) for r in results for tr in r.tasks.values())
    assert dom.levels == ["high", "moderate", "none"]
    assert dom.post_langs == ["en", "zh", "en"]
    assert "988" in dom.resources[0] and "12356" in dom.resources[1] and len(dom.resources) == 2
    assert "家人的负担" in {m.text for m in dom.marks}
    assert any("🫶🏽" in m.text for m in dom.marks) and any("👩\u200d💻" in m.text for m in dom.marks)


def test_overlaps_are_cut_at_every_boundary_and_marked_with_every_span():
    texts, results = three_posts()
    dom = read(render_report(texts[:1], results[:1]))
    t = OVERLAP
    burden = t.index("I feel like a burden to everyone")
    feel = t.index("feel like a burden")
    by_start = {m.start: m for m in dom.marks}
    assert by_start[burden].end == feel and len(by_start[burden].ids) == 1          # interpersonal only
    both = by_start[feel]
    assert both.end == feel + len("feel like a burden") and len(both.ids) == 2      # both tasks
    assert {"t0-sup", "t1-sup", "sup"} <= set(both.classes)
    assert "depression" in both.title and "interpersonal_risk" in both.title and "+0.80" in both.title
    opp = by_start[t.index("not hopeless anymore")]
    assert "opp" in opp.classes and "\u22120.90" in opp.title


def test_supporting_and_opposing_in_one_piece_is_mixed():
    text = "alpha beta gamma"
    r = result(text, {"depression": task("depression", [span(text, "alpha beta", 1.0)]),
                      "stress": task("stress", [span(text, "beta gamma", -1.0)])})
    dom = read(render_report([text], [r]))
    assert [(m.start, m.end) for m in dom.marks] == [(0, 6), (6, 10), (10, 16)]
    assert [m.classes[1] for m in dom.marks] == ["sup", "mix", "opp"]
    assert dom.span_texts() == {"p0-e0": "alpha beta", "p0-e1": "beta gamma"}


HOSTILE = "<script>alert(\"x\")</script> & 'q' </mark><img src=x onerror=alert(1)> &amp; <!-- c -->"


def test_hostile_text_is_escaped_everywhere():
    text = HOSTILE + " I can't sleep"
    tr = task("depression", [span(text, "<script>alert(\"x\")</script>", 1.0), span(text, "</mark><img", -0.5)],
              symptoms=[symptom(text, "& 'q'", "x", "<i>name</i>", "other_person")], rationale="<b>why</b> & \"so\"")
    r = result(text, {"depression": tr}, level="high", reasons=["<u>reason</u>"], rid="<id>",
               warnings=["<s>warn</s>"])
    page = render_report([text], [r], title="<title>&")
    assert "<script" not in page and "<img" not in page and "<b>" not in page and "<i>" not in page
    assert "<!-- c -->" not in page and "&lt;id&gt;" in page and "someone else" in page
    dom = check_exact([text], [r], page)
    assert dom.tags <= {"html", "head", "meta", "title", "style", "body", "header", "h1", "h2", "p", "mark", "main",
                        "section", "div", "span", "ul", "li", "strong", "input", "label", "table", "thead", "tbody",
                        "tr", "th", "td", "br", "footer"}
    assert not any(k.startswith("on") or k in ("src", "href") for k, _ in dom.attrs)


def test_the_page_is_offline_with_a_strict_csp():
    texts, results = three_posts()
    page = render_report(texts, results)
    dom = read(page)
    assert dom.csp == [CSP] and "default-src 'none'" in CSP and "script-src" not in CSP
    assert not re.search(r"https?://", page, re.I)
    assert "<script" not in page and "@import" not in page and "url(" not in page
    assert page.startswith("<!DOCTYPE html>") and '<html lang="en">' in page and '<meta charset="utf-8">' in page
    assert "not a diagnosis" in page and "cannot contact anyone" in page


def test_a_url_in_a_post_stays_text():
    text = "see https://example.com/x?a=1&b=2 for more"
    page = render_report([text], [result(text, {"stress": task("stress", [span(text, "https://example.com", 0.5)])})])
    dom = read(page)
    assert not any(k in ("src", "href") for k, _ in dom.attrs)
    assert dom.span_texts() == {"p0-e0": "https://example.com"}


def test_empty_text_no_evidence_and_invalid_results_render():
    empty = result("", {}, reasons=["no text to analyse"], warnings=["the text is empty"])
    plain = result("nothing marked here", {"depression": task("depression", [], label="no")})
    bad = result("x", {"depression": task("depression", status="invalid")})
    page = render_report(["", "nothing marked here", "x"], [empty, plain, bad])
    dom = read(page)
    assert dom.marks == [] and dom.levels == ["none", "none", "none"]
    assert dom.post_texts == ["", "nothing marked here", "x"]
    assert "No task results for this post" in page and "INVALID" in page and "not a \u201cno\u201d" in page
    assert "No posts." in render_report([], [])


def test_symptom_status_rationale_and_table():
    texts, results = three_posts()
    page = render_report(texts, results)
    assert "negated" in page and "present" in page and "feeling down or hopeless (PHQ-9 item 2)" in page
    assert "The post mentions trouble sleeping and feeling like a burden." in page
    assert 'data-task="interpersonal_risk"' in page and "perceived_burdensomeness: 0.80" in page


def test_moderate_without_resources_still_says_where_to_get_help():
    r = result("x", {})
    r.triage = Triage(level="moderate", reasons=[], resources=None)
    assert "local emergency services" in render_report(["x"], [r])


def test_spans_that_do_not_quote_the_text_are_not_drawn():
    text = "abc def"
    wrong = Evidence(start=0, end=3, text="xyz", weight=1.0, label="yes")
    outside = Evidence(start=5, end=50, text="ef", weight=1.0, label="yes")
    dom = read(render_report([text], [result(text, {"depression": task("depression", [wrong, outside])})]))
    assert dom.marks == []


def test_texts_and_results_must_pair_up():
    with pytest.raises(UsageError, match="2 texts for 1 results"):
        render_report(["a", "b"], [result("a", {})])


def test_control_characters_and_lone_surrogates_keep_offsets():
    text = "nul\x00 bell\x07 bad\ud800 tail \x85 end"
    r = result(text, {"depression": task("depression", [span(text, "bad\ud800 tail", 1.0), span(text, "\x85 end", 1)])})
    page = render_report([text], [r])
    page.encode("utf-8")                       # no lone surrogate reaches the file
    dom = check_exact([text], [r], page)
    assert dom.post_texts == ["nul\u2400 bell\u2407 bad\ufffd tail \ufffd end"]


def test_a_100k_character_post_renders_fast():
    text = ("I can't sleep and I feel like a burden. " * 2600)[:100_000]
    ev = [span(text, "I can't sleep", 0.5, nth=i) for i in range(0, 2000, 7)]
    ev += [span(text, "sleep and I feel", -0.3, nth=i) for i in range(0, 2000, 11)]
    r = result(text, {"depression": task("depression", ev)})
    t0 = time.perf_counter()
    page = render_report([text], [r])
    assert time.perf_counter() - t0 < 2.0
    check_exact([text], [r], page)


_unicode = st.text(st.characters(blacklist_categories=("Cs",)), min_size=1, max_size=60) | st.sampled_from(
    [CHINESE, EMOJI, OVERLAP, "e\u0301\u0301 x\u200d y", "a\r\nb\rc"])


@settings(max_examples=60, deadline=None)
@given(text=_unicode, cuts=st.lists(st.tuples(st.integers(0, 60), st.integers(1, 20), st.floats(-3, 3),
                                              st.integers(0, 2)), max_size=8))
def test_any_unicode_and_any_overlap_quotes_exactly(text, cuts):
    tasks: dict = {}
    for start, length, weight, which in cuts:
        start = start % len(text)
        end = min(len(text), start + length)
        name = ("depression", "stress", "loneliness")[which]
        e = Evidence(start=start, end=end, text=text[start:end], weight=weight, label="yes")
        tasks.setdefault(name, task(name)).evidence.append(e)
    r = result(text, tasks)
    check_exact([text], [r], render_report([text], [r]))
