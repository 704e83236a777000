"""Views of a message for the chat's safety detectors (chat/safety.py).

People hide risk in spelling: leetspeak (k1ll, su1c1de, d!e), spaced or dotted letters
(k i l l, s.u.i.c.i.d.e), stretched letters (diiiie), stars (s*icide), full-width letters,
traditional characters, and Chinese split by spaces or symbols (自 杀, 自.杀) or written with
homophones (紫砂). ``View`` turns a message into text the detectors can read, and masks the parts
that are not the writer's own present words (explain/scope.py: negated, past, someone else's,
quoted, fixed idioms such as "kill a process" or 笑死) so that the detectors can tell "I want to die"
from "I don't want to die", "I used to want to die" and "my friend wants to die".

Masking works on a same-length copy (char-for-char leetspeak, simplified characters), so that the
scope offsets stay valid; the squeezing (letters, spacing) happens after masking.
"""
from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass

from ..chinese import has_han, simplify

# leetspeak, one character for one: only inside a token that also has letters (so "988" stays 988)
_LEET = str.maketrans({"1": "i", "!": "i", "|": "l", "3": "e", "4": "a", "@": "a", "0": "o", "5": "s", "$": "s",
                       "7": "t", "+": "t", "8": "b", "9": "g"})
_TOKEN = re.compile(r"[a-z0-9!|@$+]+")
_NUMBER_UNIT = re.compile(r"\d+(?:[.,]\d+)?[a-z]{0,4}")     # 20mg, 3am, 10kg, 2nd: numbers, not leetspeak
_ZERO_WIDTH = re.compile(r"[\u200b-\u200f\u2060\ufeff\u00ad]")
_QUOTES = str.maketrans({"\u2018": "'", "\u2019": "'", "\u201c": '"', "\u201d": '"', "`": "'"})
# letters split by single spaces, dots, dashes, stars: "k i l l", "s.u.i.c.i.d.e", "k-m-s" (3+ letters)
_SPACED = re.compile(r"\b[a-z](?P<sep>[ .\-_*~]{1,2})(?:[a-z](?P=sep)){1,}[a-z]\b")
_SPACED_MESSAGE = re.compile(r"^(?:[a-z](?: {1,3}|$))+$")           # "I W A N T  T O  D I E": every letter apart
_PRONOUN_JOINED = re.compile(r"\bi(want|wanna|am|will|feel|need|have|just)")
# symbols inside a word: "s*icide", "su-icide", "k.ill" (a letter on each side)
_INWORD = re.compile(r"(?<=[a-z])[*._~^\-]+(?=[a-z])")
_REPEAT = re.compile(r"([a-z])\1{2,}")             # 3+ of one letter -> one ("diiiie" -> "die")
_HAN_GAP = re.compile(r"(?<=[\u4e00-\u9fff])[\s.\-_*~·•,，。、/\\|]+(?=[\u4e00-\u9fff])")
_SPACES = re.compile(r"\s+")
# homophones and romanisations used for 自杀 in Chinese posts
_ZH_SLANG = [(re.compile(p), r) for p, r in [
    (r"紫砂|自鲨|自刹|自沙", "自杀"), (r"\bzi ?sha\b", "自杀"), (r"\bqing ?sheng\b", "轻生"),
    (r"想\s*s(?:i|4)?(?![a-z])", "想死"), (r"不想\s*huo\b", "不想活"),
]]

# Cantonese written forms -> Mandarin, one character for one (light() keeps the length): 唔想 -> 不想
_YUE = str.maketrans({"唔": "不", "冇": "没", "咗": "了", "谂": "想", "喺": "在", "瞓": "睡", "攰": "累", "佢": "他",
                      "啲": "些", "嘅": "的", "俾": "给", "晒": "完", "揾": "找", "食": "吃",
                      "企": "站"})
_YUE_WORDS = [("而家", "现在"), ("点样", "怎样"), ("边度", "哪里"), ("落去", "下去"), ("乜嘢", "什么"),
              ("个仔", "儿子"), ("个女", "女儿"), ("捱唔住", "撑不住"), ("捱不住", "撑不住"), ("几多", "多少"),
              ("琴晚", "昨晚"), ("返嚟", "回来"), ("返来", "回来"), ("屋企", "家里")]
# chat shorthand -> words, after masking (lengths may change there)
_SHORTHAND = [(re.compile(p), r) for p, r in [
    (r"\b(?:abt|bout|abut)\b", "about"), (r"\bu\b", "you"), (r"\bur\b", "your"), (r"\bimma\b", "i'm going to"),
    (r"\bwnt\b", "want"), (r"\bswaer\b", "swear"), (r"\btho\b", "though"), (r"\bcuz\b|\bcos\b", "because"),
]]

