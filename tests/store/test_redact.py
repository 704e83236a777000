"""Redaction (store/redact.py) and the Result carried over to the redacted text (store/results.py)."""
from __future__ import annotations

import json
import re

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from mentalens.store.redact import map_span, redact
from mentalens.store.results import redact_result, scores


@pytest.mark.parametrize("text, want", [
    ("mail bob@example.com now", "mail [email] now"),
    ("first.last+tag@mail.example.co.uk.", "[email]."),
    ("call +1 (555) 123-4567 tonight", "call [phone] tonight"),
    ("555-123-4567 or (555) 123-4567 or 555.123.4567", "[phone] or [phone] or [phone]"),
    ("London 020 7946 0958, mobile 07700 900123", "London [phone], mobile [phone]"),
    ("+44 20 7946 0958 and +8613812345678", "[phone] and [phone]"),
    ("手机13812345678或138 1234 5678", "手机[phone]或[phone]"),
    ("联系bob@example.com谢谢", "联系[email]谢谢"),
    ("local 123-4567 only", "local [phone] only"),
    ("ask @jane_doe or @张三 or u/someone", "ask [handle] or [handle] or [handle]"),
    ("see https://example.com/a?b=1. and www.example.org", "see [url]. and [url]"),
    ("bare example.com/path/x, then", "bare [url], then"),
    ("(https://x.org/y)", "([url])"),
])
def test_items_are_replaced(text, want):
    assert redact(text)[0] == want


@pytest.mark.parametrize("text", [
    "In 2024 I slept 3 days straight, 50% of the time, at 10:30 or 10:30pm.",
    "It cost $1,000,000 or 1 000 000 yuan, room 101, 1990s, 3-4 weeks, +5% and -3 points.",
    "On 2024-01-15 or 15.01.2024 or 01/15/2024, version 3.11.4, address 192.168.1.1.",
    "Meet @ 5pm or @2pm; e.g. i.e. etc. 2019-2020, 12:30:45, 1.5 hours, 24/7, 9-5 job.",
    "I scored 27/30, took 20mg twice, lost 5kg, 10000 steps, number 1234567.",
    "我在2024年3月5日睡了12个小时，体重50公斤，考了98分。",
])
def test_ordinary_numbers_are_kept(text):
    assert redact(text) == (text, [])


def test_spans_and_idempotence():
    text = "write to a@b.io, call 555-123-4567"
    out, spans = redact(text)
    assert [(s.kind, text[s.start:s.end], out[s.new_start:s.new_end]) for s in spans] == \
        [("email", "a@b.io", "[email]"), ("phone", "555-123-4567", "[phone]")]
    assert redact(out) == (out, [])


# -- properties -------------------------------------------------------------------------------

words = st.lists(st.sampled_from(["I", "feel", "tired", "today", "and", "the", "walk", "2024", "3 days", "50%",
                                  "10:30", "it", "was", "fine", ",", ".", "我", "很", "累"]), max_size=8).map(" ".join)
digits = st.text("0123456789", min_size=1, max_size=1)


@st.composite
def phones(draw):
    d = lambda n: "".join(draw(digits) for _ in range(n))  # noqa: E731
    area = draw(st.sampled_from("2345678")) + d(2)
    return draw(st.sampled_from([
        f"+1 ({area}) {area}-{d(4)}", f"{area}-{area}-{d(4)}", f"({area}) {area}-{d(4)}", f"{area}.{area}.{d(4)}",
        f"+44 20 {d(4)} {d(4)}", f"020 {d(4)} {d(4)}", f"07700 {d(6)}", f"1{draw(st.sampled_from('3456789'))}{d(9)}",
        f"138 {d(4)} {d(4)}", f"+86 138 {d(4)} {d(4)}", f"010-{d(8)}"]))


