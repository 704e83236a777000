"""A tiny, script-based language guess: "en", "zh", "mixed" or "unknown".

Enough to tell a user that a text is mostly in a language the model was not trained on;
not a language identifier. Han characters count as Chinese words (about 1.5 characters a
word); runs of Latin letters count as words, and Latin text counts as English unless common
words of other Latin-script languages (German, French, Spanish, ...) outnumber English ones.
Other scripts (Cyrillic, Arabic, Devanagari, kana, Hangul, ...) count against both.
"""
from __future__ import annotations

import re
from dataclasses import dataclass

from .chinese import HAN as _HAN

_LATIN_WORD = re.compile(r"[A-Za-z\u00c0-\u024f']+")
_LETTER = re.compile(r"[^\W\d_]")
# Common short words of English, and of the other Latin-script languages most often met,
# leaving out words that are also English ("die", "was", "me", "no", "a", "in", ...).
_EN_FUNCTION = frozenset(
    "i i'm im i've i'll i'd my you your he she it it's we they them the and but with were are been have has had "
    "does did don't can't won't not of for that this what when how just like all feel really would could should "
    "there their about from because".split())
_OTHER_FUNCTION = frozenset(
    "ich und nicht der das ist mit mich mir sehr auch aber ein eine zu je et le la les est pas suis une des du "
    "que qui très mais avec moi y el los las es muy pero estoy una por para yo nadie qué e il che sono di molto "
    "ma ho eu não muito uma com estou os ik en het een niet zijn ben maar heel".split())

HAN_CHARS_PER_WORD = 1.5
DOMINANT = 0.8          # share of words in one language for a text to be that language
MIN_OTHER_HITS = 2
SAMPLE_CHARS = 10_000
SAMPLE_WORDS = 80


@dataclass(frozen=True)
class Guess:
    language: str        # en / zh / mixed / unknown
    has_words: bool      # False: no letters at all (emoji, digits, punctuation only)


def guess(text: str) -> Guess:
    """Guess the main language of ``text`` from its scripts (the first SAMPLE_CHARS characters)."""
    text = text[:SAMPLE_CHARS]
    latin_words = _LATIN_WORD.findall(text)
    if text.isascii():
        if not latin_words:
            return Guess("unknown", False)
        return Guess("en" if _looks_english(latin_words) else "unknown", True)
    n_han = len(_HAN.findall(text))
    n_letters = len(_LETTER.findall(text))
    if n_letters == 0:
        return Guess("unknown", False)
    n_latin_letters = sum(len(w) for w in latin_words) - sum(w.count("'") for w in latin_words)
    n_other_letters = max(0, n_letters - n_latin_letters - n_han)
    latin = float(len(latin_words))
    han = n_han / HAN_CHARS_PER_WORD
    other = n_other_letters / 5.0       # rough letters per word for other scripts
    total = latin + han + other
    if han / total >= DOMINANT:
        return Guess("zh", True)
    if latin / total >= DOMINANT:
        return Guess("en" if _looks_english(latin_words) else "unknown", True)
    if other / total >= DOMINANT:
        return Guess("unknown", True)
    if han > 0 and latin > 0 and other / total < 1 - DOMINANT:
        return Guess("mixed", True)
    return Guess("unknown", True)


def _looks_english(words: list[str]) -> bool:
    """Latin-script text is English unless words of other languages outnumber English ones."""
    sample = [w.lower() for w in words[:SAMPLE_WORDS]]
    other = sum(1 for w in sample if w in _OTHER_FUNCTION)
    return other < MIN_OTHER_HITS or other <= sum(1 for w in sample if w in _EN_FUNCTION)


_NAMES = {"en": "English", "zh": "Chinese"}


def name(code: str) -> str:
    return _NAMES.get(code, code)


def coverage_warning(g: Guess, covered: list[str]) -> str | None:
    """A warning when the text is mostly in a language the model does not cover, else None."""
    if not g.has_words or g.language in covered:
        return None
    langs = " and ".join(name(c) for c in covered) or "other languages"
    if g.language == "mixed":
        if all(c in covered for c in ("en", "zh")):
            return None
        return (f"the text mixes English and Chinese; this model was trained on {langs} posts, "
                "so its signals cover only part of the text")
    if g.language == "unknown":
        return (f"the text does not look like {langs}; this model was trained on {langs} posts, "
                "so its signals for this text are unreliable")
    return (f"the text looks like {name(g.language)}; this model was trained on {langs} posts, "
            "so its signals for this text are unreliable")