OWN_MASK = ("negated", "past", "other_person", "quoted", "idiom")


def light(text: str) -> str:
    """Lower-case, NFKC (full-width -> half-width), quotes and zero-width characters tidied,
    simplified Chinese, leetspeak inside words: the same length as ``text``'s NFKC form."""
    t = unicodedata.normalize("NFKC", text)
    t = _ZERO_WIDTH.sub(lambda m: " ", t).translate(_QUOTES).lower()
    if has_han(t):
        t = simplify(t).translate(_YUE)
        for a, b in _YUE_WORDS:
            t = t.replace(a, b)
    return _TOKEN.sub(_unleet, t)


def _unleet(m: re.Match[str]) -> str:
    tok = m.group(0)
    core = tok.rstrip("!")                         # "die!!!" is shouting, not leetspeak
    if not re.search(r"[a-z]", core) or core.isalpha() or _NUMBER_UNIT.fullmatch(core):
        return tok
    return core.translate(_LEET) + tok[len(core):]


def squeeze(text: str) -> str:
    """After masking: spaced and dotted letters joined, symbols inside words dropped, stretched
    letters shortened, Chinese split by spaces or symbols joined, slang spelled out, one space."""
    if _SPACED_MESSAGE.match(text.strip()) and len(text.strip()) > 4:     # one space inside words, more between
        t = _PRONOUN_JOINED.sub(r"i \1", " ".join(w.replace(" ", "") for w in re.split(r" {2,}", text.strip())))
    else:
        t = _SPACED.sub(lambda m: re.sub(r"[ .\-_*~]", "", m.group(0)), text)
    t = _INWORD.sub("", t)
    t = _REPEAT.sub(r"\1", t)
    t = _HAN_GAP.sub("", t)
    for pat, rep in _ZH_SLANG + _SHORTHAND:
        t = pat.sub(rep, t)
    return _SPACES.sub(" ", t).strip()


def _mask(text: str, spans: list[tuple[int, int]]) -> str:
    chars = list(text)
    for a, b in spans:
        chars[a:b] = " " * (b - a)
    return "".join(chars)


@dataclass(frozen=True)
class View:
    """A message as the detectors read it.

    - ``all``: every word, normalised (method questions, diet and diagnosis requests: framing such
      as fiction or a third person does not clear them);
    - ``own``: the writer's own present words only (negated, past, someone else's, quoted and
      fixed-idiom parts blanked);
    - ``own_neg``: as ``own`` but keeping negated parts (for wordings that carry their own
      negation: "I don't want to live", 不想活);
    - ``past``: the writer's own past words ("I used to ...");
    - ``other``: words about someone else only ("my friend said she wants to die"), negated and past parts
      blanked ("my friend died by suicide two years ago" is grief, not a crisis now);
    - ``third``: every present word (negated, past and quoted parts blanked), for third-person wordings.
    """

    all: str
    own: str
    own_neg: str
    past: str
    other: str
    third: str
    raw: str


def view(text: str) -> View:
    from ..explain.scope import scopes

    lt = light(text)
    sc = scopes(lt)
    fixed = [(s.start, s.end) for s in sc if s.kind == "idiom" and (s.cue_start, s.cue_end) == (s.start, s.end)]
    joke_free = [s for s in sc if s.kind != "idiom"]          # a joke marker ("lol") does not hide risk

    def spans(kinds: tuple[str, ...]) -> list[tuple[int, int]]:
        return [(s.start, s.end) for s in joke_free if s.kind in kinds]

    own = _mask(lt, spans(OWN_MASK) + fixed)
    own_neg = _mask(lt, spans(("past", "other_person", "quoted")) + fixed)
    keep_only = [(s.start, s.end) for s in joke_free if s.kind == "past"]
    past = _mask(lt, _complement(keep_only, len(lt)))
    other_keep = [(s.start, s.end) for s in joke_free if s.kind == "other_person"]
    other = _mask(lt, _complement(other_keep, len(lt)) + spans(("negated", "past")) + fixed)
    third = _mask(lt, spans(("negated", "past", "quoted")) + fixed)
    return View(all=squeeze(_mask(lt, fixed)), own=squeeze(own), own_neg=squeeze(own_neg), past=squeeze(past),
                other=squeeze(other), third=squeeze(third), raw=text)


def _complement(keep: list[tuple[int, int]], n: int) -> list[tuple[int, int]]:
    out, pos = [], 0
    for a, b in sorted(keep):
        if a > pos:
            out.append((pos, a))
        pos = max(pos, b)
    if pos < n:
        out.append((pos, n))
    return out