emails = st.builds(lambda a, b, tld: f"{a}@{b}.{tld}", st.from_regex(r"[a-z][a-z0-9._]{0,10}[a-z0-9]", fullmatch=True),
                   st.from_regex(r"[a-z][a-z0-9-]{0,8}[a-z0-9]", fullmatch=True), st.sampled_from(["com", "org", "cn"]))
handles = st.from_regex(r"@[A-Za-z_][A-Za-z0-9_]{2,14}", fullmatch=True)
urls = st.builds(lambda host, path: f"https://{host}.com/{path}", st.from_regex(r"[a-z]{3,10}", fullmatch=True),
                 st.from_regex(r"[a-z0-9]{1,8}", fullmatch=True))


@settings(max_examples=300, deadline=None)
@given(before=words, item=st.one_of(phones(), emails, handles, urls), after=words)
def test_planted_items_never_survive(before, item, after):
    out, spans = redact(f"{before} {item} {after}")
    assert item not in out
    assert len(spans) >= 1 and out.count("[") >= 1


@settings(max_examples=300, deadline=None)
@given(text=st.text(max_size=60), data=st.data())
def test_mapped_spans_read_the_redacted_text(text, data):
    text = text + " mail x.y@example.com or 555-123-4567 " + text
    out, spans = redact(text)
    a = data.draw(st.integers(0, len(text)))
    b = data.draw(st.integers(a, len(text)))
    na, nb = map_span(a, b, spans)
    assert 0 <= na <= nb <= len(out)
    touched = [s for s in spans if s.start < b and a < s.end]
    if not touched:
        assert out[na:nb] == text[a:b]
    for s in touched:                              # a touched redaction is covered whole
        assert na <= s.new_start and s.new_end <= nb


@settings(max_examples=200, deadline=None)
@given(text=st.text(alphabet=st.characters(blacklist_categories=("Cs",)), max_size=80))
def test_redaction_is_idempotent_and_keeps_plain_text(text):
    out, spans = redact(text)
    assert redact(out)[0] == out
    if not spans:
        assert out == text


# -- a Result computed on the raw text, stored with the redacted text -----------------------------

PLANTED = ["I want to die, mail me at bob.smith@example.com or call +1 (555) 123-4567. "
           "I can't see any reason to keep living.",
           "I feel so alone, nobody would even notice if I was gone. Text 555-987-6543 or @sadbob99.",
           "I stopped enjoying music and food, see https://blog.example.net/my-diary for more, I feel hopeless."]
SECRETS = ["bob.smith", "example.com", "123-4567", "987-6543", "sadbob99", "blog.example", "my-diary"]


@settings(max_examples=30, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(i=st.integers(0, len(PLANTED) - 1), cut=st.integers(0, 40))
def test_result_is_carried_over(analyzer, i, cut):
    raw = PLANTED[i][cut:]
    result = analyzer.analyze([raw], None, locale="en_US", explain=True)[0]
    red, spans = redact(raw)
    stored = redact_result(result, raw, red, spans, post_id="p1")
    assert stored.chars == len(red) and stored.id == "p1"
    dumped = json.dumps(stored.model_dump(mode="json"), ensure_ascii=False)
    secrets = [s for s in SECRETS if s in raw]
    assert [s for s in secrets if s in dumped.replace("988", "")] == []
    for tr in stored.tasks.values():
        for item in [*tr.evidence, *tr.symptoms]:
            assert item.text == red[item.start:item.end]
    assert stored.triage.resources == result.triage.resources      # crisis numbers are kept as they are
    assert scores(stored) == scores(result)


def test_rationale_quotes_are_re_read_from_the_redacted_text(analyzer):
    raw = PLANTED[0]
    result = analyzer.analyze([raw], None, locale="en_US", explain=True)[0]
    red, spans = redact(raw)
    stored = redact_result(result, raw, red, spans)
    for tid, tr in stored.tasks.items():
        for quote in re.findall(r"“([^”]*)”", tr.rationale or ""):
            assert " ".join(quote.rstrip("…").split()) in " ".join(red.split()), (tid, quote)
