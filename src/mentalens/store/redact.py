"""Redaction of personal data before anything is stored: e-mail addresses, phone numbers, @handles
and URLs become placeholders ([email], [phone], [handle], [url]).

The model reads the raw text (redaction would change what it sees); the store keeps the redacted
text, and results.py maps a Result computed on the raw text onto it. Each pattern is written to
leave ordinary numbers alone: years, dates, times, "3 days", percentages, prices and counts have no
phone shape (a phone is a +country code, a (555) 123-4567 / 555-123-4567 group, a national number
with a leading 0, a Chinese mobile 1[3-9]xxxxxxxxx, or a 123-4567 local number), and each shape
is checked for its count of digits. Matching is on ASCII around each item, so an address written
straight after Chinese characters (联系bob@example.com) is still found.
"""
from __future__ import annotations

import re
from dataclasses import dataclass

_SURROGATE = re.compile("[\ud800-\udfff]")
PLACEHOLDERS = {"email": "[email]", "phone": "[phone]", "handle": "[handle]", "url": "[url]"}

_ALNUM = "A-Za-z0-9"
_URL_CHARS = r"[A-Za-z0-9\-._~:/?#@!$&*+,;=%]"      # RFC 3986 characters but quotes and brackets
_URL_TRAIL = ".,;:!?*'"                             # punctuation that ends a sentence, not a URL
_LABEL = rf"[{_ALNUM}](?:[{_ALNUM}-]*[{_ALNUM}])?"

EMAIL = re.compile(rf"(?<![{_ALNUM}._%+-])[{_ALNUM}][{_ALNUM}._%+-]*@{_LABEL}(?:\.{_LABEL})*\.[A-Za-z]{{2,}}"
                   rf"(?![{_ALNUM}-])")
URL = re.compile(rf"(?<![{_ALNUM}@._-])(?:(?:https?://|www\.){_URL_CHARS}+"
                 rf"|(?:{_LABEL}\.)+[A-Za-z]{{2,}}/{_URL_CHARS}*)", re.IGNORECASE)
HANDLE = re.compile(rf"(?<![{_ALNUM}_@.!#$%&*+=\\/-])@\w[\w.]{{0,29}}|(?<![{_ALNUM}_/])/?u/[{_ALNUM}_-]{{3,20}}")
_TIME_LIKE = re.compile(r"@\d{1,2}(?:[:.]\d{2})?\s?(?:[ap]\.?m\.?)?", re.IGNORECASE)

_S = r"[ .\-\u00a0]"                                # one separator inside a phone number
_PHONE_SHAPES = (
    # (pattern, fewest digits, most digits)
    (rf"\+\d{{1,3}}(?:{_S}?\(\d{{1,4}}\))?(?:{_S}?\d{{1,5}}){{1,5}}", 8, 15),           # +1 (555) 123-4567
    (rf"(?:1{_S})?(?:\(\d{{3}}\){_S}?|\d{{3}}{_S})\d{{3}}{_S}\d{{4}}", 10, 11),           # (555) 123-4567
    (r"0\d{1,4}(?:[ \-]\d{2,8}){1,3}", 9, 12),                                             # 020 7946 0958
    (r"0\d{9,10}", 10, 11),                                                                # 02079460958
    (r"1[3-9]\d(?:[ \-]?\d{4}){2}", 11, 11),                                               # 13812345678
    (r"\d{3}-\d{4}", 7, 7),                                                                # 123-4567
)
# not inside a longer run of digits or letters, nor a decimal, date or version number
PHONES = [(re.compile(rf"(?<![{_ALNUM}+.,/:\-]){p}(?![{_ALNUM}])(?![.,/:\-]\d)"), lo, hi)
          for p, lo, hi in _PHONE_SHAPES]


@dataclass(frozen=True)
class Span:
    """One redaction: ``text[start:end]`` of the original became ``redacted[new_start:new_end]``."""

    start: int
    end: int
    kind: str
    new_start: int
    new_end: int


def find(text: str) -> list[tuple[int, int, str]]:
    """(start, end, kind) of every item to redact, in order, without overlaps (at a tie the
    earlier start wins, then the longer match)."""
    found: list[tuple[int, int, str]] = []
    for m in EMAIL.finditer(text):
        found.append((m.start(), m.end(), "email"))
    for m in URL.finditer(text):
        end = m.end()
        while end > m.start() and text[end - 1] in _URL_TRAIL:
            end -= 1
        found.append((m.start(), end, "url"))
    for m in HANDLE.finditer(text):
        end = m.end()
        while text[end - 1] == ".":
            end -= 1
        if not _TIME_LIKE.fullmatch(text, m.start(), end):
            found.append((m.start(), end, "handle"))
    for pattern, lo, hi in PHONES:
        for m in pattern.finditer(text):
            end = _fit(pattern, text, m, lo, hi)
            if end is not None:
                found.append((m.start(), end, "phone"))
    found.sort(key=lambda f: (f[0], -(f[1] - f[0])))
    out: list[tuple[int, int, str]] = []
    for start, end, kind in found:
        if end > start and (not out or start >= out[-1][1]):
            out.append((start, end, kind))
    return out


def _fit(pattern: re.Pattern, text: str, m: re.Match, lo: int, hi: int) -> int | None:
    """Where a phone match ends once its count of digits is checked: the whole match, else the
    longest shorter one ending at a group of digits ("020 7946 0958 2024" is a number and a year)."""
    ends = [m.end()] + [i for i in range(m.end() - 1, m.start(), -1) if text[i - 1].isdigit() and not text[i].isdigit()]
    for end in ends:
        if lo <= sum(c.isdigit() for c in text[m.start():end]) <= hi and \
                (end == m.end() or pattern.fullmatch(text, m.start(), end)):
            return end
    return None


def redact(text: str) -> tuple[str, list[Span]]:
    """``text`` with every e-mail, phone number, handle and URL replaced by its placeholder, and
    the spans replaced (original and new offsets)."""
    parts, spans, pos, shift = [], [], 0, 0
    for start, end, kind in find(text):
        placeholder = PLACEHOLDERS[kind]
        parts.append(text[pos:start])
        new_start = start + shift
        spans.append(Span(start, end, kind, new_start, new_start + len(placeholder)))
        parts.append(placeholder)
        shift += len(placeholder) - (end - start)
        pos = end
    parts.append(text[pos:])
    return "".join(parts), spans


def no_surrogates(text: str) -> str:
    """``text`` with each lone surrogate (possible only through the Python API) as U+FFFD, one
    character for one so offsets hold: SQLite and UTF-8 files cannot hold them."""
    return _SURROGATE.sub("\ufffd", text)


def map_offset(pos: int, spans: list[Span], *, end: bool) -> int:
    """An offset of the original text in the redacted text. A position inside a redaction goes to
    the placeholder's start (a span's start) or its end (a span's end), so a span that touches a
    redaction covers the whole placeholder."""
    shift = 0
    for s in spans:
        if pos <= s.start:
            break
        if pos < s.end:
            return s.new_end if end else s.new_start
        shift = s.new_end - s.end
    return pos + shift


def map_span(start: int, end: int, spans: list[Span]) -> tuple[int, int]:
    """A [start, end) span of the original text in the redacted text."""
    new_start = map_offset(start, spans, end=False)
    return new_start, max(new_start, map_offset(end, spans, end=True))
