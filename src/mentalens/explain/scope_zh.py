"""Chinese scopes: the same six kinds as explain/scope.py, for Chinese and code-mixed text.

The rules are data (``lexicon/scopes.zh.yaml``) run by the same engine as the English ones,
without word boundaries (Chinese has no spaces between words). They read the text through
``zh_view``: lower-cased, quotes straightened, traditional and variant characters made
simplified and full-width punctuation half-width (``mentalens.chinese.simplify``), one
character for one, so every offset indexes the caller's string and 我沒有想死 reads like
我没有想死.

- negated: 没有/没/不/不会/不想/从没/从来没/从未/并不/别/不再/再也不 up to the clause end
  (，。！？；, a space between two characters, 但是, 所以, the writer's next 我) - unless
  reached through 觉得/认为/确定 (我不觉得我抑郁 is negated). No cue: words where 不/没/别 negate
  nothing that follows (不过, 不知道, 忍不住, 对不起, 没事, 没有人, 别人, 特别, 告别) and
  potential complements (睡不着, 撑不下去: "cannot", a symptom's own wording); A-not-A
  questions (是不是, 有没有). Backward: 想死的念头已经消失了.
- hypothetical: 如果/假如/要是/万一/假设/即使/就算/要不是/会不会 up to the clause end or the main
  clause (就, 那么, 的话): in 如果考砸了我就去死 only the condition is hypothetical. "If only"
  wishes (要是我死了就好了) are no condition.
- past: 以前/曾经/过去/那时候/小时候/当年/高中的时候 up to a return to the present (现在, 但是,
  如今, 最近, ...); 两年前/去年 around their clause.
- other_person: reported speech (我朋友说她不想活了, 他告诉我, 新闻里说), a clause whose subject is
  someone else (他/她/他们/我妈 at a clause start), 她的抑郁症; it stops at the writer (她说我是个累赘:
  the burden is the writer's). quoted: “” 「」 『』 《》 "" (not when the writer introduces their
  own words: 我跟她说“我想死”), lyrics, 叫我去死.
- idiom: death words as hyperbole or jargon (笑死, 累死了, 想死你了, 死机, 杀进程, 社死, 累得要死;
  scope == cue), and joke markers (哈哈哈, hhh, xswl, 😂, [允悲]: their sentence) unless
  说真的/不是开玩笑.

Code-mixed text gets both rule sets: English scopes are kept to the Latin-script stretch
around their cue (they never reach into Chinese text), and quotes are left to the Chinese
rules (which know both languages' ways of quoting oneself).

Known limits: clause ends are punctuation and a closed word list; 以前 after a verb ("before")
still reads as the past; no coreference.
"""
from __future__ import annotations

from bisect import bisect_left
from functools import lru_cache
from pathlib import Path

from ..chinese import HAN, simplify
from .scope import LEXICON_DIR, Rules, Scope, _load, scopes_of_view, view

__all__ = ["SCOPES_FILE_ZH", "idiom_spans", "load_rules_zh", "mixed_scopes_of_view", "scopes_zh", "simplify",
           "zh_view"]

SCOPES_FILE_ZH = LEXICON_DIR / "scopes.zh.yaml"
_QUOTE_MARKS = frozenset("\"'«「『《")


def zh_view(text: str) -> str:
    """``view(text)`` in simplified characters and half-width punctuation; same length as ``text``."""
    return simplify(view(text))


def load_rules_zh(path: str | Path | None = None) -> Rules:
    """The Chinese scope rules (the packaged file, cached, when ``path`` is None)."""
    return _rules_zh() if path is None else _load(Path(path))


@lru_cache(maxsize=1)
def _rules_zh() -> Rules:
    return _load(SCOPES_FILE_ZH)


def scopes_zh(text: str) -> list[Scope]:
    """The Chinese rules' scopes only (no English ones), sorted like ``scopes``."""
    return scopes_of_view(zh_view(text), _rules_zh())


def mixed_scopes_of_view(v: str) -> list[Scope]:
    """English and Chinese scopes of a ``zh_view``: English ones cut to the Latin-script stretch
    around their cue, English quotes left to the Chinese rules; sorted, no duplicates."""
    han = [m.start() for m in HAN.finditer(v)]
    out = set(scopes_of_view(v, _rules_zh()))
    for sc in scopes_of_view(v):
        if sc.kind == "quoted" and sc.cue_end - sc.cue_start == 1 and v[sc.cue_start] in _QUOTE_MARKS:
            continue
        i = bisect_left(han, sc.cue_start)
        if i < len(han) and han[i] < sc.cue_end:
            continue                                   # a cue with Chinese in it (none in the English file)
        lo = han[i - 1] + 1 if i > 0 else 0
        j = bisect_left(han, sc.cue_end)
        hi = han[j] if j < len(han) else len(v)
        start, end = max(sc.start, lo), min(sc.end, hi)
        while start < end and (v[start].isspace() or v[start] in ",;:"):
            start += 1
        while end > start and (v[end - 1].isspace() or v[end - 1] in ",;:"):
            end -= 1
        if start < end:
            out.add(Scope(start, end, sc.kind, sc.cue_start, sc.cue_end))
    return sorted(out, key=lambda s: (s.start, s.end, s.kind, s.cue_start, s.cue_end))


def idiom_spans(text: str) -> list[tuple[int, int]]:
    """Character ranges of the Chinese death-word idioms in ``text`` (笑死, 累死了, 想死你了, 死机,
    杀进程, 社死, 累得要死, ...): sorted, merged where they overlap; [] when ``text`` has no Chinese."""
    if HAN.search(text) is None:
        return []
    spans = sorted((s.start, s.end) for s in scopes_of_view(zh_view(text), _rules_zh())
                   if s.kind == "idiom" and (s.start, s.end) == (s.cue_start, s.cue_end))
    out: list[tuple[int, int]] = []
    for s, e in spans:
        if out and s < out[-1][1]:
            out[-1] = (out[-1][0], max(out[-1][1], e))
        else:
            out.append((s, e))
    return out


